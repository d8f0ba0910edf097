import { NavLink, useRouteLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** Sub-navigation of the outreach pages. */
export function OutreachNav() {
  const t = useT();
  const root = useRouteLoaderData("root") as { staff?: { role: string } } | undefined;
  const marketing = root?.staff && ["MARKETING", "ADMIN"].includes(root.staff.role);
  return (
    <nav className="subnav toolbar" aria-label={t("outreach.sections")}>
      <NavLink to="/outreach" end>
        {t("outreach.queue")}
      </NavLink>
      {marketing ? <NavLink to="/outreach/campaigns">{t("campaign.listTitle")}</NavLink> : null}
      <NavLink to="/outreach/holidays">{t("holiday.title")}</NavLink>
    </nav>
  );
}
