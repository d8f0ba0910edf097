// The guests behind a chart: one query builder for the drill-down list, its
// CSV export and campaign audiences. Anonymised guests are counted (the
// `hiddenAnonymised` figure) but never listed; guests in the recycle bin are
// neither. A property filter means "has stayed at the property" for score
// lists, and "the event happened at the property" for event lists.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordListRead } from "../audit/record-audit.server";
import { localOffsetMinutes, addMonths, monthList } from "../calendar/months";
import { periodBounds, type AnalyticsFilters } from "./analytics-filters";
import { dateLiteral, num, numOrNull, sqlDialect } from "~/db/sql.server";
import { clockOf } from "../properties/chain-clock.server";

export const PAGE_SIZE = 50;

export type AnalyticsGuestRow = {
  guestId: number;
  profileNumber: string;
  fullName: string;
  vipLevel: number;
  segment: string | null;
  valueTier: string | null;
  lifecycle: string | null;
  r: number | null;
  f: number | null;
  m: number | null;
  recencyDays: number | null;
  frequency: number | null;
  monetary: number | null;
  satisfaction: number | null;
  npsCategory: string | null;
  credit: number | null;
  promoter: boolean;
};

/** The period a list or dashboard covers when none is given: the last 12 months. */
export function defaultPeriod(today: string): { from: string; to: string } {
  const to = today.slice(0, 7);
  return { from: addMonths(to, -11), to };
}

type Built = { where: string; params: unknown[] };

