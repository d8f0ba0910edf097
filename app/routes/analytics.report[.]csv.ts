// The monthly archive report as CSV (aggregate figures only: no personal data).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { csvResponse } from "~/domain/csv.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { monthlyReport, monthlyReportCsv, reportParams } from "~/domain/analytics/monthly-report.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "analytics:view");
  const { today } = await clockOf(db(), staff.propertyId);
  const { month, propertyId } = reportParams(new URL(request.url), today);
  const report = await monthlyReport(db(), { month, propertyId });
  return csvResponse(monthlyReportCsv(report), `archive-report-${month}${report.property ? `-${report.property.code}` : ""}.csv`);
}
