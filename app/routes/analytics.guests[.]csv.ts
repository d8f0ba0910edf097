// The guests behind a chart as CSV — personal data leaving the system, so
// only for roles with analytics:export, and recorded in the access register.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, requireStaff } from "~/auth/session.server";
import { limitRequests } from "~/auth/rate-limits.server";
import { db } from "~/db/client.server";
import { csvResponse } from "~/domain/csv.server";
import { parseFilters } from "~/domain/analytics/analytics-filters";
import { exportAnalyticsGuests } from "~/domain/analytics/analytics-audience.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "analytics:export");
  await limitRequests(db(), "export", staff);
  const filters = parseFilters(new URL(request.url).searchParams);
  const body = await exportAnalyticsGuests(db(), actorOf(staff, request), filters);
  const stamp = new Date().toISOString().slice(0, 10);
  return csvResponse(body, `guests-${filters.segment?.toLowerCase() ?? "analytics"}-${stamp}.csv`);
}
