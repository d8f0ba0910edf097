// The nightly segments job: RFM, satisfaction, NPS, credit, lifecycle,
// segment and promoter for every guest, as of a date.
//
//  1. Gather: one aggregate query per range of guest ids (stays, charges,
//     surveys, feedback, the previous score) into compact typed arrays.
//  2. Cut points: R, F and M quintiles over the active guests.
//  3. Classify and write: per chunk of guests, one short transaction that
//     upserts GuestScore rows and records segment changes.
//  4. Aggregates: segment/tier/RFM counts per property (ScoreAggregate), the
//     daily SegmentSnapshot, then the monthly facts (monthly-facts.server.ts).
//
// Re-runnable: every write replaces what a run for the same asOf wrote, and a
// segment change is always measured against the score before that asOf.
import type { Db, DbTx } from "~/db/client.server";
import type { JobContext, JobCounts } from "../jobs/run-job.server";
import { releaseMemory } from "../jobs/release-memory.server";
import { SEGMENTS } from "./segment-names";
import { segmentPolicy, scoringRate, type SegmentPolicy } from "./segment-policy";
import {
  classifyGuest,
  DAY_MS,
  epochDay,
  monthsBefore,
  quintileCuts,
  satisfactionBand,
  type GuestFacts,
  type RfmCuts,
} from "./classify-guest";
import { dateLiteral, insertJsonRows, num, numOrNull, sqlDialect, timestampText, type ColumnType, type SqlDialect } from "~/db/sql.server";
import { localOffsetMinutes, monthOfInstant } from "../calendar/months";
import { refreshMonthlyFacts, type GuestMonths } from "./monthly-facts.server";
import { CUBE, cubeSlot } from "./score-cube";
import { openComplaintSql } from "../complaints/open-complaints";
import { homeOf } from "../properties/chain-clock.server";

const RELEASE_EVERY = 100_000;

/** Guest ids per gathering query, and guests per write transaction. */
export const GATHER_BATCH = 2500;
export const WRITE_BATCH = 4_000;

export type ComputeSegmentsOptions = Pick<JobContext, "asOf" | "dryRun"> & {
  progress?: JobContext["progress"];
  policy?: SegmentPolicy;
  now?: () => Date;
};

const PURPOSES = ["BUSINESS", "LEISURE", "FAMILY", "EVENT", "OTHER"] as const;
const SEGMENT_INDEX = new Map<string, number>(SEGMENTS.map((s, i) => [s, i]));

/** Struct-of-arrays store of the gathered facts: ~60 bytes a guest (counts saturate at 65,535). */
export class GatheredFacts {
  length = 0;
  private capacity = 0;
  id = new Int32Array(0);
  createdDay = new Int32Array(0);
  lastDepartureDay = new Int32Array(0);
  lastPurpose = new Int8Array(0);
  lifetime = new Uint16Array(0);
  frequency = new Uint16Array(0);
  monetary = new Float64Array(0);
  surveys = new Uint16Array(0);
  surveyTotal = new Int32Array(0);
  latestSurvey = new Int8Array(0);
  penalty = new Float32Array(0);
  compliments = new Uint16Array(0);
  feedback = new Uint16Array(0);
  openComplaints = new Uint16Array(0);
  postings = new Uint16Array(0);
  disputed = new Uint16Array(0);
  unpaid = new Uint16Array(0);
  /** Stored segment index before this run, -1 none. */
  previous = new Int8Array(0);
  /** 1 when the stored score is already this asOf's (a re-run). */
  previousIsThisRun = new Uint8Array(0);
  /** SegmentChange already recorded for this asOf: its "from" index; -1 from none (a new guest), -2 no row. */
  changeFrom = new Int8Array(0);
  /** Properties the guest stayed at (0 none); a third and more in `moreProperties`. */
  property = new Int32Array(0);
  property2 = new Int32Array(0);
  moreProperties = new Map<number, number[]>();

  push(): number {
    if (this.length === this.capacity) this.grow(Math.max(1024, this.capacity * 2));
    return this.length++;
  }

