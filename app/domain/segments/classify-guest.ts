// The scoring rules for one guest, as plain functions of the facts the
// segments job gathers in SQL. Everything here is documented in the README
// ("Loyalty analytics") and pinned by tests/unit/segments-rules.test.ts.
import type { Lifecycle, Segment, ValueTier } from "./segment-names";
import type { SegmentPolicy, TravelPurpose } from "./segment-policy";

/** What the job knows about a guest on asOf (money in the scoring currency, minor units). */
export type GuestFacts = {
  /** Epoch day the profile was created. */
  createdDay: number;
  /** Departure date of the last checked-out stay on or before asOf, "YYYY-MM-DD". */
  lastDeparture: string | null;
  lastPurpose: string | null;
  /** Checked-out stays ever (departure on or before asOf). */
  lifetimeStays: number;
  /** Checked-out stays with departure in the window. */
  frequency: number;
  monetary: number;
  surveyCount: number;
  surveyTotal: number;
  latestSurvey: number | null;
  /** Σ complaint points × handling factor over complaints in the window. */
  complaintPenalty: number;
  compliments: number;
  feedbackInWindow: number;
  openComplaints: number;
  postings: number;
  disputed: number;
  unpaid: number;
};

export type NpsCategory = "PROMOTER" | "PASSIVE" | "DETRACTOR";

export type GuestScoreValues = {
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  valueTier: ValueTier;
  satisfaction: number | null;
  npsCategory: NpsCategory | null;
  credit: number | null;
  lifecycle: Lifecycle;
  segment: Segment;
  promoter: boolean;
};

/** Quintile cut points of the active guests' values (higher is better): see scoreFromCuts. */
export type QuintileCuts = readonly [number, number, number, number];

/**
 * Cut points such that a value's score is 1 + ⌊5 × (share of values strictly
 * below it)⌋: ties share a score, and the result does not depend on row order.
 * cut[s-1] is the k-th smallest value, k = ⌈s·N/5⌉; a value scores above s
 * exactly when it is greater than that.
 */
export function quintileCuts(values: ArrayLike<number>): QuintileCuts {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (!n) return [Infinity, Infinity, Infinity, Infinity];
  const cut = (s: number) => sorted[Math.ceil((s * n) / 5) - 1];
  return [cut(1), cut(2), cut(3), cut(4)];
}

export function scoreFromCuts(value: number, cuts: QuintileCuts): number {
  let score = 1;
  for (const c of cuts) if (value > c) score++;
  return score;
}

export type RfmCuts = { recency: QuintileCuts; frequency: QuintileCuts; monetary: QuintileCuts };

export const DAY_MS = 86_400_000;
export function epochDay(iso: string): number {
  return Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
}

