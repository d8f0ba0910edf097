// The scoring rules as plain functions: quintiles with ties, the formulas the
// README documents, lifecycle windows per travel purpose, explanations in both
// languages, and the drill-down filters.
import { describe, expect, it } from "vitest";
import {
  classifyGuest,
  creditOf,
  lifecycleOf,
  monthsBefore,
  quintileCuts,
  satisfactionBand,
  satisfactionOf,
  scoreFromCuts,
  segmentOf,
  valueTierOf,
  type GuestFacts,
} from "~/domain/segments/classify-guest";
import { explainScore } from "~/domain/analytics/explain-score";
import { DEFAULT_SEGMENT_POLICY as policy, scoringRate, segmentPolicy } from "~/domain/segments/segment-policy";
import { countGuestMonths } from "~/domain/segments/compute-segments.server";
import { filtersToQuery, isSegmentOnly, parseFilters } from "~/domain/analytics/analytics-filters";
import { CUBE, cubeSlot } from "~/domain/segments/score-cube";

const none: GuestFacts = {
  createdDay: 0,
  lastDeparture: null,
  lastPurpose: null,
  lifetimeStays: 0,
  frequency: 0,
  monetary: 0,
  surveyCount: 0,
  surveyTotal: 0,
  latestSurvey: null,
  complaintPenalty: 0,
  compliments: 0,
  feedbackInWindow: 0,
  openComplaints: 0,
  postings: 0,
  disputed: 0,
  unpaid: 0,
};

