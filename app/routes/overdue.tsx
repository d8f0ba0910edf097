// The Overdue board (报警督办): open complaints past their acknowledge-by or
// resolve-by, with the escalation steps that fired and whom they told, and the
// VIPs not contacted for their level's days. No complaint texts: categories,
// severities and deadlines only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { listOverdue } from "~/domain/deadlines/overdue-board.server";
import { listProperties } from "~/domain/properties/properties.server";
import { idOf } from "~/http/id-param";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDateTime } from "~/ui/format";
import { pageMeta } from "~/ui/page-meta";
import { useTimeZone } from "~/ui/use-time-zone";

export const meta: MetaFunction = pageMeta("title.overdue");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "overdue:view");
  const propertyId = idOf(new URL(request.url).searchParams.get("property"));
  const [board, properties] = await Promise.all([listOverdue(db(), actorOf(staff, request), { propertyId }), listProperties(db())]);
  return json({ board, properties, propertyId: propertyId ?? null }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function Overdue() {
  const { board, properties, propertyId } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const when = (d: string | Date | null) => (d ? formatDateTime(d, locale, timeZone) : "—");
  return (
    <section>
      <h1>{t("overdue.title")}</h1>
      <p className="muted">{t("overdue.intro")}</p>
      <Form method="get" className="filters">
        <label htmlFor="overdue-property">{t("stay.property")}</label>
        <select id="overdue-property" name="property" defaultValue={propertyId ?? ""}>
          <option value="">{t("overdue.allProperties")}</option>
          {properties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.code} · {locale === "zh-CN" ? p.nameZh : p.name}
            </option>
          ))}
        </select>
        <button type="submit">{t("overdue.filter")}</button>
      </Form>

      <section aria-labelledby="overdue-complaints" className="card wide">
        <h2 id="overdue-complaints">{t("overdue.complaints", { count: board.complaints.length })}</h2>
        {board.complaints.length ? (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("overdue.guest")}</th>
                  <th scope="col">{t("stay.property")}</th>
                  <th scope="col">{t("overdue.complaint")}</th>
                  <th scope="col">{t("overdue.acknowledgeBy")}</th>
                  <th scope="col">{t("overdue.resolveBy")}</th>
                  <th scope="col">{t("overdue.escalated")}</th>
                </tr>
              </thead>
              <tbody>
                {board.complaints.map((c) => (
                  <tr key={c.id} className="overdue-complaint">
                    <td data-label={t("overdue.guest")}>
                      <Link to={`/guests/${c.guest.id}`}>{c.guest.fullName}</Link> · {c.guest.profileNumber}
                      {c.guest.vipLevel ? ` · VIP ${c.guest.vipLevel}` : ""}
                    </td>
                    <td data-label={t("stay.property")}>{c.property.code}</td>
                    <td data-label={t("overdue.complaint")}>
                      {t(`feedbackCategory.${c.category}`)} · {t(`severity.${c.severity}`)} · {t(`feedbackStatus.${c.status}`)}
                    </td>
                    <td data-label={t("overdue.acknowledgeBy")} className={c.acknowledgeOverdue ? "overdue" : undefined}>
                      {c.acknowledgedAt ? t("overdue.acknowledgedAt", { when: when(c.acknowledgedAt) }) : when(c.acknowledgeBy)}
                    </td>
                    <td data-label={t("overdue.resolveBy")} className={c.resolveOverdue ? "overdue" : undefined}>
                      {when(c.deadline)}
                    </td>
                    <td data-label={t("overdue.escalated")}>
                      {c.steps.length ? (
                        <ul className="bare">
                          {c.steps.map((s) => (
                            <li key={`${s.kind}-${s.step}`}>
                              {t(`overdue.step.${s.kind}.${s.step === 1 ? 1 : 2}`)} · {when(s.firedAt)} ·{" "}
                              {s.told.join(", ") || t("overdue.noOne")}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        t("overdue.notYet")
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("overdue.noComplaints")}</p>
        )}
      </section>

      <section aria-labelledby="overdue-vips" className="card wide">
        <h2 id="overdue-vips">{t("overdue.vips", { count: board.vips.length })}</h2>
        {board.vips.length ? (
          <ul className="bare">
            {board.vips.map((v) => (
              <li key={v.id}>
                <Link to={`/guests/${v.guest.id}`}>{v.guest.fullName}</Link> · {v.guest.profileNumber} · VIP {v.guest.vipLevel} ·{" "}
                {t("overdue.vipDue", { when: when(v.dueAt) })} · {v.told.join(", ") || t("overdue.noOne")}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("overdue.noVips")}</p>
        )}
      </section>

      <section aria-labelledby="overdue-observations" className="card wide">
        <h2 id="overdue-observations">{t("overdue.observations", { count: board.observations.length })}</h2>
        {board.observations.length ? (
          <ul className="bare">
            {board.observations.map((o) => (
              <li key={o.id}>
                <Link to={`/guests/${o.guest.id}`}>{o.guest.fullName}</Link> · {o.guest.profileNumber} ·{" "}
                {t("overdue.reviewDue", { when: when(o.dueAt) })} · {o.told.join(", ") || t("overdue.noOne")} ·{" "}
                <Link to="/inbox">{t("overdue.toInbox")}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("overdue.noObservations")}</p>
        )}
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