  private grow(capacity: number) {
    for (const [key, value] of Object.entries(this)) {
      if (ArrayBuffer.isView(value)) {
        const Typed = (value as unknown as { constructor: new (n: number) => Int32Array }).constructor;
        const next = new Typed(capacity);
        next.set(value as unknown as Int32Array);
        (this as unknown as Record<string, unknown>)[key] = next;
      }
    }
    this.capacity = capacity;
  }

  factsAt(i: number): GuestFacts {
    return {
      createdDay: this.createdDay[i],
      lastDeparture: this.lastDepartureDay[i] >= 0 ? new Date(this.lastDepartureDay[i] * DAY_MS).toISOString().slice(0, 10) : null,
      lastPurpose: this.lastPurpose[i] >= 0 ? PURPOSES[this.lastPurpose[i]] : null,
      lifetimeStays: this.lifetime[i],
      frequency: this.frequency[i],
      monetary: this.monetary[i],
      surveyCount: this.surveys[i],
      surveyTotal: this.surveyTotal[i],
      latestSurvey: this.latestSurvey[i] >= 0 ? this.latestSurvey[i] : null,
      complaintPenalty: this.penalty[i],
      compliments: this.compliments[i],
      feedbackInWindow: this.feedback[i],
      openComplaints: this.openComplaints[i],
      postings: this.postings[i],
      disputed: this.disputed[i],
      unpaid: this.unpaid[i],
    };
  }

  propertiesOf(i: number): number[] {
    if (!this.property[i]) return [];
    if (!this.property2[i]) return [this.property[i]];
    const more = this.moreProperties.get(i);
    return more ? [this.property[i], this.property2[i], ...more] : [this.property[i], this.property2[i]];
  }
}

export type Context = {
  asOf: string;
  windowStart: string;
  dayAfterWindowStart: string;
  dayAfterAsOf: string;
  policy: SegmentPolicy;
  dialect: SqlDialect;
  scoringCurrency: string;
  rateCase: (column: string) => string;
  homeOffsetMinutes: number;
};

function addDaysIso(iso: string, days: number) {
  return new Date(epochDay(iso) * DAY_MS + days * DAY_MS).toISOString().slice(0, 10);
}

