// The monthly archive report: printable, and as CSV.
import { pageMeta } from "~/ui/page-meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { filtersToQuery } from "~/domain/analytics/analytics-filters";
import { monthlyReport, reportParams } from "~/domain/analytics/monthly-report.server";
import { useLocale, useT } from "~/i18n/use-t";
import { formatCount, formatMoneyWhole, formatMonth, formatRate } from "~/ui/charts/chart-kit";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDate } from "~/ui/format";
import { PeriodFilter } from "./__analytics-period";

export const meta: MetaFunction = pageMeta("title.analytics-report");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "analytics:view");
  const { today } = await clockOf(db(), staff.propertyId);
  const { month, propertyId } = reportParams(new URL(request.url), today);
  return json({ report: await monthlyReport(db(), { month, propertyId }) });
}

export default function MonthlyReportPage() {
  const { report: r } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const base = r.property ? { propertyId: r.property.id } : {};
  const guests = (extra: Record<string, string>) =>
    `/analytics/guests?${filtersToQuery({ ...base, from: r.month, to: r.month, ...extra } as never)}`;
  const money = (amounts: Record<string, number>) =>
    Object.entries(amounts)
      .map(([c, v]) => formatMoneyWhole(v, c, locale))
      .join(" · ") || "—";
  const query = new URLSearchParams({ month: r.month, ...(r.property ? { propertyId: String(r.property.id) } : {}) });
  return (
    <article className="report">
      <h1>{t("report.title", { month: formatMonth(r.month, locale, "long") })}</h1>
      <p className="muted">
        {r.property ? (locale === "zh-CN" ? r.property.nameZh : r.property.name) : t("analytics.allProperties")}
        {r.computedAsOf ? ` · ${t("report.asOf", { date: formatDate(r.computedAsOf, locale) })}` : ""}
      </p>
      <PeriodFilter properties={r.properties} propertyId={r.property?.id} to={r.month} mode="month" />
      <p className="toolbar no-print">
        <button type="button" onClick={() => window.print()}>
          {t("report.print")}
        </button>
        <a className="button" href={`/analytics/report.csv?${query}`} download>
          {t("report.csv")}
        </a>
      </p>
      {!r.factsAvailable ? (
        <p className="warning" role="status">
          {t("report.noFacts")}
        </p>
      ) : null}

      <div className="report-grid">
        <section className="card" aria-labelledby="report-archive">
          <h2 id="report-archive">{t("report.archive")}</h2>
          <dl className="basics">
            <dt>{t("report.newProfiles")}</dt>
            <dd>{formatCount(r.archive.newProfiles, locale)}</dd>
            <dt>{t("report.profileUpdates")}</dt>
            <dd>
              {t("report.updatesOn", {
                changes: formatCount(r.archive.profileUpdates, locale),
                profiles: formatCount(r.archive.profilesUpdated, locale),
              })}
            </dd>
          </dl>
          <p className="hint">{t("report.chainWide")}</p>
        </section>

        <section className="card" aria-labelledby="report-complaints">
          <h2 id="report-complaints">{t("report.complaints")}</h2>
          <dl className="basics">
            <dt>{t("report.received")}</dt>
            <dd>
              <Link to={guests({ event: "complaint" })}>{formatCount(r.complaints.received, locale)}</Link>
            </dd>
            <dt>{t("report.resolved")}</dt>
            <dd>{formatCount(r.complaints.resolved, locale)}</dd>
            <dt>{t("report.onTime")}</dt>
            <dd>
              {formatCount(r.complaints.onTime, locale)} ({formatRate(r.complaints.onTimeRate, locale)})
            </dd>
          </dl>
          {r.complaints.byCategory.length ? (
            <table className="stack">
              <thead>
                <tr>
                  <th scope="col">{t("report.category")}</th>
                  <th scope="col" className="num">
                    {t("report.received")}
                  </th>
                  <th scope="col" className="num">
                    {t("report.onTime")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.complaints.byCategory.map((c) => (
                  <tr key={c.category}>
                    <td data-label={t("report.category")}>
                      <Link to={guests({ event: "complaint", category: c.category })}>{t(`feedbackCategory.${c.category}`)}</Link>
                    </td>
                    <td data-label={t("report.received")} className="num">
                      {formatCount(c.complaints, locale)}
                    </td>
                    <td data-label={t("report.onTime")} className="num">
                      {formatCount(c.onTime, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>

        <section className="card" aria-labelledby="report-outreach">
          <h2 id="report-outreach">{t("report.outreach")}</h2>
          <p>
            <strong>{formatCount(r.outreach.done, locale)}</strong> {t("report.outreachDone")}
          </p>
          <ul>
            {r.outreach.byChannel.map((o) => (
              <li key={o.channel}>
                {t(`channel.${o.channel}`)}: {formatCount(o.count, locale)}
              </li>
            ))}
          </ul>
          <p className="hint">{t("report.chainWide")}</p>
        </section>

        <section className="card" aria-labelledby="report-stays">
          <h2 id="report-stays">{t("report.stays")}</h2>
          <dl className="basics">
            <dt>{t("analytics.stays")}</dt>
            <dd>
              <Link to={guests({ event: "stayed" })}>{formatCount(r.stays.stays, locale)}</Link>
            </dd>
            <dt>{t("analytics.nights")}</dt>
            <dd>{formatCount(r.stays.nights, locale)}</dd>
            <dt>{t("report.guests")}</dt>
            <dd>{formatCount(r.stays.guests, locale)}</dd>
            <dt>{t("analytics.kpi.repeatRate")}</dt>
            <dd>
              <Link to={guests({ event: "repeat" })}>{formatRate(r.stays.repeatRate, locale)}</Link>
            </dd>
            <dt>{t("report.roomRevenue")}</dt>
            <dd>{money(r.stays.roomRevenue)}</dd>
            <dt>{t("report.outletRevenue")}</dt>
            <dd>{money(r.stays.outletRevenue)}</dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="report-segments">
          <h2 id="report-segments">{t("report.segments")}</h2>
          {r.segments.asOf ? (
            <p className="hint">{t("report.segmentsAsOf", { date: formatDate(r.segments.asOf, locale) })}</p>
          ) : (
            <p className="muted">{t("analytics.noData")}</p>
          )}
          <table>
            <tbody>
              {r.segments.sizes.map((s) => (
                <tr key={s.segment}>
                  <th scope="row">{t(`segment.${s.segment}`)}</th>
                  <td className="num">{formatCount(s.guests, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.segments.moves.length ? (
            <>
              <h3>{t("analytics.moves.title")}</h3>
              <ul>
                {r.segments.moves.slice(0, 10).map((m) => (
                  <li key={`${m.from}>${m.to}`}>
                    <Link to={guests({ movedFrom: m.from, movedTo: m.to })}>
                      {m.from ? t(`segment.${m.from}`) : t("segment.entered")} → {t(`segment.${m.to}`)}
                    </Link>
                    : {formatCount(m.guests, locale)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
    </article>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
