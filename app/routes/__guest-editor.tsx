// The guest form used by "new guest" and "edit guest": same fields, same
// zod rules in the browser and on the server.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { GENDERS, guestFormSchema, ID_DOCUMENT_TYPES, LANGUAGES } from "~/domain/guests/guest-form";
import type { LikelyDuplicate } from "~/domain/guests/save-guest.server";
import { useT } from "~/i18n/use-t";
import { CheckboxField, CheckboxGroup, FormErrors, SelectField, TextAreaField, TextField } from "~/ui/fields";
import { MarkerBadge, type MarkerView } from "~/ui/markers";

export function GuestEditor({
  lastResult,
  defaultValue,
  markers,
  today,
  duplicates,
  cancelTo,
  idOnFile,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, unknown>;
  markers: MarkerView[];
  today: string;
  duplicates?: LikelyDuplicate[];
  cancelTo: string;
  idOnFile?: string | null;
}) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "guest-form",
    lastResult,
    defaultValue: defaultValue as any,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: guestFormSchema(today) }),
  });
  // The warning comes back above the form while the page is still scrolled to the Save button:
  // take the focus there (which scrolls it into view), once per answer from the server.
  const warningRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (duplicates?.length) warningRef.current?.focus();
  }, [duplicates]);
  const options = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));

  return (
    <Form method="post" {...getFormProps(form)} className="guest-form">
      <FormErrors errors={form.errors} />
      {duplicates?.length ? (
        <div className="warning" role="alert" tabIndex={-1} ref={warningRef} aria-labelledby="duplicate-warning">
          <p id="duplicate-warning">{t("guest.possibleDuplicate")}</p>
          <ul>
            {duplicates.map((d) => (
              <li key={d.id}>
                <Link to={`/guests/${d.id}`}>
                  {d.fullName} · {d.profileNumber}
                </Link>{" "}
                — {t(`guest.matchedOn.${d.matchedOn}`)}
              </li>
            ))}
          </ul>
          <CheckboxField field={fields.confirmDuplicate} label={t("guest.confirmDuplicate")} />
        </div>
      ) : null}
      {defaultValue?.version !== undefined ? <input {...getInputProps(fields.version, { type: "hidden" })} /> : null}

      <fieldset className="grid">
        <legend>{t("profile.basics")}</legend>
        <TextField field={fields.fullName} label={t("guest.fullName")} autoFocus />
        <SelectField field={fields.gender} label={t("guest.gender")} options={options(GENDERS, "gender")} />
        <TextField field={fields.birthDate} label={t("guest.birthDate")} type="date" />
        <SelectField
          field={fields.birthdayCalendar}
          label={t("guest.birthdayCalendar")}
          options={options(["GREGORIAN", "LUNAR"], "calendar")}
        />
        <TextField
          field={fields.lunarBirthMonth}
          label={t("guest.lunarBirthMonth")}
          type="number"
          inputMode="numeric"
          hint={t("guest.lunarHint")}
        />
        <TextField field={fields.lunarBirthDay} label={t("guest.lunarBirthDay")} type="number" inputMode="numeric" />
        <CheckboxField field={fields.lunarBirthLeap} label={t("guest.lunarBirthLeap")} />
        <TextField field={fields.ethnicity} label={t("guest.ethnicity")} />
        <TextField field={fields.nativePlace} label={t("guest.nativePlace")} />
        <TextField field={fields.nationality} label={t("guest.nationality")} />
        <SelectField field={fields.language} label={t("guest.language")} options={options(LANGUAGES, "language")} />
      </fieldset>

      <fieldset className="grid">
        <legend>{t("guest.contact")}</legend>
        <TextField field={fields.phone} label={t("guest.phone")} type="tel" />
        <TextField field={fields.email} label={t("guest.email")} type="email" />
        <TextField field={fields.company} label={t("guest.company")} />
        <TextField field={fields.address} label={t("guest.address")} />
        <SelectField
          field={fields.idDocumentType}
          label={t("guest.idDocumentType")}
          options={options(ID_DOCUMENT_TYPES, "idType")}
          blank="—"
        />
        <TextField
          field={fields.idDocumentNumber}
          label={t("guest.idDocumentNumber")}
          hint={idOnFile ? t("guest.idOnFile", { masked: idOnFile }) : t("guest.idHint")}
        />
      </fieldset>

      <fieldset className="grid">
        <legend>{t("guest.status")}</legend>
        <TextField field={fields.vipLevel} label={t("guest.vipLevel")} type="number" inputMode="numeric" />
        <CheckboxGroup
          field={fields.markers}
          legend={t("guest.markers")}
          options={markers.map((m) => ({ value: m.code, label: <MarkerBadge marker={m} /> }))}
        />
        <fieldset className="field field-wide checkbox-group">
          <legend>{t("guest.consent")}</legend>
          <CheckboxField field={fields.consentEmail} label={t("channel.EMAIL")} />
          <CheckboxField field={fields.consentSms} label={t("channel.SMS")} />
          <CheckboxField field={fields.consentPhone} label={t("channel.PHONE")} />
          <CheckboxField field={fields.consentMail} label={t("channel.MAIL")} />
        </fieldset>
        <TextAreaField field={fields.notes} label={t("guest.notes")} />
      </fieldset>

      <div className="actions">
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("action.save")}
        </button>
        <Link to={cancelTo}>{t("action.cancel")}</Link>
      </div>
    </Form>
  );
}
