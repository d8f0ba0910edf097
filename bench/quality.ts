// npm run bench -- quality [--guests 100000] [--reseed]
// The nightly quality job over a seeded archive with planted issues
// (prisma/seed/planted-quality.ts): the first run (every rule on every guest,
// the findings written) and a re-run (nothing new), each in its own process
// as `npm run job` runs it — seconds and peak RSS (target at 1M: ≤ 120 s,
// ≤ 512 MB). Then the findings against the planted truth.
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { plantedPairs } from "../prisma/seed/planted-duplicates";
import { plantedQualityIssues } from "../prisma/seed/planted-quality";
import { seededDatabase } from "./lib/databases";
import { scratchCopy } from "./lib/scratch";
import { runJobInChild } from "./lib/job-process";
import { table } from "./lib/stats";

const TARGET_SECONDS_1M = 120;
const TARGET_RSS_MIB = 512;

/** Open findings against the planted truth: planted issues found, missed, and findings beyond them. */
function scoreAgainstTruth(file: string, guests: number) {
  const sqlite = new Database(file, { readonly: true });
  try {
    const rows = sqlite
      .prepare(
        `SELECT f."ruleId" AS ruleId, g."profileNumber" AS profileNumber FROM "QualityFinding" f JOIN "Guest" g ON g."id" = f."guestId" WHERE f."status" = 'OPEN'`,
      )
      .all() as { ruleId: string; profileNumber: string }[];
    const variants = new Set(plantedPairs(guests).same.map((p) => p.b));
    const found = new Set(rows.map((r) => `${r.ruleId} ${r.profileNumber}`));
    const planted = plantedQualityIssues(guests).map((p) => `${p.ruleId} ${p.profileNumber}`);
    const plantedSet = new Set(planted);
    const beyond = rows.filter(
      (r) => !plantedSet.has(`${r.ruleId} ${r.profileNumber}`) && !(r.ruleId === "phone-shared" && variants.has(r.profileNumber)),
    );
    return {
      findings: rows.length,
      planted: planted.length,
      foundPlanted: planted.filter((k) => found.has(k)).length,
      beyond: beyond.length,
      beyondSample: beyond.slice(0, 5),
    };
  } finally {
    sqlite.close();
  }
}

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { guests: { type: "string", default: "100000" }, reseed: { type: "boolean", default: false } },
  });
  const guests = Number(values.guests);
  const log = (line: string) => console.log(line);
  const seeded = seededDatabase(guests, { log, reseed: values.reseed });
  const file = scratchCopy(seeded.file, "quality", log);
  const asOf = new Date().toISOString().slice(0, 10);

  const first = await runJobInChild("quality", file, asOf);
  log(`first run: ${first.seconds} s, peak ${first.peakRssMiB} MiB, ${JSON.stringify(first.counts)}`);
  const again = await runJobInChild("quality", file, asOf);
  log(`re-run:    ${again.seconds} s, peak ${again.peakRssMiB} MiB, ${JSON.stringify(again.counts)}`);
  const truth = scoreAgainstTruth(file, guests);
  console.log(
    "\n" +
      table(
        ["guests", "run", "seconds", "peak RSS MiB", "raised", "fixed"],
        [
          [guests, "first", first.seconds, first.peakRssMiB, first.counts.raised ?? 0, first.counts.fixed ?? 0],
          [guests, "re-run", again.seconds, again.peakRssMiB, again.counts.raised ?? 0, again.counts.fixed ?? 0],
        ],
      ),
  );
  console.log(
    "\n" +
      table(
        ["open findings", "planted", "planted found", "beyond planted and duplicates"],
        [[truth.findings, truth.planted, truth.foundPlanted, truth.beyond]],
      ),
  );
  if (truth.beyondSample.length) console.log(`  e.g. ${JSON.stringify(truth.beyondSample)}`);
  const scaled = (first.seconds * 1_000_000) / guests;
  console.log(
    `\ntargets: peak ≤ ${TARGET_RSS_MIB} MiB — ${first.peakRssMiB <= TARGET_RSS_MIB ? "met" : "NOT met"}; ` +
      `time ${guests >= 1_000_000 ? "" : "extrapolated linearly "}to 1M: ${Math.round(scaled)} s (target ≤ ${TARGET_SECONDS_1M} s) — ${scaled <= TARGET_SECONDS_1M ? "met" : "NOT met"}`,
  );
}
