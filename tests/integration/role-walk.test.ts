// What a role may not see never leaves the server. Every route of the app
// (read from app/routes with Remix's own flat-routes convention, so a new
// route is walked as soon as it exists) is requested by every role through
// the real web server — as a page, as single-fetch data (all loaders, and each
// route of the match alone), and as CSV where the route is an export — and the answers are
// searched for marker values planted in one guest: spend (a rate, room
// revenue, a charge, the loyalty score's revenue), a full ID number, and the
// texts of a complaint and a suggestion. A role without `spend:view`,
// `idDocument:viewFull` or `complaint:read` must never receive them; a role
// with the permission must receive each at least once (so the walk can fail).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, ROLES, type Permission, type RoleName } from "~/auth/permissions";
import { db } from "~/db/client.server";
import { handleComplaint, recordFeedback } from "~/domain/complaints/record-feedback.server";
import { feedbackFormSchema, handlingFormSchema } from "~/domain/complaints/feedback-form";
import { unsubscribeToken } from "~/domain/outreach/unsubscribe.server";
import { surveyToken } from "~/domain/surveys/survey-invitations.server";
import { clockOf } from "~/domain/properties/chain-clock.server";
import { eraseGuest } from "~/domain/retention/erase-guest.server";
import { computeSegments } from "~/domain/segments/compute-segments.server";
import { mergeGuests } from "~/domain/duplicates/merge-guests.server";
import { formatMoneyShort } from "~/domain/analytics/explain-score";
import { plantCampaign, plantCharge, plantGuest, plantProperty, plantStaffMember, plantStay } from "../support/fixtures";
import { signInOverHttp, startAppServer, type AppServer } from "../support/app-server";
import { appRoutes, chainOf, pathOf, type RouteEntry } from "../support/app-routes";
import { dataUrlOf } from "../support/single-fetch";

// The server under test is a production build, which refuses to work without
// its keys (`npm start` provides them): the same ones for the test's planting
// (ID numbers encrypted, unsubscribe links signed) and for the server.
process.env.ID_ENCRYPTION_KEY ||= "role-walk-test-id-key";
process.env.UNSUBSCRIBE_SECRET ||= "role-walk-test-unsubscribe-secret";

const GUEST_NAME = "Walk Markerguest";
const ID_NUMBER = "ZZID4821937";
const COMPLAINT = "MARKER-COMPLAINT-drilling-7Q2X";
const HANDLING = "MARKER-HANDLING-moved-floor-7Q2X";
const COMPENSATION = "MARKER-COMPENSATION-free-dinner-7Q2X";
const REACTION = "MARKER-REACTION-guest-pleased-7Q2X";
const SUGGESTION = "MARKER-SUGGESTION-more-tea-7Q2X";

/**
 * The query strings each route is walked with (real parameters that make the
 * planted guest show up). Every route must be listed — root and layouts whose
 * URL an index route answers with none of their own: a new route fails the
 * walk until someone says how to open it.
 */
