// The full purge preview as CSV — an export of personal data, so audited.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRealDate } from "~/domain/forms";
import { actorOf, requireStaff } from "~/auth/session.server";
import { limitRequests } from "~/auth/rate-limits.server";
import { db } from "~/db/client.server";
import { csvResponse } from "~/domain/csv.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { exportRetentionPreview } from "~/domain/retention/export-retention-preview.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "retention:preview");
  await limitRequests(db(), "export", staff);
  const requested = new URL(request.url).searchParams.get("asOf");
  const asOf = isRealDate(requested) ? requested : (await clockOf(db(), staff.propertyId)).today;
  const csv = await exportRetentionPreview(db(), actorOf(staff, request), asOf);
  return csvResponse(csv, `retention-preview-${asOf}.csv`);
}
