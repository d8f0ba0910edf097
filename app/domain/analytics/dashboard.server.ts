// Everything the /analytics dashboards draw, read from the small tables the
// segments job writes (ScoreAggregate, MonthlyFact): a few hundred rows per
// request whatever the size of the archive. Money stays in each property's
// currency; with several currencies the series are kept apart.
import type { Db } from "~/db/client.server";
import type { Locale } from "~/i18n/i18n";
import { LIFECYCLES, SEGMENTS, VALUE_TIERS, type Segment } from "../segments/segment-names";
import { NPS_KEYS } from "../segments/score-cube";
import { monthList } from "../calendar/months";
import { periodBounds } from "./analytics-filters";
import { num } from "~/db/sql.server";
import { homeOf } from "../properties/chain-clock.server";

export type DashboardOptions = { propertyId?: number; from: string; to: string; locale: Locale };
export type Money = Record<string, number>;

function addMoney(target: Money, currency: string, amount: number) {
  target[currency] = (target[currency] ?? 0) + amount;
}

export async function latestScoreDate(db: Db): Promise<string | null> {
  const latest = await db.scoreAggregate.findFirst({ where: { kind: "rf" }, orderBy: { asOf: "desc" }, select: { asOf: true } });
  if (latest) return latest.asOf;
  const any = await db.segmentSnapshot.findFirst({ orderBy: { asOf: "desc" }, select: { asOf: true } });
  return any?.asOf ?? null;
}

