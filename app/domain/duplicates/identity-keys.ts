// How two records of one person are recognised although they were typed
// differently: each identity field normalised to the form two spellings of the
// same value share (docs/decisions/016-duplicate-matching.md). Pure functions:
// the matcher's blocking keys and its field scores are both built on them.
import * as OpenCC from "opencc-js";
import { digitsOf, foldText, hasHan, pinyinSyllables } from "../guests/search-keys";

const toSimplified = OpenCC.Converter({ from: "hk", to: "cn" });

/**
 * Per-booking alias domains of booking sites: an address there belongs to one
 * reservation, is handed to whoever books next, and says nothing about who the
 * guest is. Never a blocking key, never evidence. Subdomains count too.
 */
export const RELAY_EMAIL_DOMAINS = [
  "guest.booking.com",
  "m.expediapartnercentral.com",
  "expediapartnercentral.com",
  "agoda-messaging.com",
  "guest.airbnb.com",
  "reply.airbnb.com",
  "relay.airbnb.com",
  "messaging.trip.com",
  "guest.trip.com",
  "relay.ctrip.com",
  "message.hotels.com",
] as const;

/** Providers that deliver "a.b+x@" to "ab@": dots and +tags are spelling, not identity. */
const PROVIDER_RULES: Record<string, { dropDots: boolean; dropTag: boolean; canonicalDomain?: string }> = {
  "gmail.com": { dropDots: true, dropTag: true },
  "googlemail.com": { dropDots: true, dropTag: true, canonicalDomain: "gmail.com" },
};
/** Everyone else: only the +tag goes (most providers deliver tagged mail to the same box; dots are kept). */
const DEFAULT_RULE = { dropDots: false, dropTag: true };

export function isRelayEmail(email: string): boolean {
  const domain = email.trim().toLowerCase().split("@")[1] ?? "";
  return RELAY_EMAIL_DOMAINS.some((relay) => domain === relay || domain.endsWith(`.${relay}`));
}

/** "J.Mueller+Hotel@GoogleMail.com" → "jmueller@gmail.com"; null for no address or a relay alias. */
export function canonicalEmail(email: string | null | undefined): string | null {
  const text = email?.trim().toLowerCase() ?? "";
  const at = text.lastIndexOf("@");
  if (at < 1 || at === text.length - 1 || isRelayEmail(text)) return null;
  let local = text.slice(0, at);
  let domain = text.slice(at + 1);
  const rule = PROVIDER_RULES[domain] ?? DEFAULT_RULE;
  if (rule.dropTag) local = local.split("+")[0];
  if (rule.dropDots) local = local.replace(/\./g, "");
  if (rule.canonicalDomain) domain = rule.canonicalDomain;
  return local ? `${local}@${domain}` : null;
}

/** Country calling codes written in front of a national number (longest first). */
const CALLING_CODES = ["852", "853", "886", "86", "44", "49", "33", "34", "39", "61", "65", "81", "82", "1"];

/**
 * The national form of a phone number: "+86 138 0013 8000", "0086 13800138000"
 * and "138-0013-8000" all give "13800138000". Null when fewer than 7 digits.
 */
export function nationalPhone(phone: string | null | undefined): string | null {
  const raw = (phone ?? "").trim();
  let digits = digitsOf(raw);
  const international = raw.startsWith("+") || digits.startsWith("00");
  if (digits.startsWith("00")) digits = digits.slice(2);
  if (international) {
    const code = CALLING_CODES.find((c) => digits.startsWith(c) && digits.length - c.length >= 7);
    if (code) digits = digits.slice(code.length);
  } else if (digits.length === 13 && digits.startsWith("86")) {
    digits = digits.slice(2);
  }
  // A trunk prefix ("0" in many countries) is not part of the subscriber number.
  if (digits.startsWith("0") && digits.length > 8) digits = digits.slice(1);
  return digits.length >= 7 ? digits : null;
}

/** Bounded memo: names and companies repeat across an archive, and converting them is most of a scan's work. */
function memo<T>(compute: (text: string) => T, limit = 50_000): (text: string) => T {
  let cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      if (cache.size >= limit) cache = new Map();
      value = compute(text);
      cache.set(text, value);
    }
    return value;
  };
}

const simplified = (text: string) => (hasHan(text) ? toSimplified(text) : text);

/** A name's words in one script and spelling: Han → simplified → pinyin syllables; Latin → folded words. */
export const nameTokens = memo((fullName: string): string[] => {
  const name = fullName.trim();
  if (!name) return [];
  if (hasHan(name)) return pinyinSyllables(toSimplified(name));
  return name
    .split(/[\s,.\-·]+/u)
    .map((w) => foldText(w))
    .filter(Boolean);
});

/** Most words a name's forms are built from; longer names add no forms beyond these. */
const MAX_NAME_WORDS = 5;

/**
 * The name written without spaces in each order its words can be read in — every
 * rotation, so "family given" and "given family" meet: 张小伟, 張小偉, "Zhang
 * Xiaowei", "XIAOWEI ZHANG" and "Xiao Wei Zhang" share "xiaoweizhang".
 */
export const nameForms = memo((fullName: string): string[] => {
  const tokens = nameTokens(fullName).slice(0, MAX_NAME_WORDS);
  const forms = new Set<string>();
  for (let i = 0; i < tokens.length; i++) forms.add([...tokens.slice(i), ...tokens.slice(0, i)].join(""));
  return [...forms].sort();
});

/** One name key (the first form): equal for a name written in either script. */
export function nameKey(fullName: string): string {
  return nameForms(fullName)[0] ?? "";
}

/** The name as written, folded, in simplified script: tells "the same" from "the same in another form". */
export const writtenName = memo((fullName: string): string => foldText(simplified(fullName.trim())));

/** "1985-03-07" → "1985-07-03" (day and month swapped), or null when the swap is no date or the same date. */
export function swappedBirthDate(birthDate: string | null | undefined): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate ?? "");
  if (!m || m[2] === m[3] || Number(m[3]) > 12) return null;
  return `${m[1]}-${m[3]}-${m[2]}`;
}

/** Words of an address or company, folded, in simplified script; Han text is split into characters. */
export function textTokens(text: string | null | undefined): Set<string> {
  const tokens = new Set<string>();
  for (const word of simplified((text ?? "").trim()).split(/[\s,.;:#/\-()（），。]+/u)) {
    if (hasHan(word)) for (const ch of word) tokens.add(ch);
    else if (foldText(word)) tokens.add(foldText(word));
  }
  return tokens;
}

/** Company as compared: folded, simplified, without legal-form words. */
export function companyKey(company: string | null | undefined): string | null {
  const text = toSimplified((company ?? "").trim());
  const folded = foldText(
    text.replace(/(有限责任公司|股份有限公司|有限公司|集团|\b(?:ltd|limited|inc|llc|gmbh|co|corp|plc|ag|sa)\b\.?)/giu, ""),
  );
  return folded || null;
}
