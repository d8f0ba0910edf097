import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "~/auth/permissions";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { ConflictError } from "~/domain/errors";
import { listProperties } from "~/domain/properties/properties.server";
import { acceptFinding, listQualityQueueAs } from "~/domain/quality/review-findings.server";
import { QUALITY_RULE_IDS, QUALITY_SEVERITIES, type QualityRuleId, type QualitySeverity } from "~/domain/quality/rules";
import { idOf, orNotFound, pageParam, requiredId } from "~/http/id-param";
import { formText, handlerOf, readForm } from "~/http/read-form.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";
import { FindingFix, FindingRule, fixHref, MissingFields } from "~/ui/quality-finding";
import { Pager } from "~/ui/pager";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.quality");

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return (values as readonly string[]).includes(value ?? "") ? (value as T) : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "quality:view");
  const params = new URL(request.url).searchParams;
  const properties = await listProperties(db());
  const propertyId = idOf(params.get("property") ?? undefined) ?? null;
  const filter = {
    ruleId: oneOf<QualityRuleId>(QUALITY_RULE_IDS, params.get("rule")),
    severity: oneOf<QualitySeverity>(QUALITY_SEVERITIES, params.get("severity")),
    propertyId: properties.some((p) => p.id === propertyId) ? propertyId : null,
    page: pageParam(params.get("page")),
  };
  return json({
    ...(await listQualityQueueAs(db(), actorOf(staff, request), filter)),
    filter,
    properties: properties.map((p) => ({ id: p.id, name: p.name, nameZh: p.nameZh })),
    canAccept: can(staff.role, "quality:review"),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "quality:review");
  const form = await readForm(request);
  const handle = handlerOf(
    {
      accept: async () => {
        const findingId = requiredId(formText(form, "findingId"));
        try {
          await orNotFound(() => acceptFinding(db(), actorOf(staff, request), findingId));
          return json({ accepted: findingId, conflict: false });
        } catch (error) {
          if (error instanceof ConflictError) return json({ accepted: null, conflict: true }, { status: 409 });
          throw error;
        }
      },
    },
    formText(form, "intent"),
  );
  return handle();
}

export default function QualityQueue() {
  const { findings, total, page, pageCount, filter, properties, canAccept } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const params: Record<string, string> = {
    ...(filter.ruleId ? { rule: filter.ruleId } : {}),
    ...(filter.severity ? { severity: filter.severity } : {}),
    ...(filter.propertyId ? { property: String(filter.propertyId) } : {}),
  };
  return (
    <section>
      <h1>{t("quality.heading")}</h1>
      <p className="hint">{t("quality.help")}</p>
      <Form method="get" className="filters">
        <label>
          {t("quality.filterRule")}{" "}
          <select name="rule" defaultValue={filter.ruleId ?? ""}>
            <option value="">{t("quality.any")}</option>
            {QUALITY_RULE_IDS.map((id) => (
              <option key={id} value={id}>
                {t(`quality.rule.${id}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("quality.filterSeverity")}{" "}
          <select name="severity" defaultValue={filter.severity ?? ""}>
            <option value="">{t("quality.any")}</option>
            {QUALITY_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`quality.severity.${s}`)}
              </option>
            ))}
          </select>
        </label>{" "}
        <label>
          {t("quality.filterProperty")}{" "}
          <select name="property" defaultValue={filter.propertyId ?? ""}>
            <option value="">{t("quality.any")}</option>
            {properties.map((p) => (
              <option key={p.id} value={p.id}>
                {locale === "zh-CN" ? p.nameZh : p.name}
              </option>
            ))}
          </select>
        </label>{" "}
        <button type="submit">{t("quality.filter")}</button>
      </Form>
      {result?.accepted ? <p role="status">{t("quality.accepted")}</p> : null}
      {result?.conflict ? <p role="alert">{t("quality.conflict")}</p> : null}
      <p role="status">{t("quality.count", { count: total })}</p>
      {findings.length ? (
        <div className="table-scroll">
          <table className="stack">
            <thead>
              <tr>
                <th scope="col">{t("quality.guest")}</th>
                <th scope="col">{t("quality.finding")}</th>
                <th scope="col">{t("quality.suggestedFix")}</th>
                <th scope="col">{t("quality.completeness")}</th>
                <th scope="col">{t("quality.found")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("quality.fixInPlace")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {findings.map((f) => (
                <tr key={f.id} data-finding={f.ruleId}>
                  <td data-label={t("quality.guest")}>
                    <Link to={`/guests/${f.guest.id}`}>
                      {f.guest.profileNumber} {f.guest.fullName}
                    </Link>
                  </td>
                  <td data-label={t("quality.finding")}>
                    <FindingRule finding={f} />
                  </td>
                  <td data-label={t("quality.suggestedFix")}>
                    <FindingFix finding={f} />
                  </td>
                  <td data-label={t("quality.completeness")}>
                    {t("quality.completenessScore", { score: f.completeness.score })}
                    <br />
                    <MissingFields fields={f.completeness.topMissing} />
                  </td>
                  <td data-label={t("quality.found")}>{formatDateTime(f.firstSeenAt, locale, timeZone)}</td>
                  <td>
                    <Link to={fixHref(f.guest.id, f.fix)} aria-label={t("quality.fixInPlaceAria", { number: f.guest.profileNumber })}>
                      {t("quality.fixInPlace")}
                    </Link>
                    {canAccept ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="accept" />
                        <input type="hidden" name="findingId" value={f.id} />
                        <button
                          type="submit"
                          aria-label={t("quality.acceptAria", {
                            rule: t(`quality.rule.${f.ruleId as QualityRuleId}`),
                            number: f.guest.profileNumber,
                          })}
                        >
                          {t("quality.accept")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">{t("quality.empty")}</p>
      )}
      <Pager page={page} pageCount={pageCount} params={params} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
