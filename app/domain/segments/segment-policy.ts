// The rules' numbers in one place: windows, lapse months per travel purpose,
// satisfaction weights, thresholds. README "Loyalty analytics" documents them.
// Lapse months can be overridden with SEGMENT_LAPSE_MONTHS
// ("BUSINESS=9,LEISURE=18,…"); scoring exchange rates with SEGMENT_FX_RATES
// ("HKD=0.92,USD=7.1", CNY per unit).
import type { Segment, ValueTier } from "./segment-names";

export const TRAVEL_PURPOSE_CODES = ["BUSINESS", "LEISURE", "FAMILY", "EVENT", "OTHER"] as const;
export type TravelPurpose = (typeof TRAVEL_PURPOSE_CODES)[number];

export type SegmentPolicy = {
  /** RFM window: stays checked out and postings in the months before asOf. */
  windowMonths: number;
  /** A guest whose last check-out is older than this (by the last stay's purpose) has lapsed. */
  lapseMonths: Record<TravelPurpose, number>;
  /** At least this many stays in the window: loyal. */
  loyalMinStays: number;
  /** A profile without any stay counts as new for this many days after it was created. */
  newProfileDays: number;
  /** R+F+M (3–15) at or above: tier. */
  tierMinScore: Record<Exclude<ValueTier, "BRONZE">, number>;
  /** Tiers that count as "high value" for the segment quadrants. */
  highValueTiers: readonly ValueTier[];
  /** Satisfaction at or above this is the satisfied side of the quadrant. */
  satisfiedFrom: number;
  /** Starting satisfaction when there is feedback but no survey. */
  satisfactionWithoutSurvey: number;
  complaintPoints: Record<"LOW" | "MEDIUM" | "HIGH" | "CRITICAL", number>;
  /** Share of a complaint's points that still counts, by the guest's reaction to the handling. */
  handlingFactor: Record<"SATISFIED" | "NEUTRAL" | "DISSATISFIED" | "UNKNOWN", number>;
  complimentPoints: number;
  complimentMax: number;
  /** Credit: 100 minus these per posting in the window. */
  creditPenalty: { disputed: number; unpaid: number };
  /** Promoter: latest survey at least this, and at least this many stays in the window. */
  promoterMinSurvey: number;
  promoterMinStays: number;
  /** CNY per unit of each currency, to put spend in different currencies on one scale for M. */
  cnyPerUnit: Record<string, number>;
};

export const DEFAULT_SEGMENT_POLICY: SegmentPolicy = {
  windowMonths: 24,
  lapseMonths: { BUSINESS: 9, LEISURE: 18, FAMILY: 18, EVENT: 12, OTHER: 12 },
  loyalMinStays: 5,
  newProfileDays: 365,
  tierMinScore: { PLATINUM: 13, GOLD: 10, SILVER: 7 },
  highValueTiers: ["PLATINUM", "GOLD"],
  satisfiedFrom: 60,
  satisfactionWithoutSurvey: 70,
  complaintPoints: { LOW: 5, MEDIUM: 10, HIGH: 20, CRITICAL: 30 },
  handlingFactor: { SATISFIED: 0.25, NEUTRAL: 0.5, DISSATISFIED: 1, UNKNOWN: 0.75 },
  complimentPoints: 5,
  complimentMax: 10,
  creditPenalty: { disputed: 10, unpaid: 25 },
  promoterMinSurvey: 9,
  promoterMinStays: 3,
  cnyPerUnit: { CNY: 1, HKD: 0.92, MOP: 0.89, TWD: 0.22, USD: 7.1, EUR: 7.8, GBP: 9.1, JPY: 0.048, SGD: 5.3 },
};

function parsePairs(text: string | undefined): Record<string, number> {
  const pairs: Record<string, number> = {};
  for (const part of (text ?? "").split(",")) {
    const [key, value] = part.split("=").map((s) => s.trim());
    if (key && value && Number.isFinite(Number(value)) && Number(value) > 0) pairs[key.toUpperCase()] = Number(value);
  }
  return pairs;
}

/** The policy in force: defaults with the environment's overrides. */
export function segmentPolicy(env: NodeJS.ProcessEnv = process.env): SegmentPolicy {
  const lapse = parsePairs(env.SEGMENT_LAPSE_MONTHS);
  const fx = parsePairs(env.SEGMENT_FX_RATES);
  return {
    ...DEFAULT_SEGMENT_POLICY,
    lapseMonths: { ...DEFAULT_SEGMENT_POLICY.lapseMonths, ...pick(lapse, TRAVEL_PURPOSE_CODES) },
    cnyPerUnit: { ...DEFAULT_SEGMENT_POLICY.cnyPerUnit, ...fx },
  };
}

function pick<K extends string>(values: Record<string, number>, keys: readonly K[]): Partial<Record<K, number>> {
  return Object.fromEntries(keys.filter((k) => k in values).map((k) => [k, Math.round(values[k])])) as Partial<Record<K, number>>;
}

/** Scoring rate of a currency against the chain's scoring currency (the first property's). */
export function scoringRate(policy: SegmentPolicy, currency: string, scoringCurrency: string): number {
  if (currency === scoringCurrency) return 1;
  const from = policy.cnyPerUnit[currency];
  const to = policy.cnyPerUnit[scoringCurrency];
  if (!from || !to) throw new Error(`No scoring exchange rate for ${currency} → ${scoringCurrency}; set SEGMENT_FX_RATES.`);
  return from / to;
}

export const SEGMENT_ORDER: readonly Segment[] = ["CHAMPIONS", "AT_RISK_HIGH_VALUE", "PROMISING", "LOW_ENGAGEMENT", "NEW", "INACTIVE"];