async function buildWhere(db: Db, filters: AnalyticsFilters): Promise<Built> {
  const dialect = sqlDialect();
  const params: unknown[] = [];
  const bind = (value: unknown) => {
    params.push(value);
    return dialect.param(params.length);
  };
  const conds = [`(g."deletedAt" IS NULL OR g."anonymizedAt" IS NOT NULL)`];
  if (filters.segment) conds.push(`gs."segment" = ${bind(filters.segment)}`);
  if (filters.tier) conds.push(`gs."valueTier" = ${bind(filters.tier)}`);
  if (filters.lifecycle) conds.push(`gs."lifecycle" = ${bind(filters.lifecycle)}`);
  if (filters.nps === "NONE") conds.push(`gs."guestId" IS NOT NULL AND gs."npsCategory" IS NULL`);
  else if (filters.nps) conds.push(`gs."npsCategory" = ${bind(filters.nps)}`);
  if (filters.promoter) conds.push(`gs."promoter" = ${bind(true)}`);
  if (filters.r) conds.push(`gs."r" = ${bind(filters.r)}`);
  if (filters.f) conds.push(`gs."f" = ${bind(filters.f)}`);
  if (filters.value) conds.push(`gs."r" > 0 AND gs."r" + gs."f" + gs."m" = ${bind(filters.value)}`);
  if (filters.band === -1) conds.push(`gs."guestId" IS NOT NULL AND gs."satisfaction" IS NULL`);
  else if (filters.band != null)
    conds.push(
      `gs."satisfaction" >= ${bind(filters.band * 10)} AND gs."satisfaction" < ${bind(filters.band === 10 ? 101 : filters.band * 10 + 10)}`,
    );

  const event = filters.event ?? (filters.movedTo ? "moved" : undefined);
  // "Has stayed at the property": probe the guest's own stays (the unary plus
  // keeps SQLite on the guestId index instead of walking a property's stays).
  const stayedAt = (propertyId: number) =>
    `EXISTS (SELECT 1 FROM "Stay" p WHERE p."guestId" = g."id" AND +p."propertyId" = ${bind(propertyId)})`;
  if (event) {
    const { timeZone, today } = await clockOf(db, filters.propertyId ?? null);
    const period = { ...defaultPeriod(today), ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) };
    const { start, end } = periodBounds(period.from, period.to);
    const offset = localOffsetMinutes(timeZone, start);
    const around = (column: string) =>
      `${column} >= ${dateLiteral(shiftDays(start, -1))} AND ${column} < ${dateLiteral(shiftDays(end, 1))} AND ${dialect.localMonth(column, offset)} BETWEEN ${bind(period.from)} AND ${bind(period.to)}`;
    // Events are found through the (propertyId, time) indexes: one property, or each of them.
    const ids = filters.propertyId ? [filters.propertyId] : (await db.property.findMany({ select: { id: true } })).map((p) => p.id);
    const atProperty = (alias: string) => ` AND ${alias}."propertyId" IN (${ids.map((id) => bind(id)).join(", ")})`;
    if (event === "stayed" || event === "repeat" || event === "channel") {
      // Arrivals go back as far as the longest stay that ended in the period
      // (from the monthly facts; a year when they are missing), so the
      // (propertyId, arrivalDate) index narrows the walk.
      const [longest, computed] = await Promise.all([
        db.monthlyFact.aggregate({
          where: { metric: "longestStay", month: { gte: period.from, lte: period.to }, propertyId: { in: ids } },
          _max: { value: true },
        }),
        db.monthlyFact.count({ where: { metric: "computed", propertyId: 0, month: { gte: period.from, lte: period.to } } }),
      ]);
      const allComputed = computed === monthList(period.from, period.to).length;
      const lookback = allComputed ? Math.max(62, Number(longest._max.value ?? 0) + 1) : 400;
      // Built left to right: on SQLite "?" placeholders bind in the order they appear.
      let sql = `g."id" IN (SELECT s."guestId" FROM "Stay" s WHERE s."status" = 'CHECKED_OUT'${atProperty("s")}
        AND s."arrivalDate" >= ${dateLiteral(shiftDays(start, -lookback))} AND s."arrivalDate" < ${dateLiteral(end)}
        AND s."departureDate" >= ${dateLiteral(start)} AND s."departureDate" < ${dateLiteral(end)}`;
      if (filters.channel) sql += ` AND s."bookingChannel" = ${bind(filters.channel)}`;
      if (filters.month) sql += ` AND substr(s."departureDate", 6, 2) = ${bind(String(filters.month).padStart(2, "0"))}`;
      if (event === "repeat") {
        sql += ` AND EXISTS (SELECT 1 FROM "Stay" e WHERE e."guestId" = s."guestId" AND e."status" = 'CHECKED_OUT' AND e."arrivalDate" < s."arrivalDate" AND e."departureDate" <= s."arrivalDate")`;
      }
      conds.push(`${sql})`);
    } else if (event === "complaint") {
      conds.push(
        `g."id" IN (SELECT c."guestId" FROM "Feedback" c WHERE c."kind" = 'COMPLAINT'${atProperty("c")} AND ${around(`c."createdAt"`)}${filters.category ? ` AND c."category" = ${bind(filters.category)}` : ""})`,
      );
    } else if (event === "outlet") {
      conds.push(
        `g."id" IN (SELECT c."guestId" FROM "Charge" c WHERE 1 = 1${atProperty("c")} AND ${around(`c."chargedAt"`)}${filters.outlet ? ` AND c."outlet" = ${bind(filters.outlet)}` : ""})`,
      );
    } else if (event === "moved") {
      const from =
        filters.movedFrom === "" ? `c."fromSegment" IS NULL` : filters.movedFrom ? `c."fromSegment" = ${bind(filters.movedFrom)}` : "1 = 1";
      conds.push(
        `g."id" IN (SELECT c."guestId" FROM "SegmentChange" c WHERE c."asOf" >= ${dateLiteral(start)} AND c."asOf" < ${dateLiteral(end)} AND ${from}${filters.movedTo ? ` AND c."toSegment" = ${bind(filters.movedTo)}` : ""})`,
      );
      if (filters.propertyId) conds.push(stayedAt(filters.propertyId));
    }
  } else {
    // Score lists are the scored guests (the job's population).
    conds.push(`gs."guestId" IS NOT NULL`);
    if (filters.propertyId) conds.push(stayedAt(filters.propertyId));
  }
  return { where: conds.join(" AND "), params };
}

function shiftDays(iso: string, days: number) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const FROM = `FROM "Guest" g LEFT JOIN "GuestScore" gs ON gs."guestId" = g."id"`;
const COLUMNS = `g."id" AS "guestId", g."profileNumber", g."fullName", g."vipLevel", gs."segment", gs."valueTier", gs."lifecycle", gs."r", gs."f", gs."m",
  gs."recencyDays", gs."frequency", gs."monetary", gs."satisfaction", gs."npsCategory", gs."credit", gs."promoter"`;
