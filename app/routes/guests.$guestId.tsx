// The profile — the check-in view: who the guest is, what the desk must not
// miss, and everything the archive holds, with "add …" forms.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ZodTypeAny } from "zod";
import { handlerOf, readForm } from "~/http/read-form.server";
import { actorOf, requireStaff, type SignedInStaff } from "~/auth/session.server";
import { can, type Permission } from "~/auth/permissions";
import { db } from "~/db/client.server";
import { idOf, idParam, orNotFound, requiredId } from "~/http/id-param";
import { erasureFormSchema, legalHoldFormSchema } from "~/domain/retention/guest-request-forms";
import { DomainError } from "~/domain/errors";
import { getGuestProfile } from "~/domain/guests/get-guest-profile.server";
import { qualityOfGuest } from "~/domain/quality/review-findings.server";
import { FindingFix, FindingRule, fixHref, MissingFields } from "~/ui/quality-finding";
import { deleteGuest } from "~/domain/guests/recycle-bin.server";
import { eraseGuest } from "~/domain/retention/erase-guest.server";
import { setLegalHold } from "~/domain/retention/legal-hold.server";
import { listProperties } from "~/domain/properties/properties.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { observationFormSchema, preferenceFormSchema, specialDateFormSchema } from "~/domain/preferences/preference-form";
import { addObservation, addPreference, addSpecialDate, reviewPreference } from "~/domain/preferences/save-preferences.server";
import { stayFormSchema } from "~/domain/stays/stay-form";
import { addStay } from "~/domain/stays/add-stay.server";
import { chargeFormSchema } from "~/domain/consumption/charge-form";
import { addCharge } from "~/domain/consumption/add-charge.server";
import { feedbackFormSchema, handlingFormSchema } from "~/domain/complaints/feedback-form";
import { handleComplaint, recordFeedback } from "~/domain/complaints/record-feedback.server";
import { useLocale, useT } from "~/i18n/use-t";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { formatDate, formatDateTime, formatMoney, formatPercent } from "~/ui/format";
import { MarkerBadge } from "~/ui/markers";
import { getGuestLoyalty } from "~/domain/loyalty/loyalty.server";
import { GuestLoyalty } from "~/ui/guest-loyalty";
import {
  AddChargeForm,
  AddFeedbackForm,
  AddObservation,
  AddPreferenceForm,
  AddSpecialDateForm,
  AddStayForm,
  HandleComplaintForm,
  type ProfileActionData,
} from "./__profile-forms";
import { useTimeZone } from "~/ui/use-time-zone";
import { Icon } from "~/ui/icons";
import { readEvidence } from "~/domain/preferences/evidence";
import { latestMergeInto, survivorOf } from "~/domain/duplicates/merge-record.server";
import { fieldProvenance } from "~/domain/duplicates/merge-provenance.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.profile.basics.fullName} · ${data.profile.basics.profileNumber}` : "Guest Archive" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, "guest:view");
  const id = idParam(params, "guestId");
  const { property, today } = await clockOf(db(), staff.propertyId);
  let profile;
  try {
    profile = await getGuestProfile(db(), actorOf(staff, request), id, today);
  } catch (error) {
    if (error instanceof DomainError) {
      // A merged-away profile's number leads to its survivor forever.
      const survivor = await survivorOf(db(), id);
      if (survivor) throw redirect(`/guests/${survivor.id}?from=${id}`);
      throw new Response("Not found", { status: 404 });
    }
    throw error;
  }
  const query = new URL(request.url).searchParams;
  const fromId = idOf(query.get("from"));
  const from = fromId ? await db().guest.findUnique({ where: { id: fromId }, select: { profileNumber: true, mergedIntoId: true } }) : null;
  const canMerge = can(staff.role, "guest:merge");
  const merge = await latestMergeInto(db(), id);
  const mergeNotice = {
    /** The merged-away number the visitor came by. */
    redirectedFrom: from?.mergedIntoId != null ? from.profileNumber : null,
    justMerged:
      merge != null && idOf(query.get("merged")) === merge.id
        ? ((await db().guest.findUnique({ where: { id: merge.mergedId }, select: { profileNumber: true } }))?.profileNumber ?? null)
        : null,
    mergeId: canMerge ? (merge?.id ?? null) : null,
  };
  const permissions = Object.fromEntries(
    (
      [
        "guest:edit",
        "guest:delete",
        "stay:add",
        "charge:add",
        "preference:add",
        "specialDate:add",
        "complaint:add",
        "complaint:handle",
        "spend:view",
        "survey:record",
        "audit:view",
        "recycleBin:manage",
        "guest:legalHold",
        "guest:export",
        "guest:erase",
        "loyalty:reward",
      ] as Permission[]
    ).map((p) => [p, can(staff.role, p)]),
  ) as Record<Permission, boolean>;
  return json({
    profile,
    today,
    properties: await listProperties(db()),
    homePropertyId: property?.id,
    permissions,
    canReview: can(staff.role, "preference:review"),
    loyalty: await getGuestLoyalty(db(), id, staff.role),
    mergeNotice,
    canMerge,
    provenance: await fieldProvenance(db(), id, staff.role),
    quality: can(staff.role, "quality:view") ? await qualityOfGuest(db(), id) : null,
  });
}

