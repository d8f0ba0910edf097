// Monthly facts per property (MonthlyFact), refreshed by the segments job so
// dashboards and the monthly report read a few hundred rows instead of
// scanning stays and charges. A night refreshes the last REFRESH_MONTHS
// months plus any month never computed (the first run computes all history).
//
// Attribution: a stay counts in the month of its check-out (departure date);
// a posting, complaint, audit entry or outreach task in the local month of its
// timestamp (the property's time zone; chain-wide figures use the first
// property's). A repeat guest had a checked-out stay that ended on or before
// the arrival of the stay being counted; distinct and repeat guests per month
// are counted in the job's pass over guests (compute-segments.server.ts).
import type { Db } from "~/db/client.server";
import type { JobContext, JobCounts } from "../jobs/run-job.server";
import { dateLiteral, num, sqlDialect, type SqlDialect } from "~/db/sql.server";
import { addMonths, localOffsetMinutes, monthList } from "../calendar/months";
import { homeOf } from "../properties/chain-clock.server";

export const REFRESH_MONTHS = 3;
/** How far back a first run looks for history. */
export const MAX_HISTORY_MONTHS = 60;

export const MONTHLY_METRICS = [
  "stays",
  "nights",
  "roomRevenue",
  "guests",
  "repeatGuests",
  "outletRevenue",
  "outletPostings",
  "complaints",
  "complaintsResolved",
  "complaintsOnTime",
  "newProfiles",
  "profileUpdates",
  "profilesUpdated",
  "outreachDone",
  "computed",
  /** Nights of the longest stay checked out in the month: how far back a drill-down must look for arrivals. */
  "longestStay",
] as const;
export type MonthlyMetric = (typeof MONTHLY_METRICS)[number];

type PropertyClock = { id: number; timeZone: string; currency: string };

function contiguousRuns(months: string[]): [string, string][] {
  const runs: [string, string][] = [];
  for (const month of [...months].sort()) {
    const last = runs.at(-1);
    if (last && addMonths(last[1], 1) === month) last[1] = month;
    else runs.push([month, month]);
  }
  return runs;
}

async function monthsToRefresh(db: Db, asOf: string, properties: PropertyClock[]): Promise<string[]> {
  const current = asOf.slice(0, 7);
  const floor = addMonths(current, -MAX_HISTORY_MONTHS);
  let earliest = current;
  for (const p of properties) {
    const [stay, charge] = await Promise.all([
      db.stay.findFirst({ where: { propertyId: p.id }, orderBy: { arrivalDate: "asc" }, select: { arrivalDate: true } }),
      db.charge.findFirst({ where: { propertyId: p.id }, orderBy: { chargedAt: "asc" }, select: { chargedAt: true } }),
    ]);
    for (const month of [stay?.arrivalDate.slice(0, 7), charge?.chargedAt.toISOString().slice(0, 7)]) {
      if (month && month < earliest) earliest = month;
    }
  }
  if (earliest < floor) earliest = floor;
  const computed = new Set(
    (
      await db.monthlyFact.findMany({ where: { metric: "computed", propertyId: 0, month: { gte: earliest } }, select: { month: true } })
    ).map((r) => r.month),
  );
  const recent = new Set(monthList(addMonths(current, -(REFRESH_MONTHS - 1)), current));
  return monthList(earliest, current).filter((m) => recent.has(m) || !computed.has(m));
}

type FactRow = { month: string; propertyId: number; metric: MonthlyMetric; key: string; value: bigint };

/** Distinct guests and repeat guests per property and month ("propertyId|YYYY-MM"), counted by the job's pass over guests. */
export type GuestMonths = Map<string, { guests: number; repeatGuests: number }>;

function firstDay(month: string) {
  return `${month}-01`;
}

function shiftDays(iso: string, days: number) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Beyond this many months a full pass over stays and charges beats walking the date indexes. */
const SCAN_FROM_MONTHS = 6;

