// Promoters: guests likely to recommend the hotel (latest survey 9–10, stay
// often, no open complaint), with their referrals and points, to reward.
import { pageMeta } from "~/ui/page-meta";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { idOf, pageParam } from "~/http/id-param";
import { actorOf, requireStaff } from "~/auth/session.server";
import { can } from "~/auth/permissions";
import { db } from "~/db/client.server";
import { listPromoters } from "~/domain/loyalty/loyalty.server";
import { segmentPolicy } from "~/domain/segments/segment-policy";
import { useLocale, useT } from "~/i18n/use-t";
import { formatCount } from "~/ui/charts/chart-kit";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Pager } from "~/ui/pager";
import { PeriodFilter } from "./__analytics-period";

export const meta: MetaFunction = pageMeta("title.analytics-promoters");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "analytics:view");
  const params = new URL(request.url).searchParams;
  const propertyId = idOf(params.get("propertyId"));
  const page = pageParam(params.get("page"));
  const policy = segmentPolicy();
  const [promoters, properties] = await Promise.all([
    listPromoters(db(), actorOf(staff, request), { propertyId, page }),
    db().property.findMany({ orderBy: { id: "asc" }, select: { id: true, code: true, name: true, nameZh: true, currency: true } }),
  ]);
  return json({
    promoters,
    properties,
    propertyId: propertyId ?? null,
    canReward: can(staff.role, "loyalty:reward"),
    canExport: can(staff.role, "analytics:export"),
    rule: { survey: policy.promoterMinSurvey, stays: policy.promoterMinStays, months: policy.windowMonths },
  });
}

export default function Promoters() {
  const { promoters, properties, propertyId, canReward, canExport, rule } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const query = new URLSearchParams({ promoter: "1", ...(propertyId ? { propertyId: String(propertyId) } : {}) });
  return (
    <section>
      <h1>{t("promoters.title")}</h1>
      <p className="hint">{t("promoters.rule", rule)}</p>
      <PeriodFilter properties={properties} propertyId={propertyId} mode="property" />
      <p>
        <strong>{t("analytics.listed", { count: formatCount(promoters.listed, locale) })}</strong>
        {promoters.hiddenAnonymised ? (
          <span className="muted">
            {" "}
            ·{" "}
            {t("analytics.hiddenAnonymised", {
              count: formatCount(promoters.hiddenAnonymised, locale),
              total: formatCount(promoters.total, locale),
            })}
          </span>
        ) : null}
        {" · "}
        <Link to={`/analytics/guests?${query}`}>{t("promoters.asList")}</Link>
        {canExport ? (
          <>
            {" "}
            ·{" "}
            <a href={`/analytics/guests.csv?${query}`} download>
              {t("analytics.exportCsv")}
            </a>
          </>
        ) : null}
      </p>
      {promoters.guests.length ? (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t("guest.profileNumber")}</th>
                <th scope="col">{t("guest.fullName")}</th>
                <th scope="col" className="num">
                  {t("promoters.survey")}
                </th>
                <th scope="col" className="num">
                  {t("analytics.col.stays")}
                </th>
                <th scope="col">{t("analytics.col.segment")}</th>
                <th scope="col" className="num">
                  {t("promoters.referrals")}
                </th>
                <th scope="col" className="num">
                  {t("promoters.points")}
                </th>
              </tr>
            </thead>
            <tbody>
              {promoters.guests.map((g) => (
                <tr key={g.guestId}>
                  <td data-label={t("guest.profileNumber")}>
                    <Link to={`/guests/${g.guestId}${canReward ? "#loyalty-h" : ""}`}>{g.profileNumber}</Link>
                  </td>
                  <td data-label={t("guest.fullName")}>
                    {g.fullName}
                    {g.latestSurvey?.comment ? <div className="muted">“{g.latestSurvey.comment}”</div> : null}
                  </td>
                  <td data-label={t("promoters.survey")} className="num">
                    {g.latestSurvey?.score ?? "—"}
                  </td>
                  <td data-label={t("analytics.col.stays")} className="num">
                    {g.frequency ?? "—"}
                  </td>
                  <td data-label={t("analytics.col.segment")}>{g.segment ? t(`segment.${g.segment}`) : "—"}</td>
                  <td data-label={t("promoters.referrals")} className="num">
                    {formatCount(g.referrals, locale)}
                  </td>
                  <td data-label={t("promoters.points")} className="num">
                    {formatCount(g.points, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("promoters.none")}</p>
      )}
      <Pager
        page={promoters.page}
        pageCount={Math.max(1, Math.ceil(promoters.listed / promoters.pageSize))}
        params={Object.fromEntries([...searchParams].filter(([k]) => k !== "page"))}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