const LISTED = `g."anonymizedAt" IS NULL AND g."deletedAt" IS NULL`;

function rowOf(r: Record<string, unknown>): AnalyticsGuestRow {
  return {
    guestId: num(r.guestId),
    profileNumber: String(r.profileNumber),
    fullName: String(r.fullName),
    vipLevel: num(r.vipLevel),
    segment: (r.segment as string) ?? null,
    valueTier: (r.valueTier as string) ?? null,
    lifecycle: (r.lifecycle as string) ?? null,
    r: numOrNull(r.r),
    f: numOrNull(r.f),
    m: numOrNull(r.m),
    recencyDays: numOrNull(r.recencyDays),
    frequency: numOrNull(r.frequency),
    monetary: numOrNull(r.monetary),
    satisfaction: numOrNull(r.satisfaction),
    npsCategory: (r.npsCategory as string) ?? null,
    credit: numOrNull(r.credit),
    promoter: r.promoter === true || r.promoter === 1 || r.promoter === 1n,
  };
}

export async function countAnalyticsGuests(db: Db, filters: AnalyticsFilters): Promise<{ total: number; hiddenAnonymised: number }> {
  const { where, params } = await buildWhere(db, filters);
  const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT COUNT(*) AS "total", SUM(CASE WHEN g."anonymizedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "hidden" ${FROM} WHERE ${where}`,
    ...params,
  );
  return { total: num(row?.total), hiddenAnonymised: num(row?.hidden) };
}

/**
 * One page of the list, highest spend first; `total` counts anonymised guests
 * too, who are never listed. One pass: the totals ride along as window
 * functions, and anonymised guests sort after everyone listed, so a page
 * within the listed count never reaches them (and they are dropped if it did).
 */
export async function listAnalyticsGuests(db: Db, filters: AnalyticsFilters, o: { page: number; pageSize?: number }) {
  const pageSize = o.pageSize ?? PAGE_SIZE;
  const { where, params } = await buildWhere(db, filters);
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${COLUMNS}, g."anonymizedAt" IS NOT NULL AS "unlisted",
       COUNT(*) OVER () AS "total", SUM(CASE WHEN g."anonymizedAt" IS NOT NULL THEN 1 ELSE 0 END) OVER () AS "hidden"
     ${FROM} WHERE ${where}
     ORDER BY CASE WHEN g."anonymizedAt" IS NULL THEN 0 ELSE 1 END, COALESCE(gs."monetary", -1) DESC, g."id" ASC
     LIMIT ${pageSize} OFFSET ${(Math.max(1, o.page) - 1) * pageSize}`,
    ...params,
  );
  const counts = rows.length
    ? { total: num(rows[0].total), hiddenAnonymised: num(rows[0].hidden) }
    : await countAnalyticsGuests(db, filters);
  const guests = rows.filter((r) => !(r.unlisted === true || num(r.unlisted) === 1)).map(rowOf);
  return { ...counts, listed: counts.total - counts.hiddenAnonymised, guests, page: o.page, pageSize };
}

/** A page of the list as `actor` reads it: registered with the filters, the page, the guests listed and the ids shown. */
export async function listAnalyticsGuestsAs(db: Db, actor: Actor, filters: AnalyticsFilters, o: { page: number }) {
  const list = await listAnalyticsGuests(db, filters, o);
  await recordListRead(db, actor, "AnalyticsGuestList", {
    context: { filters, page: list.page },
    found: list.listed,
    shownGuestIds: list.guests.map((g) => g.guestId),
  });
  return list;
}

/** Every listed guest of the filters, in id order, a batch at a time (CSV export, audiences). */
export async function* eachAnalyticsGuest(db: Db, filters: AnalyticsFilters, batch = 5000): AsyncGenerator<AnalyticsGuestRow[]> {
  const { where, params } = await buildWhere(db, filters);
  let after = 0;
  for (;;) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${COLUMNS} ${FROM} WHERE ${where} AND ${LISTED} AND g."id" > ${after} ORDER BY g."id" LIMIT ${batch}`,
      ...params,
    );
    if (!rows.length) return;
    const page = rows.map(rowOf);
    yield page;
    after = page[page.length - 1].guestId;
    if (rows.length < batch) return;
  }
}
