// Dates and money in the user's language and the property's currency/time zone.
import type { Locale } from "~/i18n/i18n";

/** Minor units → "¥1,234.50" / "HK$1,234.50". */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 2 }).format(minor / 100);
}

export function formatDate(iso: string, locale: Locale): string {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(
    Date.UTC(y, m - 1, d),
  );
}

/**
 * An instant as date and time in the given zone — always a zone, never the
 * machine's: the server (often UTC) and the browser (wherever the desk is)
 * must print the same text, so pages pass the viewer's property zone
 * (useTimeZone()).
 */
export function formatDateTime(value: string | Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(value));
}

/** The date (YYYY-MM-DD) of an instant in the given zone. */
export function isoDateIn(timeZone: string, value: string | Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(new Date(value));
}

export function formatPercent(ratio: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}
