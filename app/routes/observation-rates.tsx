// How often each department's observations are kept: per department, what it
// sent for review in a period and what became of it. For managers and the
// archive centre; counts only, never the observations.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { addDays } from "~/domain/calendar/occasions";
import { isRealDate } from "~/domain/forms";
import { departmentAcceptanceRates } from "~/domain/preferences/observation-inbox.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { isDepartment } from "~/domain/staff/departments";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatPercent } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";

export const meta: MetaFunction = pageMeta("title.observation-rates");

/** The default period: the last 30 days, today included. */
const DEFAULT_DAYS = 30;

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "observations:rates");
  const { timeZone, today } = await clockOf(db(), staff.propertyId);
  const params = new URL(request.url).searchParams;
  const to = isRealDate(params.get("to")) ? params.get("to")! : today;
  const requestedFrom = params.get("from");
  const from = isRealDate(requestedFrom) && requestedFrom <= to ? requestedFrom : addDays(to, -(DEFAULT_DAYS - 1));
  const instant = (day: string) => DateTime.fromISO(day, { zone: timeZone }).startOf("day").toJSDate();
  const rates = await departmentAcceptanceRates(db(), { from: instant(from), to: instant(addDays(to, 1)) });
  return json({ from, to, rates });
}

export default function ObservationRates() {
  const { from, to, rates } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <section>
      <h1>{t("rates.title")}</h1>
      <Form method="get" className="toolbar filters">
        <label htmlFor="from">{t("rates.from")}</label>
        <input id="from" name="from" type="date" defaultValue={from} />
        <label htmlFor="to">{t("rates.to")}</label>
        <input id="to" name="to" type="date" defaultValue={to} />
        <button type="submit" className="primary">
          {t("inbox.filter.apply")}
        </button>
      </Form>
      {rates.length ? (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t("rates.department")}</th>
                <th scope="col">{t("rates.sent")}</th>
                <th scope="col">{t("rates.accepted")}</th>
                <th scope="col">{t("rates.rejected")}</th>
                <th scope="col">{t("rates.pending")}</th>
                <th scope="col">{t("rates.rate")}</th>
              </tr>
            </thead>
            <tbody>
              {rates.map((r) => (
                <tr key={r.department ?? ""}>
                  <th scope="row" data-label={t("rates.department")}>
                    {isDepartment(r.department) ? t(`department.${r.department}`) : (r.department ?? t("rates.noDepartment"))}
                  </th>
                  <td data-label={t("rates.sent")} className="num">
                    {r.sent}
                  </td>
                  <td data-label={t("rates.accepted")} className="num">
                    {r.accepted}
                  </td>
                  <td data-label={t("rates.rejected")} className="num">
                    {r.rejected}
                  </td>
                  <td data-label={t("rates.pending")} className="num">
                    {r.pending}
                  </td>
                  <td data-label={t("rates.rate")} className="num">
                    {r.rate == null ? "—" : formatPercent(r.rate, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("rates.none")}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
