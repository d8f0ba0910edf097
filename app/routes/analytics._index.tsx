// The loyalty dashboards: value × satisfaction, RFM, tiers and segments, drift,
// repeat guests, complaints, revenue sources, seasonality. Everything is read
// from the aggregates of the nightly segments job; every chart drills into
// /analytics/guests.
import { pageMeta } from "~/ui/page-meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { filtersToQuery, parseFilters, type AnalyticsFilters } from "~/domain/analytics/analytics-filters";
import { defaultPeriod } from "~/domain/analytics/analytics-guests.server";
import { latestScoreDate, loadDashboard } from "~/domain/analytics/dashboard.server";
import { SEGMENTS } from "~/domain/segments/segment-names";
import { segmentPolicy } from "~/domain/segments/segment-policy";
import { useLocale, useT } from "~/i18n/use-t";
import {
  ChartCard,
  formatCount,
  formatMoneyWhole,
  formatMonth,
  formatRate,
  LIFECYCLE_COLORS,
  NPS_COLORS,
  SEGMENT_COLORS,
  TIER_COLORS,
} from "~/ui/charts/chart-kit";
import { ComplaintRateChart, RateByMonthChart, RevenueBars, RevenuePerGuestChart, SeasonalityChart } from "~/ui/charts/monthly-charts";
import {
  DistributionBars,
  DistributionList,
  RfmHeatmap,
  SegmentHistoryChart,
  ValueSatisfactionChart,
  type DistributionRow,
} from "~/ui/charts/score-charts";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDate } from "~/ui/format";
import { scoreArchiveInBackground } from "../../jobs/start-in-background.server";
import { PeriodFilter } from "./__analytics-period";

export const meta: MetaFunction = pageMeta("title.analytics");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "analytics:view");
  const filters = parseFilters(new URL(request.url).searchParams);
  const { today } = await clockOf(db(), staff.propertyId);
  const period = { ...defaultPeriod(today), ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) };
  const asOf = await latestScoreDate(db());
  const scores = { asOf, scoring: asOf ? false : await scoreArchiveInBackground(db(), { today, startedById: staff.id }) };
  const policy = segmentPolicy();
  const dashboard = await loadDashboard(db(), { propertyId: filters.propertyId, from: period.from, to: period.to, locale: "en" });
  return json({
    dashboard,
    scores,
    propertyId: filters.propertyId ?? null,
    policy: { highValueFrom: policy.tierMinScore.GOLD, satisfiedFrom: policy.satisfiedFrom, windowMonths: policy.windowMonths },
  });
}

