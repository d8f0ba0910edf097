// `npm run jobs`: the jobs process. It only schedules; each job's work is a
// domain function (app/domain/jobs/registry.server.ts). Daily jobs are
// scheduled in each property's time zone with that zone's date as `asOf`;
// the work is idempotent and holds a lease per job, so several time zones,
// or two jobs processes at once, never do anything twice.
import "dotenv/config";
import { ensureLocalSecretsOrExit } from "../app/config/local-secrets.server";
import cron from "node-cron";
import { db, disconnectDb } from "../app/db/client.server";
import { JOBS, runNamedJob, type JobName } from "./registry.server";
import { todayIn } from "../app/domain/calendar/occasions";
import { chainHome } from "../app/domain/properties/chain-clock.server";
import { verifyIdKeysOrExit } from "../app/domain/guests/id-key-check.server";

ensureLocalSecretsOrExit();
await verifyIdKeysOrExit(db());
const zones = [...new Set((await db().property.findMany({ select: { timeZone: true } })).map((p) => p.timeZone))];
const home = await chainHome(db());
if (!zones.length) zones.push(home.timeZone);

for (const [name, definition] of Object.entries(JOBS) as [JobName, (typeof JOBS)[JobName]][]) {
  const definitionZones = (definition as { once?: boolean }).once ? [home.timeZone] : zones;
  for (const timeZone of definitionZones) {
    cron.schedule(
      definition.cron,
      async () => {
        const asOf = todayIn(timeZone);
        const outcome = await runNamedJob(db(), name, { asOf, dryRun: false, trigger: "schedule" });
        console.log(
          `[jobs] ${name} (${timeZone}) as of ${asOf}: ${outcome.status} ${JSON.stringify(outcome.counts)}${outcome.error ? ` — ${outcome.error}` : ""}`,
        );
      },
      { timezone: timeZone, name: `${name}@${timeZone}`, noOverlap: true },
    );
    console.log(`[jobs] ${name}: "${definition.cron}" in ${timeZone} — ${definition.describe}`);
  }
}
console.log("[jobs] scheduler running; Ctrl-C to stop.");

async function stop() {
  await cron.shutdown?.();
  await disconnectDb();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
