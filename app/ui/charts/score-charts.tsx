// Charts of the nightly scores: value × satisfaction, the RFM heat map,
// distributions and segment sizes over time. Each mark leads to its guests.
import { Link } from "@remix-run/react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from "recharts";
import { useLocale, useT } from "~/i18n/use-t";
import { ChartArea, formatCount, formatMoneyWhole, SEGMENT_COLORS, useDrill } from "./chart-kit";

type Href = (extra: Record<string, string | number>) => string;

// ---------------------------------------------------------------- quadrant

export type QuadrantPoint = { value: number; band: number; segment: string; guests: number };

/** Bubbles at (R+F+M, satisfaction band), sized by guests and coloured by segment, with the quadrant lines. */
export function ValueSatisfactionChart({
  points,
  href,
  highValueFrom,
  satisfiedFrom,
}: {
  points: QuadrantPoint[];
  href: Href;
  highValueFrom: number;
  satisfiedFrom: number;
}) {
  const t = useT();
  const locale = useLocale();
  const drill = useDrill();
  const known = points.filter((p) => p.band >= 0).map((p) => ({ ...p, satisfaction: Math.min(100, p.band * 10 + 5) }));
  const unknown = points.filter((p) => p.band < 0).reduce((s, p) => s + p.guests, 0);
  const bySegment = Object.keys(SEGMENT_COLORS)
    .map((segment) => ({ segment, data: known.filter((p) => p.segment === segment) }))
    .filter((s) => s.data.length);
  const max = Math.max(1, ...known.map((p) => p.guests));
  return (
    <>
      <ChartArea label={t("analytics.quadrant.title")} height={320}>
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 10, right: 20, bottom: 20, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              type="number"
              dataKey="value"
              name={t("analytics.quadrant.value")}
              domain={[3, 15]}
              ticks={[3, 5, 7, 9, 11, 13, 15]}
              label={{ value: t("analytics.quadrant.value"), position: "insideBottom", offset: -10 }}
            />
            <YAxis
              type="number"
              dataKey="satisfaction"
              name={t("analytics.quadrant.satisfaction")}
              domain={[0, 100]}
              ticks={[0, 20, 40, 60, 80, 100]}
            />
            <ZAxis type="number" dataKey="guests" range={[30, 900]} domain={[0, max]} name={t("analytics.guests")} />
            <ReferenceLine x={highValueFrom - 0.5} stroke="#57606a" strokeDasharray="4 4" />
            <ReferenceLine y={satisfiedFrom} stroke="#57606a" strokeDasharray="4 4" />
            <Tooltip cursor={{ strokeDasharray: "3 3" }} formatter={(value, name) => [formatCount(Number(value), locale), String(name)]} />
            <Legend verticalAlign="top" height={28} />
            {bySegment.map((s) => (
              <Scatter
                key={s.segment}
                name={t(`segment.${s.segment}`)}
                data={s.data}
                fill={SEGMENT_COLORS[s.segment]}
                fillOpacity={0.75}
                cursor="pointer"
                onClick={(point: { payload?: QuadrantPoint }) =>
                  point?.payload && drill(href({ value: point.payload.value, band: point.payload.band, segment: point.payload.segment }))
                }
              />
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </ChartArea>
      {unknown ? (
        <p className="hint">
          <Link to={href({ band: -1 })}>{t("analytics.quadrant.unknown", { count: formatCount(unknown, locale) })}</Link>
        </p>
      ) : null}
    </>
  );
}

// ---------------------------------------------------------------- RFM heat map

export type RfCell = { r: number; f: number; guests: number; averageMonetary: number };

/** Recency (rows, 5 at the top) × frequency (columns); colour by average spend. Plain SVG links: works before hydration. */
export function RfmHeatmap({ cells, href, currency }: { cells: RfCell[]; href: Href; currency: string }) {
  const t = useT();
  const locale = useLocale();
  const size = 64;
  const left = 44;
  const top = 8;
  const maxSpend = Math.max(1, ...cells.map((c) => c.averageMonetary));
  const cellOf = (r: number, f: number) => cells.find((c) => c.r === r && c.f === f);
  const shade = (spend: number) => {
    const x = Math.sqrt(spend / maxSpend);
    return `rgb(${Math.round(255 - x * 131)}, ${Math.round(247 - x * 202)}, ${Math.round(237 - x * 219)})`;
  };
  return (
    <div className="heatmap">
      <svg
        viewBox={`0 0 ${left + size * 5 + 4} ${top + size * 5 + 40}`}
        role="group"
        aria-label={t("analytics.rfm.title")}
        className="heatmap-svg"
      >
        {[5, 4, 3, 2, 1].map((r, row) => (
          <g key={r}>
            <text x={left - 8} y={top + row * size + size / 2 + 4} textAnchor="end" className="heatmap-axis">
              R{r}
            </text>
            {[1, 2, 3, 4, 5].map((f, col) => {
              const cell = cellOf(r, f);
              const x = left + col * size;
              const y = top + row * size;
              const label = t("analytics.rfm.cell", {
                r,
                f,
                guests: formatCount(cell?.guests ?? 0, locale),
                spend: formatMoneyWhole(cell?.averageMonetary ?? 0, currency, locale),
              });
              const box = (
                <>
                  <rect
                    x={x + 1}
                    y={y + 1}
                    width={size - 2}
                    height={size - 2}
                    rx={4}
                    fill={cell ? shade(cell.averageMonetary) : "#f6f8fa"}
                    stroke="#d0d7de"
                  />
                  <text
                    x={x + size / 2}
                    y={y + size / 2 + 4}
                    textAnchor="middle"
                    className={cell && Math.sqrt(cell.averageMonetary / maxSpend) > 0.6 ? "heatmap-value dark" : "heatmap-value"}
                  >
                    {cell ? formatCount(cell.guests, locale) : "·"}
                  </text>
                  <title>{label}</title>
                </>
              );
              return cell ? (
                <a key={f} href={href({ r, f })} aria-label={label}>
                  {box}
                </a>
              ) : (
                <g key={f}>{box}</g>
              );
            })}
          </g>
        ))}
        {[1, 2, 3, 4, 5].map((f, col) => (
          <text key={f} x={left + col * size + size / 2} y={top + size * 5 + 18} textAnchor="middle" className="heatmap-axis">
            F{f}
          </text>
        ))}
        <text x={left + (size * 5) / 2} y={top + size * 5 + 36} textAnchor="middle" className="heatmap-axis">
          {t("analytics.rfm.axis")}
        </text>
      </svg>
      <p className="hint">{t("analytics.rfm.legend", { max: formatMoneyWhole(maxSpend, currency, locale) })}</p>
    </div>
  );
}

// ---------------------------------------------------------------- distributions

export type DistributionRow = { key: string; label: string; guests: number; color: string; href: string };

export function DistributionBars({ rows, title, height = 220 }: { rows: DistributionRow[]; title: string; height?: number }) {
  const locale = useLocale();
  const t = useT();
  const drill = useDrill();
  return (
    <ChartArea label={title} height={height}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={(v) => formatCount(Number(v), locale)} />
          <YAxis type="category" dataKey="label" width={130} />
          <Tooltip formatter={(value) => [formatCount(Number(value), locale), t("analytics.guests")]} />
          <Bar
            dataKey="guests"
            name={t("analytics.guests")}
            cursor="pointer"
            onClick={(bar: { payload?: DistributionRow }) => drill(bar?.payload?.href)}
          >
            {rows.map((r) => (
              <Cell key={r.key} fill={r.color} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartArea>
  );
}

/** The same figures as links: the keyboard (and no-JS) way into the guests. */
export function DistributionList({ rows, total, hints }: { rows: DistributionRow[]; total: number; hints?: Record<string, string> }) {
  const locale = useLocale();
  return (
    <ul className="distribution">
      {rows.map((r) => (
        <li key={r.key}>
          <span className="swatch" style={{ background: r.color }} aria-hidden="true" />
          <Link to={r.href}>{r.label}</Link>
          <span className="num">{formatCount(r.guests, locale)}</span>
          <span className="muted num">{total ? `${Math.round((100 * r.guests) / total)} %` : ""}</span>
          {hints?.[r.key] ? <span className="muted hint-inline">{hints[r.key]}</span> : null}
        </li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------- segments over time

export function SegmentHistoryChart({
  history,
  segments,
  href,
}: {
  history: ({ asOf: string } & Record<string, number | string>)[];
  segments: readonly string[];
  href: Href;
}) {
  const t = useT();
  const locale = useLocale();
  const drill = useDrill();
  return (
    <ChartArea label={t("analytics.history.title")} height={280}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={history} margin={{ top: 4, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="asOf" minTickGap={24} />
          <YAxis tickFormatter={(v) => formatCount(Number(v), locale)} width={64} />
          <Tooltip formatter={(value, name) => [formatCount(Number(value), locale), String(name)]} />
          <Legend
            onClick={(entry: { dataKey?: unknown }) => typeof entry?.dataKey === "string" && drill(href({ segment: entry.dataKey }))}
            wrapperStyle={{ cursor: "pointer" }}
          />
          {segments.map((s) => (
            <Line
              key={s}
              type="monotone"
              dataKey={s}
              name={t(`segment.${s}`)}
              stroke={SEGMENT_COLORS[s]}
              strokeWidth={2}
              dot={history.length < 40}
              activeDot={{ onClick: () => drill(href({ segment: s })), cursor: "pointer" }}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartArea>
  );
}
