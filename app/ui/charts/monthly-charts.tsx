// Charts of the monthly facts: repeat-guest rate, complaint rate by category,
// revenue by booking channel and by outlet, seasonality and revenue per guest.
// Money is drawn per currency (one series each); every mark leads to its guests.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useLocale, useT } from "~/i18n/use-t";
import {
  ChartArea,
  calendarMonthName,
  formatCount,
  formatMoneyCompact,
  formatMoneyWhole,
  formatMonth,
  formatRate,
  seriesColor,
  useDrill,
} from "./chart-kit";

type ChartClick = { activeTooltipIndex?: number | string | null };
const indexOf = (state: ChartClick | null | undefined) => {
  const i = Number(state?.activeTooltipIndex);
  return Number.isInteger(i) && i >= 0 ? i : null;
};

/** A rate per month (repeat-guest rate): a line in per cent. */
export function RateByMonthChart({
  rows,
  label,
  href,
}: {
  rows: { month: string; rate: number | null }[];
  label: string;
  href: (month: string) => string;
}) {
  const locale = useLocale();
  const drill = useDrill();
  const data = rows.map((r) => ({ ...r, name: formatMonth(r.month, locale) }));
  return (
    <ChartArea label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data}
          margin={{ top: 4, right: 16, bottom: 4, left: 0 }}
          onClick={(s: ChartClick) => {
            const i = indexOf(s);
            if (i != null) drill(href(rows[i].month));
          }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" minTickGap={16} />
          <YAxis domain={[0, 1]} tickFormatter={(v) => formatRate(Number(v), locale)} width={56} />
          <Tooltip formatter={(value) => [formatRate(value == null ? null : Number(value), locale), label]} />
          <Line
            type="monotone"
            dataKey="rate"
            name={label}
            stroke={seriesColor(0)}
            strokeWidth={2}
            connectNulls
            activeDot={{ cursor: "pointer" }}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartArea>
  );
}

/** Complaints per 100 stays per month, stacked by category. */
export function ComplaintRateChart({
  rows,
  categories,
  href,
}: {
  rows: ({ month: string; stays: number } & Record<string, number | string>)[];
  categories: string[];
  href: (month: string, category: string) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const drill = useDrill();
  const data = rows.map((r) => {
    const point: Record<string, number | string> = { name: formatMonth(r.month, locale), month: r.month };
    for (const c of categories) point[c] = r.stays ? Math.round((10_000 * Number(r[c] ?? 0)) / r.stays) / 100 : 0;
    return point;
  });
  return (
    <ChartArea label={t("analytics.complaints.title")} height={280}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" minTickGap={16} />
          <YAxis width={48} />
          <Tooltip
            formatter={(value, name) => [t("analytics.complaints.per100", { rate: Number(value).toLocaleString(locale) }), String(name)]}
          />
          <Legend />
          {categories.map((c, i) => (
            <Bar
              key={c}
              dataKey={c}
              stackId="c"
              name={t(`feedbackCategory.${c}`)}
              fill={seriesColor(i)}
              cursor="pointer"
              onClick={(bar: { payload?: { month?: string } }) => bar?.payload?.month && drill(href(bar.payload.month, c))}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartArea>
  );
}

export type RevenueRow = { key: string; label: string; revenue: Record<string, number>; href: string };

/** Revenue per channel or outlet, one bar series per currency. */
export function RevenueBars({ rows, currencies, label }: { rows: RevenueRow[]; currencies: string[]; label: string }) {
  const locale = useLocale();
  const drill = useDrill();
  const data = rows.map((r) => ({ label: r.label, href: r.href, ...Object.fromEntries(currencies.map((c) => [c, r.revenue[c] ?? 0])) }));
  return (
    <ChartArea label={label} height={Math.max(200, 36 * rows.length + 60)}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v) => formatMoneyCompact(Number(v), currencies[0] ?? "CNY", locale)} />
          <YAxis type="category" dataKey="label" width={140} />
          <Tooltip formatter={(value, name) => [formatMoneyWhole(Number(value), String(name), locale), String(name)]} />
          {currencies.length > 1 ? <Legend /> : null}
          {currencies.map((c, i) => (
            <Bar
              key={c}
              dataKey={c}
              name={c}
              fill={seriesColor(i)}
              cursor="pointer"
              onClick={(bar: { payload?: { href?: string } }) => drill(bar?.payload?.href)}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartArea>
  );
}

/** Stays per calendar month over the period (bars). */
export function SeasonalityChart({
  rows,
  href,
}: {
  rows: { month: number; stays: number; nights: number }[];
  href: (month: number) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const drill = useDrill();
  const data = rows.map((r) => ({ ...r, name: calendarMonthName(r.month, locale) }));
  return (
    <ChartArea label={t("analytics.seasonality.title")}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" />
          <YAxis tickFormatter={(v) => formatCount(Number(v), locale)} width={56} />
          <Tooltip formatter={(value, name) => [formatCount(Number(value), locale), String(name)]} />
          <Legend />
          <Bar
            dataKey="stays"
            name={t("analytics.stays")}
            fill={seriesColor(0)}
            cursor="pointer"
            onClick={(bar: { payload?: { month?: number } }) => bar?.payload?.month && drill(href(bar.payload.month))}
          />
          <Bar
            dataKey="nights"
            name={t("analytics.nights")}
            fill={seriesColor(1)}
            cursor="pointer"
            onClick={(bar: { payload?: { month?: number } }) => bar?.payload?.month && drill(href(bar.payload.month))}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartArea>
  );
}

/** Revenue (room + outlets) per guest per month, one line per currency. */
export function RevenuePerGuestChart({
  rows,
  currencies,
  href,
}: {
  rows: { month: string; revenuePerGuest: Record<string, number> }[];
  currencies: string[];
  href: (month: string) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const drill = useDrill();
  const data = rows.map((r) => ({ name: formatMonth(r.month, locale), ...r.revenuePerGuest }));
  return (
    <ChartArea label={t("analytics.revenuePerGuest.title")}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          data={data}
          margin={{ top: 4, right: 16, bottom: 4, left: 0 }}
          onClick={(s: ChartClick) => {
            const i = indexOf(s);
            if (i != null) drill(href(rows[i].month));
          }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" minTickGap={16} />
          <YAxis tickFormatter={(v) => formatMoneyCompact(Number(v), currencies[0] ?? "CNY", locale)} width={64} />
          <Tooltip formatter={(value, name) => [formatMoneyWhole(Number(value), String(name), locale), String(name)]} />
          {currencies.length > 1 ? <Legend /> : null}
          {currencies.map((c, i) => (
            <Line
              key={c}
              type="monotone"
              dataKey={c}
              name={c}
              stroke={seriesColor(i)}
              strokeWidth={2}
              connectNulls
              activeDot={{ cursor: "pointer" }}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartArea>
  );
}