export default function AnalyticsDashboard() {
  const { dashboard: d, scores, propertyId, policy } = useLoaderData<typeof loader>();
  const t = useT();
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!scores.scoring) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 2000);
    return () => clearInterval(timer);
  }, [scores.scoring, revalidator]);
  const locale = useLocale();
  const base: AnalyticsFilters = propertyId ? { propertyId } : {};
  const period = { from: d.period.from, to: d.period.to };
  const scoreHref = (extra: Record<string, string | number>) =>
    `/analytics/guests?${filtersToQuery({ ...base, ...extra } as AnalyticsFilters)}`;
  const eventHref = (extra: Record<string, string | number>) =>
    `/analytics/guests?${filtersToQuery({ ...base, ...period, ...extra } as AnalyticsFilters)}`;
  const monthHref = (event: string, month: string, extra: Record<string, string> = {}) =>
    `/analytics/guests?${filtersToQuery({ ...base, from: month, to: month, event, ...extra } as AnalyticsFilters)}`;

  const segmentRows: DistributionRow[] = d.segments.map((s) => ({
    key: s.segment,
    label: t(`segment.${s.segment}`),
    guests: s.guests,
    color: SEGMENT_COLORS[s.segment],
    href: scoreHref({ segment: s.segment }),
  }));
  const tierRows: DistributionRow[] = d.tiers.map((s) => ({
    key: s.tier,
    label: t(`tier.${s.tier}`),
    guests: s.guests,
    color: TIER_COLORS[s.tier],
    href: scoreHref({ tier: s.tier }),
  }));
  const lifecycleRows: DistributionRow[] = d.lifecycles.map((s) => ({
    key: s.lifecycle,
    label: t(`lifecycle.${s.lifecycle}`),
    guests: s.guests,
    color: LIFECYCLE_COLORS[s.lifecycle],
    href: scoreHref({ lifecycle: s.lifecycle }),
  }));
  const npsRows: DistributionRow[] = d.nps.map((s) => ({
    key: s.category,
    label: t(`nps.${s.category}`),
    guests: s.guests,
    color: NPS_COLORS[s.category],
    href: scoreHref({ nps: s.category }),
  }));
  const categories = [...new Set(d.complaintsByCategory.flatMap((row) => Object.keys(row).filter((k) => k !== "month")))].sort();
  const complaintRows = d.complaintsByCategory.map(
    (row) =>
      ({ ...row, stays: d.monthly.find((m) => m.month === row.month)?.stays ?? 0 }) as { month: string; stays: number } & Record<
        string,
        number | string
      >,
  );
  const currencies = d.currencies;
  const money = (amounts: Record<string, number>) => currencies.map((c) => formatMoneyWhole(amounts[c] ?? 0, c, locale)).join(" · ") || "—";

  return (
    <section className="analytics">
      <h1>{t("analytics.title")}</h1>
      <PeriodFilter properties={d.properties} propertyId={propertyId} from={d.period.from} to={d.period.to} />
      {scores.asOf ? (
        <p className="hint">{t("analytics.scoresAsOf", { date: formatDate(scores.asOf, locale), months: policy.windowMonths })}</p>
      ) : (
        <p className="warning" role="status">
          {t("analytics.scoring")}
        </p>
      )}

      <ul className="kpis" aria-label={t("analytics.kpis")}>
        <li>
          <span className="kpi-label">{t("analytics.kpi.scored")}</span>
          <strong>{formatCount(d.kpis.scored, locale)}</strong>
        </li>
        <li>
          <span className="kpi-label">{t("analytics.kpi.active", { months: policy.windowMonths })}</span>
          <strong>{formatCount(d.kpis.active, locale)}</strong>
        </li>
        <li>
          <span className="kpi-label">{t("analytics.kpi.repeatRate")}</span>
          <strong>{formatRate(d.kpis.repeatRate, locale)}</strong>
        </li>
        <li>
          <span className="kpi-label">{t("analytics.kpi.complaintRate")}</span>
          <strong>
            {d.kpis.complaintRate == null
              ? "—"
              : t("analytics.complaints.per100", { rate: (Math.round(d.kpis.complaintRate * 10_000) / 100).toLocaleString(locale) })}
          </strong>
        </li>
        <li>
          <span className="kpi-label">{t("analytics.kpi.nps")}</span>
          <strong>{d.kpis.nps == null ? "—" : d.kpis.nps}</strong>
        </li>
        <li>
          <span className="kpi-label">{t("analytics.kpi.promoters")}</span>
          <strong>
            <Link to={scoreHref({ promoter: 1 })}>{formatCount(d.kpis.promoters, locale)}</Link>
          </strong>
        </li>
        <li>
          <span className="kpi-label">{t("analytics.kpi.revenue")}</span>
          <strong>{money(d.kpis.revenue)}</strong>
        </li>
      </ul>

      <div className="chart-grid">
        <ChartCard id="segments" title={t("analytics.segments.title")} hint={t("analytics.segments.hint")}>
          <DistributionBars rows={segmentRows} title={t("analytics.segments.title")} />
          <DistributionList
            rows={segmentRows}
            total={d.kpis.scored}
            hints={Object.fromEntries(SEGMENTS.map((s) => [s, t(`segment.${s}.hint`)]))}
          />
        </ChartCard>

        <ChartCard
          id="quadrant"
          title={t("analytics.quadrant.title")}
          hint={t("analytics.quadrant.hint", { value: policy.highValueFrom, satisfied: policy.satisfiedFrom })}
        >
          <ValueSatisfactionChart
            points={d.quadrant}
            href={scoreHref}
            highValueFrom={policy.highValueFrom}
            satisfiedFrom={policy.satisfiedFrom}
          />
        </ChartCard>

        <ChartCard id="rfm" title={t("analytics.rfm.title")} hint={t("analytics.rfm.hint")}>
          <RfmHeatmap cells={d.rf} href={scoreHref} currency={d.scoringCurrency} />
        </ChartCard>

        <ChartCard id="tiers" title={t("analytics.tiers.title")}>
          <DistributionBars rows={tierRows} title={t("analytics.tiers.title")} height={180} />
          <DistributionList rows={tierRows} total={d.kpis.scored} />
          <h3>{t("analytics.lifecycles.title")}</h3>
          <DistributionList rows={lifecycleRows} total={d.kpis.scored} />
          <h3>{t("analytics.nps.title")}</h3>
          <DistributionList rows={npsRows} total={d.kpis.scored} />
        </ChartCard>

        <ChartCard id="history" wide title={t("analytics.history.title")} hint={t("analytics.history.hint")}>
          {d.segmentHistory.length ? (
            <SegmentHistoryChart history={d.segmentHistory} segments={SEGMENTS} href={scoreHref} />
          ) : (
            <p className="muted">{t("analytics.noData")}</p>
          )}
          <h3>{t("analytics.moves.title")}</h3>
          {d.segmentMoves.length ? (
            <div className="table-scroll">
              <table className="stack">
                <thead>
                  <tr>
                    <th scope="col">{t("analytics.moves.from")}</th>
                    <th scope="col">{t("analytics.moves.to")}</th>
                    <th scope="col" className="num">
                      {t("analytics.guests")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.segmentMoves.slice(0, 12).map((m) => (
                    <tr key={`${m.from}>${m.to}`}>
                      <td data-label={t("analytics.moves.from")}>{m.from ? t(`segment.${m.from}`) : t("segment.entered")}</td>
                      <td data-label={t("analytics.moves.to")}>{t(`segment.${m.to}`)}</td>
                      <td data-label={t("analytics.guests")} className="num">
                        <Link to={eventHref({ movedFrom: m.from, movedTo: m.to })}>{formatCount(m.guests, locale)}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t("analytics.moves.none")}</p>
          )}
        </ChartCard>

        <ChartCard id="repeat" title={t("analytics.repeat.title")} hint={t("analytics.repeat.hint")}>
          <RateByMonthChart
            rows={d.monthly.map((m) => ({ month: m.month, rate: m.repeatRate }))}
            label={t("analytics.repeat.title")}
            href={(month) => monthHref("repeat", month)}
          />
          <MonthlyTable
            rows={d.monthly.map((m) => ({
              month: m.month,
              value: `${formatRate(m.repeatRate, locale)} (${formatCount(m.repeatGuests, locale)} / ${formatCount(m.guests, locale)})`,
              href: monthHref("repeat", m.month),
            }))}
          />
        </ChartCard>

        <ChartCard id="complaints" title={t("analytics.complaints.title")} hint={t("analytics.complaints.hint")}>
          {categories.length ? (
            <ComplaintRateChart
              rows={complaintRows}
              categories={categories}
              href={(month, category) => monthHref("complaint", month, { category })}
            />
          ) : (
            <p className="muted">{t("analytics.noData")}</p>
          )}
          <details>
            <summary>{t("analytics.showData")}</summary>
            <div className="table-scroll">
              <table className="stack">
                <thead>
                  <tr>
                    <th scope="col">{t("analytics.month")}</th>
                    {categories.map((c) => (
                      <th key={c} scope="col" className="num">
                        {t(`feedbackCategory.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {complaintRows.map((row) => (
                    <tr key={row.month}>
                      <td data-label={t("analytics.month")}>{formatMonth(row.month, locale, "long")}</td>
                      {categories.map((c) => (
                        <td key={c} data-label={t(`feedbackCategory.${c}`)} className="num">
                          {row[c] ? (
                            <Link to={monthHref("complaint", row.month, { category: c })}>{formatCount(Number(row[c]), locale)}</Link>
                          ) : (
                            "·"
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </ChartCard>

        <ChartCard id="channels" title={t("analytics.channels.title")} hint={t("analytics.channels.hint")}>
          <RevenueBars
            currencies={currencies}
            label={t("analytics.channels.title")}
            rows={d.channels.map((c) => ({
              key: c.channel,
              label: t(`channelName.${c.channel}`),
              revenue: c.revenue,
              href: eventHref({ event: "channel", channel: c.channel }),
            }))}
          />
          <details>
            <summary>{t("analytics.showData")}</summary>
            <ul className="distribution">
              {d.channels.map((c) => (
                <li key={c.channel}>
                  <Link to={eventHref({ event: "channel", channel: c.channel })}>{t(`channelName.${c.channel}`)}</Link>{" "}
                  <span className="num">{money(c.revenue)}</span>{" "}
                  <span className="muted">{t("analytics.staysCount", { count: formatCount(c.stays, locale) })}</span>
                </li>
              ))}
            </ul>
          </details>
        </ChartCard>

        <ChartCard id="outlets" title={t("analytics.outlets.title")} hint={t("analytics.outlets.hint")}>
          <RevenueBars
            currencies={currencies}
            label={t("analytics.outlets.title")}
            rows={d.outlets.map((o) => ({
              key: o.outlet,
              label: t(`outlet.${o.outlet}`),
              revenue: o.revenue,
              href: eventHref({ event: "outlet", outlet: o.outlet }),
            }))}
          />
          <details>
            <summary>{t("analytics.showData")}</summary>
            <ul className="distribution">
              {d.outlets.map((o) => (
                <li key={o.outlet}>
                  <Link to={eventHref({ event: "outlet", outlet: o.outlet })}>{t(`outlet.${o.outlet}`)}</Link>{" "}
                  <span className="num">{money(o.revenue)}</span>
                </li>
              ))}
            </ul>
          </details>
        </ChartCard>

        <ChartCard id="seasonality" title={t("analytics.seasonality.title")} hint={t("analytics.seasonality.hint")}>
          <SeasonalityChart rows={d.seasonality} href={(month) => eventHref({ event: "stayed", month })} />
        </ChartCard>

        <ChartCard id="revenuePerGuest" title={t("analytics.revenuePerGuest.title")} hint={t("analytics.revenuePerGuest.hint")}>
          <RevenuePerGuestChart rows={d.monthly} currencies={currencies} href={(month) => monthHref("stayed", month)} />
          <MonthlyTable
            rows={d.monthly.map((m) => ({ month: m.month, value: money(m.revenuePerGuest), href: monthHref("stayed", m.month) }))}
          />
        </ChartCard>
      </div>
      <p className="muted">{t("analytics.currencyNote", { currency: d.scoringCurrency })}</p>
    </section>
  );
}

function MonthlyTable({ rows }: { rows: { month: string; value: string; href: string }[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <details>
      <summary>{t("analytics.showData")}</summary>
      <ul className="distribution">
        {rows.map((r) => (
          <li key={r.month}>
            <Link to={r.href}>{formatMonth(r.month, locale, "long")}</Link> <span className="num">{r.value}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
