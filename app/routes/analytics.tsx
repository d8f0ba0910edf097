// The analytics section: sub-navigation around the dashboards, guest lists,
// promoters and the monthly report.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, "analytics:view");
  return json({});
}

export default function AnalyticsLayout() {
  const t = useT();
  return (
    <>
      <nav className="subnav toolbar no-print" aria-label={t("analytics.sections")}>
        <NavLink to="/analytics" end>
          {t("analytics.dashboard")}
        </NavLink>
        <NavLink to="/analytics/guests">{t("analytics.guestLists")}</NavLink>
        <NavLink to="/analytics/promoters">{t("analytics.promoters")}</NavLink>
        <NavLink to="/analytics/report">{t("analytics.report")}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
