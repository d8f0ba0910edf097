// The loyalty score explained in one line, in the reader's language — computed
// where it is shown (the profile's loyalty card), never stored.
import { translate, type Locale } from "~/i18n/i18n";
import type { GuestScoreValues } from "../segments/classify-guest";

const integerFormats = new Map<string, Intl.NumberFormat>();
function integerFormat(locale: Locale): Intl.NumberFormat {
  let format = integerFormats.get(locale);
  if (!format) integerFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();
/** "¥48,200": whole units, the short symbol for yuan. */
export function formatMoneyShort(minor: number, currency: string, locale: Locale): string {
  const key = `${locale}:${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      currencyDisplay: currency === "CNY" ? "narrowSymbol" : "symbol",
      maximumFractionDigits: 0,
      minimumFractionDigits: 0,
    });
    moneyFormats.set(key, format);
  }
  return format.format(Math.round(minor / 100));
}

/** The one-line explanation: "R5 F4 M5 — last stay 12 days ago, 9 stays in 24 months, ¥48,200". */
export function explainScore(
  score: Pick<GuestScoreValues, "r" | "f" | "m" | "recencyDays" | "frequency"> & { monetary: number | null },
  o: { locale: Locale; currency: string; windowMonths: number; showMoney?: boolean },
): string {
  const t = (key: string, params?: Record<string, string | number>) => translate(o.locale, key, params);
  const last =
    score.recencyDays == null
      ? t("score.noStayYet")
      : score.recencyDays === 0
        ? t("score.lastStayToday")
        : score.recencyDays === 1
          ? t("score.lastStayYesterday")
          : t("score.lastStayDaysAgo", { days: integerFormat(o.locale).format(score.recencyDays) });
  if (!score.r) {
    if (score.recencyDays == null) return t("score.notScoredNoStay");
    return `${t("score.notScored")} — ${last}, ${t("score.noStaysInWindow", { months: o.windowMonths })}`;
  }
  const stays =
    score.frequency === 1
      ? t("score.oneStayInWindow", { months: o.windowMonths })
      : t("score.staysInWindow", { stays: score.frequency, months: o.windowMonths });
  const parts = [last, stays];
  if (o.showMoney !== false && score.monetary != null) parts.push(formatMoneyShort(score.monetary, o.currency, o.locale));
  return `R${score.r} F${score.f} M${score.m} — ${parts.join(t("score.separator"))}`;
}