async function propertyFactsFor(
  db: Db,
  dialect: SqlDialect,
  properties: PropertyClock[],
  from: string,
  to: string,
  asOf: string,
  guestMonths: GuestMonths,
): Promise<FactRow[]> {
  const start = firstDay(from);
  const end = firstDay(addMonths(to, 1));
  const scan = monthList(from, to).length > SCAN_FROM_MONTHS;
  const offsets = new Map(properties.map((p) => [p.id, localOffsetMinutes(p.timeZone, asOf)]));
  const sameOffset = new Set(offsets.values()).size <= 1;
  const offsetOf = (alias: string) =>
    sameOffset
      ? (offsets.values().next().value ?? 0)
      : `(CASE ${alias}"propertyId" ${[...offsets].map(([id, o]) => `WHEN ${id} THEN ${o}`).join(" ")} ELSE 0 END)`;
  // Either one full pass for every property, or an index walk per property.
  const passes = scan ? [null] : properties.map((p) => p.id);
  const rows: FactRow[] = [];
  const inRange = (month: unknown) => typeof month === "string" && month >= from && month <= to;
  const push = (month: string, propertyId: number, metric: MonthlyMetric, key: string, value: unknown) => {
    if (num(value)) rows.push({ month, propertyId, metric, key, value: BigInt(Math.round(num(value))) });
  };
  const timeWhere = (column: string) =>
    `${column} >= ${dateLiteral(shiftDays(start, -1))} AND ${column} < ${dateLiteral(shiftDays(end, 1))}`;
  for (const propertyId of passes) {
    const only = propertyId == null ? "" : `"propertyId" = ${propertyId} AND `;
    // The arrival bound lets the (propertyId, arrivalDate) index narrow an index walk.
    const arrival =
      propertyId == null ? "" : ` AND "arrivalDate" >= ${dateLiteral(shiftDays(start, -400))} AND "arrivalDate" < ${dateLiteral(end)}`;
    const [stays, charges, complaints] = await Promise.all([
      db.$queryRawUnsafe<Record<string, unknown>[]>(`
        SELECT "propertyId", substr("departureDate", 1, 7) AS "month", "bookingChannel" AS "key", COUNT(*) AS "stays", SUM("nights") AS "nights", SUM("roomRevenue") AS "roomRevenue",
          MAX("nights") AS "longest"
        FROM ${scan ? dialect.fullScan("Stay") : `"Stay"`}
        WHERE ${only}"status" = 'CHECKED_OUT' AND "departureDate" >= ${dateLiteral(start)} AND "departureDate" < ${dateLiteral(end)}${arrival}
        GROUP BY "propertyId", substr("departureDate", 1, 7), "bookingChannel"`),
      db.$queryRawUnsafe<Record<string, unknown>[]>(`
        SELECT "propertyId", ${dialect.localMonth(`"chargedAt"`, offsetOf(""))} AS "month", "outlet" AS "key", COUNT(*) AS "postings", SUM("netAmount") AS "revenue"
        FROM ${scan ? dialect.fullScan("Charge") : `"Charge"`} WHERE ${only}${timeWhere(`"chargedAt"`)}
        GROUP BY "propertyId", ${dialect.localMonth(`"chargedAt"`, offsetOf(""))}, "outlet"`),
      db.$queryRawUnsafe<Record<string, unknown>[]>(`
        SELECT "propertyId", ${dialect.localMonth(`"createdAt"`, offsetOf(""))} AS "month", "category" AS "key", COUNT(*) AS "complaints",
          SUM(CASE WHEN "status" IN ('RESOLVED', 'CLOSED') THEN 1 ELSE 0 END) AS "resolved",
          SUM(CASE WHEN "resolvedAt" IS NOT NULL AND ("deadline" IS NULL OR "resolvedAt" <= "deadline") THEN 1 ELSE 0 END) AS "onTime"
        FROM "Feedback" WHERE ${only}"kind" = 'COMPLAINT' AND ${timeWhere(`"createdAt"`)}
        GROUP BY "propertyId", ${dialect.localMonth(`"createdAt"`, offsetOf(""))}, "category"`),
    ]);
    const longest = new Map<string, number>();
    for (const r of stays) {
      if (!inRange(r.month)) continue;
      const at = `${num(r.propertyId)}|${r.month}`;
      longest.set(at, Math.max(longest.get(at) ?? 0, num(r.longest)));
      push(String(r.month), num(r.propertyId), "stays", String(r.key), r.stays);
      push(String(r.month), num(r.propertyId), "nights", String(r.key), r.nights);
      push(String(r.month), num(r.propertyId), "roomRevenue", String(r.key), r.roomRevenue);
    }
    for (const [at, nights] of longest) {
      const [propertyId, month] = at.split("|");
      push(month, Number(propertyId), "longestStay", "", nights);
    }
    for (const r of charges) {
      if (!inRange(r.month)) continue;
      push(String(r.month), num(r.propertyId), "outletRevenue", String(r.key), r.revenue);
      push(String(r.month), num(r.propertyId), "outletPostings", String(r.key), r.postings);
    }
    for (const r of complaints) {
      if (!inRange(r.month)) continue;
      push(String(r.month), num(r.propertyId), "complaints", String(r.key), r.complaints);
      push(String(r.month), num(r.propertyId), "complaintsResolved", String(r.key), r.resolved);
      push(String(r.month), num(r.propertyId), "complaintsOnTime", String(r.key), r.onTime);
    }
  }
  for (const [key, counts] of guestMonths) {
    const [propertyId, month] = key.split("|");
    if (!inRange(month)) continue;
    push(month, Number(propertyId), "guests", "", counts.guests);
    push(month, Number(propertyId), "repeatGuests", "", counts.repeatGuests);
  }
  return rows;
}