type Handler = {
  permission: Permission;
  schema: ZodTypeAny;
  run: (staff: SignedInStaff, request: Request, guestId: number, value: any) => Promise<unknown>;
};
const HANDLERS: Record<string, Handler> = {
  addPreference: {
    permission: "preference:add",
    schema: preferenceFormSchema,
    run: (s, r, g, v) => addPreference(db(), actorOf(s, r), g, v),
  },
  addObservation: {
    permission: "preference:add",
    schema: observationFormSchema,
    run: (s, r, g, v) => addObservation(db(), actorOf(s, r), g, v),
  },
  addSpecialDate: {
    permission: "specialDate:add",
    schema: specialDateFormSchema,
    run: (s, r, g, v) => addSpecialDate(db(), actorOf(s, r), g, v),
  },
  addStay: { permission: "stay:add", schema: stayFormSchema, run: (s, r, g, v) => addStay(db(), actorOf(s, r), g, v) },
  addCharge: { permission: "charge:add", schema: chargeFormSchema, run: (s, r, g, v) => addCharge(db(), actorOf(s, r), g, v) },
  addFeedback: { permission: "complaint:add", schema: feedbackFormSchema, run: (s, r, g, v) => recordFeedback(db(), actorOf(s, r), g, v) },
  handleComplaint: {
    permission: "complaint:handle",
    schema: handlingFormSchema,
    run: (s, r, g, v) => handleComplaint(db(), actorOf(s, r), g, v),
  },
};

export const action = (args: ActionFunctionArgs) => orNotFound(() => act(args));

async function act({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, "guest:view");
  const id = idParam(params, "guestId");
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");

  if (intent === "delete") {
    await requireStaff(request, "guest:delete");
    await deleteGuest(db(), actorOf(staff, request), id);
    return redirect("/recycle-bin");
  }
  if (intent === "legalHold") {
    await requireStaff(request, "guest:legalHold");
    const submission = parseWithZod(formData, { schema: legalHoldFormSchema });
    if (submission.status !== "success") return json({ intent, formKey: intent, result: submission.reply() }, { status: 400 });
    const { hold, legalHoldReason } = submission.value;
    await setLegalHold(db(), actorOf(staff, request), id, hold, hold ? (legalHoldReason ?? null) : null);
    return json({ intent, formKey: intent, result: { status: "success" as const } });
  }
  if (intent === "erase") {
    await requireStaff(request, "guest:erase");
    const submission = parseWithZod(formData, { schema: erasureFormSchema });
    if (submission.status !== "success") return json({ intent, formKey: intent, result: submission.reply() }, { status: 400 });
    const profile = await db().guest.findUnique({ where: { id }, select: { profileNumber: true } });
    if (!profile || submission.value.confirmNumber !== profile.profileNumber) {
      return json(
        { intent, formKey: intent, result: submission.reply({ fieldErrors: { confirmNumber: ["error.confirmNumber"] } }) },
        { status: 400 },
      );
    }
    const certificate = await eraseGuest(db(), actorOf(staff, request), id, submission.value.reason);
    return redirect(`/erasure-certificates/${certificate.number}`);
  }
  if (intent === "acceptPreference" || intent === "rejectPreference") {
    await requireStaff(request, "preference:review");
    await reviewPreference(db(), actorOf(staff, request), id, requiredId(formData.get("preferenceId")), intent === "acceptPreference");
    return json({ intent, formKey: intent, result: { status: "success" as const } });
  }
  const handler = handlerOf(HANDLERS, intent);
  await requireStaff(request, handler.permission);
  const formKey = intent === "handleComplaint" ? `handleComplaint-${formData.get("feedbackId")}` : intent;
  const submission = parseWithZod(formData, { schema: handler.schema });
  if (submission.status !== "success") return json({ intent, formKey, result: submission.reply() }, { status: 400 });
  let saved: unknown;
  try {
    saved = await handler.run(staff, request, id, submission.value);
  } catch (error) {
    if (error instanceof DomainError)
      return json({ intent, formKey, result: submission.reply({ formErrors: [error.messageKey] }) }, { status: 409 });
    throw error;
  }
  const observed = intent === "addObservation" ? { status: (saved as { status: string }).status } : null;
  return json({ intent, formKey, result: submission.reply({ resetForm: true }), observed });
}