/** The gathering query for the guests whose id satisfies `range` ("BETWEEN 1 AND 2500", "IN (7, 9)"). */
export function gatherSql(c: Context, range: string): string {
  const asOf = dateLiteral(c.asOf);
  const ws = dateLiteral(c.windowStart);
  const from = dateLiteral(c.dayAfterWindowStart);
  const next = dateLiteral(c.dayAfterAsOf);
  const p = c.policy;
  const done = `"status" = 'CHECKED_OUT' AND "departureDate" <= ${asOf}`;
  const inWindow = `${done} AND "departureDate" > ${ws}`;
  const severity = `CASE "severity" ${Object.entries(p.complaintPoints)
    .map(([k, v]) => `WHEN '${k}' THEN ${v}`)
    .join(" ")} ELSE 0 END`;
  const { UNKNOWN, ...reactions } = p.handlingFactor;
  const handling = `CASE "guestReaction" ${Object.entries(reactions)
    .map(([k, v]) => `WHEN '${k}' THEN ${v}`)
    .join(" ")} ELSE ${UNKNOWN} END`;
  const feedbackInWindow = `"createdAt" >= ${from} AND "createdAt" < ${next}`;
  return `
SELECT g."id" AS "id", g."createdAt" AS "createdAt",
  CASE WHEN g."deletedAt" IS NULL OR g."anonymizedAt" IS NOT NULL THEN 1 ELSE 0 END AS "scored",
  st."lifetime", st."frequency", st."room", st."lastDeparture", st."properties", st."checkouts",
  ch."outlet", ch."postings", ch."disputed", ch."unpaid",
  sv."surveys", sv."surveyTotal",
  fb."penalty", fb."compliments", fb."feedback", fb."openComplaints",
  (SELECT s."purpose" FROM "Stay" s WHERE s."guestId" = g."id" AND s."status" = 'CHECKED_OUT' AND s."departureDate" <= ${asOf}
    ORDER BY s."departureDate" DESC, s."id" DESC LIMIT 1) AS "lastPurpose",
  (SELECT v."score" FROM "Survey" v WHERE v."guestId" = g."id" AND v."answeredAt" >= ${from} AND v."answeredAt" < ${next}
    ORDER BY v."answeredAt" DESC, v."id" DESC LIMIT 1) AS "latestSurvey",
  gs."segment" AS "previousSegment", CASE WHEN gs."asOf" = ${asOf} THEN 1 ELSE 0 END AS "previousIsThisRun",
  sc."fromSegment" AS "changeFrom", CASE WHEN sc."id" IS NULL THEN 0 ELSE 1 END AS "hasChange"
FROM "Guest" g
LEFT JOIN (
  SELECT "guestId",
    SUM(CASE WHEN ${done} THEN 1 ELSE 0 END) AS "lifetime",
    SUM(CASE WHEN ${inWindow} THEN 1 ELSE 0 END) AS "frequency",
    ${c.dialect.real(`SUM(CASE WHEN ${inWindow} THEN "roomRevenue" * ${c.rateCase(`"propertyId"`)} ELSE 0 END)`)} AS "room",
    MAX(CASE WHEN ${done} THEN "departureDate" END) AS "lastDeparture",
    ${c.dialect.distinctList(`"propertyId"`)} AS "properties",
    ${c.dialect.list(`CASE WHEN ${done} THEN CAST("propertyId" AS TEXT) || '|' || "arrivalDate" || '|' || "departureDate" END`)} AS "checkouts"
  FROM "Stay" WHERE "guestId" ${range} GROUP BY "guestId"
) st ON st."guestId" = g."id"
LEFT JOIN (
  SELECT "guestId", ${c.dialect.real(`SUM("netAmount" * ${c.rateCase(`"propertyId"`)})`)} AS "outlet", COUNT(*) AS "postings",
    SUM(CASE WHEN "settlement" = 'DISPUTED' THEN 1 ELSE 0 END) AS "disputed",
    SUM(CASE WHEN "settlement" = 'UNPAID' THEN 1 ELSE 0 END) AS "unpaid"
  FROM "Charge" WHERE "guestId" ${range} AND "chargedAt" >= ${from} AND "chargedAt" < ${next} GROUP BY "guestId"
) ch ON ch."guestId" = g."id"
LEFT JOIN (
  SELECT "guestId", COUNT(*) AS "surveys", SUM("score") AS "surveyTotal"
  FROM "Survey" WHERE "guestId" ${range} AND "answeredAt" >= ${from} AND "answeredAt" < ${next} GROUP BY "guestId"
) sv ON sv."guestId" = g."id"
LEFT JOIN (
  SELECT "guestId",
    ${c.dialect.real(`SUM(CASE WHEN "kind" = 'COMPLAINT' AND ${feedbackInWindow} THEN ${severity} * ${handling} ELSE 0 END)`)} AS "penalty",
    SUM(CASE WHEN "kind" = 'COMPLIMENT' AND ${feedbackInWindow} THEN 1 ELSE 0 END) AS "compliments",
    SUM(CASE WHEN ${feedbackInWindow} THEN 1 ELSE 0 END) AS "feedback",
    SUM(CASE WHEN ${openComplaintSql('"Feedback"')} THEN 1 ELSE 0 END) AS "openComplaints"
  FROM "Feedback" WHERE "guestId" ${range} GROUP BY "guestId"
) fb ON fb."guestId" = g."id"
LEFT JOIN "GuestScore" gs ON gs."guestId" = g."id"
LEFT JOIN "SegmentChange" sc ON sc."guestId" = g."id" AND sc."asOf" = ${asOf}
WHERE g."id" ${range}
ORDER BY g."id"`;
}

export type GatherRow = Record<string, unknown>;

/**
 * Distinct and repeat guests per property and check-out month, from one
 * guest's checked-out stays ("propertyId|arrival|departure"): a stay is a
 * repeat when an earlier stay had ended by its arrival.
 */
export function countGuestMonths(checkouts: string, into: GuestMonths) {
  const stays = checkouts
    .split(",")
    .map((s) => s.split("|"))
    .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const seen = new Map<string, boolean>();
  let firstDeparture = "9999";
  for (const [propertyId, arrival, departure] of stays) {
    const key = `${propertyId}|${departure.slice(0, 7)}`;
    const repeat = firstDeparture <= arrival;
    seen.set(key, (seen.get(key) ?? false) || repeat);
    if (departure < firstDeparture) firstDeparture = departure;
  }
  for (const [key, repeat] of seen) {
    const counts = into.get(key) ?? { guests: 0, repeatGuests: 0 };
    counts.guests++;
    if (repeat) counts.repeatGuests++;
    into.set(key, counts);
  }
}

