// The full purge preview as CSV — an export of personal data, so audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, requireStaff } from "~/auth/session.server";
import { limitRequests } from "~/auth/rate-limits.server";
import { db } from "~/db/client.server";
import { recordAudit } from "~/domain/audit/record-audit.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { evaluateRetention } from "~/domain/retention/evaluate-retention.server";
import { csvCell } from "~/domain/retention/export-guest-data.server";
import { getRetentionPolicy } from "~/domain/retention/retention-policy.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "retention:preview");
  await limitRequests(db(), "export", staff);
  const requested = new URL(request.url).searchParams.get("asOf");
  const asOf = requested && /^\d{4}-\d{2}-\d{2}$/.test(requested) ? requested : (await clockOf(db(), staff.propertyId)).today;
  const policy = await getRetentionPolicy(db());
  const lines = ["profile_number,name,last_stay,last_active,inactive_days,decision,exemptions"];
  let rows = 0;
  for await (const batch of evaluateRetention(db(), policy, asOf)) {
    for (const d of batch) {
      rows++;
      lines.push(
        [
          d.profileNumber,
          d.fullName,
          d.lastStayDate ?? "",
          d.lastActiveDate,
          String(d.inactiveDays),
          d.exemptions.length ? "keep" : "purge",
          d.exemptions.join(" "),
        ]
          .map(csvCell)
          .join(","),
      );
    }
  }
  await recordAudit(db(), actorOf(staff, request), { action: "EXPORT", entity: "RetentionPreview", changes: { asOf, rows } });
  return new Response(lines.join("\r\n") + "\r\n", {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="retention-preview-${asOf}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
