// The segments job on a planted archive with known answers: ten active guests
// whose recency, frequency and spend are chosen so every RFM cell, tier,
// lifecycle and segment can be worked out by hand (see the table below), plus
// an inactive guest, a profile without stays, an anonymised guest (counted,
// never listed) and one in the recycle bin (not scored).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { computeSegments } from "~/domain/segments/compute-segments.server";
import { DEFAULT_SEGMENT_POLICY } from "~/domain/segments/segment-policy";
import { recordSurvey } from "~/domain/loyalty/loyalty.server";
import { eraseGuest } from "~/domain/retention/erase-guest.server";
import { deleteGuest } from "~/domain/guests/recycle-bin.server";
import { handleComplaint, recordFeedback } from "~/domain/complaints/record-feedback.server";
import { feedbackFormSchema, handlingFormSchema } from "~/domain/complaints/feedback-form";
import { runNamedJob } from "../../jobs/registry.server";
import { explainScore } from "~/domain/analytics/explain-score";
import { listAnalyticsGuests } from "~/domain/analytics/analytics-guests.server";
import { loadDashboard } from "~/domain/analytics/dashboard.server";
import { plantCharge, plantGuest, plantProperty, plantStaff, plantStay, TODAY } from "../support/fixtures";

const ASOF = TODAY; // 2026-11-27: the window is departures after 2024-11-27.
const DAY = 86_400_000;
const daysBefore = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);

/**
 * name, last check-out (days before asOf), stays in the window (60 days
 * apart), spend in yuan, last stay's purpose, and the expected result.
 *
 * R: recency 5,10 → 5 · 30,60 → 4 · 100,150 → 3 · 200,300 → 2 · 400,600 → 1
 * F: stays 6,5 → 5 · 4,4 → 4 · 3 → 3 · 2,2 → 2 · 1,1,1 → 1 (ties share a score)
 * M: ¥500,1000 → 1 · 2500,3000 → 2 · 5000,6000 → 3 · 8000,12000 → 4 · 20000,30000 → 5
 */
const PLAN = [
  {
    name: "Alpha",
    recency: 5,
    stays: 6,
    yuan: 5000,
    purpose: "BUSINESS",
    rfm: [5, 5, 3],
    tier: "PLATINUM",
    lifecycle: "LOYAL",
    segment: "CHAMPIONS",
  },
  {
    name: "Bravo",
    recency: 10,
    stays: 5,
    yuan: 20000,
    purpose: "BUSINESS",
    rfm: [5, 5, 5],
    tier: "PLATINUM",
    lifecycle: "LOYAL",
    segment: "AT_RISK_HIGH_VALUE",
  },
  {
    name: "Charlie",
    recency: 30,
    stays: 4,
    yuan: 3000,
    purpose: "LEISURE",
    rfm: [4, 4, 2],
    tier: "GOLD",
    lifecycle: "REPEAT",
    segment: "CHAMPIONS",
  },
  {
    name: "Delta",
    recency: 60,
    stays: 4,
    yuan: 8000,
    purpose: "LEISURE",
    rfm: [4, 4, 4],
    tier: "GOLD",
    lifecycle: "REPEAT",
    segment: "CHAMPIONS",
  },
  {
    name: "Echo",
    recency: 100,
    stays: 3,
    yuan: 12000,
    purpose: "BUSINESS",
    rfm: [3, 3, 4],
    tier: "GOLD",
    lifecycle: "REPEAT",
    segment: "CHAMPIONS",
  },
  {
    name: "Foxtrot",
    recency: 150,
    stays: 2,
    yuan: 1000,
    purpose: "LEISURE",
    rfm: [3, 2, 1],
    tier: "BRONZE",
    lifecycle: "REPEAT",
    segment: "PROMISING",
  },
  {
    name: "Golf",
    recency: 200,
    stays: 2,
    yuan: 30000,
    purpose: "BUSINESS",
    rfm: [2, 2, 5],
    tier: "SILVER",
    lifecycle: "REPEAT",
    segment: "LOW_ENGAGEMENT",
  },
  {
    name: "Hotel",
    recency: 300,
    stays: 1,
    yuan: 2500,
    purpose: "BUSINESS",
    rfm: [2, 1, 2],
    tier: "BRONZE",
    lifecycle: "LAPSED",
    segment: "LOW_ENGAGEMENT",
  },
  {
    name: "India",
    recency: 400,
    stays: 1,
    yuan: 6000,
    purpose: "LEISURE",
    rfm: [1, 1, 3],
    tier: "BRONZE",
    lifecycle: "NEW",
    segment: "NEW",
  },
  {
    name: "Juliett",
    recency: 600,
    stays: 1,
    yuan: 500,
    purpose: "LEISURE",
    rfm: [1, 1, 1],
    tier: "BRONZE",
    lifecycle: "LAPSED",
    segment: "LOW_ENGAGEMENT",
  },
] as const;

