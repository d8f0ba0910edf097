// `npm run jobs`: the jobs process. It only schedules; each job's work is a
// domain function (app/domain/jobs/registry.server.ts). Two jobs processes at
// once are safe: a run holds a lease per job, and the work is idempotent.
import "dotenv/config";
import cron from "node-cron";
import { db, disconnectDb } from "../app/db/client.server";
import { JOBS, runNamedJob, type JobName } from "../app/domain/jobs/registry.server";
import { todayIn } from "../app/domain/calendar/occasions";
import { homeTimeZone } from "./home-time-zone";

const timeZone = await homeTimeZone(db());
for (const [name, definition] of Object.entries(JOBS) as [JobName, (typeof JOBS)[JobName]][]) {
  cron.schedule(
    definition.cron,
    async () => {
      const asOf = todayIn(timeZone);
      const outcome = await runNamedJob(db(), name, { asOf, dryRun: false, trigger: "schedule" });
      console.log(`[jobs] ${name} as of ${asOf}: ${outcome.status} ${JSON.stringify(outcome.counts)}${outcome.error ? ` — ${outcome.error}` : ""}`);
    },
    { timezone: timeZone, name, noOverlap: true },
  );
  console.log(`[jobs] ${name}: "${definition.cron}" (${timeZone}) — ${definition.describe}`);
}
console.log("[jobs] scheduler running; Ctrl-C to stop.");

async function stop() {
  await cron.shutdown?.();
  await disconnectDb();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