/** Chain-wide facts (property 0): new profiles (from the job's pass over guests), archive updates and outreach done. */
async function chainFactsFor(
  db: Db,
  dialect: SqlDialect,
  from: string,
  to: string,
  offset: number,
  newProfiles: Map<string, number>,
): Promise<FactRow[]> {
  const start = firstDay(from);
  const end = firstDay(addMonths(to, 1));
  const timeWhere = (column: string) =>
    `${column} >= ${dateLiteral(shiftDays(start, -1))} AND ${column} < ${dateLiteral(shiftDays(end, 1))}`;
  const [updates, outreach] = await Promise.all([
    db.$queryRawUnsafe<Record<string, unknown>[]>(`
      SELECT ${dialect.localMonth(`"at"`, offset)} AS "month", COUNT(*) AS "changes", COUNT(DISTINCT "guestId") AS "guests"
      FROM "AuditEntry" WHERE ${timeWhere(`"at"`)} AND "guestId" IS NOT NULL AND "action" IN ('CREATE', 'UPDATE')
        AND "entity" <> 'OutreachTask' AND NOT ("entity" = 'Guest' AND "action" = 'CREATE')
      GROUP BY ${dialect.localMonth(`"at"`, offset)}`),
    db.$queryRawUnsafe<Record<string, unknown>[]>(`
      SELECT ${dialect.localMonth(`COALESCE("sentAt", "updatedAt")`, offset)} AS "month", "channel" AS "key", COUNT(*) AS "done"
      FROM "OutreachTask" WHERE "status" IN ('SENT', 'DONE') AND ${timeWhere(`COALESCE("sentAt", "updatedAt")`)}
      GROUP BY ${dialect.localMonth(`COALESCE("sentAt", "updatedAt")`, offset)}, "channel"`),
  ]);
  const rows: FactRow[] = [];
  const inRange = (month: unknown) => typeof month === "string" && month >= from && month <= to;
  const push = (month: string, metric: MonthlyMetric, key: string, value: unknown) => {
    if (num(value)) rows.push({ month, propertyId: 0, metric, key, value: BigInt(Math.round(num(value))) });
  };
  for (const month of monthList(from, to)) {
    push(month, "newProfiles", "", newProfiles.get(month) ?? 0);
    rows.push({ month, propertyId: 0, metric: "computed", key: "", value: 1n });
  }
  for (const r of updates) {
    if (!inRange(r.month)) continue;
    push(String(r.month), "profileUpdates", "", r.changes);
    push(String(r.month), "profilesUpdated", "", r.guests);
  }
  for (const r of outreach) if (inRange(r.month)) push(String(r.month), "outreachDone", String(r.key), r.done);
  return rows;
}

export async function refreshMonthlyFacts(
  db: Db,
  o: {
    asOf: string;
    dryRun: boolean;
    newProfiles: Map<string, number>;
    guestMonths: GuestMonths;
    properties: PropertyClock[];
    progress?: JobContext["progress"];
    counts: JobCounts;
  },
): Promise<{ months: string[] }> {
  const months = await monthsToRefresh(db, o.asOf, o.properties);
  if (o.dryRun || !months.length) return { months };
  const dialect = sqlDialect();
  const homeOffset = localOffsetMinutes(homeOf(o.properties).timeZone, o.asOf);
  for (const [from, to] of contiguousRuns(months)) {
    const rows = await propertyFactsFor(db, dialect, o.properties, from, to, o.asOf, o.guestMonths);
    rows.push(...(await chainFactsFor(db, dialect, from, to, homeOffset, o.newProfiles)));
    await db.$transaction(async (tx) => {
      await tx.monthlyFact.deleteMany({ where: { month: { gte: from, lte: to } } });
      for (let i = 0; i < rows.length; i += 5000) await tx.monthlyFact.createMany({ data: rows.slice(i, i + 5000) });
    });
    await o.progress?.(`monthly facts: ${from} – ${to}`, o.counts);
  }
  return { months };
}