/** Months before asOf as an ISO date (end-of-month clamped: 2026-08-31 − 6 months = 2026-02-28). */
export function monthsBefore(asOf: string, months: number): string {
  const [y, m, d] = asOf.split("-").map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export function valueTierOf(r: number, f: number, m: number, policy: SegmentPolicy): ValueTier {
  if (!r) return "BRONZE";
  const sum = r + f + m;
  if (sum >= policy.tierMinScore.PLATINUM) return "PLATINUM";
  if (sum >= policy.tierMinScore.GOLD) return "GOLD";
  if (sum >= policy.tierMinScore.SILVER) return "SILVER";
  return "BRONZE";
}

/** 0–100: surveys (10 × average), less complaint points, plus compliments; null without any evidence. */
export function satisfactionOf(facts: GuestFacts, policy: SegmentPolicy): number | null {
  let base: number;
  if (facts.surveyCount > 0) base = (10 * facts.surveyTotal) / facts.surveyCount;
  else if (facts.feedbackInWindow > 0) base = policy.satisfactionWithoutSurvey;
  else return null;
  const bonus = Math.min(policy.complimentMax, policy.complimentPoints * facts.compliments);
  return Math.max(0, Math.min(100, Math.round(base - facts.complaintPenalty + bonus)));
}

export function npsCategoryOf(latestSurvey: number | null): NpsCategory | null {
  if (latestSurvey == null) return null;
  if (latestSurvey >= 9) return "PROMOTER";
  if (latestSurvey >= 7) return "PASSIVE";
  return "DETRACTOR";
}

/** 100 less points per disputed or unpaid posting in the window; null without postings. */
export function creditOf(facts: GuestFacts, policy: SegmentPolicy): number | null {
  if (!facts.postings) return null;
  return Math.max(0, 100 - policy.creditPenalty.disputed * facts.disputed - policy.creditPenalty.unpaid * facts.unpaid);
}

export function lapseMonthsOf(purpose: string | null, policy: SegmentPolicy): number {
  return policy.lapseMonths[(purpose ?? "OTHER") as TravelPurpose] ?? policy.lapseMonths.OTHER;
}

export function lifecycleOf(facts: GuestFacts, asOf: string, policy: SegmentPolicy): Lifecycle {
  if (facts.lastDeparture && facts.lastDeparture < monthsBefore(asOf, lapseMonthsOf(facts.lastPurpose, policy))) return "LAPSED";
  if (facts.lifetimeStays <= 1) return "NEW";
  if (facts.frequency >= policy.loyalMinStays) return "LOYAL";
  return "REPEAT";
}

export function segmentOf(
  facts: GuestFacts,
  asOf: string,
  s: { valueTier: ValueTier; satisfaction: number | null; lifecycle: Lifecycle },
  policy: SegmentPolicy,
): Segment {
  if (facts.frequency === 0) {
    const young = epochDay(asOf) - facts.createdDay <= policy.newProfileDays;
    return facts.lifetimeStays === 0 && young ? "NEW" : "INACTIVE";
  }
  if (s.lifecycle === "NEW") return "NEW";
  const highValue = policy.highValueTiers.includes(s.valueTier);
  const satisfied = s.satisfaction == null || s.satisfaction >= policy.satisfiedFrom;
  const lapsed = s.lifecycle === "LAPSED";
  if (highValue) return satisfied && !lapsed ? "CHAMPIONS" : "AT_RISK_HIGH_VALUE";
  return satisfied && !lapsed ? "PROMISING" : "LOW_ENGAGEMENT";
}

export function classifyGuest(facts: GuestFacts, asOf: string, cuts: RfmCuts, policy: SegmentPolicy): GuestScoreValues {
  const recencyDays = facts.lastDeparture ? epochDay(asOf) - epochDay(facts.lastDeparture) : null;
  const active = facts.frequency > 0;
  const r = active ? scoreFromCuts(-(recencyDays ?? 0), cuts.recency) : 0;
  const f = active ? scoreFromCuts(facts.frequency, cuts.frequency) : 0;
  const m = active ? scoreFromCuts(facts.monetary, cuts.monetary) : 0;
  const valueTier = valueTierOf(r, f, m, policy);
  const satisfaction = satisfactionOf(facts, policy);
  const npsCategory = npsCategoryOf(facts.latestSurvey);
  const lifecycle = lifecycleOf(facts, asOf, policy);
  const segment = segmentOf(facts, asOf, { valueTier, satisfaction, lifecycle }, policy);
  const promoter =
    facts.latestSurvey != null &&
    facts.latestSurvey >= policy.promoterMinSurvey &&
    facts.frequency >= policy.promoterMinStays &&
    facts.openComplaints === 0;
  return {
    recencyDays,
    frequency: facts.frequency,
    monetary: Math.round(facts.monetary),
    r,
    f,
    m,
    valueTier,
    satisfaction,
    npsCategory,
    credit: creditOf(facts, policy),
    lifecycle,
    segment,
    promoter,
  };
}

/** 10-point satisfaction band (0–10, 10 = 100), or -1 when unknown: the quadrant chart's rows. */
export function satisfactionBand(satisfaction: number | null): number {
  return satisfaction == null ? -1 : Math.min(10, Math.floor(satisfaction / 10));
}