export async function loadDashboard(db: Db, o: DashboardOptions) {
  const properties = await db.property.findMany({
    orderBy: { id: "asc" },
    select: { id: true, code: true, name: true, nameZh: true, currency: true, timeZone: true },
  });
  const selected = o.propertyId ? properties.filter((p) => p.id === o.propertyId) : properties;
  const currencyOf = new Map(properties.map((p) => [p.id, p.currency]));
  const currencies = [...new Set(selected.map((p) => p.currency))];
  const scoringCurrency = homeOf(properties).currency;
  const aggregateProperty = o.propertyId ?? 0;
  const asOf = await latestScoreDate(db);
  const { start, end } = periodBounds(o.from, o.to);

  const [aggregates, history, moves, facts] = await Promise.all([
    asOf
      ? db.scoreAggregate.findMany({
          where: { asOf, propertyId: aggregateProperty },
          select: { kind: true, key: true, guests: true, monetary: true },
        })
      : [],
    db.scoreAggregate.findMany({
      where: { kind: "segment", propertyId: aggregateProperty, asOf: { gte: start, lt: end } },
      orderBy: { asOf: "asc" },
      select: { asOf: true, key: true, guests: true },
    }),
    db.scoreAggregate.findMany({
      where: { kind: "move", propertyId: aggregateProperty, asOf: { gte: start, lt: end } },
      select: { key: true, guests: true },
    }),
    db.monthlyFact.findMany({
      where: { month: { gte: o.from, lte: o.to }, propertyId: { in: selected.map((p) => p.id) } },
      select: { month: true, propertyId: true, metric: true, key: true, value: true },
    }),
  ]);

  // --- scores (latest run)
  const byKind = (kind: string) => aggregates.filter((a) => a.kind === kind);
  const countOf = (kind: string, key: string) => byKind(kind).find((a) => a.key === key)?.guests ?? 0;
  const segments = SEGMENTS.map((segment) => {
    const row = byKind("segment").find((a) => a.key === segment);
    return { segment, guests: row?.guests ?? 0, monetary: num(row?.monetary) };
  });
  const tiers = VALUE_TIERS.map((tier) => ({ tier, guests: countOf("tier", tier) }));
  const lifecycles = LIFECYCLES.map((lifecycle) => ({ lifecycle, guests: countOf("lifecycle", lifecycle) }));
  const nps = NPS_KEYS.map((category) => ({ category, guests: countOf("nps", category) }));
  const rf = byKind("rf").map((a) => {
    const [r, f] = a.key.split(":").map(Number);
    return { r, f, guests: a.guests, averageMonetary: a.guests ? Math.round(num(a.monetary) / a.guests) : 0 };
  });
  const quadrant = byKind("quadrant").map((a) => {
    const [value, band, segment] = a.key.split(":");
    return { value: Number(value), band: Number(band), segment: segment as Segment, guests: a.guests };
  });
  const scored = segments.reduce((s, x) => s + x.guests, 0);
  const active = rf.reduce((s, x) => s + x.guests, 0);
  const promoters = countOf("promoter", "YES");
  const withNps = nps.filter((n) => n.category !== "NONE").reduce((s, n) => s + n.guests, 0);
  const npsScore = withNps ? Math.round((100 * (countOf("nps", "PROMOTER") - countOf("nps", "DETRACTOR"))) / withNps) : null;

  // --- segment sizes over time (one point per run) and moves in the period
  const historyByDate = new Map<string, Record<string, number>>();
  for (const h of history) {
    const point = historyByDate.get(h.asOf) ?? Object.fromEntries(SEGMENTS.map((s) => [s, 0]));
    point[h.key] = h.guests;
    historyByDate.set(h.asOf, point);
  }
  const segmentHistory = [...historyByDate].map(([date, counts]) => ({ asOf: date, ...counts }));
  const moveTotals = new Map<string, number>();
  for (const m of moves) moveTotals.set(m.key, (moveTotals.get(m.key) ?? 0) + m.guests);
  const segmentMoves = [...moveTotals]
    .map(([key, guests]) => {
      const [from, to] = key.split(">");
      return { from: (from || "") as Segment | "", to: to as Segment, guests };
    })
    .sort((a, b) => b.guests - a.guests);

  // --- monthly facts
  const months = monthList(o.from, o.to);
  const monthly = months.map((month) => ({
    month,
    stays: 0,
    nights: 0,
    guests: 0,
    repeatGuests: 0,
    complaints: 0,
    roomRevenue: {} as Money,
    outletRevenue: {} as Money,
    guestsByCurrency: {} as Money,
  }));
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const channels = new Map<string, { stays: number; revenue: Money }>();
  const outlets = new Map<string, { postings: number; revenue: Money }>();
  const categories = new Map<string, Record<string, number>>();
  const seasonality = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, stays: 0, nights: 0, roomRevenue: {} as Money }));
  for (const fact of facts) {
    const i = monthIndex.get(fact.month);
    if (i === undefined) continue;
    const row = monthly[i];
    const value = num(fact.value);
    const currency = currencyOf.get(fact.propertyId) ?? scoringCurrency;
    const season = seasonality[Number(fact.month.slice(5, 7)) - 1];
    switch (fact.metric) {
      case "stays": {
        row.stays += value;
        season.stays += value;
        const c = channels.get(fact.key) ?? { stays: 0, revenue: {} };
        c.stays += value;
        channels.set(fact.key, c);
        break;
      }
      case "nights":
        row.nights += value;
        season.nights += value;
        break;
      case "roomRevenue": {
        addMoney(row.roomRevenue, currency, value);
        addMoney(season.roomRevenue, currency, value);
        const c = channels.get(fact.key) ?? { stays: 0, revenue: {} };
        addMoney(c.revenue, currency, value);
        channels.set(fact.key, c);
        break;
      }
      case "guests":
        row.guests += value;
        addMoney(row.guestsByCurrency, currency, value);
        break;
      case "repeatGuests":
        row.repeatGuests += value;
        break;
      case "outletRevenue": {
        addMoney(row.outletRevenue, currency, value);
        const out = outlets.get(fact.key) ?? { postings: 0, revenue: {} };
        addMoney(out.revenue, currency, value);
        outlets.set(fact.key, out);
        break;
      }
      case "outletPostings": {
        const out = outlets.get(fact.key) ?? { postings: 0, revenue: {} };
        out.postings += value;
        outlets.set(fact.key, out);
        break;
      }
      case "complaints": {
        row.complaints += value;
        const perMonth = categories.get(fact.month) ?? {};
        perMonth[fact.key] = (perMonth[fact.key] ?? 0) + value;
        categories.set(fact.month, perMonth);
        break;
      }
    }
  }
  const monthlyRows = monthly.map((m) => {
    const revenuePerGuest: Money = {};
    for (const currency of currencies) {
      const guests = m.guestsByCurrency[currency] ?? 0;
      if (guests) revenuePerGuest[currency] = Math.round(((m.roomRevenue[currency] ?? 0) + (m.outletRevenue[currency] ?? 0)) / guests);
    }
    return {
      month: m.month,
      stays: m.stays,
      nights: m.nights,
      guests: m.guests,
      repeatGuests: m.repeatGuests,
      complaints: m.complaints,
      repeatRate: m.guests ? m.repeatGuests / m.guests : null,
      complaintRate: m.stays ? m.complaints / m.stays : null,
      roomRevenue: m.roomRevenue,
      outletRevenue: m.outletRevenue,
      revenuePerGuest,
    };
  });
  const sum = (pick: (m: (typeof monthlyRows)[number]) => number) => monthlyRows.reduce((s, m) => s + pick(m), 0);
  const revenue: Money = {};
  for (const m of monthlyRows) {
    for (const [c, v] of Object.entries(m.roomRevenue)) addMoney(revenue, c, v);
    for (const [c, v] of Object.entries(m.outletRevenue)) addMoney(revenue, c, v);
  }
  const totals = {
    stays: sum((m) => m.stays),
    guests: sum((m) => m.guests),
    repeatGuests: sum((m) => m.repeatGuests),
    complaints: sum((m) => m.complaints),
  };

  return {
    asOf,
    scoringCurrency,
    currencies,
    properties: properties.map(({ timeZone: _tz, ...p }) => p),
    period: { from: o.from, to: o.to },
    kpis: {
      scored,
      active,
      promoters,
      nps: npsScore,
      repeatRate: totals.guests ? totals.repeatGuests / totals.guests : null,
      complaintRate: totals.stays ? totals.complaints / totals.stays : null,
      stays: totals.stays,
      revenue,
    },
    segments,
    tiers,
    lifecycles,
    nps,
    rf,
    quadrant,
    segmentHistory,
    segmentMoves,
    monthly: monthlyRows,
    channels: [...channels].map(([channel, c]) => ({ channel, ...c })).sort((a, b) => b.stays - a.stays),
    outlets: [...outlets].map(([outlet, c]) => ({ outlet, ...c })).sort((a, b) => b.postings - a.postings),
    complaintsByCategory: months.map((month) => ({ month, ...(categories.get(month) ?? {}) })) as ({ month: string } & Record<
      string,
      number
    >)[],
    seasonality,
  };
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;