const ids: Record<string, number> = {};
let propertyId = 0;
let manager: Awaited<ReturnType<typeof plantStaff>>;

async function plantComplaint(
  guestId: number,
  createdOn: string,
  severity: string,
  reaction?: "SATISFIED" | "NEUTRAL" | "DISSATISFIED",
  category = "NOISE",
) {
  const complaint = await recordFeedback(
    db(),
    manager.actor,
    guestId,
    feedbackFormSchema.parse({
      kind: "COMPLAINT",
      propertyId: String(propertyId),
      category,
      severity,
      department: "FRONT_OFFICE",
      description: "planted",
    }),
  );
  if (reaction) {
    await handleComplaint(
      db(),
      manager.actor,
      guestId,
      handlingFormSchema.parse({ feedbackId: String(complaint.id), status: "RESOLVED", handling: "fixed", guestReaction: reaction }),
    );
  }
  const createdAt = new Date(`${createdOn}T10:00:00Z`);
  await db().feedback.update({
    where: { id: complaint.id },
    data: {
      createdAt,
      deadline: new Date(createdAt.getTime() + 24 * 3_600_000),
      resolvedAt: reaction ? new Date(createdAt.getTime() + 3_600_000) : null,
    },
  });
  return complaint;
}

beforeAll(async () => {
  const property = await plantProperty("SHA");
  propertyId = property.id;
  manager = await plantStaff("MANAGER");

  for (const [index, g] of PLAN.entries()) {
    const { guestId } = await plantGuest(manager.actor, { fullName: `Guest ${g.name}`, phone: `1380000${String(index).padStart(4, "0")}` });
    ids[g.name] = guestId;
    // Stays of two nights, 60 days apart, the last ending `recency` days before asOf;
    // room revenue is the spend split over the stays (Alpha's includes a ¥1,000 dinner).
    const roomMinor = (g.name === "Alpha" ? g.yuan - 1000 : g.yuan) * 100;
    const rate = Math.floor(roomMinor / g.stays / 2);
    for (let k = 0; k < g.stays; k++) {
      const departure = daysBefore(ASOF, g.recency + 60 * (g.stays - 1 - k));
      const nightly = k === g.stays - 1 ? (roomMinor - rate * 2 * (g.stays - 1)) / 2 : rate;
      const stay = await plantStay(manager.actor, guestId, {
        propertyId: String(propertyId),
        arrivalDate: daysBefore(departure, 2),
        departureDate: departure,
        status: "CHECKED_OUT",
        rateAmount: (nightly / 100).toFixed(2),
        purpose: k === g.stays - 1 ? g.purpose : "OTHER",
      });
      if (g.name === "Alpha" && k === g.stays - 1) {
        const charge = await plantCharge(manager.actor, guestId, {
          propertyId: String(propertyId),
          stayId: String(stay.id),
          grossAmount: "1000",
          chargedAt: `${daysBefore(departure, 1)}T19:00`,
        });
        await db().charge.update({ where: { id: charge.id }, data: { settlement: "DISPUTED" } });
      }
    }
  }
  const named = (n: string) => ids[n];

  // Satisfaction (see README): Alpha surveys 9 then 10 → 95, promoter.
  await recordSurvey(db(), manager.actor, named("Alpha"), { score: 9, answeredAt: new Date("2026-09-25T10:00:00Z") });
  await recordSurvey(db(), manager.actor, named("Alpha"), { score: 10, answeredAt: new Date("2026-11-23T10:00:00Z") });
  // Bravo: survey 4 and a HIGH complaint the guest was dissatisfied with → 40 − 20 = 20; an unpaid posting → credit 75.
  await recordSurvey(db(), manager.actor, named("Bravo"), { score: 4, answeredAt: new Date("2026-11-18T10:00:00Z") });
  await plantComplaint(named("Bravo"), "2026-05-20", "HIGH", "DISSATISFIED");
  const bravoCharge = await plantCharge(manager.actor, named("Bravo"), {
    propertyId: String(propertyId),
    grossAmount: "0",
    chargedAt: "2026-11-16T19:00",
  });
  await db().charge.update({ where: { id: bravoCharge.id }, data: { settlement: "UNPAID" } });
  // Charlie: no survey, a compliment → 70 + 5 = 75.
  const compliment = await recordFeedback(
    db(),
    manager.actor,
    named("Charlie"),
    feedbackFormSchema.parse({
      kind: "COMPLIMENT",
      propertyId: String(propertyId),
      category: "STAFF",
      department: "FRONT_OFFICE",
      description: "lovely",
    }),
  );
  await db().feedback.update({ where: { id: compliment.id }, data: { createdAt: new Date("2026-10-28T10:00:00Z") } });
  // Delta: survey 8, a MEDIUM complaint handled to the guest's satisfaction → 80 − 2.5 = 77.5 → 78.
  await recordSurvey(db(), manager.actor, named("Delta"), { score: 8, answeredAt: new Date("2026-09-29T10:00:00Z") });
  await plantComplaint(named("Delta"), "2026-05-30", "MEDIUM", "SATISFIED", "CLEANLINESS");
  // Echo: survey 9, but an open LOW complaint → 90 − 3.75 = 86, not a promoter.
  await recordSurvey(db(), manager.actor, named("Echo"), { score: 9, answeredAt: new Date("2026-08-20T10:00:00Z") });
  await plantComplaint(named("Echo"), "2026-08-19", "LOW");
  // Foxtrot 6 → 60 (satisfied side); Golf 3 → 30.
  await recordSurvey(db(), manager.actor, named("Foxtrot"), { score: 6, answeredAt: new Date("2026-07-01T10:00:00Z") });
  await recordSurvey(db(), manager.actor, named("Golf"), { score: 3, answeredAt: new Date("2026-05-12T10:00:00Z") });

  // Kilo stayed only before the window: inactive. Lima has no stay yet: new.
  const kilo = await plantGuest(manager.actor, { fullName: "Guest Kilo", phone: "13900000001" });
  ids.Kilo = kilo.guestId;
  await plantStay(manager.actor, kilo.guestId, {
    propertyId: String(propertyId),
    arrivalDate: "2024-06-08",
    departureDate: "2024-06-10",
    status: "CHECKED_OUT",
    rateAmount: "900",
    purpose: "LEISURE",
  });
  const lima = await plantGuest(manager.actor, { fullName: "Guest Lima", phone: "13900000002" });
  ids.Lima = lima.guestId;
  // Zulu is in the recycle bin: not scored at all.
  const zulu = await plantGuest(manager.actor, { fullName: "Guest Zulu", phone: "13900000003" });
  ids.Zulu = zulu.guestId;
  await plantStay(manager.actor, zulu.guestId, {
    propertyId: String(propertyId),
    arrivalDate: "2026-11-01",
    departureDate: "2026-11-03",
    status: "CHECKED_OUT",
    rateAmount: "99999",
    purpose: "LEISURE",
  });
  const archivist = await plantStaff("ARCHIVIST");
  await deleteGuest(db(), archivist.actor, zulu.guestId);
  // Juliett asked to be erased: anonymised, still counted in every aggregate.
  await eraseGuest(db(), archivist.actor, named("Juliett"));
});

