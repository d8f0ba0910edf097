// What a campaign's texts say must fit its kind (browser-safe: the editor uses
// it on change, the server on save and before activating). Each kind has its
// default texts and the placeholders it can fill; a birthday greeting in a
// holiday campaign (the issue of "Happy birthday, {name}!" sent for Spring
// Festival) is caught before it reaches 786 guests.
import type { CAMPAIGN_KINDS, Channel } from "./campaign-form";
import { PLACEHOLDERS } from "./render-message";

export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const TEXT_FIELDS = ["subjectEn", "subjectZh", "templateEn", "templateZh"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type CampaignTexts = Record<TextField, string>;
type Placeholder = (typeof PLACEHOLDERS)[number];

/** The texts a new campaign of each kind starts with, for guests who read English and Chinese. */
export const DEFAULT_TEXTS: Record<CampaignKind, CampaignTexts> = {
  BIRTHDAY: {
    subjectEn: "Happy birthday, {name}!",
    subjectZh: "{name}，生日快乐！",
    templateEn: "Dear {name},\nEveryone at {hotel} wishes you a wonderful day. On your next stay, {gift} will be waiting for you.\n{offer}",
    templateZh: "尊敬的{name}：\n{hotel}全体员工祝您生日快乐！下次入住时，我们为您准备了{gift}。\n{offer}",
  },
  HOLIDAY: {
    subjectEn: "Happy {holiday}, {name}!",
    subjectZh: "{name}，{holiday}快乐！",
    templateEn: "Dear {name},\nEveryone at {hotel} wishes you a happy {holiday} on {date}.\n{offer}",
    templateZh: "尊敬的{name}：\n{hotel}全体员工祝您{holiday}快乐！\n{offer}",
  },
  VIP_CARE: {
    subjectEn: "With our thanks, {name}",
    subjectZh: "{name}，感谢您的厚爱",
    templateEn:
      "Dear {name},\n\nThank you for choosing {hotel} again and again. We would be delighted to welcome you back soon. {offer}\n\nWarm regards,\n{hotel}",
    templateZh: "尊敬的{name}：\n\n感谢您一直以来选择{hotel}，我们期待再次为您服务。{offer}\n\n{hotel} 敬上",
  },
  WIN_BACK: {
    subjectEn: "We miss you, {name}",
    subjectZh: "{name}，我们想念您",
    templateEn:
      "Dear {name},\n\nIt has been a while since your last stay with us, and we would love to see you again. {offer}\n\nWarm regards,\n{hotel}",
    templateZh: "尊敬的{name}：\n\n距离您上次入住已有一段时间，我们非常期待与您再次相见。{offer}\n\n{hotel} 敬上",
  },
  EVENT_INVITATION: {
    subjectEn: "You are invited, {name}",
    subjectZh: "{name}，诚邀您光临",
    templateEn: "Dear {name},\n{hotel} would be delighted to welcome you on {date}.\n{offer}",
    templateZh: "尊敬的{name}：\n{hotel}诚邀您于{date}莅临。\n{offer}",
  },
  PRODUCT_TRIAL: {
    subjectEn: "Be the first to try it, {name}",
    subjectZh: "{name}，邀您抢先体验",
    templateEn: "Dear {name},\nFrom {date}, {hotel} has something new for you to try.\n{offer}",
    templateZh: "尊敬的{name}：\n自{date}起，{hotel}推出全新体验，诚邀您尝鲜。\n{offer}",
  },
  REFERRAL_REWARD: {
    subjectEn: "Thank you for recommending us, {name}",
    subjectZh: "{name}，感谢您的推荐",
    templateEn: "Dear {name},\n\nThank you for speaking so well of {hotel}. As a small thank-you: {offer}\n\nWarm regards,\n{hotel}",
    templateZh: "尊敬的{name}：\n\n感谢您向亲友推荐{hotel}。一点心意：{offer}\n\n{hotel} 敬上",
  },
};

const EVERY_KIND: Placeholder[] = ["name", "offer", "gift", "hotel", "profileNumber"];

/** The placeholders each kind can fill: {holiday} only for holidays, {date} only where there is an occasion's date. */
export const KIND_PLACEHOLDERS: Record<CampaignKind, readonly Placeholder[]> = {
  BIRTHDAY: [...EVERY_KIND, "date"],
  HOLIDAY: [...EVERY_KIND, "holiday", "date"],
  VIP_CARE: EVERY_KIND,
  WIN_BACK: EVERY_KIND,
  EVENT_INVITATION: [...EVERY_KIND, "date"],
  PRODUCT_TRIAL: [...EVERY_KIND, "date"],
  REFERRAL_REWARD: EVERY_KIND,
};

// Browsers send a textarea's line breaks as CRLF; a default is still a default.
const normalise = (text: string) => text.replace(/\r\n?/g, "\n").trim();

/** The kind whose default this text is (another kind's default counts too), if any. */
export function defaultKindOf(field: TextField, text: string, prefer?: CampaignKind): CampaignKind | null {
  const value = normalise(text);
  if (prefer && normalise(DEFAULT_TEXTS[prefer][field]) === value) return prefer;
  for (const [kind, texts] of Object.entries(DEFAULT_TEXTS) as [CampaignKind, CampaignTexts][])
    if (normalise(texts[field]) === value) return kind;
  return null;
}

/**
 * The texts after the kind changed from `previousKind` to `kind`: a field that
 * still holds a default (the previous kind's, or any other kind's) takes the
 * new kind's default; a field the user wrote stays as written and is listed in
 * `kept`, so the editor can warn that it may not fit.
 */
export function textsForKind(kind: CampaignKind, texts: CampaignTexts, previousKind?: CampaignKind) {
  const next = { ...texts };
  const kept: TextField[] = [];
  for (const field of TEXT_FIELDS) {
    const was = defaultKindOf(field, texts[field], previousKind);
    if (was) next[field] = DEFAULT_TEXTS[kind][field];
    else if (previousKind !== kind && normalise(texts[field]) !== "") kept.push(field);
  }
  return { texts: next, kept };
}

export type TextIssue = {
  field: TextField;
  /** Errors refuse activation outright; warnings need the user's explicit confirmation. */
  severity: "error" | "warning";
  code: "unknownPlaceholder" | "placeholderNotForKind" | "empty" | "otherKindDefault" | "birthdayWords" | "holidayWords";
  /** Message parameters: the placeholder, or the kind whose text this looks like. */
  placeholder?: string;
  kind?: CampaignKind;
};

const BIRTHDAY_WORDS = /birthday|b-day|生日|寿辰|壽辰|生辰/i;
const HOLIDAY_WORDS =
  /holiday|festival|christmas|new year|valentine|节日|節日|佳节|佳節|春节|春節|元宵|端午|七夕|中秋|重阳|重陽|圣诞|聖誕|新年|情人节|节快乐|節快樂/i;

/**
 * Texts that do not fit the campaign's kind. Errors (refused outright): a
 * placeholder nobody fills ({age}, a typo) or one this kind cannot fill
 * ({holiday} outside a holiday campaign), an empty e-mail subject or message.
 * Warnings (refused unless confirmed): another kind's default text, a birthday
 * greeting outside a birthday campaign, a holiday greeting in a birthday one.
 */
export function campaignTextIssues(kind: CampaignKind, texts: CampaignTexts, channel: Channel = "EMAIL"): TextIssue[] {
  const issues: TextIssue[] = [];
  for (const field of TEXT_FIELDS) {
    const text = texts[field] ?? "";
    if (normalise(text) === "") {
      if (channel === "EMAIL") issues.push({ field, severity: "error", code: "empty" });
      continue;
    }
    for (const placeholder of new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))) {
      if (!(PLACEHOLDERS as readonly string[]).includes(placeholder))
        issues.push({ field, severity: "error", code: "unknownPlaceholder", placeholder });
      else if (!KIND_PLACEHOLDERS[kind].includes(placeholder as Placeholder))
        issues.push({ field, severity: "error", code: "placeholderNotForKind", placeholder, kind });
    }
    const defaultOf = defaultKindOf(field, text, kind);
    if (defaultOf && defaultOf !== kind) {
      issues.push({ field, severity: "warning", code: "otherKindDefault", kind: defaultOf });
      continue;
    }
    if (kind !== "BIRTHDAY" && BIRTHDAY_WORDS.test(text)) issues.push({ field, severity: "warning", code: "birthdayWords" });
    if (kind === "BIRTHDAY" && HOLIDAY_WORDS.test(text)) issues.push({ field, severity: "warning", code: "holidayWords" });
  }
  return issues;
}
