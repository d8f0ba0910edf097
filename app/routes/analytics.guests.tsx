// The guests behind a chart: the list for the filters in the URL, with
// scores; exported as CSV (audited) or turned into a draft campaign.
// Anonymised guests are counted but never listed.
import { pageMeta } from "~/ui/page-meta";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { idOf, pageParam } from "~/http/id-param";
import { badRequest, readForm } from "~/http/read-form.server";
import { actorOf, requireStaff } from "~/auth/session.server";
import { can } from "~/auth/permissions";
import { db } from "~/db/client.server";
import { DomainError } from "~/domain/errors";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { filtersToQuery, isSegmentOnly, parseFilters, type AnalyticsFilters } from "~/domain/analytics/analytics-filters";
import { createCampaignFromList, MAX_AUDIENCE_GUESTS } from "~/domain/analytics/analytics-audience.server";
import { listCampaignFormSchema } from "~/domain/outreach/campaign-form";
import { defaultPeriod, listAnalyticsGuestsAs } from "~/domain/analytics/analytics-guests.server";
import { useLocale, useT } from "~/i18n/use-t";
import { formatCount, formatMoneyWhole, formatMonth } from "~/ui/charts/chart-kit";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { Pager } from "~/ui/pager";
import { chainHome } from "~/domain/properties/chain-clock.server";
import { useTimeZone } from "~/ui/use-time-zone";
import { isoDateIn } from "~/ui/format";

export const meta: MetaFunction = pageMeta("title.analytics-guests");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "analytics:view");
  const params = new URL(request.url).searchParams;
  const filters = parseFilters(params);
  const page = pageParam(params.get("page"));
  const { today } = await clockOf(db(), staff.propertyId);
  const [list, properties] = await Promise.all([
    listAnalyticsGuestsAs(db(), actorOf(staff, request), filters, { page }),
    db().property.findMany({ orderBy: { id: "asc" }, select: { id: true, code: true, name: true, nameZh: true, currency: true } }),
  ]);
  const created = idOf(params.get("created")) ?? null;
  return json({
    filters,
    list,
    properties,
    period: defaultPeriod(today),
    created,
    canExport: can(staff.role, "analytics:export"),
    canOpenCampaigns: can(staff.role, "campaigns:manage"),
    scoringCurrency: (await chainHome(db())).currency,
    maxAudience: MAX_AUDIENCE_GUESTS,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "analytics:view");
  const url = new URL(request.url);
  const filters = parseFilters(url.searchParams);
  const form = await readForm(request);
  if (form.get("intent") !== "campaign") throw badRequest("error.unknownIntent");
  const parsed = listCampaignFormSchema.safeParse({ name: form.get("name") ?? undefined });
  if (!parsed.success) return json({ error: parsed.error.issues[0].message }, { status: 400 });
  const { name } = parsed.data;
  try {
    const campaign = await createCampaignFromList(db(), actorOf(staff, request), filters, { name });
    if (can(staff.role, "campaigns:manage")) return redirect(`/outreach/campaigns/${campaign.id}`);
    const query = new URLSearchParams(filtersToQuery(filters));
    query.set("created", String(campaign.id));
    return redirect(`/analytics/guests?${query}`);
  } catch (error) {
    if (error instanceof DomainError) return json({ error: error.messageKey }, { status: 400 });
    throw error;
  }
}

/** The filters in words, e.g. "Champions · Shanghai". */
function useDescribe() {
  const t = useT();
  const locale = useLocale();
  return (f: AnalyticsFilters, properties: { id: number; name: string; nameZh: string }[], period: { from: string; to: string }) => {
    const parts: string[] = [];
    if (f.segment) parts.push(t(`segment.${f.segment}`));
    if (f.tier) parts.push(t(`tier.${f.tier}`));
    if (f.lifecycle) parts.push(t(`lifecycle.${f.lifecycle}`));
    if (f.nps) parts.push(t(`nps.${f.nps}`));
    if (f.promoter) parts.push(t("analytics.promoters"));
    if (f.r) parts.push(`R${f.r}`);
    if (f.f) parts.push(`F${f.f}`);
    if (f.value) parts.push(t("analytics.filter.value", { value: f.value }));
    if (f.band != null)
      parts.push(
        f.band < 0
          ? t("analytics.filter.noSatisfaction")
          : t("analytics.filter.band", { from: f.band * 10, to: Math.min(100, f.band * 10 + 9) }),
      );
    const event = f.event ?? (f.movedTo ? "moved" : undefined);
    if (event) {
      const from = f.from ?? period.from;
      const to = f.to ?? period.to;
      const when =
        from === to ? formatMonth(from, locale, "long") : `${formatMonth(from, locale, "long")} – ${formatMonth(to, locale, "long")}`;
      if (event === "moved")
        parts.push(
          t("analytics.filter.moved", {
            from: f.movedFrom ? t(`segment.${f.movedFrom}`) : f.movedFrom === "" ? t("segment.entered") : t("analytics.filter.any"),
            to: f.movedTo ? t(`segment.${f.movedTo}`) : t("analytics.filter.any"),
          }),
        );
      else if (event === "complaint")
        parts.push(
          f.category
            ? t("analytics.filter.complainedAbout", { category: t(`feedbackCategory.${f.category}`) })
            : t("analytics.filter.complained"),
        );
      else if (event === "outlet")
        parts.push(f.outlet ? t("analytics.filter.spentAt", { outlet: t(`outlet.${f.outlet}`) }) : t("analytics.filter.spent"));
      else if (event === "repeat") parts.push(t("analytics.filter.repeat"));
      else
        parts.push(f.channel ? t("analytics.filter.stayedVia", { channel: t(`channelName.${f.channel}`) }) : t("analytics.filter.stayed"));
      if (f.month)
        parts.push(
          t("analytics.filter.calendarMonth", {
            month: new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" }).format(Date.UTC(2000, f.month - 1, 1)),
          }),
        );
      parts.push(when);
    }
    const property = properties.find((p) => p.id === f.propertyId);
    if (property) parts.push(locale === "zh-CN" ? property.nameZh : property.name);
    return parts.length ? parts.join(" · ") : t("analytics.filter.everyone");
  };
}

