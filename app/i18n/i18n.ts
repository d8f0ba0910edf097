// The translation layer: English and Simplified Chinese. `en` defines the keys;
// `zh-CN` must translate every one (checked by the type system).
import { en, type MessageKey } from "./en";
import { zhCN } from "./zh-CN";

export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

/**
 * Translate a key, filling {placeholders}. A placeholder may choose by the
 * language's plural rules (Intl.PluralRules): `{count, plural, one {# night}
 * other {# nights}}`, where `#` is the number written for the language and
 * `=0 {…}` matches an exact number first. Chinese has one form ("other").
 * Unknown keys (e.g. a raw message) are shown as given.
 */
export function translate(locale: Locale, key: MessageKey | string, params?: Record<string, string | number>): string {
  const template = isMessageKey(key) ? catalogs[locale][key] : key;
  if (!params) return template;
  return fill(locale, template, params);
}

function fill(locale: Locale, template: string, params: Record<string, string | number>): string {
  let out = "";
  for (let i = 0; i < template.length;) {
    const open = template.indexOf("{", i);
    if (open < 0) return out + template.slice(i);
    out += template.slice(i, open);
    const close = matchingBrace(template, open);
    if (close < 0) return out + template.slice(open);
    out += placeholder(locale, template.slice(open + 1, close), params);
    i = close + 1;
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

function placeholder(locale: Locale, body: string, params: Record<string, string | number>): string {
  const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(body);
  if (!plural) return body in params ? String(params[body]) : `{${body}}`;
  const [, name, rest] = plural;
  const value = Number(params[name]);
  if (!(name in params) || !Number.isFinite(value)) return `{${name}}`;
  const forms = new Map<string, string>();
  for (let i = 0; i < rest.length;) {
    const selector = /^\s*(=\d+|zero|one|two|few|many|other)\s*\{/.exec(rest.slice(i));
    if (!selector) break;
    const open = i + selector[0].length - 1;
    const close = matchingBrace(rest, open);
    if (close < 0) break;
    forms.set(selector[1], rest.slice(open + 1, close));
    i = close + 1;
  }
  if (!pluralRules.has(locale)) pluralRules.set(locale, new Intl.PluralRules(locale));
  const form = forms.get(`=${value}`) ?? forms.get(pluralRules.get(locale)!.select(value)) ?? forms.get("other") ?? "";
  const written = new Intl.NumberFormat(locale).format(value);
  return fill(locale, form.replace(/#/g, written), params);
}

/** Pick the best supported locale from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, q] = part.trim().split(";q=");
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}
