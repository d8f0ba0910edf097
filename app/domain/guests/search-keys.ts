// Normalised search keys. Every desk lookup is a prefix lookup, so each way of
// finding a guest is stored as a key whose prefix the query can be (see
// docs/decisions/004-search-keys.md). Pure functions: used when writing a guest
// and when reading a query.
import { pinyin } from "pinyin-pro";
import { stripUnsafeText } from "../safe-text";

export const KEY_KIND = {
  name: "n:",
  pinyin: "p:",
  initials: "i:",
  phoneTail: "t:",
  email: "e:",
  profileNumber: "g:",
  company: "c:",
} as const;
export type KeyKind = keyof typeof KEY_KIND;

const HAN = /\p{Script=Han}/u;

/** Lower-case, accents removed, spaces and punctuation dropped: "Müller-Lüdenscheidt" → "mullerludenscheidt". */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, "");
}

export function digitsOf(text: string): string {
  return text.replace(/\D+/g, "");
}

export function reversedDigits(phone: string): string {
  return digitsOf(phone).split("").reverse().join("");
}

/** "G00001234" / "g1234" / "00001234" → "1234". */
export function profileNumberKey(text: string): string {
  return text.replace(/^[gG]-?/, "").replace(/^0+(?=\d)/, "");
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Pinyin syllables of a Chinese name (surname readings for the first characters). */
export function pinyinSyllables(text: string): string[] {
  return pinyin(text, { toneType: "none", type: "array", surname: "head", v: true, nonZh: "removed" })
    .map((s) => s.toLowerCase())
    .filter(Boolean);
}

export function namePinyin(fullName: string): string | null {
  return hasHan(fullName) ? pinyinSyllables(fullName).join(" ") : null;
}

export type SearchableGuest = {
  profileNumber: string;
  fullName: string;
  givenName?: string | null;
  phone?: string | null;
  email?: string | null;
  company?: string | null;
};

function withLuAlternative(syllables: string): string[] {
  // pinyin-pro writes ü as "v" (lv); desk staff type "lv" or "lu".
  return syllables.includes("v") ? [syllables, syllables.replace(/v/g, "u")] : [syllables];
}

/** Every key a guest can be found by. */
export function searchKeysFor(guest: SearchableGuest): string[] {
  const keys = new Set<string>();
  const name = guest.fullName.trim();
  const folded = foldText(name);
  if (folded) keys.add(KEY_KIND.name + folded);

  if (hasHan(name)) {
    const syllables = pinyinSyllables(name);
    if (syllables.length) {
      for (const full of withLuAlternative(syllables.join(""))) keys.add(KEY_KIND.pinyin + full);
      keys.add(KEY_KIND.initials + syllables.map((s) => s[0]).join(""));
    }
    // Given name alone (三 / san), for desks that ask "first name?".
    const given = guest.givenName?.trim() || (name.length >= 2 && name.length <= 4 ? name.slice(1) : "");
    if (given) {
      keys.add(KEY_KIND.name + foldText(given));
      const givenSyllables = pinyinSyllables(given).join("");
      for (const g of withLuAlternative(givenSyllables)) if (g) keys.add(KEY_KIND.pinyin + g);
    }
  } else {
    // Latin names: each later word starts a key too ("smith" finds "John Smith").
    const words = name
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .split(/[\s,.-]+/)
      .filter(Boolean);
    for (let i = 1; i < words.length; i++) keys.add(KEY_KIND.name + foldText(words.slice(i).join("")));
    if (words.length >= 2) keys.add(KEY_KIND.initials + words.map((w) => w[0]).join(""));
  }

  const phoneDigits = reversedDigits(guest.phone ?? "");
  if (phoneDigits.length >= 4) keys.add(KEY_KIND.phoneTail + phoneDigits);
  const email = guest.email?.trim().toLowerCase();
  if (email) keys.add(KEY_KIND.email + email);
  keys.add(KEY_KIND.profileNumber + profileNumberKey(guest.profileNumber));
  const company = guest.company?.trim();
  if (company) {
    keys.add(KEY_KIND.company + foldText(company));
    if (hasHan(company)) keys.add(KEY_KIND.company + pinyinSyllables(company).join(""));
  }
  return [...keys].filter((k) => k.length > 2);
}

export type QueryPrefix = { kind: KeyKind; prefix: string };

/** Results per page of the desk search ("show more" adds as many). */
export const SEARCH_PAGE_SIZE = 20;

/** Longest query the desk search reads. */
export const MAX_QUERY_LENGTH = 100;

/**
 * What was typed into the search box, as searched and shown back: control
 * characters and damaged text dropped (a query is read, never stored, so it is
 * cleaned rather than refused), at most MAX_QUERY_LENGTH characters.
 */
export function deskQuery(raw: string | null | undefined): string {
  return stripUnsafeText(stripUnsafeText(raw ?? "").slice(0, MAX_QUERY_LENGTH));
}

/**
 * What narrows a common name. A number after it ("张伟 1234", "张伟 1985"):
 * the phone's last digits (as a phone-tail key prefix) and, for a 4-digit
 * number that can be one, the birth year — a guest matches when either holds.
 * A word after a Chinese name ("张伟 华为", "张伟 acme"; a Chinese name has no
 * space of its own): the company's name starts with it.
 */
export type QueryRefinement =
  | { phoneTailPrefix: string; birthYear: number | null; companyPrefix?: undefined }
  | { companyPrefix: string; phoneTailPrefix?: undefined; birthYear?: undefined };

const PHONE_LIKE = /^[+\d][\d\s()+-]*$/;
/** A name (anything that is not a phone number) and then a number of 4 or more digits. */
const NAME_THEN_NUMBER = /^(.*\S)\s+(\d{4,})$/u;
/** A Chinese name and then a word that is not a number: the company. */
const HAN_NAME_THEN_WORD = /^(\p{Script=Han}[\p{Script=Han}·・]*)\s+(?!\d+$)(\S.*)$/u;
const BIRTH_YEARS = { from: 1900, to: 2100 };

export type DeskQueryPlan = { prefixes: QueryPrefix[]; roomNumber: string | null; refinement: QueryRefinement | null };

/** The key prefixes a query typed at the desk should be looked up under, and what narrows them. */
export function queryPrefixes(raw: string): DeskQueryPlan {
  const query = deskQuery(raw);
  const refined = NAME_THEN_NUMBER.exec(query);
  if (refined && !PHONE_LIKE.test(refined[1])) {
    const [, name, number] = refined;
    const year = Number(number);
    const refinement = {
      phoneTailPrefix: KEY_KIND.phoneTail + reversedDigits(number),
      birthYear: number.length === 4 && year >= BIRTH_YEARS.from && year <= BIRTH_YEARS.to ? year : null,
    };
    return { ...keyPrefixes(name), refinement };
  }
  const withCompany = HAN_NAME_THEN_WORD.exec(query);
  const company = withCompany ? foldText(withCompany[2]) : "";
  if (withCompany && company) return { ...keyPrefixes(withCompany[1]), refinement: { companyPrefix: KEY_KIND.company + company } };
  return { ...keyPrefixes(query), refinement: null };
}

function keyPrefixes(query: string): { prefixes: QueryPrefix[]; roomNumber: string | null } {
  const prefixes: QueryPrefix[] = [];
  if (!query) return { prefixes, roomNumber: null };
  const add = (kind: KeyKind, value: string) => {
    if (value) prefixes.push({ kind, prefix: KEY_KIND[kind] + value });
  };
  const roomNumber = /^[0-9A-Za-z-]{1,6}$/.test(query) && /\d/.test(query) ? query.toUpperCase() : null;

  if (/^[gG]-?\d+$/.test(query) || /^\d+$/.test(query)) {
    add("profileNumber", profileNumberKey(query));
  }
  if (PHONE_LIKE.test(query)) {
    const digits = digitsOf(query);
    if (digits.length >= 4) add("phoneTail", reversedDigits(query));
    return { prefixes, roomNumber };
  }
  if (query.includes("@")) {
    add("email", query.toLowerCase());
    return { prefixes, roomNumber };
  }
  const folded = foldText(query);
  // E-mail keys keep their dots, dashes and underscores: "j.mueller" is a prefix of "j.mueller@…".
  const emailPrefix = query.toLowerCase().replace(/\s+/g, "");
  add("name", folded);
  if (hasHan(query)) {
    add("company", folded);
  } else if (/^[a-z]+$/.test(folded)) {
    add("pinyin", folded);
    add("initials", folded);
    add("company", folded);
    add("email", emailPrefix);
  } else {
    add("company", folded);
    add("email", emailPrefix);
  }
  return { prefixes, roomNumber };
}

/** The smallest string greater than every string starting with `prefix` (code-point order = UTF-8 byte order). */
export function prefixUpperBound(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop()!;
  return chars.join("") + String.fromCodePoint(last.codePointAt(0)! + 1);
}
