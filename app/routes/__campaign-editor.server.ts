// The campaign editor's server side: the kind's default texts for a form sent
// without JavaScript (in the browser the editor switches them on change).
import { parseWithZod } from "@conform-to/zod";
import { CAMPAIGN_KINDS, campaignFormSchema } from "~/domain/outreach/campaign-form";
import { TEXT_FIELDS, textsForKind, type CampaignKind, type CampaignTexts } from "~/domain/outreach/campaign-texts";

const isKind = (value: unknown): value is CampaignKind =>
  typeof value === "string" && (CAMPAIGN_KINDS as readonly string[]).includes(value);

/**
 * The form as sent, with untouched default texts replaced by the chosen kind's
 * (edited ones kept and named in the notice); null when the kind is not one.
 */
export function kindTextsOf(formData: FormData) {
  const { intent: _intent, ...payload } = parseWithZod(formData, { schema: campaignFormSchema }).payload as Record<string, unknown>;
  if (!isKind(payload.kind)) return null;
  const texts = Object.fromEntries(
    TEXT_FIELDS.map((f) => [f, typeof payload[f] === "string" ? (payload[f] as string) : ""]),
  ) as CampaignTexts;
  const switched = textsForKind(payload.kind, texts, isKind(payload.textsKind) ? payload.textsKind : undefined);
  return {
    defaultValue: { ...payload, ...switched.texts, textsKind: payload.kind } as Record<string, unknown>,
    kindNotice: { kind: payload.kind, kept: switched.kept },
  };
}
