// npm run bench -- purge [--guests 1000000] [--inactive 100000]
// The retention purge over a seeded archive: the preview, phase 1 (to the
// recycle bin) and phase 2 (anonymisation), for about --inactive inactive
// guests among --guests. Every write transaction is timed (target: none over
// 1 s, so the desk keeps working) and a desk search loop runs on a second
// connection meanwhile. Target: ≤ 60 s in all.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";
import { seededDatabase } from "./lib/databases";
import { rssSampler, scratchCopy } from "./lib/scratch";
import { summarise } from "./lib/stats";

const TARGET_SECONDS = 60;
const require = createRequire(import.meta.url);

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { guests: { type: "string", default: "1000000" }, inactive: { type: "string", default: "100000" } },
  });
  const guests = Number(values.guests);
  const wanted = Number(values.inactive);
  const log = (line: string) => console.log(line);
  const seeded = seededDatabase(guests, { log });
  const file = scratchCopy(seeded.file, "purge", log);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.ID_ENCRYPTION_KEY = "bench";
  const { db, disconnectDb } = await import("../app/db/client.server");
  const { addDays, todayIn } = await import("../app/domain/calendar/occasions");
  const { previewRetention } = await import("../app/domain/retention/evaluate-retention.server");
  const { getRetentionPolicy } = await import("../app/domain/retention/retention-policy.server");
  const { purgeInactiveGuests } = await import("../app/domain/retention/purge-inactive-guests.server");

  // About `wanted` inactive guests: the seed already has some (last stay over
  // three years ago); move the history of enough active guests (no future stay,
  // no open complaint) back five years to make up the rest.
  const today = todayIn("Asia/Shanghai");
  const policy = await getRetentionPolicy(db());
  const benchPolicy = await db().retentionPolicy.update({
    where: { id: 1 },
    data: { exemptVipLevel: null, exemptRecentConsent: false, graceDays: 1 },
  });
  const natural = (await previewRetention(db(), benchPolicy, today, { limit: 0 })).toPurge;
  const toAge = Math.max(0, wanted - natural);
  const shift = "-1830 days";
  const setup = performance.now();
  const cutoff = addDays(today, -policy.inactivityDays);
  await db().$executeRawUnsafe(
    `CREATE TEMP TABLE bench_old AS SELECT id FROM "Guest" g WHERE EXISTS (SELECT 1 FROM "Stay" s WHERE s."guestId" = g.id AND s."status" = 'CHECKED_OUT' AND s."departureDate" > '${cutoff}') AND NOT EXISTS (SELECT 1 FROM "Stay" s WHERE s."guestId" = g.id AND s."status" IN ('RESERVED','IN_HOUSE')) AND NOT EXISTS (SELECT 1 FROM "Feedback" f WHERE f."guestId" = g.id AND f."status" IN ('OPEN','IN_PROGRESS')) AND g."legalHold" = 0 ORDER BY id LIMIT ${toAge}`,
  );
  await db().$executeRawUnsafe(
    `UPDATE "Stay" SET "arrivalDate" = date("arrivalDate", '${shift}'), "departureDate" = date("departureDate", '${shift}') WHERE "guestId" IN (SELECT id FROM bench_old)`,
  );
  await db().$executeRawUnsafe(
    `UPDATE "TimelineEvent" SET "happensAt" = strftime('%Y-%m-%dT%H:%M:%S.000+00:00', "happensAt", '${shift}') WHERE "guestId" IN (SELECT id FROM bench_old)`,
  );
  await db().$executeRawUnsafe(
    `UPDATE "Guest" SET "createdAt" = strftime('%Y-%m-%dT%H:%M:%S.000+00:00', "createdAt", '${shift}') WHERE id IN (SELECT id FROM bench_old)`,
  );
  log(
    `${natural.toLocaleString("en")} guests were already inactive; made ${toAge.toLocaleString("en")} more inactive in ${((performance.now() - setup) / 1000).toFixed(1)} s`,
  );

  // Time every write transaction of the purge.
  const client = db();
  const transactionMs: number[] = [];
  const original = client.$transaction.bind(client) as (...a: unknown[]) => Promise<unknown>;
  (client as unknown as { $transaction: unknown }).$transaction = async (...a: unknown[]) => {
    const started = performance.now();
    try {
      return await original(...a);
    } finally {
      transactionMs.push(performance.now() - started);
    }
  };

  // The desk keeps searching, in its own process with its own connection.
  const desk = spawn(process.execPath, [require.resolve("tsx/cli"), "bench/lib/desk-probe.ts"], {
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let deskOutput = "";
  desk.stdout.on("data", (chunk) => {
    deskOutput += chunk;
  });
  const deskDone = new Promise((resolve) => desk.on("exit", resolve));

  const rss = rssSampler();
  const phases: { phase: string; seconds: number; counts: Record<string, number> }[] = [];
  let started = performance.now();
  const preview = await previewRetention(db(), benchPolicy, today, { limit: 50 });
  phases.push({
    phase: "preview",
    seconds: (performance.now() - started) / 1000,
    counts: { toPurge: preview.toPurge, exempt: preview.exempt },
  });
  log(`preview: ${preview.toPurge} to purge, ${preview.exempt} exempt in ${phases[0].seconds.toFixed(1)} s`);

  started = performance.now();
  const phase1 = await purgeInactiveGuests(db(), { asOf: today, dryRun: false });
  phases.push({ phase: "phase 1 (to the recycle bin)", seconds: (performance.now() - started) / 1000, counts: phase1 });
  log(`phase 1: ${JSON.stringify(phase1)} in ${phases[1].seconds.toFixed(1)} s`);
  const phase1Transactions = transactionMs.length;

  started = performance.now();
  // Grace is set to 1 day here, so the next day's run anonymises what the first binned.
  const phase2 = await purgeInactiveGuests(db(), { asOf: addDays(today, 1), dryRun: false });
  phases.push({ phase: "phase 2 (anonymise after grace)", seconds: (performance.now() - started) / 1000, counts: phase2 });
  log(`phase 2: ${JSON.stringify(phase2)} in ${phases[2].seconds.toFixed(1)} s`);
  const peak = rss.stop();
  desk.kill("SIGTERM");
  await deskDone;
  const deskMs: number[] = deskOutput ? JSON.parse(deskOutput).samples : [];
  await disconnectDb();

  const tx = summarise(transactionMs);
  const deskSummary = summarise(deskMs);
  const total = phases.reduce((s, p) => s + p.seconds, 0);
  const lines = [
    "# Purge benchmark",
    "",
    `Run ${new Date().toISOString()} with \`npm run bench -- purge --guests ${guests} --inactive ${wanted}\`: ${natural.toLocaleString("en")} guests of the seed were already inactive and ${toAge.toLocaleString("en")} more were made inactive (history moved back 5 years) among ${guests.toLocaleString("en")}; VIP and consent exemptions off so every inactive guest goes. Target: ≤ ${TARGET_SECONDS} s in all, no write transaction over 1 s.`,
    "",
    "| step | seconds | counts |",
    "| --- | --- | --- |",
    ...phases.map(
      (p) =>
        `| ${p.phase} | ${p.seconds.toFixed(1)} | ${Object.entries(p.counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")} |`,
    ),
    `| **total** | **${total.toFixed(1)}** | |`,
    "",
    `Write transactions: ${transactionMs.length} (${phase1Transactions} in phase 1), p50 ${tx.p50.toFixed(0)} ms, p95 ${tx.p95.toFixed(0)} ms, max ${tx.max.toFixed(0)} ms.`,
    `Desk search on a second connection meanwhile: ${deskMs.length} searches, p50 ${deskSummary.p50.toFixed(1)} ms, p95 ${deskSummary.p95.toFixed(1)} ms, max ${deskSummary.max.toFixed(0)} ms. Peak RSS ${peak} MiB.`,
    "",
  ];
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(path.join("bench/results", "purge.md"), lines.join("\n"));
  console.log(lines.join("\n"));
}