function queriesOf(p: Planted): Record<string, string[]> {
  return {
    root: [],
    "routes/_index": [""],
    "routes/login": [""],
    "routes/logout": [""],
    "routes/set-language": [""],
    "routes/healthz": [""],
    "routes/account._index": [""],
    "routes/account.password": [""],
    "routes/guests._index": ["", `?q=${encodeURIComponent("markerguest")}`],
    "routes/api.guests.search": [`?q=${encodeURIComponent("markerguest")}`],
    // The feed's write routes: a GET (with a session cookie, no API key) is refused, never served.
    "routes/api.v1.guests": [""],
    "routes/api.v1.stays": [""],
    "routes/api.v1.charges": [""],
    "routes/api.v1.surveys": [""],
    "routes/api.v1.openapi[.]json": [""],
    "routes/api.v1.ota": [""],
    "routes/api-keys": [""],
    "routes/dead-letters": [""],
    "routes/imports": ["", "?run=1"],
    "routes/imports.rejected[.]csv": ["?run=1"],
    "routes/guests.new": [""],
    "routes/guests.merge": [
      "",
      `?survivor=${p.guestId}&other=${p.otherGuestId}`,
      `?survivor=${p.guestId}&other=${p.otherGuestId}&step=confirm`,
    ],
    "routes/merges.$mergeId": [""],
    "routes/guests.$guestId": [""],
    "routes/guests.$guestId_.edit": [""],
    "routes/guests.$guestId_.audit": [""],
    "routes/guests.$guestId_.export": ["?format=json", "?format=csv"],
    "routes/arrivals": [`?property=${p.propertyId}&date=${p.today}`],
    "routes/analytics": [],
    "routes/analytics._index": ["", `?propertyId=${p.propertyId}`],
    "routes/analytics.guests": ["", "?event=complaint", "?event=stayed"],
    "routes/analytics.guests[.]csv": ["", "?event=complaint"],
    "routes/analytics.loyalty.$guestId": [""],
    "routes/analytics.promoters": [""],
    "routes/analytics.report": [`?month=${p.month}`],
    "routes/analytics.report[.]csv": [`?month=${p.month}`],
    "routes/audit": [""],
    "routes/recycle-bin": [""],
    "routes/duplicates._index": ["", "?status=OPEN&band=REVIEW"],
    "routes/duplicates.$candidateId": [""],
    "routes/quality": ["", `?severity=HIGH&property=${p.propertyId}`, "?rule=email-domain"],
    "routes/retention": ["", "?show=exempt"],
    "routes/retention.export[.]csv": [""],
    "routes/erasure-certificates.$number": [""],
    "routes/jobs": [""],
    "routes/metrics": [""],
    "routes/outreach._index": ["", "?status=DONE"],
    "routes/outreach.campaigns._index": [""],
    "routes/outreach.campaigns.new": [""],
    "routes/outreach.campaigns.$campaignId": [""],
    "routes/outreach.holidays": [""],
    "routes/staff._index": [""],
    "routes/staff.new": [""],
    "routes/staff.$staffId": [""],
    "routes/unsubscribe.$token": [""],
    "routes/inbox": ["", `?department=HOUSEKEEPING&property=${p.propertyId}&kind=TABOO&minAge=1`],
    "routes/observe": ["", `?q=${encodeURIComponent("markerguest")}`, `?guest=${p.guestId}`],
    "routes/observation-rates": ["", `?from=${p.today}&to=${p.today}`],
    "routes/notifications": [""],
    "routes/guests.$guestId_.stays.$stayId.survey": [""],
    "routes/survey.$surveyToken": [""],
    "routes/overdue": ["", `?property=${p.propertyId}`],
  };
}

type Planted = {
  guestId: number;
  otherGuestId: number;
  mergeId: number;
  propertyId: number;
  campaignId: number;
  candidateId: number;
  certificate: string;
  staffId: number;
  token: string;
  stayId: number;
  surveyToken: string;
  today: string;
  month: string;
};

type Marker = { what: string; text: string };
let forbidden: Record<"spend:view" | "idDocument:viewFull" | "complaint:read", Marker[]>;

let app: AppServer;
let planted: Planted;
const cookies = {} as Record<RoleName, string>;