export default function GuestProfile() {
  const { profile, today, properties, homePropertyId, permissions, canReview, loyalty, mergeNotice, canMerge, provenance, quality } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ProfileActionData;
  const t = useT();
  const locale = useLocale();
  const timeZone = useTimeZone();
  const { basics } = profile;
  const currencyOf = new Map(properties.map((p) => [p.id, p.currency]));

  return (
    <article className="profile">
      <header className="profile-header">
        <div>
          <h1>
            {basics.fullName}
            {basics.namePinyin ? <span className="pinyin"> {basics.namePinyin}</span> : null}
          </h1>
          <p className="profile-number">
            {basics.profileNumber}
            {basics.vipLevel > 0 ? <span className="vip">{t("profile.vip", { level: basics.vipLevel })}</span> : null}
            {profile.markers.map((m) => (
              <MarkerBadge key={m.code} marker={m} />
            ))}
          </p>
        </div>
        <div className="profile-actions">
          {permissions["guest:edit"] ? (
            <Link className="button" to="edit">
              {t("action.edit")}
            </Link>
          ) : null}
          {canMerge ? (
            <Link className="button" to={`/guests/merge?survivorNumber=${encodeURIComponent(basics.profileNumber)}`}>
              {t("merge.mergeWith")}
            </Link>
          ) : null}
          {permissions["audit:view"] ? (
            <Link className="button" to="audit">
              {t("profile.accessRegister")}
            </Link>
          ) : null}
          {permissions["guest:delete"] ? (
            <Form
              method="post"
              onSubmit={(e) => {
                if (!confirm(t("profile.confirmDelete"))) e.preventDefault();
              }}
            >
              <input type="hidden" name="intent" value="delete" />
              <button type="submit" className="danger">
                {t("action.delete")}
              </button>
            </Form>
          ) : null}
        </div>
      </header>

      {mergeNotice.redirectedFrom || mergeNotice.justMerged ? (
        <p className="notice" role="status">
          {mergeNotice.redirectedFrom
            ? t("merge.redirected", { number: mergeNotice.redirectedFrom })
            : t("merge.done", { number: mergeNotice.justMerged ?? "" })}{" "}
          {mergeNotice.mergeId ? <Link to={`/merges/${mergeNotice.mergeId}`}>{t("merge.openRecord")}</Link> : null}
        </p>
      ) : null}

      <AlertStrip alerts={profile.alerts} />

      {profile.currentStay ? (
        <p className="current-stay">
          {t(`stayStatus.${profile.currentStay.status}`)} ·{" "}
          {locale === "zh-CN" ? profile.currentStay.property.nameZh : profile.currentStay.property.name}
          {profile.currentStay.roomNumber ? ` · ${t("stay.room")} ${profile.currentStay.roomNumber}` : ""} ·{" "}
          {formatDate(profile.currentStay.arrivalDate, locale)} → {formatDate(profile.currentStay.departureDate, locale)}
        </p>
      ) : null}

      <div className="profile-grid">
        <section aria-labelledby="prefs-h" className="card">
          <h2 id="prefs-h">{t("profile.preferences")}</h2>
          {profile.preferences.length ? (
            <ul className="preference-list">
              {profile.preferences.map((p) => (
                <li key={p.id} className={`pref pref-${p.category.toLowerCase()}`}>
                  <strong>{t(`category.${p.category}`)}</strong>: {p.value}
                  {p.note ? <span className="muted"> — {p.note}</span> : null}
                  {p.status !== "ACTIVE" ? <span className="tag">{t(`preferenceStatus.${p.status}`)}</span> : null}
                  {p.status === "PROPOSED" && p.evidence ? (
                    <span className="muted">
                      {" "}
                      ({t("preference.evidence")}: <EvidenceText stored={p.evidence} />, {formatPercent(p.confidence, locale)})
                    </span>
                  ) : null}
                  {canReview && p.status !== "ACTIVE" ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="preferenceId" value={p.id} />
                      <button type="submit" name="intent" value="acceptPreference" className="link-button">
                        {t("preference.accept")}
                      </button>
                      <button type="submit" name="intent" value="rejectPreference" className="link-button">
                        {t("preference.reject")}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("profile.none")}</p>
          )}
          {permissions["preference:add"] ? <AddObservation actionData={actionData} guestName={basics.fullName} /> : null}
          {permissions["preference:add"] ? (
            <details open={actionData?.formKey === "addPreference" || undefined}>
              <summary>{t("preference.add")}</summary>
              <AddPreferenceForm actionData={actionData} />
            </details>
          ) : null}

          <h3>{t("profile.specialDates")}</h3>
          {profile.specialDates.length ? (
            <ul>
              {profile.specialDates.map((d) => (
                <li key={d.id}>
                  {t(`specialDateKind.${d.kind}`)} · {d.label} ·{" "}
                  {d.calendar === "LUNAR" ? t("specialDate.lunarDate", { month: d.month, day: d.day }) : `${d.month}/${d.day}`}
                  {d.note ? <span className="muted"> — {d.note}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("profile.none")}</p>
          )}
          {permissions["specialDate:add"] ? (
            <details open={actionData?.formKey === "addSpecialDate" || undefined}>
              <summary>{t("specialDate.add")}</summary>
              <AddSpecialDateForm actionData={actionData} />
            </details>
          ) : null}
        </section>

        {quality ? <QualityCard guestId={basics.id} quality={quality} /> : null}

        <section aria-labelledby="basics-h" className="card">
          <h2 id="basics-h">{t("profile.basics")}</h2>
          <dl className="basics">
            <Row label={t("guest.gender")} value={t(`gender.${basics.gender}`)} />
            <Row label={t("guest.birthDate")} value={basics.birthDate ? formatDate(basics.birthDate, locale) : null} />
            {basics.birthdayCalendar === "LUNAR" && basics.lunarBirthMonth ? (
              <Row
                label={t("guest.lunarBirthday")}
                value={t("specialDate.lunarDate", {
                  month: `${basics.lunarBirthLeap ? t("guest.leap") : ""}${basics.lunarBirthMonth}`,
                  day: basics.lunarBirthDay ?? "",
                })}
              />
            ) : null}
            <Row label={t("guest.ethnicity")} value={basics.ethnicity} />
            <Row label={t("guest.nativePlace")} value={basics.nativePlace} />
            <Row label={t("guest.nationality")} value={basics.nationality} />
            <Row label={t("guest.language")} value={t(`language.${basics.language}`)} />
            <Row label={t("guest.phone")} value={basics.phone} />
            <Row label={t("guest.email")} value={basics.email} />
            <Row label={t("guest.company")} value={basics.company} />
            <Row label={t("guest.address")} value={basics.address} />
            {basics.idDocument || basics.idDocumentUnreadable ? (
              <Row
                label={basics.idDocumentType ? t(`idType.${basics.idDocumentType}`) : t("guest.idDocumentNumber")}
                value={basics.idDocument ?? t("profile.idDocumentUnreadable")}
              />
            ) : null}
            <Row
              label={t("guest.consent")}
              value={
                (["Email", "Sms", "Phone", "Mail"] as const)
                  .filter((c) => basics[`consent${c}`])
                  .map((c) => t(`channel.${c.toUpperCase()}`))
                  .join(", ") || t("profile.noConsent")
              }
            />
            <Row label={t("guest.notes")} value={basics.notes} />
          </dl>
        </section>

        <section aria-labelledby="stays-h" className="card wide">
          <h2 id="stays-h">{t("profile.stays", { count: profile.stayCount })}</h2>
          {profile.stays.length ? (
            <div className="table-scroll">
              <table className="stack">
                <thead>
                  <tr>
                    <th scope="col">{t("stay.arrival")}</th>
                    <th scope="col">{t("stay.nights")}</th>
                    <th scope="col">{t("stay.property")}</th>
                    <th scope="col">{t("stay.room")}</th>
                    <th scope="col">{t("stay.channel")}</th>
                    <th scope="col">{t("stay.purpose")}</th>
                    <th scope="col">{t("stay.status")}</th>
                    {permissions["spend:view"] ? <th scope="col">{t("stay.revenue")}</th> : null}
                    {permissions["survey:record"] ? <th scope="col">{t("staySurvey.open")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {profile.stays.map((s) => (
                    <tr key={s.id}>
                      <td data-label={t("stay.arrival")}>{formatDate(s.arrivalDate, locale)}</td>
                      <td data-label={t("stay.nights")}>{s.nights}</td>
                      <td data-label={t("stay.property")}>{s.property.code}</td>
                      <td data-label={t("stay.room")}>
                        {s.roomNumber ?? "—"} {t(`roomType.${s.roomType}`)}
                      </td>
                      <td data-label={t("stay.channel")}>{t(`channelName.${s.bookingChannel}`)}</td>
                      <td data-label={t("stay.purpose")}>{t(`purpose.${s.purpose}`)}</td>
                      <td data-label={t("stay.status")}>{t(`stayStatus.${s.status}`)}</td>
                      {permissions["spend:view"] && s.roomRevenue != null ? (
                        <td data-label={t("stay.revenue")} className="num">
                          {formatMoney(s.roomRevenue, s.property.currency, locale)}
                        </td>
                      ) : null}
                      {permissions["survey:record"] ? (
                        <td data-label={t("staySurvey.open")}>
                          {s.survey || s.status === "CHECKED_OUT" ? (
                            <Link to={`/guests/${basics.id}/stays/${s.id}/survey`}>
                              {s.survey ? `${s.survey.score} / 10` : t("staySurvey.record")}
                            </Link>
                          ) : (
                            "—"
                          )}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p className="muted">{t("profile.none")}</p>
          )}
          {permissions["stay:add"] ? (
            <details open={actionData?.formKey === "addStay" || undefined}>
              <summary>{t("stay.add")}</summary>
              <AddStayForm
                actionData={actionData}
                properties={properties}
                locale={locale}
                defaultPropertyId={homePropertyId}
                today={today}
              />
            </details>
          ) : null}
        </section>

        <section aria-labelledby="spend-h" className="card">
          <h2 id="spend-h">{t("profile.consumption")}</h2>
          {profile.consumption ? (
            <dl className="basics">
              {profile.consumption.perCurrency.map((c) => (
                <Row
                  key={c.currency}
                  label={`${t("consumption.total")} (${c.currency})`}
                  value={`${formatMoney(c.total, c.currency, locale)} — ${t("consumption.rooms")} ${formatMoney(c.roomRevenue, c.currency, locale)}, ${t("consumption.outlets")} ${formatMoney(c.outletSpend, c.currency, locale)}`}
                />
              ))}
              {profile.consumption.perCapita.map((c) => (
                <Row
                  key={c.currency}
                  label={`${t("consumption.perCapita")} (${c.currency})`}
                  value={formatMoney(c.amount, c.currency, locale)}
                />
              ))}
              <Row
                label={t("consumption.favouriteOutlets")}
                value={profile.consumption.favouriteOutlets.map((o) => `${t(`outlet.${o.outlet}`)} (${o.visits})`).join(", ") || null}
              />
              <Row
                label={t("consumption.paymentMethods")}
                value={profile.consumption.paymentMethods.map((p) => `${t(`payment.${p.method}`)} (${p.count})`).join(", ") || null}
              />
              <Row
                label={t("consumption.averageDiscount")}
                value={profile.consumption.averageDiscount == null ? null : formatPercent(profile.consumption.averageDiscount, locale)}
              />
            </dl>
          ) : (
            <p className="muted">{t("consumption.hidden")}</p>
          )}
          {permissions["charge:add"] ? (
            <details open={actionData?.formKey === "addCharge" || undefined}>
              <summary>{t("charge.add")}</summary>
              <AddChargeForm
                actionData={actionData}
                properties={properties}
                locale={locale}
                defaultPropertyId={homePropertyId}
                stays={profile.stays}
              />
            </details>
          ) : null}
        </section>

        <GuestLoyalty
          guestId={basics.id}
          loyalty={loyalty}
          canReward={permissions["loyalty:reward"]}
          showSpend={permissions["spend:view"]}
          currency={loyalty.currency}
          windowMonths={loyalty.windowMonths}
        />

        <section aria-labelledby="feedback-h" className="card">
          <h2 id="feedback-h">{t("profile.feedback")}</h2>
          {profile.feedback.length ? (
            <ul className="feedback-list">
              {profile.feedback.map((f) => (
                <li key={f.id} className={`feedback feedback-${f.status.toLowerCase()}`}>
                  <p>
                    <strong>{t(`feedbackKind.${f.kind}`)}</strong> · {t(`feedbackCategory.${f.category}`)}
                    {f.kind === "COMPLAINT" ? (
                      <>
                        {" "}
                        · {t(`severity.${f.severity}`)} · <span className="tag">{t(`feedbackStatus.${f.status}`)}</span>
                      </>
                    ) : null}
                    <span className="muted">
                      {" "}
                      · {formatDateTime(f.createdAt, locale, timeZone)} · {t(`department.${f.department}`)}
                    </span>
                  </p>
                  {f.textsHidden ? <p className="muted">{t("feedback.textsHidden")}</p> : <p>{f.description}</p>}
                  {f.handling ? (
                    <p className="muted">
                      {t("feedback.handling")}: {f.handling}
                      {f.compensation ? ` · ${t("feedback.compensation")}: ${f.compensation}` : ""}
                    </p>
                  ) : null}
                  {f.guestReaction ? (
                    <p className="muted">
                      {t("feedback.guestReaction")}: {t(`reaction.${f.guestReaction}`)}
                      {f.guestReactionNote ? ` — ${f.guestReactionNote}` : ""}
                    </p>
                  ) : null}
                  {f.open && f.acknowledgeBy && !f.acknowledgedAt ? (
                    <p className={f.acknowledgeOverdue ? "overdue" : "muted"}>
                      {t("feedback.acknowledgeBy")}: {formatDateTime(f.acknowledgeBy, locale, timeZone)}
                    </p>
                  ) : null}
                  {f.open && f.deadline ? (
                    <p className={f.overdue ? "overdue" : "muted"}>
                      {t("feedback.deadline")}: {formatDateTime(f.deadline, locale, timeZone)}
                    </p>
                  ) : null}
                  {f.kind === "COMPLAINT" && permissions["complaint:handle"] ? (
                    <details open={actionData?.formKey === `handleComplaint-${f.id}` || undefined}>
                      <summary>{t("feedback.handle")}</summary>
                      <HandleComplaintForm actionData={actionData} complaint={f} />
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("profile.none")}</p>
          )}
          {permissions["complaint:add"] ? (
            <details open={actionData?.formKey === "addFeedback" || undefined}>
              <summary>{t("feedback.add")}</summary>
              <AddFeedbackForm actionData={actionData} properties={properties} locale={locale} defaultPropertyId={homePropertyId} />
            </details>
          ) : null}
        </section>

        {permissions["guest:legalHold"] || permissions["guest:export"] || permissions["guest:erase"] ? (
          <DataProtection
            guestId={basics.id}
            profileNumber={basics.profileNumber}
            legalHold={basics.legalHold}
            legalHoldReason={basics.legalHoldReason}
            permissions={permissions}
            actionData={actionData}
          />
        ) : null}

        {provenance.length ? (
          <section aria-labelledby="provenance-h" className="card wide">
            <h2 id="provenance-h">{t("provenance.title")}</h2>
            <dl className="provenance">
              {provenance.map((p) => (
                <div key={p.field} data-field={p.field}>
                  <dt>{t(`merge.fieldName.${p.field}`)}</dt>
                  <dd>
                    {p.source === "merge"
                      ? t("provenance.merge", { number: p.profileNumber, date: formatDateTime(p.at, locale, timeZone) })
                      : t("provenance.edit", { date: formatDateTime(p.at, locale, timeZone) })}
                    {p.rule ? <span className="muted"> ({t(`merge.rule.${p.rule}`)})</span> : null}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ) : null}

        <section aria-labelledby="timeline-h" className="card wide">
          <h2 id="timeline-h">{t("profile.timeline")}</h2>
          <ol className="timeline">
            {profile.timeline.map((e) => (
              <li key={e.id}>
                <time dateTime={String(e.happensAt)}>{formatDateTime(e.happensAt, locale, timeZone)}</time> · {t(`event.${e.name}`)}
                {e.actorName ? <span className="muted"> · {e.actorName}</span> : null}
                {canMerge && e.name.startsWith("guest.") && typeof mergeIdOf(e.properties) === "number" ? (
                  <>
                    {" "}
                    · <Link to={`/merges/${mergeIdOf(e.properties)}`}>{t("merge.openRecord")}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
      <p className="muted">{t("profile.currencyNote", { currencies: [...new Set(currencyOf.values())].join(", ") })}</p>
    </article>
  );
}

/** The merge a timeline event names (a merge, a merge away, an undo). */
function mergeIdOf(properties: unknown): number | undefined {
  const id = (properties as { mergeId?: unknown } | null)?.mergeId;
  return typeof id === "number" ? id : undefined;
}

function DataProtection({
  guestId,
  profileNumber,
  legalHold,
  legalHoldReason,
  permissions,
  actionData,
}: {
  guestId: number;
  profileNumber: string;
  legalHold: boolean;
  legalHoldReason: string | null;
  permissions: Record<string, boolean>;
  actionData: ProfileActionData;
}) {
  const t = useT();
  const result = actionData?.result as { error?: Record<string, string[]>; initialValue?: Record<string, unknown> } | undefined;
  const errors = result?.error ?? {};
  const typed = (name: string) => (typeof result?.initialValue?.[name] === "string" ? (result.initialValue[name] as string) : undefined);
  return (
    <section aria-labelledby="protection-h" className="card">
      <h2 id="protection-h">{t("protection.title")}</h2>
      {permissions["guest:legalHold"] ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="legalHold" />
          <p>{legalHold ? <strong>{t("protection.onHold", { reason: legalHoldReason ?? "" })}</strong> : t("protection.notOnHold")}</p>
          {legalHold ? (
            <button type="submit">{t("protection.releaseHold")}</button>
          ) : (
            <>
              <input type="hidden" name="hold" value="on" />
              <div className="field">
                <label htmlFor="legalHoldReason">{t("protection.holdReason")}</label>
                <input
                  id="legalHoldReason"
                  name="legalHoldReason"
                  defaultValue={actionData?.intent === "legalHold" ? typed("legalHoldReason") : undefined}
                  aria-invalid={errors.legalHoldReason ? true : undefined}
                  aria-describedby={errors.legalHoldReason ? "legalHoldReason-error" : undefined}
                />
                {errors.legalHoldReason ? (
                  <p className="field-error" id="legalHoldReason-error">
                    {t(errors.legalHoldReason[0])}
                  </p>
                ) : null}
              </div>
              <button type="submit">{t("protection.placeHold")}</button>
            </>
          )}
        </Form>
      ) : null}
      {permissions["guest:export"] ? (
        <p>
          {t("protection.export")}:{" "}
          <a href={`/guests/${guestId}/export?format=json`} download>
            JSON
          </a>{" "}
          ·{" "}
          <a href={`/guests/${guestId}/export?format=csv`} download>
            CSV
          </a>
        </p>
      ) : null}
      {permissions["guest:erase"] ? (
        <details open={actionData?.formKey === "erase" || undefined}>
          <summary>{t("protection.erase")}</summary>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="erase" />
            <p className="warning">{t("protection.eraseWarning")}</p>
            <div className="field">
              <label htmlFor="erase-reason">{t("erasure.reason")}</label>
              <input
                id="erase-reason"
                name="reason"
                defaultValue={(actionData?.intent === "erase" ? typed("reason") : undefined) ?? "guest request"}
                aria-invalid={errors.reason ? true : undefined}
                aria-describedby={errors.reason ? "erase-reason-error" : undefined}
              />
              {errors.reason ? (
                <p className="field-error" id="erase-reason-error">
                  {t(errors.reason[0])}
                </p>
              ) : null}
            </div>
            <div className="field">
              <label htmlFor="confirmNumber">{t("protection.confirmNumber", { number: profileNumber })}</label>
              <input
                id="confirmNumber"
                name="confirmNumber"
                autoComplete="off"
                aria-invalid={errors.confirmNumber ? true : undefined}
                aria-describedby={errors.confirmNumber ? "confirmNumber-error" : undefined}
              />
              {errors.confirmNumber ? (
                <p className="field-error" id="confirmNumber-error">
                  {t(errors.confirmNumber[0])}
                </p>
              ) : null}
            </div>
            <button type="submit" className="danger">
              {t("protection.eraseNow")}
            </button>
          </Form>
        </details>
      ) : null}
    </section>
  );
}

function Row({ label, value }: { label: string; value: string | null | undefined }) {
  if (value == null || value === "") return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

/** The guest's open data-quality findings and how complete the profile is (docs/decisions/021). */
function QualityCard({
  guestId,
  quality,
}: {
  guestId: number;
  quality: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["quality"]>;
}) {
  const t = useT();
  return (
    <section aria-labelledby="quality-h" className="card" id="quality">
      <h2 id="quality-h">{t("quality.profileHeading")}</h2>
      <p>
        {t("quality.completenessScore", { score: quality.completeness.score })} <MissingFields fields={quality.completeness.topMissing} />
      </p>
      {quality.findings.length ? (
        <ul className="quality-findings">
          {quality.findings.map((f) => (
            <li key={f.id} data-finding={f.ruleId}>
              <FindingRule finding={f} /> — <FindingFix finding={f} /> <Link to={fixHref(guestId, f.fix)}>{t("quality.fixInPlace")}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("quality.profileNone")}</p>
      )}
    </section>
  );
}

function AlertStrip({ alerts }: { alerts: ReturnType<typeof useLoaderData<typeof loader>>["profile"]["alerts"] }) {
  const t = useT();
  const locale = useLocale();
  if (!alerts.length) return null;
  return (
    <section className="alert-strip" aria-label={t("profile.alerts")} role="region">
      <ul>
        {alerts.map((a, i) => {
          switch (a.kind) {
            case "allergy":
            case "taboo":
              return (
                <li key={i} className={`alert alert-${a.kind}`}>
                  <Icon name={a.kind === "allergy" ? "alert" : "noEntry"} /> <strong>{t(`alert.${a.kind}`)}</strong>: {a.text}
                  {a.pending ? <span className="tag unreviewed">{t("alert.unreviewed")}</span> : null}
                </li>
              );
            case "openComplaint":
              return (
                <li key={i} className="alert alert-complaint">
                  <Icon name="mail" /> <strong>{t("alert.openComplaints", { count: a.count })}</strong>
                  {a.overdue ? ` · ${t("alert.overdue", { count: a.overdue })}` : ""}
                </li>
              );
            case "occasion":
              return (
                <li key={i} className="alert alert-occasion">
                  <Icon name="cake" /> <strong>{t(`alert.occasion.${a.occasion}`)}</strong>
                  {a.label ? ` (${a.label})` : ""}: {formatDate(a.date, locale)}
                  {a.duringStay ? ` · ${t("alert.duringStay")}` : ""}
                </li>
              );
          }
        })}
      </ul>
    </section>
  );
}

function EvidenceText({ stored }: { stored: string }) {
  const t = useT();
  const evidence = readEvidence(stored);
  if (!evidence) return null;
  return <>{"structured" in evidence ? t(`evidence.${evidence.structured.kind}`, evidence.structured) : evidence.text}</>;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
