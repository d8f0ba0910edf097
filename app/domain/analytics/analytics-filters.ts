// The filters of the dashboards and of the guest lists they drill into, as URL
// query parameters: every chart links to /analytics/guests?<its filters>.
// Browser-safe: the charts build their links with `filtersToQuery`.
import { BOOKING_CHANNELS } from "../stays/stay-form";
import { FEEDBACK_CATEGORIES } from "../complaints/feedback-form";
import { OUTLETS } from "../consumption/charge-form";
import { LIFECYCLES, SEGMENTS, VALUE_TIERS, type Lifecycle, type Segment, type ValueTier } from "../segments/segment-names";

export const NPS_FILTERS = ["PROMOTER", "PASSIVE", "DETRACTOR", "NONE"] as const;
/** What happened in the period to the guests of an event list. */
export const EVENTS = ["stayed", "repeat", "complaint", "outlet", "channel", "moved"] as const;
export type AnalyticsEvent = (typeof EVENTS)[number];

export type AnalyticsFilters = {
  propertyId?: number;
  /** Period, months "YYYY-MM" inclusive. */
  from?: string;
  to?: string;
  segment?: Segment;
  tier?: ValueTier;
  lifecycle?: Lifecycle;
  nps?: (typeof NPS_FILTERS)[number];
  promoter?: boolean;
  r?: number;
  f?: number;
  /** R+F+M. */
  value?: number;
  /** Satisfaction band 0–10, -1 unknown. */
  band?: number;
  event?: AnalyticsEvent;
  channel?: string;
  outlet?: string;
  category?: string;
  /** Calendar month 1–12 (seasonality), within the period. */
  month?: number;
  /** Segment moves in the period: from ("" = newly scored) and to. */
  movedFrom?: Segment | "";
  movedTo?: Segment;
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return value != null && (list as readonly string[]).includes(value) ? (value as T) : undefined;
}

function intIn(value: string | null, min: number, max: number): number | undefined {
  if (value == null || value.trim() === "") return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

export function parseFilters(params: URLSearchParams): AnalyticsFilters {
  const f: AnalyticsFilters = {
    propertyId: intIn(params.get("propertyId"), 1, 2_147_483_647),
    from: MONTH.test(params.get("from") ?? "") ? params.get("from")! : undefined,
    to: MONTH.test(params.get("to") ?? "") ? params.get("to")! : undefined,
    segment: oneOf(SEGMENTS, params.get("segment")),
    tier: oneOf(VALUE_TIERS, params.get("tier")),
    lifecycle: oneOf(LIFECYCLES, params.get("lifecycle")),
    nps: oneOf(NPS_FILTERS, params.get("nps")),
    promoter: params.get("promoter") === "1" ? true : undefined,
    r: intIn(params.get("r"), 1, 5),
    f: intIn(params.get("f"), 1, 5),
    value: intIn(params.get("value"), 3, 15),
    band: intIn(params.get("band"), -1, 10),
    event: oneOf(EVENTS, params.get("event")),
    channel: oneOf(BOOKING_CHANNELS, params.get("channel")),
    outlet: oneOf(OUTLETS, params.get("outlet")),
    category: oneOf(FEEDBACK_CATEGORIES, params.get("category")),
    month: intIn(params.get("month"), 1, 12),
    movedFrom: params.get("movedFrom") === "" && params.has("movedTo") ? "" : oneOf(SEGMENTS, params.get("movedFrom")),
    movedTo: oneOf(SEGMENTS, params.get("movedTo")),
  };
  if (f.from && f.to && f.from > f.to) [f.from, f.to] = [f.to, f.from];
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as AnalyticsFilters;
}

export function filtersToQuery(filters: AnalyticsFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    params.set(key, value === true ? "1" : String(value));
  }
  return params.toString();
}

/** Lists that follow from one segment (and a property) are kept as a rule, not as a frozen list of guests. */
export function isSegmentOnly(filters: AnalyticsFilters): filters is { segment: Segment; propertyId?: number; from?: string; to?: string } {
  const keys = Object.keys(filters).filter((k) => k !== "from" && k !== "to" && k !== "propertyId");
  return keys.length === 1 && keys[0] === "segment";
}

/** The period as ISO dates [first day, day after the last). */
export function periodBounds(from: string, to: string): { start: string; end: string } {
  const [y, m] = to.split("-").map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { start: `${from}-01`, end: `${next}-01` };
}
