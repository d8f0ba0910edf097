// "Add an observation" in two steps, from the profile and from the arrival
// brief: one form post (category and text) saves a preference the staff member
// observed, with the access register and the timeline, and answers on the same
// page with a confirmation. Posted as a plain form (what a browser without
// JavaScript sends), through the routes' own actions.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { action as profileAction } from "~/routes/guests.$guestId";
import { action as arrivalsAction, loader as arrivalsLoader } from "~/routes/arrivals";
import { action as observeAction, loader as observeLoader } from "~/routes/observe";
import { TODAY, plantGuest, plantProperty, plantStaffMember, plantStay } from "../support/fixtures";
import { requestWith, responseOf, signIn } from "../support/sign-in";

const PASSWORD = "correct horse battery";
let deskCookie: string;
let deskId: number;
let archivistCookie: string;
let marketingCookie: string;
let propertyId: number;
let guestId: number;
const arrivalsUrl = () => `/arrivals?property=${propertyId}&date=${TODAY}`;

type Answer = { formKey: string; result: { status?: string; error?: Record<string, string[]> }; observed: { status: string } | null };

async function postToProfile(cookie: string, form: Record<string, string>, id = guestId) {
  const response = await responseOf(() =>
    profileAction({ request: requestWith(cookie, `/guests/${id}`, form), params: { guestId: String(id) }, context: {} }),
  );
  return answerOf(response);
}

async function postToArrivals(cookie: string, form: Record<string, string>) {
  const response = await responseOf(() => arrivalsAction({ request: requestWith(cookie, arrivalsUrl(), form), params: {}, context: {} }));
  return answerOf(response);
}

async function answerOf(response: Response) {
  const isForm = response.headers.get("content-type")?.includes("json") && response.status !== 403;
  return { status: response.status, answer: isForm ? ((await response.json()) as Answer) : null };
}

const observationsOf = (id: number) => db().preference.findMany({ where: { guestId: id }, orderBy: { id: "asc" } });

beforeAll(async () => {
  propertyId = (await plantProperty("OBS")).id;
  const desk = await plantStaffMember("FRONT_DESK");
  deskId = desk.id;
  deskCookie = await signIn(desk.username, PASSWORD);
  archivistCookie = await signIn((await plantStaffMember("ARCHIVIST")).username, PASSWORD);
  marketingCookie = await signIn((await plantStaffMember("MARKETING")).username, PASSWORD);
  guestId = (await plantGuest(desk.actor, { fullName: "张三" })).guestId;
  await plantStay(desk.actor, guestId, { propertyId, arrivalDate: TODAY, departureDate: "2026-11-29", status: "RESERVED" });
});

describe("an observation from the profile", () => {
  it("is one post that saves a preference the desk member observed, audited and on the timeline", async () => {
    const { status, answer } = await postToProfile(deskCookie, {
      intent: "addObservation",
      category: "BEVERAGE",
      value: "乌龙茶 at breakfast",
      // The form has no source: an observation is always the staff member's, whatever is posted.
      source: "GUEST_STATED",
    });
    expect(status).toBe(200);
    expect(answer).toMatchObject({ formKey: "addObservation", result: { initialValue: null }, observed: { status: "PENDING_REVIEW" } });

    const [saved] = await observationsOf(guestId);
    expect(saved).toMatchObject({
      category: "BEVERAGE",
      value: "乌龙茶 at breakfast",
      source: "STAFF_OBSERVED",
      status: "PENDING_REVIEW",
      createdById: deskId,
    });
    // Who observed it: the desk member, with their property and department on the staff row.
    const observer = await db().staff.findUniqueOrThrow({ where: { id: saved.createdById! } });
    expect(observer).toMatchObject({ role: "FRONT_DESK", department: "TEST" });

    const audit = await db().auditEntry.findMany({ where: { entity: "Preference", entityId: saved.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "CREATE", staffId: deskId, guestId });
    const timeline = await db().timelineEvent.findMany({ where: { guestId, name: "preference.added" } });
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ actorId: deskId });
  });

  it("is part of the profile at once when the archive centre observes it", async () => {
    const { answer } = await postToProfile(archivistCookie, {
      intent: "addObservation",
      category: "PILLOW",
      value: "Two buckwheat pillows",
    });
    expect(answer?.observed).toEqual({ status: "ACTIVE" });
    expect((await observationsOf(guestId)).at(-1)).toMatchObject({ category: "PILLOW", status: "ACTIVE", source: "STAFF_OBSERVED" });
  });

  it("refuses a post without a category or text with field errors, keeping what was typed, and saves nothing", async () => {
    const before = (await observationsOf(guestId)).length;
    const { status, answer } = await postToProfile(deskCookie, { intent: "addObservation", category: "", value: "Quiet room" });
    expect(status).toBe(400);
    expect(answer?.result.error).toMatchObject({ category: ["error.required"] });
    expect(answer?.result).toMatchObject({ initialValue: { value: "Quiet room" } });
    expect(answer?.observed).toBeUndefined();
    expect((await postToProfile(deskCookie, { intent: "addObservation", category: "ROOM", value: " " })).status).toBe(400);
    expect(await observationsOf(guestId)).toHaveLength(before);
  });

  it("names a guest who is not in the archive as the form's error, as every profile form does, and saves nothing", async () => {
    const before = await db().preference.count();
    const { status, answer } = await postToProfile(
      deskCookie,
      { intent: "addObservation", category: "ROOM", value: "High floor" },
      999_999,
    );
    expect(status).toBe(409);
    expect(answer?.result.error).toMatchObject({ "": ["error.notFound"] });
    expect(await db().preference.count()).toBe(before);
  });
});