function addDays(day: string, days: number) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  const property = await plantProperty("WLK", "Asia/Shanghai", "CNY");
  const staff = {} as Record<RoleName, Awaited<ReturnType<typeof plantStaffMember>>>;
  for (const role of ROLES) staff[role] = await plantStaffMember(role);
  const desk = staff.FRONT_DESK.actor;
  const { today } = await clockOf(db(), null);

  const { guestId } = await plantGuest(desk, {
    fullName: GUEST_NAME,
    email: "walk.markerguest@example.test",
    idDocumentType: "PASSPORT",
    idDocumentNumber: ID_NUMBER,
    consentEmail: "on",
  });
  // A stay a month ago (2 nights at 9,876.54) with a dinner of 4,321.98, and one arriving today, in house.
  const past = await plantStay(desk, guestId, {
    propertyId: String(property.id),
    roomNumber: "1201",
    arrivalDate: addDays(today, -30),
    departureDate: addDays(today, -28),
    status: "CHECKED_OUT",
    rateAmount: "9,876.54",
  });
  await plantCharge(desk, guestId, {
    propertyId: String(property.id),
    stayId: String(past.id),
    grossAmount: "4,321.98",
    chargedAt: `${addDays(today, -29)}T19:30`,
  });
  await plantStay(desk, guestId, {
    propertyId: String(property.id),
    roomNumber: "1808",
    arrivalDate: today,
    departureDate: addDays(today, 2),
    status: "IN_HOUSE",
    rateAmount: "9,876.54",
  });
  const complaint = await recordFeedback(
    db(),
    desk,
    guestId,
    feedbackFormSchema.parse({
      kind: "COMPLAINT",
      propertyId: String(property.id),
      stayId: String(past.id),
      category: "NOISE",
      department: "HOUSEKEEPING",
      description: COMPLAINT,
    }),
  );
  await handleComplaint(
    db(),
    desk,
    guestId,
    handlingFormSchema.parse({
      feedbackId: String(complaint.id),
      status: "RESOLVED",
      handling: HANDLING,
      compensation: COMPENSATION,
      guestReaction: "SATISFIED",
      guestReactionNote: REACTION,
    }),
  );
  await recordFeedback(
    db(),
    desk,
    guestId,
    feedbackFormSchema.parse({
      kind: "SUGGESTION",
      propertyId: String(property.id),
      category: "FOOD",
      department: "FOOD_BEVERAGE",
      description: SUGGESTION,
    }),
  );
  // Scores and monthly facts, as the nightly job leaves them.
  await computeSegments(db(), { asOf: today, dryRun: false });
  const score = await db().guestScore.findUniqueOrThrow({ where: { guestId } });
  expect(score.monetary).toBeGreaterThan(0);

  // A second profile of the same guest (same name and e-mail): a pair in the duplicate queue.
  const { guestId: twin } = await plantGuest(desk, { fullName: GUEST_NAME, email: "walk.markerguest@example.test" });
  const candidate = await db().duplicateCandidate.findFirstOrThrow({ where: { lowGuestId: guestId, highGuestId: twin } });
  const campaign = await plantCampaign(staff.MARKETING.actor, { name: "Walk birthdays" });
  const { guestId: erased } = await plantGuest(staff.ARCHIVIST.actor, { fullName: "Walk Erased Guest" });
  const certificate = await eraseGuest(db(), staff.ARCHIVIST.actor, erased);

  // A second profile to compare the marker guest with, and a merge of two others for its record page.
  const { guestId: otherGuestId } = await plantGuest(desk, { fullName: "Walk Markerguest Twin" });
  const mergeA = await plantGuest(desk, { fullName: "Walk Merge Survivor" });
  const mergeB = await plantGuest(desk, { fullName: "Walk Merge Other" });
  const merge = await mergeGuests(db(), staff.ARCHIVIST.actor, {
    survivorId: mergeA.guestId,
    otherId: mergeB.guestId,
    expectedVersions: { survivor: 1, other: 1 },
  });

  planted = {
    guestId,
    otherGuestId,
    mergeId: merge.mergeId,
    propertyId: property.id,
    campaignId: campaign.id,
    candidateId: candidate.id,
    certificate: certificate.number,
    staffId: staff.FRONT_DESK.id,
    token: unsubscribeToken(guestId, "EMAIL"),
    stayId: past.id,
    // A survey link e-mailed for the stay a month ago (the page a guest opens without signing in).
    surveyToken: surveyToken(
      (
        await db().surveyInvitation.create({
          data: { stayId: past.id, language: "en", status: "SENT", expiresAt: new Date(Date.now() + 86_400_000) },
        })
      ).id,
    ),
    today,
    month: addDays(today, -30).slice(0, 7),
  };
  forbidden = {
    "spend:view": [
      { what: "rate (minor units)", text: "987654" },
      { what: "room revenue (minor units)", text: "1975308" },
      { what: "room revenue, formatted", text: "19,753.08" },
      { what: "charge (minor units)", text: "432198" },
      { what: "loyalty monetary (minor units)", text: String(score.monetary) },
      { what: "loyalty monetary, formatted", text: formatMoneyShort(score.monetary, "CNY", "en").replace(/^\D+/, "") },
    ],
    "idDocument:viewFull": [
      { what: "full ID number", text: ID_NUMBER },
      { what: "ID number beyond the last four", text: ID_NUMBER.slice(0, -4) },
    ],
    "complaint:read": [
      { what: "complaint text", text: COMPLAINT },
      { what: "handling", text: HANDLING },
      { what: "compensation", text: COMPENSATION },
      { what: "guest's reaction", text: REACTION },
      { what: "suggestion text", text: SUGGESTION },
    ],
  };

  app = await startAppServer();
  for (const role of ROLES) cookies[role] = await signInOverHttp(app, staff[role].username, "correct horse battery");
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

function urlOf(routes: Map<string, RouteEntry>, id: string, p: Planted): string {
  const values: Record<string, string> = {
    guestId: String(p.guestId),
    mergeId: String(p.mergeId),
    campaignId: String(p.campaignId),
    candidateId: String(p.candidateId),
    number: p.certificate,
    staffId: String(p.staffId),
    token: p.token,
    stayId: String(p.stayId),
    surveyToken: p.surveyToken,
  };
  return pathOf(routes, id, (param) => {
    const value = values[param];
    if (value === undefined) throw new Error(`route ${id}: no planted value for the parameter :${param}`);
    return value;
  });
}