async function scoreOf(name: string) {
  return db().guestScore.findUniqueOrThrow({ where: { guestId: ids[name] } });
}

describe("the segments job on the planted archive", () => {
  it("scores every live or anonymised guest, and nobody in the recycle bin", async () => {
    const counts = await computeSegments(db(), { asOf: ASOF, dryRun: false });
    expect(counts.guests).toBe(12);
    expect(counts.active).toBe(10);
    expect(await db().guestScore.count()).toBe(12);
    expect(await db().guestScore.findUnique({ where: { guestId: ids.Zulu } })).toBeNull();
  });

  it("puts every active guest in the RFM cell, tier, lifecycle and segment worked out by hand", async () => {
    for (const g of PLAN) {
      const s = await scoreOf(g.name);
      expect({
        name: g.name,
        rfm: [s.r, s.f, s.m],
        tier: s.valueTier,
        lifecycle: s.lifecycle,
        segment: s.segment,
        recency: s.recencyDays,
        frequency: s.frequency,
        monetary: s.monetary,
      }).toEqual({
        name: g.name,
        rfm: [...g.rfm],
        tier: g.tier,
        lifecycle: g.lifecycle,
        segment: g.segment,
        recency: g.recency,
        frequency: g.stays,
        monetary: g.yuan * 100,
      });
    }
  });

  it("computes satisfaction, NPS, credit and the promoter flag by the documented formulas", async () => {
    const pick = async (name: string) => {
      const s = await scoreOf(name);
      return [s.satisfaction, s.npsCategory, s.credit, s.promoter];
    };
    expect(await pick("Alpha")).toEqual([95, "PROMOTER", 90, true]);
    expect(await pick("Bravo")).toEqual([20, "DETRACTOR", 75, false]);
    expect(await pick("Charlie")).toEqual([75, null, null, false]);
    expect(await pick("Delta")).toEqual([78, "PASSIVE", null, false]);
    expect(await pick("Echo")).toEqual([86, "PROMOTER", null, false]);
    expect(await pick("Foxtrot")).toEqual([60, "DETRACTOR", null, false]);
    expect(await pick("Golf")).toEqual([30, "DETRACTOR", null, false]);
    expect(await pick("Hotel")).toEqual([null, null, null, false]);
  });

  it("explains each stored score in one line where it is shown", async () => {
    const explain = async (name: string) => explainScore(await scoreOf(name), { locale: "en", currency: "CNY", windowMonths: 24 });
    expect(await explain("Bravo")).toBe("R5 F5 M5 — last stay 10 days ago, 5 stays in 24 months, ¥20,000");
    expect(await explain("India")).toBe("R1 F1 M3 — last stay 400 days ago, 1 stay in 24 months, ¥6,000");
    expect(await explain("Kilo")).toBe("Not scored — last stay 900 days ago, no stay in 24 months");
    expect(await explain("Lima")).toBe("Not scored — no stay yet");
  });

  it("classifies guests outside the window: inactive, and a fresh profile as new", async () => {
    expect(await scoreOf("Kilo")).toMatchObject({
      r: 0,
      f: 0,
      m: 0,
      valueTier: "BRONZE",
      lifecycle: "LAPSED",
      segment: "INACTIVE",
      recencyDays: 900,
    });
    expect(await scoreOf("Lima")).toMatchObject({ r: 0, lifecycle: "NEW", segment: "NEW", recencyDays: null });
  });

  it("lists the lapsed guests: a business guest after 9 months, a leisure guest after 18", async () => {
    const lapsed = await db().guestScore.findMany({
      where: { lifecycle: "LAPSED" },
      orderBy: { guestId: "asc" },
      select: { guestId: true },
    });
    expect(lapsed.map((s) => s.guestId)).toEqual([ids.Hotel, ids.Juliett, ids.Kilo]);
    // India (leisure, 400 days) has not lapsed; as a business traveller she would have.
    const strict = await computeSegments(db(), {
      asOf: ASOF,
      dryRun: true,
      policy: { ...DEFAULT_SEGMENT_POLICY, lapseMonths: { ...DEFAULT_SEGMENT_POLICY.lapseMonths, LEISURE: 9 } },
    });
    expect(strict["segment.NEW"]).toBe(1);
    expect(strict["segment.LOW_ENGAGEMENT"]).toBe(4);
  });

  it("keeps the daily snapshot and the aggregates the dashboards read", async () => {
    const snapshot = await db().segmentSnapshot.findMany({ where: { asOf: ASOF }, orderBy: { segment: "asc" } });
    expect(Object.fromEntries(snapshot.map((s) => [s.segment, s.count]))).toEqual({
      AT_RISK_HIGH_VALUE: 1,
      CHAMPIONS: 4,
      INACTIVE: 1,
      LOW_ENGAGEMENT: 3,
      NEW: 2,
      PROMISING: 1,
    });
    const rf = await db().scoreAggregate.findMany({ where: { asOf: ASOF, propertyId: 0, kind: "rf" } });
    expect(Object.fromEntries(rf.map((a) => [a.key, a.guests]))).toEqual({
      "5:5": 2,
      "4:4": 2,
      "3:3": 1,
      "3:2": 1,
      "2:2": 1,
      "2:1": 1,
      "1:1": 2,
    });
    const tiers = await db().scoreAggregate.findMany({ where: { asOf: ASOF, propertyId, kind: "tier" } });
    expect(Object.fromEntries(tiers.map((a) => [a.key, a.guests]))).toEqual({ PLATINUM: 2, GOLD: 3, SILVER: 1, BRONZE: 5 });
  });

  it("counts the anonymised guest in every aggregate but never lists her", async () => {
    expect((await scoreOf("Juliett")).segment).toBe("LOW_ENGAGEMENT");
    const list = await listAnalyticsGuests(db(), { segment: "LOW_ENGAGEMENT" }, { page: 1 });
    expect(list.total).toBe(3);
    expect(list.hiddenAnonymised).toBe(1);
    expect(list.guests.map((g) => g.fullName).sort()).toEqual(["Guest Golf", "Guest Hotel"]);
    expect(JSON.stringify(list)).not.toContain("Anonymised guest");
    const everyone = await listAnalyticsGuests(db(), {}, { page: 1 });
    expect(everyone.guests.map((g) => g.guestId)).not.toContain(ids.Juliett);
    expect(everyone.guests.map((g) => g.guestId)).not.toContain(ids.Zulu);
  });

  it("computes the monthly repeat-guest rate and complaint rate exactly", async () => {
    // May 2026: Alpha, Bravo, Delta and Golf had stayed before (4); Charlie and Foxtrot came for the first time.
    const dashboard = await loadDashboard(db(), { propertyId, from: "2026-05", to: "2026-05", locale: "en" });
    const may = dashboard.monthly.find((m) => m.month === "2026-05")!;
    expect(may.guests).toBe(6);
    expect(may.repeatGuests).toBe(4);
    expect(may.stays).toBe(6);
    expect(dashboard.kpis.repeatRate).toBeCloseTo(4 / 6, 10);
    // Two complaints in May (Bravo's noise, Delta's cleanliness) over six stays.
    expect(may.complaints).toBe(2);
    expect(dashboard.kpis.complaintRate).toBeCloseTo(2 / 6, 10);
    expect(dashboard.complaintsByCategory.find((c) => c.month === "2026-05")).toMatchObject({ NOISE: 1, CLEANLINESS: 1 });
    // November: Alpha and Bravo came back; Zulu's first stay still counts in the
    // monthly figures (the hotel's business) though Zulu is in the recycle bin.
    const november = (await loadDashboard(db(), { propertyId, from: "2026-11", to: "2026-11", locale: "en" })).kpis;
    expect(november.repeatRate).toBeCloseTo(2 / 3, 10);
  });

  it("is idempotent: a re-run for the same date changes nothing and records no moves", async () => {
    const before = await db().guestScore.findMany({ orderBy: { guestId: "asc" }, omit: { updatedAt: true } });
    const aggregates = await db().scoreAggregate.count();
    const counts = await computeSegments(db(), { asOf: ASOF, dryRun: false });
    expect(counts.changes).toBe(0);
    expect(await db().guestScore.findMany({ orderBy: { guestId: "asc" }, omit: { updatedAt: true } })).toEqual(before);
    expect(await db().scoreAggregate.count()).toBe(aggregates);
    expect(await db().segmentSnapshot.count({ where: { asOf: ASOF } })).toBe(6);
    expect(await db().segmentChange.count()).toBe(0);
  });

  it("records who moved, and a re-run of that day neither duplicates nor loses the move", async () => {
    // A week later Alpha complains bitterly: from Champions to At-risk.
    await plantComplaint(ids.Alpha, "2026-11-30", "CRITICAL", "DISSATISFIED");
    await plantComplaint(ids.Alpha, "2026-11-30", "CRITICAL", "DISSATISFIED", "SERVICE");
    await plantComplaint(ids.Alpha, "2026-11-30", "CRITICAL", "DISSATISFIED", "STAFF");
    const next = "2026-12-04";
    const first = await runNamedJob(db(), "segments", { asOf: next, dryRun: false, trigger: "cli" });
    expect(first.status).toBe("SUCCEEDED");
    const moves = await db().segmentChange.findMany({ where: { asOf: next, guestId: ids.Alpha } });
    expect(moves).toMatchObject([{ fromSegment: "CHAMPIONS", toSegment: "AT_RISK_HIGH_VALUE" }]);
    const again = await runNamedJob(db(), "segments", { asOf: next, dryRun: false, trigger: "cli" });
    expect(again.status).toBe("SUCCEEDED");
    expect(await db().segmentChange.findMany({ where: { asOf: next, guestId: ids.Alpha } })).toMatchObject([
      { fromSegment: "CHAMPIONS", toSegment: "AT_RISK_HIGH_VALUE" },
    ]);
    expect(await db().segmentSnapshot.count()).toBe(12);
    const moved = await listAnalyticsGuests(
      db(),
      { movedFrom: "CHAMPIONS", movedTo: "AT_RISK_HIGH_VALUE", from: "2026-12", to: "2026-12" },
      { page: 1 },
    );
    expect(moved.guests.map((g) => g.guestId)).toContain(ids.Alpha);
  });
});