describe("an observation from the arrival brief", () => {
  it("is one post for the guest of a brief, answered on the arrivals page with the brief's confirmation", async () => {
    const { status, answer } = await postToArrivals(deskCookie, {
      intent: "addObservation",
      guestId: String(guestId),
      category: "ROOM",
      value: "Asked for a room away from the lift",
    });
    expect(status).toBe(200);
    expect(answer).toMatchObject({
      formKey: `addObservation-${guestId}`,
      result: { initialValue: null },
      observed: { status: "PENDING_REVIEW" },
    });
    const saved = (await observationsOf(guestId)).at(-1)!;
    expect(saved).toMatchObject({ category: "ROOM", source: "STAFF_OBSERVED", status: "PENDING_REVIEW", createdById: deskId });
    expect(await db().auditEntry.count({ where: { entity: "Preference", entityId: saved.id, action: "CREATE", staffId: deskId } })).toBe(1);
    expect(await db().timelineEvent.count({ where: { guestId, name: "preference.added", actorId: deskId } })).toBe(2);

    // The page it returns to shows it in the guest's brief.
    const page = await responseOf(() => arrivalsLoader({ request: requestWith(deskCookie, arrivalsUrl()), params: {}, context: {} }));
    const { arrivals } = (await page.json()) as { arrivals: { guest: { id: number }; topPreferences: { value: string }[] }[] };
    expect(arrivals.find((a) => a.guest.id === guestId)?.topPreferences.map((p) => p.value)).toContain(
      "Asked for a room away from the lift",
    );
  });

  it("refuses bad posts with 4xx and writes nothing", async () => {
    const before = await db().preference.count();
    const form = { intent: "addObservation", guestId: String(guestId), category: "ROOM", value: "Late check-out" };
    expect((await postToArrivals(deskCookie, { ...form, category: "NOPE" })).status).toBe(400);
    expect((await postToArrivals(deskCookie, { ...form, intent: "deleteGuest" })).status).toBe(400);
    expect((await postToArrivals(deskCookie, { ...form, guestId: "abc" })).status).toBe(404);
    expect((await postToArrivals(deskCookie, { ...form, guestId: "999999" })).status).toBe(404);
    // Marketing has no arrivals list.
    expect((await postToArrivals(marketingCookie, form)).status).toBe(403);
    expect(await db().preference.count()).toBe(before);
  });
});