const PURPOSE_INDEX = new Map<string, number>(PURPOSES.map((p, i) => [p, i]));

/** One gathered row into the facts store (the nightly pass and a rescoring read the same rows). */
export function pushFacts(facts: GatheredFacts, row: GatherRow, createdAt: Date, c: Context) {
  const i = facts.push();
  facts.id[i] = num(row.id);
  facts.createdDay[i] = Math.floor((createdAt.getTime() + c.homeOffsetMinutes * 60_000) / DAY_MS);
  facts.lastDepartureDay[i] = row.lastDeparture ? epochDay(String(row.lastDeparture)) : -1;
  facts.lastPurpose[i] = row.lastPurpose ? (PURPOSE_INDEX.get(String(row.lastPurpose)) ?? PURPOSES.length - 1) : -1;
  facts.lifetime[i] = Math.min(65_535, num(row.lifetime));
  facts.frequency[i] = Math.min(65_535, num(row.frequency));
  facts.monetary[i] = num(row.room) + num(row.outlet);
  facts.surveys[i] = Math.min(65_535, num(row.surveys));
  facts.surveyTotal[i] = num(row.surveyTotal);
  facts.latestSurvey[i] = numOrNull(row.latestSurvey) ?? -1;
  facts.penalty[i] = num(row.penalty);
  facts.compliments[i] = Math.min(65_535, num(row.compliments));
  facts.feedback[i] = Math.min(65_535, num(row.feedback));
  facts.openComplaints[i] = Math.min(65_535, num(row.openComplaints));
  facts.postings[i] = Math.min(65_535, num(row.postings));
  facts.disputed[i] = Math.min(65_535, num(row.disputed));
  facts.unpaid[i] = Math.min(65_535, num(row.unpaid));
  facts.previous[i] = row.previousSegment ? (SEGMENT_INDEX.get(String(row.previousSegment)) ?? -1) : -1;
  facts.previousIsThisRun[i] = num(row.previousIsThisRun);
  facts.changeFrom[i] = !num(row.hasChange) ? -2 : row.changeFrom ? (SEGMENT_INDEX.get(String(row.changeFrom)) ?? -1) : -1;
  if (row.properties) {
    const ids = String(row.properties)
      .split(",")
      .map(Number)
      .sort((a, b) => a - b);
    facts.property[i] = ids[0];
    if (ids.length > 1) facts.property2[i] = ids[1];
    if (ids.length > 2) facts.moreProperties.set(i, ids.slice(2));
  }
}

async function gather(db: Db, c: Context, options: ComputeSegmentsOptions, counts: JobCounts) {
  const facts = new GatheredFacts();
  const newProfiles = new Map<string, number>();
  const guestMonths: GuestMonths = new Map();
  const bounds = await db.$queryRawUnsafe<{ lo: unknown; hi: unknown }[]>(`SELECT MIN("id") AS "lo", MAX("id") AS "hi" FROM "Guest"`);
  const lo = num(bounds[0]?.lo);
  const hi = num(bounds[0]?.hi);
  let lastReport = 0;
  for (let start = lo; hi > 0 && start <= hi; start += GATHER_BATCH) {
    const rows = await db.$queryRawUnsafe<GatherRow[]>(gatherSql(c, `BETWEEN ${start} AND ${Math.min(hi, start + GATHER_BATCH - 1)}`));
    for (const row of rows) {
      const createdAt = row.createdAt instanceof Date ? row.createdAt : new Date(String(row.createdAt));
      const month = monthOfInstant(createdAt, c.homeOffsetMinutes);
      newProfiles.set(month, (newProfiles.get(month) ?? 0) + 1);
      if (row.checkouts) countGuestMonths(String(row.checkouts), guestMonths);
      if (num(row.scored)) pushFacts(facts, row, createdAt, c);
    }
    counts.guests = facts.length;
    if (Math.floor(facts.length / RELEASE_EVERY) !== Math.floor((facts.length - rows.length) / RELEASE_EVERY)) releaseMemory();
    if (facts.length - lastReport >= 50_000) {
      lastReport = facts.length;
      await options.progress?.(`gathering: ${facts.length.toLocaleString("en")} guests`, counts);
    }
  }
  return { facts, newProfiles, guestMonths };
}

