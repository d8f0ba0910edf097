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

/** Translate a key, filling {placeholders}. Unknown keys (e.g. a raw message) are shown as given. */
export function translate(locale: Locale, key: MessageKey | string, params?: Record<string, string | number>): string {
  const template = isMessageKey(key) ? catalogs[locale][key] : key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
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
