// The campaign form used by "new campaign" and "edit campaign".
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { CAMPAIGN_KINDS, campaignFormSchema, CHANNELS } from "~/domain/outreach/campaign-form";
import { PLACEHOLDERS } from "~/domain/outreach/render-message";
import { SEGMENTS } from "~/domain/segments/segment-names";
import { useLocale, useT } from "~/i18n/use-t";
import { CheckboxField, CheckboxGroup, FormErrors, SelectField, TextAreaField, TextField } from "~/ui/fields";
import { MarkerBadge, type MarkerView } from "~/ui/markers";

export function CampaignEditor({
  lastResult,
  defaultValue,
  markers,
  holidays,
  properties,
  guestIdCount,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: Record<string, unknown>;
  markers: MarkerView[];
  holidays: { id: number; nameEn: string; nameZh: string }[];
  properties: { id: number; name: string; nameZh: string }[];
  guestIdCount?: number;
}) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "campaign-form",
    lastResult,
    defaultValue: defaultValue as any,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: campaignFormSchema }),
  });
  const options = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <Form method="post" {...getFormProps(form)} className="guest-form">
      <input type="hidden" name="intent" value="save" />
      <FormErrors errors={form.errors} />
      <fieldset className="grid">
        <legend>{t("campaign.what")}</legend>
        <TextField field={fields.name} label={t("campaign.name")} />
        <SelectField field={fields.kind} label={t("campaign.kind")} options={options(CAMPAIGN_KINDS, "campaignKind")} />
        <SelectField
          field={fields.holidayId}
          label={t("campaign.holiday")}
          blank="—"
          options={holidays.map((h) => ({ value: String(h.id), label: locale === "zh-CN" ? h.nameZh : h.nameEn }))}
        />
        <TextField field={fields.eventDate} label={t("campaign.eventDate")} type="date" />
        <SelectField field={fields.channel} label={t("campaign.channel")} options={options(CHANNELS, "channel")} />
        <TextField field={fields.leadDays} label={t("campaign.leadDays")} type="number" inputMode="numeric" />
        <TextField field={fields.offer} label={t("campaign.offer")} />
      </fieldset>
      <fieldset className="grid">
        <legend>{t("campaign.message")}</legend>
        <p className="hint field-wide">{t("campaign.placeholders", { list: PLACEHOLDERS.map((p) => `{${p}}`).join(" ") })}</p>
        <TextField field={fields.subjectEn} label={t("campaign.subjectEn")} />
        <TextField field={fields.subjectZh} label={t("campaign.subjectZh")} />
        <TextAreaField field={fields.templateEn} label={t("campaign.templateEn")} />
        <TextAreaField field={fields.templateZh} label={t("campaign.templateZh")} />
      </fieldset>
      <fieldset className="grid">
        <legend>{t("campaign.audience")}</legend>
        <CheckboxGroup
          field={fields.markers}
          legend={t("guest.markers")}
          options={markers.map((m) => ({ value: m.code, label: <MarkerBadge marker={m} /> }))}
        />
        <CheckboxGroup field={fields.segments} legend={t("campaign.segments")} options={options(SEGMENTS, "campaign.segment")} />
        <TextField field={fields.minVipLevel} label={t("campaign.minVipLevel")} type="number" inputMode="numeric" />
        <TextField field={fields.lastStayWithinDays} label={t("campaign.lastStayWithinDays")} type="number" inputMode="numeric" />
        <TextField field={fields.lastStayMoreThanDays} label={t("campaign.lastStayMoreThanDays")} type="number" inputMode="numeric" />
        <SelectField
          field={fields.propertyId}
          label={t("stay.property")}
          blank={t("campaign.anyProperty")}
          options={properties.map((p) => ({ value: String(p.id), label: locale === "zh-CN" ? p.nameZh : p.name }))}
        />
        <TextField field={fields.companies} label={t("campaign.companies")} hint={t("campaign.companiesHint")} />
        {guestIdCount ? <CheckboxField field={fields.keepGuestIds} label={t("campaign.keepGuestIds", { count: guestIdCount })} /> : null}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("action.save")}
        </button>
      </div>
    </Form>
  );
}

/** Form values of a saved campaign. */
export function campaignDefaults(campaign: {
  name: string;
  kind: string;
  holidayId: number | null;
  channel: string;
  subjectEn: string;
  subjectZh: string;
  templateEn: string;
  templateZh: string;
  offer: string | null;
  leadDays: number;
  eventDate: string | null;
  audience: unknown;
}): Record<string, unknown> {
  const a = (campaign.audience ?? {}) as Record<string, unknown>;
  return {
    name: campaign.name,
    kind: campaign.kind,
    holidayId: campaign.holidayId ? String(campaign.holidayId) : "",
    channel: campaign.channel,
    subjectEn: campaign.subjectEn,
    subjectZh: campaign.subjectZh,
    templateEn: campaign.templateEn,
    templateZh: campaign.templateZh,
    offer: campaign.offer ?? "",
    leadDays: String(campaign.leadDays),
    eventDate: campaign.eventDate ?? "",
    markers: (a.markers as string[]) ?? [],
    segments: (a.segments as string[]) ?? [],
    minVipLevel: a.minVipLevel != null ? String(a.minVipLevel) : "",
    lastStayWithinDays: a.lastStayWithinDays ? String(a.lastStayWithinDays) : "",
    lastStayMoreThanDays: a.lastStayMoreThanDays ? String(a.lastStayMoreThanDays) : "",
    propertyId: a.propertyId ? String(a.propertyId) : "",
    companies: ((a.companies as string[]) ?? []).join(", "),
    keepGuestIds: Array.isArray(a.guestIds) && a.guestIds.length ? "on" : undefined,
  };
}
