// The "add …" forms on the profile. Each posts to the profile route with an
// `intent`, validated by the same zod schema on both sides.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { ZodTypeAny } from "zod";
import { chargeFormSchema, MEAL_PERIODS, OUTLETS, PAYMENT_METHODS } from "~/domain/consumption/charge-form";
import {
  FEEDBACK_CATEGORIES,
  FEEDBACK_KINDS,
  FEEDBACK_STATUSES,
  feedbackFormSchema,
  HANDLING_REACTIONS,
  handlingFormSchema,
  SEVERITIES,
} from "~/domain/complaints/feedback-form";
import { DEPARTMENTS } from "~/domain/staff/departments";
import { OBSERVATION_KINDS } from "~/domain/preferences/observation-kinds";
import {
  observationFormSchema,
  PREFERENCE_CATEGORIES,
  preferenceFormSchema,
  specialDateFormSchema,
} from "~/domain/preferences/preference-form";
import { AMENITIES, BOOKING_CHANNELS, ROOM_TYPES, STAY_STATUSES, stayFormSchema, TRAVEL_PURPOSES } from "~/domain/stays/stay-form";
import { useT } from "~/i18n/use-t";
import { CheckboxField, CheckboxGroup, FormErrors, SelectField, TextAreaField, TextField } from "~/ui/fields";

export type ProfileIntent =
  "addPreference" | "addObservation" | "addSpecialDate" | "addStay" | "addCharge" | "addFeedback" | "handleComplaint";
/** What a saved observation answers: whether it waits for the archive centre's review. */
export type Observed = { status: string };
export type ProfileActionData =
  { intent: string; formKey?: string; result: SubmissionResult<string[]>; observed?: Observed | null } | undefined;
type PropertyOption = { id: number; name: string; nameZh: string };

