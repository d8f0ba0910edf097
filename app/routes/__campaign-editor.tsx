// The campaign form used by "new campaign" and "edit campaign".
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { CAMPAIGN_KINDS, campaignFormSchema, CHANNELS } from "~/domain/outreach/campaign-form";
import {
  KIND_PLACEHOLDERS,
  TEXT_FIELDS,
  textsForKind,
  type CampaignKind,
  type CampaignTexts,
  type TextField as CampaignTextField,
} from "~/domain/outreach/campaign-texts";
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
  kindNotice,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: Record<string, unknown>;
  markers: MarkerView[];
  holidays: { id: number; nameEn: string; nameZh: string }[];
  properties: { id: number; name: string; nameZh: string }[];
  guestIdCount?: number;
  /** After the server switched the texts to a new kind (the form sent without JavaScript). */
  kindNotice?: KindNotice | null;
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
  // The kind the texts were written for: when the kind changes, untouched default texts follow it.
  const [kind, setKind] = useState(String(defaultValue.textsKind ?? defaultValue.kind ?? "BIRTHDAY") as CampaignKind);
  const [notice, setNotice] = useState<KindNotice | null>(kindNotice ?? null);
  const options = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  function switchKind(event: React.ChangeEvent<HTMLSelectElement>) {
    const next = event.currentTarget.value as CampaignKind;
    if (!(CAMPAIGN_KINDS as readonly string[]).includes(next) || next === kind) return;
    const elements = event.currentTarget.form!.elements;
    const texts = Object.fromEntries(
      TEXT_FIELDS.map((f) => [f, (elements.namedItem(fields[f].name) as HTMLInputElement | null)?.value ?? ""]),
    ) as CampaignTexts;
    const switched = textsForKind(next, texts, kind);
    for (const f of TEXT_FIELDS) if (switched.texts[f] !== texts[f]) form.update({ name: fields[f].name, value: switched.texts[f] });
    setKind(next);
    setNotice({ kind: next, kept: switched.kept });
  }
  return (
    <Form method="post" {...getFormProps(form)} className="guest-form">
      <input type="hidden" name="textsKind" value={kind} />
      <FormErrors errors={form.errors} />
      <fieldset className="grid">
        <legend>{t("campaign.what")}</legend>
        <TextField field={fields.name} label={t("campaign.name")} />
        <SelectField
          field={fields.kind}
          label={t("campaign.kind")}
          options={options(CAMPAIGN_KINDS, "campaignKind")}
          onChange={switchKind}
        />
        {notice ? (
          <p className={notice.kept.length ? "form-error field-wide" : "notice field-wide"} role="status">
            {notice.kept.length
              ? t("campaign.kindTexts.kept", {
                  kind: t(`campaignKind.${notice.kind}`),
                  fields: notice.kept.map((f) => t(`campaign.${f}`)).join(", "),
                })
              : t("campaign.kindTexts.replaced", { kind: t(`campaignKind.${notice.kind}`) })}
          </p>
        ) : null}
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
        <p className="hint field-wide">
          {t("campaign.placeholdersForKind", {
            kind: t(`campaignKind.${kind}`),
            list: (KIND_PLACEHOLDERS[kind] ?? []).map((p) => `{${p}}`).join(" "),
          })}
        </p>
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
        <button type="submit" name="intent" value="save" className="primary" disabled={navigation.state === "submitting"}>
          {t("action.save")}
        </button>
        {/* Without JavaScript the kind's texts come from the server: the form is sent back with them. */}
        <noscript>
          <button type="submit" name="intent" value="kindTexts">
            {t("campaign.kindTexts.apply")}
          </button>
        </noscript>
      </div>
    </Form>
  );
}

export type KindNotice = { kind: CampaignKind; kept: CampaignTextField[] };

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
    textsKind: campaign.kind,
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
