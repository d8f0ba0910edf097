// The full purge preview as CSV: who would go on `asOf` and who is kept by
// which exemption. An export of personal data, so written to the access register.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { csvDocument, type CsvCell } from "../csv.server";
import { evaluateRetention } from "./evaluate-retention.server";
import { getRetentionPolicy } from "./retention-policy.server";

export const RETENTION_CSV_HEADER = ["profile_number", "name", "last_stay", "last_active", "inactive_days", "decision", "exemptions"];

export async function exportRetentionPreview(db: Db, actor: Actor, asOf: string): Promise<string> {
  const policy = await getRetentionPolicy(db);
  const rows: CsvCell[][] = [RETENTION_CSV_HEADER];
  for await (const batch of evaluateRetention(db, policy, asOf)) {
    for (const d of batch)
      rows.push([
        d.profileNumber,
        d.fullName,
        d.lastStayDate ?? "",
        d.lastActiveDate,
        d.inactiveDays,
        d.exemptions.length ? "keep" : "purge",
        d.exemptions.join(" "),
      ]);
  }
  await recordAudit(db, actor, { action: "EXPORT", entity: "RetentionPreview", changes: { asOf, rows: rows.length - 1 } });
  return csvDocument(rows);
}
