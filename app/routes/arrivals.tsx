import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { pageMeta } from "~/ui/page-meta";
import { json } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { idOf, orNotFound, requiredId } from "~/http/id-param";
import { handlerOf, readForm } from "~/http/read-form.server";
import { can } from "~/auth/permissions";
import { observationFormSchema } from "~/domain/preferences/preference-form";
import { addObservation } from "~/domain/preferences/save-preferences.server";
import { isRealDate } from "~/domain/forms";
import { actorOf, requireStaff } from "~/auth/session.server";
import { db } from "~/db/client.server";
import { todayIn } from "~/domain/calendar/occasions";
import { listProperties } from "~/domain/properties/properties.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { listArrivals } from "~/domain/stays/arrivals.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDate } from "~/ui/format";
import { MarkerBadge } from "~/ui/markers";
import { AddObservation, observationFormKey, type ProfileActionData } from "./__profile-forms";

export const meta: MetaFunction = pageMeta("title.arrivals");

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "arrivals:view");
  const params = new URL(request.url).searchParams;
  const properties = await listProperties(db());
  const home = await clockOf(db(), staff.propertyId);
  const property = properties.find((p) => p.id === idOf(params.get("property"))) ?? home.property;
  const canObserve = can(staff.role, "preference:add");
  if (!property)
    return json({ properties, property: null, date: home.today, arrivals: [] as Awaited<ReturnType<typeof listArrivals>>, canObserve });
  const requested = params.get("date");
  const date = isRealDate(requested) ? requested : todayIn(property.timeZone);
  return json({ properties, property, date, arrivals: await listArrivals(db(), actorOf(staff, request), property, date), canObserve });
}

// One form on this page: an observation about one of the arriving guests, posted
// back here (the brief stays where it was) and saved like any preference.
const INTENTS = { addObservation: "preference:add" } as const;

export const action = (args: ActionFunctionArgs) => orNotFound(() => act(args));

async function act({ request }: ActionFunctionArgs) {
  await requireStaff(request, "arrivals:view");
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const staff = await requireStaff(request, handlerOf(INTENTS, intent));
  const guestId = requiredId(form.get("guestId"));
  const formKey = observationFormKey(guestId);
  const submission = parseWithZod(form, { schema: observationFormSchema });
  if (submission.status !== "success") return json({ intent, formKey, result: submission.reply(), observed: null }, { status: 400 });
  const saved = await addObservation(db(), actorOf(staff, request), guestId, submission.value);
  return json({ intent, formKey, result: submission.reply({ resetForm: true }), observed: { status: saved.status } });
}

export default function Arrivals() {
  const { properties, property, date, arrivals, canObserve } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ProfileActionData;
  const t = useT();
  const locale = useLocale();
  return (
    <section className="arrivals">
      <h1>
        {t("arrivals.title")}
        {property ? ` · ${locale === "zh-CN" ? property.nameZh : property.name}` : ""} · {formatDate(date, locale)}
      </h1>
      <Form method="get" className="toolbar no-print">
        <label htmlFor="property">{t("stay.property")}</label>
        <select id="property" name="property" defaultValue={property?.id}>
          {properties.map((p) => (
            <option key={p.id} value={p.id}>
              {locale === "zh-CN" ? p.nameZh : p.name}
            </option>
          ))}
        </select>
        <label htmlFor="date">{t("arrivals.date")}</label>
        <input id="date" name="date" type="date" defaultValue={date} />
        <button type="submit">{t("arrivals.show")}</button>
        <button type="button" onClick={() => window.print()}>
          {t("arrivals.print")}
        </button>
      </Form>
      <p>{t("arrivals.count", { count: arrivals.length })}</p>
      <ol className="arrival-list">
        {arrivals.map((a) => (
          <li key={a.stayId} className="card arrival">
            <h2>
              <Link to={`/guests/${a.guest.id}`}>{a.guest.fullName}</Link>
              {a.guest.namePinyin ? <span className="pinyin"> {a.guest.namePinyin}</span> : null}
              {a.guest.vipLevel > 0 ? <span className="vip">{t("profile.vip", { level: a.guest.vipLevel })}</span> : null}
              {a.guest.markers.map((m) => (
                <MarkerBadge key={m.code} marker={m} />
              ))}
            </h2>
            <p className="muted">
              {a.guest.profileNumber} · {a.roomNumber ? `${t("stay.room")} ${a.roomNumber} · ` : ""}
              {t(`roomType.${a.roomType}`)} · {t("arrivals.nights", { count: a.nights })} ·{" "}
              {t("arrivals.party", { adults: a.adults, children: a.children })} ·{" "}
              {t("arrivals.previousStays", { count: a.guest.previousStays })} · {t(`language.${a.guest.language}`)}
            </p>
            {a.alerts.length ? (
              <ul className="brief-alerts">
                {a.alerts.map((alert, i) => (
                  <li key={i} className={`alert alert-${alert.kind === "openComplaint" ? "complaint" : alert.kind}`}>
                    {alert.kind === "allergy" || alert.kind === "taboo" ? (
                      <>
                        <strong>{t(`alert.${alert.kind}`)}</strong>: {alert.text}
                        {alert.pending ? <span className="tag unreviewed"> {t("alert.unreviewed")}</span> : null}
                      </>
                    ) : null}
                    {alert.kind === "openComplaint" ? <strong>{t("alert.openComplaints", { count: alert.count })}</strong> : null}
                    {alert.kind === "occasion" ? (
                      <>
                        <strong>{t(`alert.occasion.${alert.occasion}`)}</strong>
                        {alert.label ? ` (${alert.label})` : ""}: {formatDate(alert.date, locale)}
                        {alert.duringStay ? ` · ${t("alert.duringStay")}` : ""}
                        {alert.duringStay && alert.occasion === "birthday" ? (
                          <>
                            {" "}
                            · <strong className="amenity">{t("alert.inHouseAmenity")}</strong>
                          </>
                        ) : null}
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {a.topPreferences.length ? (
              <p>{a.topPreferences.map((p) => `${t(`category.${p.category}`)}: ${p.value}`).join(" · ")}</p>
            ) : null}
            {canObserve ? (
              <div className="no-print">
                <AddObservation actionData={actionData} guestName={a.guest.fullName} guestId={a.guest.id} />
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