function useRecordForm(
  intent: ProfileIntent,
  schema: ZodTypeAny,
  actionData: ProfileActionData,
  defaultValue?: Record<string, unknown>,
  formKey: string = intent,
) {
  return useForm({
    id: `form-${formKey}`,
    lastResult: actionData?.formKey === formKey ? actionData.result : undefined,
    defaultValue: defaultValue as any,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

function Submit({ label }: { label: string }) {
  const navigation = useNavigation();
  return (
    <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
      {label}
    </button>
  );
}

function useOptions() {
  const t = useT();
  return (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
}

function propertyOptions(properties: PropertyOption[], locale: string) {
  return properties.map((p) => ({ value: String(p.id), label: locale === "zh-CN" ? p.nameZh : p.name }));
}

export function AddPreferenceForm({ actionData }: { actionData: ProfileActionData }) {
  const t = useT();
  const options = useOptions();
  const [form, fields] = useRecordForm("addPreference", preferenceFormSchema, actionData, { source: "STAFF_OBSERVED" });
  return (
    <Form method="post" {...getFormProps(form)} className="record-form grid" aria-label={t("preference.add")}>
      <input type="hidden" name="intent" value="addPreference" />
      <FormErrors errors={form.errors} />
      <SelectField
        field={fields.category}
        label={t("preference.category")}
        options={options(PREFERENCE_CATEGORIES, "category")}
        blank="—"
      />
      <TextField field={fields.value} label={t("preference.value")} />
      <SelectField field={fields.source} label={t("preference.source")} options={options(["STAFF_OBSERVED", "GUEST_STATED"], "source")} />
      <TextField field={fields.note} label={t("preference.note")} />
      <div className="actions">
        <Submit label={t("preference.add")} />
      </div>
    </Form>
  );
}

/** The form key of a guest's observation form on a page with several (the arrival brief). */
export function observationFormKey(guestId?: number) {
  return guestId ? `addObservation-${guestId}` : "addObservation";
}

/**
 * "Add an observation" in two steps: one click opens the form with the focus
 * in it, one submit saves it. It posts to the page it is on (a plain form
 * without JavaScript); on success it closes and says so where it was.
 */
export function AddObservation({
  actionData,
  guestName,
  guestId,
}: {
  actionData: ProfileActionData;
  guestName: string;
  /** On a page about several guests: which one (posted with the form). */
  guestId?: number;
}) {
  const t = useT();
  const options = useOptions();
  const formKey = observationFormKey(guestId);
  const [form, fields] = useRecordForm("addObservation", observationFormSchema, actionData, undefined, formKey);
  const details = useRef<HTMLDetailsElement>(null);
  const answered = actionData?.formKey === formKey ? actionData : undefined;
  const observed = answered?.observed ?? null;
  useEffect(() => {
    if (!observed || !details.current) return;
    details.current.open = false;
    details.current.querySelector("summary")?.focus();
  }, [observed]);
  return (
    <div className="observation">
      <details
        ref={details}
        open={answered?.result.status === "error" || undefined}
        onToggle={(e) => {
          if (e.currentTarget.open) e.currentTarget.querySelector("select")?.focus();
        }}
      >
        <summary>{t("observation.add")}</summary>
        <Form
          method="post"
          {...getFormProps(form)}
          className="record-form grid"
          aria-label={guestId ? `${t("observation.add")} · ${guestName}` : t("observation.add")}
          preventScrollReset
        >
          <input type="hidden" name="intent" value="addObservation" />
          {guestId ? <input type="hidden" name="guestId" value={guestId} /> : null}
          <FormErrors errors={form.errors} />
          <SelectField
            field={fields.category}
            label={t("preference.category")}
            options={options(PREFERENCE_CATEGORIES, "category")}
            blank="—"
          />
          <SelectField
            field={fields.kind}
            label={t("observation.kind")}
            options={options(OBSERVATION_KINDS, "observationKind")}
            blank="—"
          />
          <TextField field={fields.value} label={t("observation.text")} />
          {fields.kind.value === "SPECIAL_DAY" || fields.occasionMonth.errors || fields.occasionDay.errors ? (
            <>
              <TextField field={fields.occasionMonth} label={t("observation.month")} type="number" inputMode="numeric" />
              <TextField field={fields.occasionDay} label={t("observation.day")} type="number" inputMode="numeric" />
            </>
          ) : null}
          <div className="actions">
            <Submit label={t("observation.add")} />
          </div>
        </Form>
      </details>
      {observed ? (
        <p className="notice" role="status">
          {t(observed.status === "PENDING_REVIEW" ? "observation.savedForReview" : "observation.saved", { name: guestName })}
        </p>
      ) : null}
    </div>
  );
}

export function AddSpecialDateForm({ actionData }: { actionData: ProfileActionData }) {
  const t = useT();
  const options = useOptions();
  const [form, fields] = useRecordForm("addSpecialDate", specialDateFormSchema, actionData, { kind: "ANNIVERSARY", calendar: "GREGORIAN" });
  return (
    <Form method="post" {...getFormProps(form)} className="record-form grid" aria-label={t("specialDate.add")}>
      <input type="hidden" name="intent" value="addSpecialDate" />
      <FormErrors errors={form.errors} />
      <SelectField
        field={fields.kind}
        label={t("specialDate.kind")}
        options={options(["BIRTHDAY", "ANNIVERSARY", "CUSTOM"], "specialDateKind")}
      />
      <TextField field={fields.label} label={t("specialDate.label")} />
      <SelectField field={fields.calendar} label={t("guest.birthdayCalendar")} options={options(["GREGORIAN", "LUNAR"], "calendar")} />
      <TextField field={fields.month} label={t("specialDate.month")} type="number" inputMode="numeric" />
      <TextField field={fields.day} label={t("specialDate.day")} type="number" inputMode="numeric" />
      <CheckboxField field={fields.isLeapMonth} label={t("guest.lunarBirthLeap")} />
      <TextField field={fields.year} label={t("specialDate.year")} type="number" inputMode="numeric" />
      <TextField field={fields.note} label={t("preference.note")} />
      <div className="actions">
        <Submit label={t("specialDate.add")} />
      </div>
    </Form>
  );
}

export function AddStayForm({
  actionData,
  properties,
  locale,
  defaultPropertyId,
  today,
}: {
  actionData: ProfileActionData;
  properties: PropertyOption[];
  locale: string;
  defaultPropertyId?: number;
  today: string;
}) {
  const t = useT();
  const options = useOptions();
  const [form, fields] = useRecordForm("addStay", stayFormSchema, actionData, {
    propertyId: defaultPropertyId ? String(defaultPropertyId) : undefined,
    arrivalDate: today,
    adults: "1",
    children: "0",
    status: "RESERVED",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="record-form grid" aria-label={t("stay.add")}>
      <input type="hidden" name="intent" value="addStay" />
      <FormErrors errors={form.errors} />
      <SelectField field={fields.propertyId} label={t("stay.property")} options={propertyOptions(properties, locale)} blank="—" />
      <SelectField field={fields.status} label={t("stay.status")} options={options(STAY_STATUSES, "stayStatus")} />
      <TextField field={fields.arrivalDate} label={t("stay.arrival")} type="date" />
      <TextField field={fields.departureDate} label={t("stay.departure")} type="date" />
      <TextField field={fields.roomNumber} label={t("stay.room")} />
      <SelectField field={fields.roomType} label={t("stay.roomType")} options={options(ROOM_TYPES, "roomType")} blank="—" />
      <SelectField field={fields.bookingChannel} label={t("stay.channel")} options={options(BOOKING_CHANNELS, "channelName")} blank="—" />
      <SelectField field={fields.purpose} label={t("stay.purpose")} options={options(TRAVEL_PURPOSES, "purpose")} blank="—" />
      <TextField field={fields.adults} label={t("stay.adults")} type="number" inputMode="numeric" />
      <TextField field={fields.children} label={t("stay.children")} type="number" inputMode="numeric" />
      <TextField field={fields.rateAmount} label={t("stay.rate")} inputMode="decimal" />
      <CheckboxGroup field={fields.amenitiesUsed} legend={t("stay.amenities")} options={options(AMENITIES, "amenity")} />
      <div className="actions">
        <Submit label={t("stay.add")} />
      </div>
    </Form>
  );
}

export function AddChargeForm({
  actionData,
  properties,
  locale,
  stays,
  defaultPropertyId,
}: {
  actionData: ProfileActionData;
  properties: PropertyOption[];
  locale: string;
  defaultPropertyId?: number;
  stays: { id: number; arrivalDate: string; roomNumber: string | null }[];
}) {
  const t = useT();
  const options = useOptions();
  const [form, fields] = useRecordForm("addCharge", chargeFormSchema, actionData, {
    propertyId: defaultPropertyId ? String(defaultPropertyId) : undefined,
    covers: "1",
    discountPercent: "0",
    mealPeriod: "DINNER",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="record-form grid" aria-label={t("charge.add")}>
      <input type="hidden" name="intent" value="addCharge" />
      <FormErrors errors={form.errors} />
      <SelectField field={fields.propertyId} label={t("stay.property")} options={propertyOptions(properties, locale)} blank="—" />
      <SelectField
        field={fields.stayId}
        label={t("charge.stay")}
        options={stays.map((s) => ({ value: String(s.id), label: `${s.arrivalDate}${s.roomNumber ? ` · ${s.roomNumber}` : ""}` }))}
        blank="—"
      />
      <SelectField
        field={fields.outlet}
        label={t("charge.outlet")}
        options={OUTLETS.map((o) => ({ value: o, label: t(`outlet.${o}`) }))}
        blank="—"
      />
      <SelectField field={fields.mealPeriod} label={t("charge.mealPeriod")} options={options(MEAL_PERIODS, "mealPeriod")} />
      <TextField field={fields.covers} label={t("charge.covers")} type="number" inputMode="numeric" />
      <TextField field={fields.grossAmount} label={t("charge.gross")} inputMode="decimal" />
      <TextField field={fields.discountPercent} label={t("charge.discount")} inputMode="decimal" />
      <SelectField field={fields.paymentMethod} label={t("charge.payment")} options={options(PAYMENT_METHODS, "payment")} blank="—" />
      <TextField field={fields.chargedAt} label={t("charge.at")} type="datetime-local" />
      <TextField field={fields.description} label={t("charge.description")} />
      <div className="actions">
        <Submit label={t("charge.add")} />
      </div>
    </Form>
  );
}

export function AddFeedbackForm({
  actionData,
  properties,
  locale,
  defaultPropertyId,
}: {
  actionData: ProfileActionData;
  properties: PropertyOption[];
  locale: string;
  defaultPropertyId?: number;
}) {
  const t = useT();
  const options = useOptions();
  const [form, fields] = useRecordForm("addFeedback", feedbackFormSchema, actionData, {
    kind: "COMPLAINT",
    severity: "MEDIUM",
    propertyId: defaultPropertyId ? String(defaultPropertyId) : undefined,
  });
  return (
    <Form method="post" {...getFormProps(form)} className="record-form grid" aria-label={t("feedback.add")}>
      <input type="hidden" name="intent" value="addFeedback" />
      <FormErrors errors={form.errors} />
      <SelectField field={fields.kind} label={t("feedback.kind")} options={options(FEEDBACK_KINDS, "feedbackKind")} />
      <SelectField field={fields.propertyId} label={t("stay.property")} options={propertyOptions(properties, locale)} blank="—" />
      <SelectField
        field={fields.category}
        label={t("feedback.category")}
        options={options(FEEDBACK_CATEGORIES, "feedbackCategory")}
        blank="—"
      />
      <SelectField field={fields.severity} label={t("feedback.severity")} options={options(SEVERITIES, "severity")} />
      <SelectField field={fields.department} label={t("feedback.department")} options={options(DEPARTMENTS, "department")} blank="—" />
      <TextAreaField field={fields.description} label={t("feedback.description")} />
      <div className="actions">
        <Submit label={t("feedback.add")} />
      </div>
    </Form>
  );
}

export function HandleComplaintForm({
  actionData,
  complaint,
}: {
  actionData: ProfileActionData;
  complaint: {
    id: number;
    status: string;
    handling: string | null;
    compensation: string | null;
    guestReaction: string | null;
    guestReactionNote: string | null;
  };
}) {
  const t = useT();
  const options = useOptions();
  const [form, fields] = useRecordForm(
    "handleComplaint",
    handlingFormSchema,
    actionData,
    {
      feedbackId: String(complaint.id),
      status: complaint.status,
      handling: complaint.handling ?? "",
      compensation: complaint.compensation ?? "",
      guestReaction: complaint.guestReaction ?? "",
      guestReactionNote: complaint.guestReactionNote ?? "",
    },
    `handleComplaint-${complaint.id}`,
  );
  return (
    <Form method="post" {...getFormProps(form)} className="record-form grid" aria-label={t("feedback.handle")}>
      <input type="hidden" name="intent" value="handleComplaint" />
      <input type="hidden" name="feedbackId" value={complaint.id} />
      <FormErrors errors={form.errors} />
      <SelectField field={fields.status} label={t("feedback.status")} options={options(FEEDBACK_STATUSES, "feedbackStatus")} />
      <TextAreaField field={fields.handling} label={t("feedback.handling")} />
      <TextField field={fields.compensation} label={t("feedback.compensation")} />
      <SelectField
        field={fields.guestReaction}
        label={t("feedback.guestReaction")}
        options={options(HANDLING_REACTIONS, "reaction")}
        blank="—"
      />
      <TextField field={fields.guestReactionNote} label={t("feedback.guestReactionNote")} />
      <div className="actions">
        <Submit label={t("feedback.saveHandling")} />
      </div>
    </Form>
  );
}
