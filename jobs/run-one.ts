// `npm run job -- <name> --as-of YYYY-MM-DD [--dry-run]`: run one job now.
import "dotenv/config";
import { ensureLocalSecretsOrExit } from "../app/config/local-secrets.server";
import { parseArgs } from "node:util";
import { db, disconnectDb } from "../app/db/client.server";
import { JOBS, isJobName, refuseRun, runNamedJob } from "./registry.server";
import { chainHome } from "../app/domain/properties/chain-clock.server";
import { todayIn } from "../app/domain/calendar/occasions";
import { verifyIdKeysOrExit } from "../app/domain/guests/id-key-check.server";

ensureLocalSecretsOrExit();
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "as-of": { type: "string" }, "dry-run": { type: "boolean", default: false } },
});
const name = positionals[0];
if (!name || !isJobName(name)) {
  console.error(`Usage: npm run job -- <${Object.keys(JOBS).join("|")}> --as-of YYYY-MM-DD [--dry-run]`);
  process.exit(2);
}
await verifyIdKeysOrExit(db());
const today = todayIn((await chainHome(db())).timeZone);
const asOf = values["as-of"] ?? today;
const refused = refuseRun(name, asOf, values["dry-run"] ?? false, today);
if (refused) {
  console.error(
    refused === "error.date"
      ? `--as-of must be a date YYYY-MM-DD, got "${asOf}".`
      : `A real ${name} run cannot be for a future date (${asOf} > ${today}); use --dry-run to preview it.`,
  );
  process.exit(2);
}
const started = Date.now();
const outcome = await runNamedJob(db(), name, { asOf, dryRun: values["dry-run"] ?? false, trigger: "cli" });
console.log(JSON.stringify({ job: name, asOf, dryRun: values["dry-run"], ...outcome, seconds: (Date.now() - started) / 1000 }, null, 2));
await disconnectDb();
process.exit(outcome.status === "FAILED" ? 1 : 0);
