// Shared pieces of the analytics charts: colours, number formats, the card a
// chart sits in, and navigation to the guests behind a mark.
import { useNavigate } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Locale } from "~/i18n/i18n";

export const SEGMENT_COLORS: Record<string, string> = {
  CHAMPIONS: "#1b7f5a",
  AT_RISK_HIGH_VALUE: "#c0392b",
  PROMISING: "#1f6fa5",
  LOW_ENGAGEMENT: "#8a5a0a",
  NEW: "#7d3c98",
  INACTIVE: "#5d6d7e",
};

export const TIER_COLORS: Record<string, string> = { PLATINUM: "#4a5a6a", GOLD: "#c9a227", SILVER: "#9aa5a8", BRONZE: "#a0522d" };
export const LIFECYCLE_COLORS: Record<string, string> = { NEW: "#8e44ad", REPEAT: "#2e86c1", LOYAL: "#1b7f5a", LAPSED: "#7f8c8d" };
export const NPS_COLORS: Record<string, string> = { PROMOTER: "#1b7f5a", PASSIVE: "#c9a227", DETRACTOR: "#c0392b", NONE: "#9aa5a8" };
/** Categorical colours (complaint categories, currencies), readable on white. */
export const SERIES_COLORS = ["#7c2d12", "#2e86c1", "#1b7f5a", "#c9a227", "#8e44ad", "#c0392b", "#16a085", "#5d6d7e", "#d35400", "#34495e"];

export function seriesColor(i: number) {
  return SERIES_COLORS[i % SERIES_COLORS.length];
}

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions) {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

export function formatCount(n: number, locale: Locale) {
  return numberFormat(locale, {}).format(n);
}

export function formatCompact(n: number, locale: Locale) {
  return numberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(n);
}

/** Minor units → "¥12,345" (whole units; charts and tables of totals). */
export function formatMoneyWhole(minor: number, currency: string, locale: Locale) {
  return numberFormat(locale, {
    style: "currency",
    currency,
    currencyDisplay: currency === "CNY" ? "narrowSymbol" : "symbol",
    maximumFractionDigits: 0,
  }).format(Math.round(minor / 100));
}

export function formatMoneyCompact(minor: number, currency: string, locale: Locale) {
  return numberFormat(locale, {
    style: "currency",
    currency,
    currencyDisplay: currency === "CNY" ? "narrowSymbol" : "symbol",
    notation: "compact",
    maximumFractionDigits: 1,
  }).format(minor / 100);
}

export function formatRate(ratio: number | null, locale: Locale) {
  return ratio == null ? "—" : numberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}

/** "2026-05" → "May 2026" / "2026年5月". */
export function formatMonth(month: string, locale: Locale, style: "short" | "long" = "short") {
  const [y, m] = month.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { year: style === "long" ? "numeric" : "2-digit", month: "short", timeZone: "UTC" }).format(
    Date.UTC(y, m - 1, 1),
  );
}

export function calendarMonthName(month: number, locale: Locale) {
  return new Intl.DateTimeFormat(locale, { month: "short", timeZone: "UTC" }).format(Date.UTC(2000, month - 1, 1));
}

/** Go to the guests behind a mark (client-side; every chart also has plain links). */
export function useDrill() {
  const navigate = useNavigate();
  return (href: string | null | undefined) => {
    if (href) navigate(href);
  };
}

export function ChartCard({
  id,
  title,
  hint,
  children,
  wide,
  actions,
}: {
  id: string;
  title: string;
  hint?: string;
  children: ReactNode;
  wide?: boolean;
  actions?: ReactNode;
}) {
  return (
    <section className={`card chart-card${wide ? " wide" : ""}`} aria-labelledby={`${id}-h`} data-chart={id}>
      <div className="chart-head">
        <h2 id={`${id}-h`}>{title}</h2>
        {actions}
      </div>
      {hint ? <p className="hint">{hint}</p> : null}
      {children}
    </section>
  );
}

/** The chart area: a fixed height so the page does not jump when recharts draws after hydration. */
export function ChartArea({ children, height = 260, label }: { children: ReactNode; height?: number; label: string }) {
  return (
    <div className="chart-area" style={{ height }} role="img" aria-label={label}>
      {children}
    </div>
  );
}
