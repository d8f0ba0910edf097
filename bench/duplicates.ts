// npm run bench -- duplicates [--guests 100000] [--reseed]
// The nightly duplicate scan over a seeded archive with planted duplicates
// (prisma/seed/planted-duplicates.ts): the first run (every guest's blocking
// keys written, every pair scored) and a re-run (nothing to do), each in its
// own process as `npm run job` runs it — seconds and peak RSS (target at 1M:
// ≤ 5 min, ≤ 512 MB). Then precision and recall of the review band against
// the planted truth (target precision ≥ 0.95 at recall ≥ 0.9), per variant kind.
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { plantedPairs } from "../prisma/seed/planted-duplicates";
import { seededDatabase } from "./lib/databases";
import { scratchCopy } from "./lib/scratch";
import { runJobInChild } from "./lib/job-process";
import { table } from "./lib/stats";

const TARGET_SECONDS_1M = 300;
const TARGET_RSS_MIB = 512;

/** Precision and recall of the queued pairs (review band and certain) against the planted truth. */
export function scoreAgainstTruth(file: string, guests: number) {
  const sqlite = new Database(file, { readonly: true });
  try {
    const rows = sqlite
      .prepare(
        `SELECT l."profileNumber" AS a, h."profileNumber" AS b, c."band" AS band FROM "DuplicateCandidate" c
         JOIN "Guest" l ON l."id" = c."lowGuestId" JOIN "Guest" h ON h."id" = c."highGuestId"`,
      )
      .all() as { a: string; b: string; band: string }[];
    const proposed = new Set(rows.map((r) => `${r.a}|${r.b}`));
    const truth = plantedPairs(guests);
    const found = truth.same.filter((p) => proposed.has(`${p.a}|${p.b}`));
    const negativesProposed = truth.different.filter((p) => proposed.has(`${p.a}|${p.b}`));
    const perKind = new Map<string, { planted: number; found: number }>();
    for (const p of truth.same) {
      const k = perKind.get(p.kind) ?? { planted: 0, found: 0 };
      k.planted++;
      if (proposed.has(`${p.a}|${p.b}`)) k.found++;
      perKind.set(p.kind, k);
    }
    return {
      proposed: rows.length,
      certain: rows.filter((r) => r.band === "CERTAIN").length,
      planted: truth.same.length,
      truePositives: found.length,
      precision: rows.length ? found.length / rows.length : 1,
      recall: truth.same.length ? found.length / truth.same.length : 1,
      hardNegatives: truth.different.length,
      hardNegativesProposed: negativesProposed.length,
      perKind,
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
  const file = scratchCopy(seeded.file, "duplicates", log);
  const asOf = new Date().toISOString().slice(0, 10);

  const first = await runJobInChild("duplicates", file, asOf);
  log(`first scan: ${first.seconds} s, peak ${first.peakRssMiB} MiB, ${JSON.stringify(first.counts)}`);
  const again = await runJobInChild("duplicates", file, asOf);
  log(`re-run:     ${again.seconds} s, peak ${again.peakRssMiB} MiB, ${JSON.stringify(again.counts)}`);

  const quality = scoreAgainstTruth(file, guests);
  console.log(
    "\n" +
      table(
        ["guests", "run", "seconds", "peak RSS MiB", "found", "rescored", "withdrawn"],
        [
          [
            guests,
            "first",
            first.seconds,
            first.peakRssMiB,
            first.counts.found ?? 0,
            first.counts.rescored ?? 0,
            first.counts.withdrawn ?? 0,
          ],
          [
            guests,
            "re-run",
            again.seconds,
            again.peakRssMiB,
            again.counts.found ?? 0,
            again.counts.rescored ?? 0,
            again.counts.withdrawn ?? 0,
          ],
        ],
      ),
  );
  console.log(
    "\n" +
      table(
        ["proposed", "certain", "planted", "found", "precision", "recall", "hard negatives proposed"],
        [
          [
            quality.proposed,
            quality.certain,
            quality.planted,
            quality.truePositives,
            quality.precision.toFixed(3),
            quality.recall.toFixed(3),
            `${quality.hardNegativesProposed} of ${quality.hardNegatives}`,
          ],
        ],
      ),
  );
  console.log(
    "\n" +
      table(
        ["variant", "planted", "found"],
        [...quality.perKind].map(([kind, k]) => [kind, k.planted, k.found]),
      ),
  );
  const scaled = (first.seconds * 1_000_000) / guests;
  console.log(
    `\ntargets: precision ≥ 0.95 at recall ≥ 0.9 — ${quality.precision >= 0.95 && quality.recall >= 0.9 ? "met" : "NOT met"}; ` +
      `peak ≤ ${TARGET_RSS_MIB} MiB — ${first.peakRssMiB <= TARGET_RSS_MIB ? "met" : "NOT met"}; ` +
      `scan time extrapolated linearly to 1M: ${Math.round(scaled)} s (target ≤ ${TARGET_SECONDS_1M} s)`,
  );
}