/** Layouts whose own URL is answered by an index route below them (walked through that index). */
function layoutsWithIndex(routes: Map<string, RouteEntry>): Set<string> {
  return new Set([...routes.values()].filter((r) => r.index && r.parentId).map((r) => r.parentId!));
}

type Seen = { role: RoleName; request: string; status: number; body: string };

async function walk(role: RoleName, routes: Map<string, RouteEntry>, queries: Record<string, string[]>): Promise<Seen[]> {
  const seen: Seen[] = [];
  const headers = { cookie: cookies[role], "accept-language": "en" };
  for (const id of routes.keys()) {
    const base = urlOf(routes, id, planted);
    for (const query of queries[id] ?? []) {
      const url = `${base}${query}`;
      const page = await app.request("GET", url, { headers });
      seen.push({ role, request: `GET ${url}`, status: page.status, body: page.body });
      // What Remix's client fetches on a navigation: every loader of the page at once, and each one alone.
      for (const only of [undefined, ...chainOf(routes, id).map((routeId) => [routeId])]) {
        const dataUrl = dataUrlOf(url, only);
        const data = await app.request("GET", dataUrl, { headers });
        seen.push({ role, request: `GET ${dataUrl}`, status: data.status, body: data.body });
      }
    }
  }
  return seen;
}

describe("the route × role walk", () => {
  it("every route of app/routes has a URL to walk", () => {
    const routes = appRoutes();
    const queries = queriesOf(planted);
    expect(routes.size).toBeGreaterThan(30);
    // Every route is listed; only root and layouts with an index route have no URL of their own.
    expect([...routes.keys()].filter((id) => !(id in queries))).toEqual([]);
    const reachedThroughIndex = layoutsWithIndex(routes);
    expect([...routes.keys()].filter((id) => id !== "root" && !reachedThroughIndex.has(id) && !queries[id].length)).toEqual([]);
    expect(Object.keys(queries).filter((id) => !routes.has(id))).toEqual([]);
  });

  it("no role receives what it may not see — in pages, single-fetch data or CSV — and no request answers 500", async () => {
    const routes = appRoutes();
    const queries = queriesOf(planted);
    const seen = (await Promise.all(ROLES.map((role) => walk(role, routes, queries)))).flat();

    const errors = seen.filter((s) => s.status >= 500).map((s) => `${s.role} ${s.request} → ${s.status}`);
    expect(errors).toEqual([]);

    const leaks: string[] = [];
    const received = new Set<string>();
    for (const [permission, markers] of Object.entries(forbidden) as [Permission, Marker[]][]) {
      for (const s of seen) {
        for (const marker of markers) {
          if (!s.body.includes(marker.text)) continue;
          if (can(s.role, permission)) received.add(`${permission}: ${marker.what}`);
          else leaks.push(`${s.role} lacks ${permission} but ${s.request} (${s.status}) carries the ${marker.what} "${marker.text}"`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // Each marker reaches some role entitled to it: the walk looks where the data is.
    const expected = Object.entries(forbidden).flatMap(([permission, markers]) => markers.map((m) => `${permission}: ${m.what}`));
    expect([...received].sort()).toEqual(expected.sort());

    // The walk opened the pages that matter for the roles that may open them.
    const ok = (role: RoleName, request: string) => seen.some((s) => s.role === role && s.request === `GET ${request}` && s.status === 200);
    for (const role of ROLES) expect(ok(role, `/guests/${planted.guestId}`), role).toBe(true);
    expect(ok("FRONT_DESK", `/arrivals?property=${planted.propertyId}&date=${planted.today}`)).toBe(true);
    expect(ok("ARCHIVIST", `/guests/${planted.guestId}/export?format=csv`)).toBe(true);
    expect(ok("ARCHIVIST", "/retention?show=exempt")).toBe(true);
    expect(ok("MARKETING", `/analytics/guests.csv`)).toBe(true);
  }, 120_000);

  it("tells a role without complaint:read, in both languages, that the texts are not visible to it", async () => {
    const page = await app.request("GET", `/guests/${planted.guestId}`, {
      headers: { cookie: cookies.MARKETING, "accept-language": "en" },
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain("What the guest said and how it was handled is not visible to your role.");
    expect(page.body).toContain("Noise");
    const zh = await app.request("GET", `/guests/${planted.guestId}`, {
      headers: { cookie: cookies.MARKETING, "accept-language": "zh-CN" },
    });
    expect(zh.body).toContain("您的角色不能查看宾客反映的内容及处理情况。");
  });
});