describe("quintile scores", () => {
  it("gives two of ten distinct values to each score", () => {
    const cuts = quintileCuts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => scoreFromCuts(v, cuts))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it("gives tied values the same score, whatever their order: 1 + ⌊5 × share strictly below⌋", () => {
    const values = [3, 1, 2, 1, 6, 1, 4, 2, 5, 4];
    const cuts = quintileCuts(values);
    const score = (v: number) => scoreFromCuts(v, cuts);
    expect([1, 2, 3, 4, 5, 6].map(score)).toEqual([1, 2, 3, 4, 5, 5]);
    for (const v of values) expect(score(v)).toBe(Math.min(5, 1 + Math.floor((5 * values.filter((x) => x < v).length) / values.length)));
    expect(quintileCuts([...values].reverse())).toEqual(cuts);
  });

  it("scores one guest 1 and never above 5", () => {
    expect(scoreFromCuts(42, quintileCuts([42]))).toBe(1);
    expect(scoreFromCuts(1e9, quintileCuts([1, 2, 3]))).toBeLessThanOrEqual(5);
  });
});

describe("formulas", () => {
  it("value tier from R+F+M", () => {
    expect(valueTierOf(5, 5, 3, policy)).toBe("PLATINUM");
    expect(valueTierOf(4, 3, 3, policy)).toBe("GOLD");
    expect(valueTierOf(3, 2, 2, policy)).toBe("SILVER");
    expect(valueTierOf(2, 2, 2, policy)).toBe("BRONZE");
    expect(valueTierOf(0, 0, 0, policy)).toBe("BRONZE");
  });

  it("satisfaction: 10 × survey average, less complaint points by handling, plus compliments, within 0–100", () => {
    expect(satisfactionOf({ ...none, surveyCount: 2, surveyTotal: 19 }, policy)).toBe(95);
    expect(satisfactionOf({ ...none, feedbackInWindow: 1, compliments: 1 }, policy)).toBe(75);
    expect(satisfactionOf({ ...none, feedbackInWindow: 3, compliments: 3 }, policy)).toBe(80);
    expect(satisfactionOf({ ...none, surveyCount: 1, surveyTotal: 1, complaintPenalty: 60 }, policy)).toBe(0);
    expect(satisfactionOf(none, policy)).toBeNull();
  });

  it("credit: 100 less 10 per disputed and 25 per unpaid posting; unknown without postings", () => {
    expect(creditOf({ ...none, postings: 4, disputed: 1, unpaid: 1 }, policy)).toBe(65);
    expect(creditOf({ ...none, postings: 9, unpaid: 9 }, policy)).toBe(0);
    expect(creditOf(none, policy)).toBeNull();
  });

  it("months before a date clamp to the end of a shorter month", () => {
    expect(monthsBefore("2026-08-31", 6)).toBe("2026-02-28");
    expect(monthsBefore("2026-11-27", 24)).toBe("2024-11-27");
    expect(monthsBefore("2028-03-31", 1)).toBe("2028-02-29");
  });
});

describe("lifecycle and segment", () => {
  const asOf = "2026-11-27";
  const guest = (o: Partial<GuestFacts>): GuestFacts => ({ ...none, lifetimeStays: 3, frequency: 2, ...o });

  it("lapses business guests after 9 months and leisure guests after 18", () => {
    expect(lifecycleOf(guest({ lastDeparture: "2026-02-26", lastPurpose: "BUSINESS" }), asOf, policy)).toBe("LAPSED");
    expect(lifecycleOf(guest({ lastDeparture: "2026-02-27", lastPurpose: "BUSINESS" }), asOf, policy)).toBe("REPEAT");
    expect(lifecycleOf(guest({ lastDeparture: "2026-02-26", lastPurpose: "LEISURE" }), asOf, policy)).toBe("REPEAT");
    expect(lifecycleOf(guest({ lastDeparture: "2025-05-26", lastPurpose: "LEISURE" }), asOf, policy)).toBe("LAPSED");
    expect(lifecycleOf(guest({ lastDeparture: "2026-11-01", frequency: 5 }), asOf, policy)).toBe("LOYAL");
    expect(lifecycleOf(guest({ lastDeparture: "2026-11-01", lifetimeStays: 1, frequency: 1 }), asOf, policy)).toBe("NEW");
  });

  it("reads lapse windows from SEGMENT_LAPSE_MONTHS", () => {
    const custom = segmentPolicy({ SEGMENT_LAPSE_MONTHS: "business=6, LEISURE=24, nonsense=x" } as unknown as NodeJS.ProcessEnv);
    expect(custom.lapseMonths).toMatchObject({ BUSINESS: 6, LEISURE: 24, FAMILY: 18 });
  });

  it("places guests in the quadrants; lapsing high-value guests are at risk", () => {
    const s = (valueTier: "GOLD" | "SILVER", satisfaction: number | null, lifecycle: "REPEAT" | "LAPSED" = "REPEAT") =>
      segmentOf(guest({}), asOf, { valueTier, satisfaction, lifecycle }, policy);
    expect(s("GOLD", 80)).toBe("CHAMPIONS");
    expect(s("GOLD", null)).toBe("CHAMPIONS");
    expect(s("GOLD", 59)).toBe("AT_RISK_HIGH_VALUE");
    expect(s("GOLD", 90, "LAPSED")).toBe("AT_RISK_HIGH_VALUE");
    expect(s("SILVER", 60)).toBe("PROMISING");
    expect(s("SILVER", 40)).toBe("LOW_ENGAGEMENT");
    expect(s("SILVER", 90, "LAPSED")).toBe("LOW_ENGAGEMENT");
  });

  it("calls a profile without stays new for a year, then inactive", () => {
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const cuts = { recency: quintileCuts([]), frequency: quintileCuts([]), monetary: quintileCuts([]) };
    expect(classifyGuest({ ...none, createdDay: day("2026-01-01") }, asOf, cuts, policy).segment).toBe("NEW");
    expect(classifyGuest({ ...none, createdDay: day("2025-01-01") }, asOf, cuts, policy).segment).toBe("INACTIVE");
  });

  it("flags promoters: latest survey 9–10, three stays in the window, no open complaint", () => {
    const cuts = { recency: quintileCuts([-5]), frequency: quintileCuts([3]), monetary: quintileCuts([100]) };
    const base = guest({ lastDeparture: "2026-11-22", frequency: 3, monetary: 100, latestSurvey: 9, surveyCount: 1, surveyTotal: 9 });
    expect(classifyGuest(base, asOf, cuts, policy).promoter).toBe(true);
    expect(classifyGuest({ ...base, latestSurvey: 8 }, asOf, cuts, policy).promoter).toBe(false);
    expect(classifyGuest({ ...base, frequency: 2 }, asOf, cuts, policy).promoter).toBe(false);
    expect(classifyGuest({ ...base, openComplaints: 1 }, asOf, cuts, policy).promoter).toBe(false);
  });
});

describe("explanations", () => {
  const score = { r: 5, f: 4, m: 5, recencyDays: 12, frequency: 9, monetary: 4_820_000 };
  it("reads as one line in English and in Chinese", () => {
    expect(explainScore(score, { locale: "en", currency: "CNY", windowMonths: 24 })).toBe(
      "R5 F4 M5 — last stay 12 days ago, 9 stays in 24 months, ¥48,200",
    );
    expect(explainScore(score, { locale: "zh-CN", currency: "CNY", windowMonths: 24 })).toBe(
      "R5 F4 M5 — 最近一次入住在12天前，24个月内入住9次，¥48,200",
    );
    expect(explainScore({ ...score, recencyDays: 1, frequency: 1 }, { locale: "en", currency: "HKD", windowMonths: 24 })).toBe(
      "R5 F4 M5 — last stay ended yesterday, 1 stay in 24 months, HK$48,200",
    );
    expect(explainScore(score, { locale: "en", currency: "CNY", windowMonths: 24, showMoney: false })).toBe(
      "R5 F4 M5 — last stay 12 days ago, 9 stays in 24 months",
    );
  });
});

describe("job helpers", () => {
  it("counts a guest once per property and month, as a repeat when an earlier stay had ended", () => {
    const months = new Map();
    countGuestMonths("1|2026-05-20|2026-05-22,1|2026-03-01|2026-03-03,2|2026-05-01|2026-05-02,1|2026-05-25|2026-05-27", months);
    expect(Object.fromEntries(months)).toEqual({
      "1|2026-03": { guests: 1, repeatGuests: 0 },
      "1|2026-05": { guests: 1, repeatGuests: 1 },
      "2|2026-05": { guests: 1, repeatGuests: 1 },
    });
  });

  it("puts spend in other currencies on the scoring currency's scale", () => {
    expect(scoringRate(policy, "HKD", "CNY")).toBeCloseTo(0.92);
    expect(scoringRate(policy, "CNY", "HKD")).toBeCloseTo(1 / 0.92);
    expect(() => scoringRate(policy, "XXX", "CNY")).toThrow(/SEGMENT_FX_RATES/);
  });

  it("has one aggregate slot per kind and key", () => {
    expect(CUBE.keyOf(cubeSlot("rf", "5:4"))).toEqual({ kind: "rf", key: "5:4" });
    expect(CUBE.keyOf(cubeSlot("move", ">CHAMPIONS"))).toEqual({ kind: "move", key: ">CHAMPIONS" });
    expect(satisfactionBand(null)).toBe(-1);
    expect(satisfactionBand(100)).toBe(10);
  });
});

describe("drill-down filters", () => {
  it("keep what they understand and drop the rest", () => {
    const filters = parseFilters(
      new URLSearchParams("segment=CHAMPIONS&propertyId=2&from=2026-12&to=2026-01&r=9&tier=GOLDEN&event=stayed&channel=OTA"),
    );
    expect(filters).toEqual({ segment: "CHAMPIONS", propertyId: 2, from: "2026-01", to: "2026-12", event: "stayed", channel: "OTA" });
    expect(parseFilters(new URLSearchParams(filtersToQuery(filters)))).toEqual(filters);
  });

  it("know when a list is a segment rule rather than a list of guests", () => {
    expect(isSegmentOnly({ segment: "AT_RISK_HIGH_VALUE", propertyId: 1, from: "2026-01", to: "2026-12" })).toBe(true);
    expect(isSegmentOnly({ segment: "AT_RISK_HIGH_VALUE", r: 5 })).toBe(false);
    expect(isSegmentOnly({ tier: "GOLD" })).toBe(false);
  });
});
