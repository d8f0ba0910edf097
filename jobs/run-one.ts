// `npm run job -- <name> --as-of YYYY-MM-DD [--dry-run]`: run one job now.
import "dotenv/config";
import { parseArgs } from "node:util";
import { db, disconnectDb } from "../app/db/client.server";
import { JOBS, isJobName, runNamedJob } from "../app/domain/jobs/registry.server";
import { homeTimeZone } from "./home-time-zone";
import { todayIn } from "../app/domain/calendar/occasions";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "as-of": { type: "string" }, "dry-run": { type: "boolean", default: false } },
});
const name = positionals[0];
if (!name || !isJobName(name)) {
  console.error(`Usage: npm run job -- <${Object.keys(JOBS).join("|")}> --as-of YYYY-MM-DD [--dry-run]`);
  process.exit(2);
}
const asOf = values["as-of"] ?? todayIn(await homeTimeZone(db()));
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) {
  console.error(`--as-of must be a date YYYY-MM-DD, got "${asOf}".`);
  process.exit(2);
}
const started = Date.now();
const outcome = await runNamedJob(db(), name, { asOf, dryRun: values["dry-run"] ?? false, trigger: "cli" });
console.log(JSON.stringify({ job: name, asOf, dryRun: values["dry-run"], ...outcome, seconds: (Date.now() - started) / 1000 }, null, 2));
await disconnectDb();
process.exit(outcome.status === "FAILED" ? 1 : 0);