function cutsOf(facts: GatheredFacts, asOfDay: number): RfmCuts {
  const recency: number[] = [];
  const frequency: number[] = [];
  const monetary: number[] = [];
  for (let i = 0; i < facts.length; i++) {
    if (facts.frequency[i] <= 0) continue;
    recency.push(-(asOfDay - facts.lastDepartureDay[i]));
    frequency.push(facts.frequency[i]);
    monetary.push(Math.round(facts.monetary[i]));
  }
  return { recency: quintileCuts(recency), frequency: quintileCuts(frequency), monetary: quintileCuts(monetary) };
}

const SCORE_COLUMNS = [
  ["guestId", "int"],
  ["recencyDays", "int"],
  ["frequency", "int"],
  ["monetary", "int"],
  ["r", "int"],
  ["f", "int"],
  ["m", "int"],
  ["valueTier", "text"],
  ["satisfaction", "int"],
  ["npsCategory", "text"],
  ["credit", "int"],
  ["lifecycle", "text"],
  ["segment", "text"],
  ["promoter", "bool"],
] as const satisfies readonly (readonly [string, ColumnType])[];
const SCORE_UPSERT = `ON CONFLICT ("guestId") DO UPDATE SET ${[...SCORE_COLUMNS.slice(1).map(([c]) => c), "asOf", "updatedAt"].map((c) => `"${c}" = excluded."${c}"`).join(", ")}`;
const CHANGE_COLUMNS = [
  ["guestId", "int"],
  ["fromSegment", "text"],
  ["toSegment", "text"],
] as const satisfies readonly (readonly [string, ColumnType])[];
const CHANGE_UPSERT = `ON CONFLICT ("guestId", "asOf") DO UPDATE SET "fromSegment" = excluded."fromSegment", "toSegment" = excluded."toSegment"`;

/** What scoring as of a date needs: the window, the policy, the exchange rates, the home time zone. */
export async function scoringContext(db: Pick<Db, "property">, asOf: string, policy: SegmentPolicy) {
  const properties = await db.property.findMany({ orderBy: { id: "asc" }, select: { id: true, currency: true, timeZone: true } });
  const home = homeOf(properties);
  const scoringCurrency = home.currency;
  const rates = properties.map((p) => [p.id, scoringRate(policy, p.currency, scoringCurrency)] as const);
  const c: Context = {
    asOf,
    windowStart: monthsBefore(asOf, policy.windowMonths),
    dayAfterWindowStart: addDaysIso(monthsBefore(asOf, policy.windowMonths), 1),
    dayAfterAsOf: addDaysIso(asOf, 1),
    policy,
    dialect: sqlDialect(),
    scoringCurrency,
    rateCase: (column) =>
      rates.every(([, r]) => r === 1) ? "1" : `(CASE ${column} ${rates.map(([id, r]) => `WHEN ${id} THEN ${r}`).join(" ")} ELSE 1 END)`,
    homeOffsetMinutes: localOffsetMinutes(home.timeZone, asOf),
  };
  return { c, properties };
}

/** A guest's score as a GuestScore row in the job's JSON row form (SCORE_COLUMNS order). */
export function scoreRowJson(guestId: number, score: ReturnType<typeof classifyGuest>): string {
  return JSON.stringify([
    guestId,
    score.recencyDays,
    score.frequency,
    score.monetary,
    score.r,
    score.f,
    score.m,
    score.valueTier,
    score.satisfaction,
    score.npsCategory,
    score.credit,
    score.lifecycle,
    score.segment,
    score.promoter,
  ]);
}

/** Upserts GuestScore rows (as scoreRowJson writes them) for `asOf`. */
export function writeScores(tx: DbTx, dialect: SqlDialect, rows: string[], asOf: string, updatedAt: string) {
  return insertJsonRows(tx, dialect, "GuestScore", SCORE_COLUMNS, rows, {
    onConflict: SCORE_UPSERT,
    constants: [
      ["asOf", "text", asOf],
      ["updatedAt", "timestamp", updatedAt],
    ],
  });
}