export default function AnalyticsGuests() {
  const { filters, list, properties, period, created, canExport, canOpenCampaigns, scoringCurrency, maxAudience } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const describe = useDescribe();
  const title = describe(filters, properties, period);
  const query = filtersToQuery(filters);
  const pageCount = Math.max(1, Math.ceil(list.listed / list.pageSize));
  const segmentRule = isSegmentOnly(filters);
  const timeZone = useTimeZone();
  const defaultName = `${title} — ${isoDateIn(timeZone)}`.slice(0, 120);

  return (
    <section>
      <h1>{t("analytics.guestsTitle", { what: title })}</h1>
      <p aria-live="polite">
        <strong>{t("analytics.listed", { count: formatCount(list.listed, locale) })}</strong>
        {list.hiddenAnonymised ? (
          <span className="muted">
            {" "}
            ·{" "}
            {t("analytics.hiddenAnonymised", { count: formatCount(list.hiddenAnonymised, locale), total: formatCount(list.total, locale) })}
          </span>
        ) : null}
      </p>
      {created ? (
        <p className="notice" role="status">
          {t("analytics.campaignCreated", { id: created })}
        </p>
      ) : null}
      {actionData?.error ? (
        <p className="form-error" role="alert">
          {t(actionData.error, { max: formatCount(maxAudience, locale) })}
        </p>
      ) : null}

      <div className="toolbar list-actions">
        {canExport ? (
          <a className="button" href={`/analytics/guests.csv?${query}`} download>
            {t("analytics.exportCsv")}
          </a>
        ) : null}
        <Form method="post" action={`/analytics/guests?${query}`} className="toolbar inline-campaign">
          <input type="hidden" name="intent" value="campaign" />
          <label htmlFor="campaign-name">{t("analytics.campaignName")}</label>
          <input id="campaign-name" name="name" defaultValue={defaultName} maxLength={120} required />
          <button type="submit" className="primary" disabled={navigation.state === "submitting" || !list.listed}>
            {t("analytics.createCampaign")}
          </button>
        </Form>
      </div>
      <p className="hint">
        {segmentRule ? t("analytics.audienceRule") : t("analytics.audienceList", { max: formatCount(maxAudience, locale) })}
        {canOpenCampaigns ? "" : ` ${t("analytics.audienceReview")}`}
      </p>

      {list.guests.length ? (
        <div className="table-scroll">
          <table className="analytics-guests stack">
            <thead>
              <tr>
                <th scope="col">{t("guest.profileNumber")}</th>
                <th scope="col">{t("guest.fullName")}</th>
                <th scope="col">{t("analytics.col.segment")}</th>
                <th scope="col">{t("analytics.col.tier")}</th>
                <th scope="col">RFM</th>
                <th scope="col" className="num">
                  {t("analytics.col.lastStay")}
                </th>
                <th scope="col" className="num">
                  {t("analytics.col.stays")}
                </th>
                <th scope="col" className="num">
                  {t("analytics.col.spend")}
                </th>
                <th scope="col" className="num">
                  {t("analytics.col.satisfaction")}
                </th>
                <th scope="col">{t("analytics.col.lifecycle")}</th>
              </tr>
            </thead>
            <tbody>
              {list.guests.map((g) => (
                <tr key={g.guestId}>
                  <td data-label={t("guest.profileNumber")}>
                    <Link to={`/guests/${g.guestId}`}>{g.profileNumber}</Link>
                  </td>
                  <td data-label={t("guest.fullName")}>
                    {g.fullName}
                    {g.vipLevel ? <span className="vip">{t("profile.vip", { level: g.vipLevel })}</span> : null}
                    {g.promoter ? <span className="tag">{t("analytics.promoter")}</span> : null}
                  </td>
                  <td data-label={t("analytics.col.segment")}>{g.segment ? t(`segment.${g.segment}`) : "—"}</td>
                  <td data-label={t("analytics.col.tier")}>{g.valueTier ? t(`tier.${g.valueTier}`) : "—"}</td>
                  <td data-label="RFM">{g.r ? `R${g.r} F${g.f} M${g.m}` : "—"}</td>
                  <td data-label={t("analytics.col.lastStay")} className="num">
                    {g.recencyDays == null ? "—" : t("analytics.daysAgo", { days: formatCount(g.recencyDays, locale) })}
                  </td>
                  <td data-label={t("analytics.col.stays")} className="num">
                    {g.frequency ?? "—"}
                  </td>
                  <td data-label={t("analytics.col.spend")} className="num">
                    {g.monetary == null ? "—" : formatMoneyWhole(g.monetary, scoringCurrency, locale)}
                  </td>
                  <td data-label={t("analytics.col.satisfaction")} className="num">
                    {g.satisfaction ?? "—"}
                    {g.npsCategory ? <span className="muted"> · {t(`nps.${g.npsCategory}`)}</span> : null}
                  </td>
                  <td data-label={t("analytics.col.lifecycle")}>{g.lifecycle ? t(`lifecycle.${g.lifecycle}`) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("analytics.nobody")}</p>
      )}
      <Pager
        page={list.page}
        pageCount={pageCount}
        params={Object.fromEntries([...searchParams].filter(([k]) => k !== "page" && k !== "created"))}
      />
      <p className="muted">{t("analytics.listNote", { currency: scoringCurrency })}</p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