describe("an observation's kind, department and stay", () => {
  it("records the sender's department and the guest's current or last stay; a department named on the form overrides", async () => {
    const desk = await db().staff.findUniqueOrThrow({ where: { id: deskId } });
    const stay = await db().stay.findFirstOrThrow({ where: { guestId } });
    await postToProfile(deskCookie, { intent: "addObservation", kind: "HABIT", category: "SERVICE", value: "Reads the paper at 7" });
    expect((await observationsOf(guestId)).at(-1)).toMatchObject({
      observedKind: "HABIT",
      category: "SERVICE",
      department: desk.department,
      stayId: stay.id,
      propertyId: propertyId,
    });
    await postToProfile(deskCookie, { intent: "addObservation", kind: "NOTE", value: "Left a thank-you card", department: "HOUSEKEEPING" });
    expect((await observationsOf(guestId)).at(-1)).toMatchObject({ observedKind: "NOTE", category: "OTHER", department: "HOUSEKEEPING" });
  });

  it("maps each kind onto the archive's categories and refuses what a kind needs but lacks", async () => {
    const before = (await observationsOf(guestId)).length;
    expect(
      (await postToProfile(deskCookie, { intent: "addObservation", kind: "PREFERENCE", value: "Quiet" })).answer?.result.error,
    ).toMatchObject({
      category: ["error.required"],
    });
    const noDay = await postToProfile(deskCookie, {
      intent: "addObservation",
      kind: "SPECIAL_DAY",
      value: "Daughter's birthday",
      occasionMonth: "2",
    });
    expect(noDay.status).toBe(400);
    expect(noDay.answer?.result.error).toMatchObject({ occasionDay: ["error.day"] });
    expect(
      (
        await postToProfile(deskCookie, {
          intent: "addObservation",
          kind: "SPECIAL_DAY",
          value: "x",
          occasionMonth: "2",
          occasionDay: "30",
        })
      ).status,
    ).toBe(400);
    expect((await postToProfile(deskCookie, { intent: "addObservation", kind: "NOPE", value: "x" })).status).toBe(400);
    expect((await postToProfile(deskCookie, { intent: "addObservation", kind: "NOTE", value: "x", department: "NOPE" })).status).toBe(400);
    expect(await observationsOf(guestId)).toHaveLength(before);
    // A stay that is not this guest's is refused as the form's error.
    const other = (await plantGuest((await plantStaffMember("ARCHIVIST")).actor, { fullName: "Other Guest" })).guestId;
    const otherStay = await plantStay((await plantStaffMember("ARCHIVIST")).actor, other, {
      propertyId,
      arrivalDate: TODAY,
      departureDate: "2026-11-28",
    });
    const wrongStay = await postToProfile(deskCookie, { intent: "addObservation", kind: "NOTE", value: "x", stayId: String(otherStay.id) });
    expect(wrongStay.status).toBe(409);
    expect(await observationsOf(guestId)).toHaveLength(before);

    await postToProfile(deskCookie, {
      intent: "addObservation",
      kind: "SPECIAL_DAY",
      value: "Daughter's birthday",
      occasionMonth: "2",
      occasionDay: "14",
    });
    expect((await observationsOf(guestId)).at(-1)).toMatchObject({
      observedKind: "SPECIAL_DAY",
      category: "OTHER",
      occasionMonth: 2,
      occasionDay: 14,
    });
  });

  it("puts an allergy or taboo in the arrival brief's alerts at once, marked unreviewed", async () => {
    await postToArrivals(deskCookie, { intent: "addObservation", guestId: String(guestId), kind: "ALLERGY", value: "Shellfish" });
    await postToArrivals(deskCookie, { intent: "addObservation", guestId: String(guestId), kind: "TABOO", value: "No number 4" });
    expect((await observationsOf(guestId)).slice(-2).map((p) => [p.category, p.status])).toEqual([
      ["ALLERGY", "PENDING_REVIEW"],
      ["TABOO", "PENDING_REVIEW"],
    ]);
    const page = await responseOf(() => arrivalsLoader({ request: requestWith(deskCookie, arrivalsUrl()), params: {}, context: {} }));
    const { arrivals } = (await page.json()) as {
      arrivals: { guest: { id: number }; alerts: { kind: string; text?: string; pending?: boolean }[] }[];
    };
    const alerts = arrivals.find((a) => a.guest.id === guestId)!.alerts;
    expect(alerts).toEqual(
      expect.arrayContaining([
        { kind: "allergy", text: "Shellfish", pending: true },
        { kind: "taboo", text: "No number 4", pending: true },
      ]),
    );
  });
});

describe("the phone form at /observe", () => {
  it("finds the guest by name, shows their recent stays, and saves the observation with the sender's department", async () => {
    const load = async (query: string) => {
      const r = await responseOf(() => observeLoader({ request: requestWith(deskCookie, `/observe${query}`), params: {}, context: {} }));
      return {
        status: r.status,
        body: r.status === 200 ? ((await r.json()) as { results: { id: number }[]; guest: { id: number; stays: unknown[] } | null }) : null,
      };
    };
    expect((await load("?q=张三")).body?.results.map((g) => g.id)).toContain(guestId);
    expect(await db().auditEntry.count({ where: { entity: "GuestSearch", staffId: deskId } })).toBeGreaterThan(0);
    const chosen = await load(`?guest=${guestId}`);
    expect(chosen.body?.guest).toMatchObject({ id: guestId });
    expect(chosen.body?.guest?.stays).toHaveLength(1);
    expect((await load("?guest=999999")).status).toBe(404);

    const post = (form: Record<string, string>) =>
      responseOf(() => observeAction({ request: requestWith(deskCookie, "/observe", form), params: {}, context: {} }));
    const refused = await post({ guestId: String(guestId), kind: "PREFERENCE", value: "" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Answer).result.error).toMatchObject({ value: ["error.required"] });
    const saved = await post({ guestId: String(guestId), kind: "TABOO", value: "No lilies in the room", department: "HOUSEKEEPING" });
    expect(saved.status).toBe(200);
    expect(((await saved.json()) as Answer).observed).toEqual({ status: "PENDING_REVIEW" });
    expect((await observationsOf(guestId)).at(-1)).toMatchObject({
      observedKind: "TABOO",
      category: "TABOO",
      department: "HOUSEKEEPING",
      createdById: deskId,
      status: "PENDING_REVIEW",
    });
    expect((await post({ guestId: "999999", kind: "NOTE", value: "x" })).status).toBe(409);
    // Marketing may record observations too (every role that works with guests).
    const marketing = await responseOf(() =>
      observeAction({
        request: requestWith(marketingCookie, "/observe", { guestId: String(guestId), kind: "NOTE", value: "Prefers WeChat" }),
        params: {},
        context: {},
      }),
    );
    expect(marketing.status).toBe(200);
  });
});