/** Cut points as stored (JSON has no Infinity: null stands for it). */
export function storedCuts(cuts: RfmCuts) {
  const out = (q: readonly number[]) => q.map((v) => (Number.isFinite(v) ? v : null));
  return { recency: out(cuts.recency), frequency: out(cuts.frequency), monetary: out(cuts.monetary) };
}

export function cutsFromStored(row: { recency: unknown; frequency: unknown; monetary: unknown }): RfmCuts {
  const back = (q: unknown) => (q as (number | null)[]).map((v) => (v == null ? Infinity : v)) as unknown as RfmCuts["recency"];
  return { recency: back(row.recency), frequency: back(row.frequency), monetary: back(row.monetary) };
}

export async function computeSegments(db: Db, options: ComputeSegmentsOptions): Promise<JobCounts> {
  const { asOf, dryRun } = options;
  const policy = options.policy ?? segmentPolicy();
  const now = options.now ?? (() => new Date());
  const { c, properties } = await scoringContext(db, asOf, policy);
  const counts: JobCounts = { guests: 0, active: 0, changes: 0, written: 0 };
  const started = Date.now();

  // 1. Gather.
  const { facts, newProfiles, guestMonths } = await gather(db, c, options, counts);
  counts.gatherSeconds = Math.round((Date.now() - started) / 100) / 10;

  // 2. Cut points.
  const asOfDay = epochDay(asOf);
  const cuts = cutsOf(facts, asOfDay);
  releaseMemory();

  // 3. Classify and write.
  const hasEarlierRun = (await db.segmentSnapshot.count({ where: { asOf: { lt: asOf } } })) > 0;
  const propertyIndex = new Map<number, number>(properties.map((p, i) => [p.id, i + 1]));
  const cube = {
    guests: new Float64Array((properties.length + 1) * CUBE.slots),
    monetary: new Float64Array((properties.length + 1) * CUBE.slots),
  };
  const add = (propertySlot: number, slot: number, monetary: number) => {
    const at = propertySlot * CUBE.slots + slot;
    cube.guests[at] += 1;
    cube.monetary[at] += monetary;
  };
  const updatedAt = timestampText(now());
  const segmentCounts: Record<string, number> = Object.fromEntries(SEGMENTS.map((s) => [s, 0]));
  let written = 0;
  for (let startAt = 0; startAt < facts.length; startAt += WRITE_BATCH) {
    const end = Math.min(facts.length, startAt + WRITE_BATCH);
    const scoreRows: string[] = [];
    const changeRows: string[] = [];
    const unchanged: number[] = [];
    for (let i = startAt; i < end; i++) {
      const score = classifyGuest(facts.factsAt(i), asOf, cuts, policy);
      const guestId = facts.id[i];
      if (score.r) counts.active++;
      segmentCounts[score.segment]++;
      // Measured against the segment before this asOf: the recorded change's
      // "from" when a run for this asOf already wrote one, else the stored
      // score. A guest scored for the first time "moves" from nothing, except
      // on the very first run (no earlier snapshot), which records no moves.
      let tracked = true;
      let before: number;
      if (facts.changeFrom[i] !== -2) before = facts.changeFrom[i];
      else if (facts.previous[i] >= 0) {
        before = facts.previous[i];
        if (facts.previousIsThisRun[i] && !hasEarlierRun) tracked = false;
      } else {
        before = -1;
        tracked = hasEarlierRun;
      }
      const beforeSegment = before >= 0 ? SEGMENTS[before] : null;
      const moved = tracked && beforeSegment !== score.segment;
      if (moved) {
        changeRows.push(JSON.stringify([guestId, beforeSegment, score.segment]));
        counts.changes++;
      } else if (facts.changeFrom[i] !== -2) unchanged.push(guestId);

      scoreRows.push(scoreRowJson(guestId, score));

      const slots = [
        cubeSlot("segment", score.segment),
        cubeSlot("tier", score.valueTier),
        cubeSlot("lifecycle", score.lifecycle),
        cubeSlot("nps", score.npsCategory ?? "NONE"),
      ];
      if (score.promoter) slots.push(cubeSlot("promoter", "YES"));
      if (score.r) {
        slots.push(cubeSlot("rf", `${score.r}:${score.f}`));
        slots.push(cubeSlot("quadrant", `${score.r + score.f + score.m}:${satisfactionBand(score.satisfaction)}:${score.segment}`));
      }
      if (moved) slots.push(cubeSlot("move", `${beforeSegment ?? ""}>${score.segment}`));
      const propertySlots = [
        0,
        ...facts
          .propertiesOf(i)
          .map((id) => propertyIndex.get(id) ?? 0)
          .filter((p) => p > 0),
      ];
      for (const ps of propertySlots) for (const slot of slots) add(ps, slot, score.monetary);
    }
    if (!dryRun) {
      await db.$transaction(async (tx) => {
        written += await writeScores(tx, c.dialect, scoreRows, asOf, updatedAt);
        if (changeRows.length) {
          await insertJsonRows(tx, c.dialect, "SegmentChange", CHANGE_COLUMNS, changeRows, {
            onConflict: CHANGE_UPSERT,
            constants: [["asOf", "text", asOf]],
          });
        }
        if (unchanged.length) await tx.segmentChange.deleteMany({ where: { asOf, guestId: { in: unchanged } } });
      });
    }
    if (Math.floor(end / RELEASE_EVERY) !== Math.floor(startAt / RELEASE_EVERY)) releaseMemory();
    if (Math.floor(end / 50_000) !== Math.floor(startAt / 50_000) || end === facts.length) {
      counts.written = written;
      await options.progress?.(`scoring: ${end.toLocaleString("en")} / ${facts.length.toLocaleString("en")} guests`, counts);
    }
  }
  counts.written = written;
  for (const s of SEGMENTS) counts[`segment.${s}`] = segmentCounts[s];
  counts.scoreSeconds = Math.round((Date.now() - started) / 100) / 10;

  // 4. Aggregates, snapshot and monthly facts.
  if (!dryRun) {
    const aggregateRows: { asOf: string; propertyId: number; kind: string; key: string; guests: number; monetary: bigint }[] = [];
    const propertyIds = [0, ...properties.map((p) => p.id)];
    propertyIds.forEach((propertyId, ps) => {
      for (let slot = 0; slot < CUBE.slots; slot++) {
        const guests = cube.guests[ps * CUBE.slots + slot];
        const { kind, key } = CUBE.keyOf(slot);
        if (!guests && kind !== "segment") continue;
        aggregateRows.push({ asOf, propertyId, kind, key, guests, monetary: BigInt(Math.round(cube.monetary[ps * CUBE.slots + slot])) });
      }
    });
    await db.$transaction(async (tx) => {
      await tx.guestScore.deleteMany({ where: { asOf: { not: asOf } } });
      // The cuts the stored scores were given: a guest rescored before the next run gets the same ones.
      await tx.scoreCutPoints.deleteMany({ where: { asOf: { not: asOf } } });
      await tx.scoreCutPoints.upsert({ where: { asOf }, create: { asOf, ...storedCuts(cuts) }, update: storedCuts(cuts) });
      await tx.scoreAggregate.deleteMany({ where: { asOf } });
      await tx.scoreAggregate.createMany({ data: aggregateRows });
      const latest = await tx.scoreAggregate.aggregate({ _max: { asOf: true } });
      await tx.scoreAggregate.deleteMany({ where: { kind: { in: [...CUBE.latestOnlyKinds] }, asOf: { lt: latest._max.asOf ?? asOf } } });
      await tx.segmentSnapshot.deleteMany({ where: { asOf } });
      await tx.segmentSnapshot.createMany({ data: SEGMENTS.map((segment) => ({ asOf, segment, count: segmentCounts[segment] })) });
    });
  }
  const facts2 = await refreshMonthlyFacts(db, { asOf, dryRun, newProfiles, guestMonths, properties, progress: options.progress, counts });
  counts.monthsRefreshed = facts2.months.length;
  counts.seconds = Math.round((Date.now() - started) / 100) / 10;
  return counts;
}
