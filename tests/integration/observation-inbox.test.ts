// The archivist's inbox: what departments sent in, across guests, filtered by
// department, property, kind and age; accepted, edited then accepted, or
// rejected with a reason, one by one or a checked selection at once — each
// audited, on the guest's timeline, and told to the sender exactly once.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { action as inboxAction, loader as inboxLoader } from "~/routes/inbox";
import { action as notificationsAction, loader as notificationsLoader } from "~/routes/notifications";
import { loader as ratesLoader } from "~/routes/observation-rates";
import { loader as rootLoader } from "~/root";
import { addObservation } from "~/domain/preferences/save-preferences.server";
import { observationFormSchema } from "~/domain/preferences/preference-form";
import { notifyOnce } from "~/domain/notifications/notifications.server";
import { departmentAcceptanceRates } from "~/domain/preferences/observation-inbox.server";
import type { Actor } from "~/domain/actor";
import { eraseGuest } from "~/domain/retention/erase-guest.server";
import { TODAY, plantGuest, plantProperty, plantStaffMember, plantStay } from "../support/fixtures";
import { BASE, requestWith, responseOf, signIn } from "../support/sign-in";

const PASSWORD = "correct horse battery";
let archivistCookie: string;
let deskCookie: string;
let housekeeperCookie: string;
let managerCookie: string;
let housekeeper: { id: number; actor: Actor };
let waiter: { id: number; actor: Actor };
let archivistId: number;
let propertyA: number;
let propertyB: number;
let guestA: number;
let guestB: number;

type InboxPage = {
  found: number;
  observations: {
    id: number;
    value: string;
    department: string | null;
    observedKind: string | null;
    propertyId: number | null;
    ageDays: number;
    sender: string | null;
    guest: { id: number };
  }[];
};
type Reply = {
  formKey: string;
  result: { status?: string; error?: Record<string, string[]> };
  done: { count: number; skipped: number } | null;
};

async function inbox(cookie: string, query = "") {
  const response = await responseOf(() => inboxLoader({ request: requestWith(cookie, `/inbox${query}`), params: {}, context: {} }));
  return { status: response.status, page: response.status === 200 ? ((await response.json()) as InboxPage) : null };
}

/** A form post with repeated fields (a checked selection sends one preferenceId per box). */
async function post(cookie: string, pairs: [string, string][]) {
  const request = new Request(`${BASE}/inbox`, { method: "POST", body: new URLSearchParams(pairs), headers: { Cookie: cookie } });
  const response = await responseOf(() => inboxAction({ request, params: {}, context: {} }));
  const isJson = response.headers.get("content-type")?.includes("json") && response.status !== 403;
  return { status: response.status, reply: isJson ? ((await response.json()) as Reply) : null };
}

const observe = (actor: Actor, guestId: number, form: Record<string, string>) =>
  addObservation(db(), actor, guestId, observationFormSchema.parse(form));

const notificationsOf = (recipientId: number) => db().staffNotification.findMany({ where: { recipientId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  propertyA = (await plantProperty("INA")).id;
  propertyB = (await plantProperty("INB")).id;
  const archivist = await plantStaffMember("ARCHIVIST");
  archivistId = archivist.id;
  archivistCookie = await signIn(archivist.username, PASSWORD);
  const desk = await plantStaffMember("FRONT_DESK");
  deskCookie = await signIn(desk.username, PASSWORD);
  const manager = await plantStaffMember("MANAGER");
  managerCookie = await signIn(manager.username, PASSWORD);
  // A housekeeper is a front-desk-role account in the housekeeping department.
  const hk = await plantStaffMember("FRONT_DESK");
  await db().staff.update({ where: { id: hk.id }, data: { department: "HOUSEKEEPING", propertyId: propertyA } });
  housekeeper = hk;
  housekeeperCookie = await signIn(hk.username, PASSWORD);
  const fb = await plantStaffMember("FRONT_DESK");
  await db().staff.update({ where: { id: fb.id }, data: { department: "FOOD_BEVERAGE", propertyId: propertyB } });
  waiter = fb;
  guestA = (await plantGuest(archivist.actor, { fullName: "Inbox Guest A" })).guestId;
  guestB = (await plantGuest(archivist.actor, { fullName: "Inbox Guest B" })).guestId;
  await plantStay(archivist.actor, guestA, {
    propertyId: String(propertyA),
    arrivalDate: TODAY,
    departureDate: "2026-11-30",
    status: "CHECKED_OUT",
  });
  await plantStay(archivist.actor, guestB, {
    propertyId: String(propertyB),
    arrivalDate: TODAY,
    departureDate: "2026-11-30",
    status: "CHECKED_OUT",
  });
});

describe("the inbox lists what departments sent in, across guests", () => {
  it("shows every pending observation with its department, property and sender, filtered by department, property, kind and age", async () => {
    const towels = await observe(housekeeper.actor, guestA, { kind: "HABIT", category: "AMENITY", value: "Asks for extra towels" });
    await observe(housekeeper.actor, guestB, { kind: "TABOO", value: "No white flowers" });
    await observe(waiter.actor, guestB, { kind: "PREFERENCE", category: "BEVERAGE", value: "Green tea, no sugar" });
    // Sent in ten days ago.
    await db().preference.update({ where: { id: towels.id }, data: { createdAt: new Date(Date.now() - 10 * 86_400_000) } });

    const all = (await inbox(archivistCookie)).page!;
    const mine = all.observations.filter((o) => [guestA, guestB].includes(o.guest.id));
    expect(mine.map((o) => o.value)).toEqual(["Asks for extra towels", "No white flowers", "Green tea, no sugar"]);
    expect(mine[0]).toMatchObject({ department: "HOUSEKEEPING", observedKind: "HABIT", propertyId: propertyA, ageDays: 10 });
    expect(mine[2]).toMatchObject({ department: "FOOD_BEVERAGE", propertyId: propertyB, sender: "FRONT_DESK user" });

    const values = async (query: string) => (await inbox(archivistCookie, query)).page!.observations.map((o) => o.value);
    expect(await values("?department=HOUSEKEEPING")).toEqual(["Asks for extra towels", "No white flowers"]);
    expect(await values(`?property=${propertyB}`)).toEqual(["No white flowers", "Green tea, no sugar"]);
    expect(await values("?kind=TABOO")).toEqual(["No white flowers"]);
    expect(await values("?minAge=7")).toEqual(["Asks for extra towels"]);
    expect(await values("?department=HOUSEKEEPING&kind=PREFERENCE")).toEqual([]);
    // The read is one access-register row naming the guests shown.
    const read = await db().auditEntry.findFirst({ where: { entity: "ObservationInbox", staffId: archivistId }, orderBy: { id: "desc" } });
    expect(read).toMatchObject({ action: "VIEW", changes: { department: "HOUSEKEEPING", kind: "PREFERENCE", found: 0 } });
  });

  it("is the archive centre's: the desk and managers are refused", async () => {
    expect((await inbox(deskCookie)).status).toBe(403);
    expect((await inbox(managerCookie)).status).toBe(403);
    expect(
      (
        await post(deskCookie, [
          ["intent", "accept"],
          ["preferenceId", "1"],
        ])
      ).status,
    ).toBe(403);
  });
});

describe("reviewing one observation", () => {
  it("accepts it: part of the profile, audited, on the timeline, and the sender is told", async () => {
    const sent = await observe(housekeeper.actor, guestA, { kind: "PREFERENCE", category: "PILLOW", value: "Two firm pillows" });
    const { status, reply } = await post(archivistCookie, [
      ["intent", "accept"],
      ["preferenceId", String(sent.id)],
    ]);
    expect(status).toBe(200);
    expect(reply?.done).toEqual({ count: 1, skipped: 0 });
    expect(await db().preference.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({
      status: "ACTIVE",
      reviewedById: archivistId,
      value: "Two firm pillows",
    });
    expect(
      await db().auditEntry.count({ where: { entity: "Preference", entityId: sent.id, action: "UPDATE", staffId: archivistId } }),
    ).toBe(1);
    expect(await db().timelineEvent.count({ where: { guestId: guestA, name: "preference.accepted", actorId: archivistId } })).toBe(1);
    const [told] = (await notificationsOf(housekeeper.id)).filter((n) => n.subjectKey === `preference:${sent.id}`);
    expect(told).toMatchObject({
      kind: "observation.reviewed",
      link: `/guests/${guestA}`,
      readAt: null,
      params: { outcome: "accepted", value: "Two firm pillows" },
    });
  });

  it("accepts it as edited, and tells the sender what was kept", async () => {
    const sent = await observe(housekeeper.actor, guestA, { kind: "PREFERENCE", category: "ROOM", value: "hi floor pls" });
    const { status } = await post(archivistCookie, [
      ["intent", "acceptEdited"],
      ["preferenceId", String(sent.id)],
      ["category", "FLOOR"],
      ["value", "High floor"],
    ]);
    expect(status).toBe(200);
    expect(await db().preference.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({
      status: "ACTIVE",
      category: "FLOOR",
      value: "High floor",
    });
    const audit = await db().auditEntry.findFirstOrThrow({ where: { entity: "Preference", entityId: sent.id, action: "UPDATE" } });
    expect(audit.changes).toMatchObject({
      status: ["PENDING_REVIEW", "ACTIVE"],
      value: ["hi floor pls", "High floor"],
      category: ["ROOM", "FLOOR"],
    });
    const told = (await notificationsOf(housekeeper.id)).find((n) => n.subjectKey === `preference:${sent.id}`);
    expect(told?.params).toMatchObject({ outcome: "edited", value: "hi floor pls", acceptedValue: "High floor" });
  });

  it("refuses a rejection without a reason with a field error and changes nothing; with a reason it is rejected and the sender told why", async () => {
    const sent = await observe(housekeeper.actor, guestA, { kind: "NOTE", value: "Guest seemed tired" });
    const refused = await post(archivistCookie, [
      ["intent", "reject"],
      ["preferenceId", String(sent.id)],
      ["reason", "  "],
    ]);
    expect(refused.status).toBe(400);
    expect(refused.reply?.result.error).toMatchObject({ reason: ["error.required"] });
    expect(refused.reply?.formKey).toBe(`review-reject-${sent.id}`);
    expect(await db().preference.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({
      status: "PENDING_REVIEW",
      rejectReason: null,
    });

    const { status } = await post(archivistCookie, [
      ["intent", "reject"],
      ["preferenceId", String(sent.id)],
      ["reason", "Not a preference"],
    ]);
    expect(status).toBe(200);
    expect(await db().preference.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({
      status: "REJECTED",
      rejectReason: "Not a preference",
      reviewedById: archivistId,
    });
    const timeline = await db().timelineEvent.findFirstOrThrow({
      where: { guestId: guestA, name: "preference.rejected" },
      orderBy: { id: "desc" },
    });
    expect(timeline.properties).toMatchObject({ value: "Guest seemed tired", reason: "Not a preference" });
    const told = (await notificationsOf(housekeeper.id)).find((n) => n.subjectKey === `preference:${sent.id}`);
    expect(told?.params).toMatchObject({ outcome: "rejected", reason: "Not a preference" });
  });

  it("turns an accepted special day into one of the guest's special dates", async () => {
    const sent = await observe(housekeeper.actor, guestB, {
      kind: "SPECIAL_DAY",
      value: "Wedding anniversary",
      occasionMonth: "6",
      occasionDay: "18",
    });
    expect(
      (
        await post(archivistCookie, [
          ["intent", "accept"],
          ["preferenceId", String(sent.id)],
        ])
      ).status,
    ).toBe(200);
    expect(
      await db().specialDate.findMany({ where: { guestId: guestB }, select: { label: true, month: true, day: true, kind: true } }),
    ).toEqual([{ label: "Wedding anniversary", month: 6, day: 18, kind: "CUSTOM" }]);
  });
});

describe("reviewing a checked selection", () => {
  it("accepts all checked at once, skips one someone else decided meanwhile, and refuses a bulk rejection without a reason", async () => {
    const one = await observe(waiter.actor, guestB, { kind: "PREFERENCE", category: "DIET", value: "Vegetarian breakfast" });
    const two = await observe(waiter.actor, guestB, { kind: "PREFERENCE", category: "BEVERAGE", value: "Sparkling water" });
    const three = await observe(waiter.actor, guestA, { kind: "HABIT", category: "SERVICE", value: "Late breakfast" });

    const refused = await post(archivistCookie, [
      ["intent", "bulkReject"],
      ["preferenceId", String(one.id)],
      ["preferenceId", String(two.id)],
      ["reason", ""],
    ]);
    expect(refused.status).toBe(400);
    expect(refused.reply?.result.error).toMatchObject({ reason: ["error.required"] });
    expect(refused.reply?.formKey).toBe("bulk");
    const none = await post(archivistCookie, [["intent", "bulkAccept"]]);
    expect(none.status).toBe(400);
    expect(none.reply?.result.error).toMatchObject({ preferenceId: ["inbox.noneSelected"] });

    // Someone decides the third one first.
    expect(
      (
        await post(archivistCookie, [
          ["intent", "reject"],
          ["preferenceId", String(three.id)],
          ["reason", "Duplicate"],
        ])
      ).status,
    ).toBe(200);
    const { status, reply } = await post(archivistCookie, [
      ["intent", "bulkAccept"],
      ["preferenceId", String(one.id)],
      ["preferenceId", String(two.id)],
      ["preferenceId", String(three.id)],
    ]);
    expect(status).toBe(200);
    expect(reply?.done).toEqual({ count: 2, skipped: 1 });
    const statuses = await db().preference.findMany({
      where: { id: { in: [one.id, two.id, three.id] } },
      orderBy: { id: "asc" },
      select: { status: true },
    });
    expect(statuses.map((s) => s.status)).toEqual(["ACTIVE", "ACTIVE", "REJECTED"]);
    expect(
      await db().auditEntry.count({ where: { entity: "Preference", entityId: { in: [one.id, two.id, three.id] }, action: "UPDATE" } }),
    ).toBe(3);
    const told = (await notificationsOf(waiter.id)).filter((n) =>
      [one.id, two.id, three.id].map((id) => `preference:${id}`).includes(n.subjectKey),
    );
    expect(told.map((n) => (n.params as { outcome: string }).outcome)).toEqual(["rejected", "accepted", "accepted"]);
  });

  it("rejects a checked selection with one reason", async () => {
    const one = await observe(waiter.actor, guestA, { kind: "NOTE", value: "Nice shoes" });
    const two = await observe(waiter.actor, guestA, { kind: "NOTE", value: "Nice hat" });
    const { status } = await post(archivistCookie, [
      ["intent", "bulkReject"],
      ["preferenceId", String(one.id)],
      ["preferenceId", String(two.id)],
      ["reason", "Not about service"],
    ]);
    expect(status).toBe(200);
    const rows = await db().preference.findMany({ where: { id: { in: [one.id, two.id] } }, select: { status: true, rejectReason: true } });
    expect(rows).toEqual([
      { status: "REJECTED", rejectReason: "Not about service" },
      { status: "REJECTED", rejectReason: "Not about service" },
    ]);
  });
});

describe("the sender's notifications", () => {
  it("never notifies twice of the same outcome: a repeated decision is skipped and a repeated send is a no-op", async () => {
    const sent = await observe(housekeeper.actor, guestA, { kind: "PREFERENCE", category: "VIEW", value: "Lake view" });
    const accept: [string, string][] = [
      ["intent", "accept"],
      ["preferenceId", String(sent.id)],
    ];
    expect((await post(archivistCookie, accept)).reply?.done).toEqual({ count: 1, skipped: 0 });
    expect((await post(archivistCookie, accept)).reply?.done).toEqual({ count: 0, skipped: 1 });
    const key = { recipientId: housekeeper.id, kind: "observation.reviewed" as const, subjectKey: `preference:${sent.id}` };
    expect(await notifyOnce(db(), { ...key, params: { outcome: "accepted" } })).toBe(false);
    expect(await db().staffNotification.count({ where: key })).toBe(1);
  });

  it("lists read and unread, counts the unread in the navigation, and marks them read", async () => {
    const unreadBefore = await db().staffNotification.count({ where: { recipientId: housekeeper.id, readAt: null } });
    expect(unreadBefore).toBeGreaterThan(2);
    const root = await responseOf(() => rootLoader({ request: requestWith(housekeeperCookie, "/notifications"), params: {}, context: {} }));
    expect(((await root.json()) as { staff: { unreadNotifications: number } }).staff.unreadNotifications).toBe(unreadBefore);

    const list = async () => {
      const r = await responseOf(() =>
        notificationsLoader({ request: requestWith(housekeeperCookie, "/notifications"), params: {}, context: {} }),
      );
      return ((await r.json()) as { notifications: { id: number; readAt: string | null }[] }).notifications;
    };
    const first = (await list())[0];
    const mark = (form: Record<string, string>) =>
      responseOf(() => notificationsAction({ request: requestWith(housekeeperCookie, "/notifications", form), params: {}, context: {} }));
    expect(await (await mark({ intent: "markRead", notificationId: String(first.id) })).json()).toEqual({ marked: 1 });
    const after = await list();
    expect(after.find((n) => n.id === first.id)?.readAt).not.toBeNull();
    expect(after.filter((n) => !n.readAt)).toHaveLength(unreadBefore - 1);
    // Someone else's notification cannot be marked.
    const waiterNote = (await notificationsOf(waiter.id))[0];
    expect(await (await mark({ intent: "markRead", notificationId: String(waiterNote.id) })).json()).toEqual({ marked: 0 });
    expect(await (await mark({ intent: "markAllRead" })).json()).toEqual({ marked: unreadBefore - 1 });
    expect(await db().staffNotification.count({ where: { recipientId: housekeeper.id, readAt: null } })).toBe(0);
    expect((await mark({ intent: "nope" })).status).toBe(400);
  });
});

describe("acceptance by department", () => {
  it("counts, per department, what was sent for review and what became of it; the archive centre's own entries are not counted", async () => {
    const rates = await departmentAcceptanceRates(db(), {
      from: new Date(Date.now() - 30 * 86_400_000),
      to: new Date(Date.now() + 60_000),
    });
    const housekeeping = rates.find((r) => r.department === "HOUSEKEEPING")!;
    // Sent: towels, taboo, pillows, hi floor, tired, anniversary, lake view. Accepted: pillows, floor, anniversary, lake view; rejected: tired.
    expect(housekeeping).toEqual({ department: "HOUSEKEEPING", sent: 7, accepted: 4, rejected: 1, pending: 2, rate: 4 / 5 });
    const fb = rates.find((r) => r.department === "FOOD_BEVERAGE")!;
    expect(fb).toEqual({ department: "FOOD_BEVERAGE", sent: 6, accepted: 2, rejected: 3, pending: 1, rate: 2 / 5 });

    const page = await responseOf(() =>
      ratesLoader({ request: requestWith(managerCookie, "/observation-rates"), params: {}, context: {} }),
    );
    expect(page.status).toBe(200);
    expect(((await page.json()) as { rates: { department: string }[] }).rates.map((r) => r.department)).toContain("HOUSEKEEPING");
    expect(
      (await responseOf(() => ratesLoader({ request: requestWith(deskCookie, "/observation-rates"), params: {}, context: {} }))).status,
    ).toBe(403);
  });
});

describe("erasure", () => {
  it("takes the notifications that quote what was observed about the guest with the guest's details", async () => {
    const archivist = { staffId: archivistId, role: "ARCHIVIST" as const };
    const { guestId } = await plantGuest(archivist, { fullName: "Erased Guest" });
    const sent = await observe(housekeeper.actor, guestId, { kind: "NOTE", value: "Talked about her divorce" });
    await post(archivistCookie, [
      ["intent", "reject"],
      ["preferenceId", String(sent.id)],
      ["reason", "Private"],
    ]);
    const about = { recipientId: housekeeper.id, subjectKey: `preference:${sent.id}` };
    expect(await db().staffNotification.count({ where: about })).toBe(1);
    const others = await db().staffNotification.count({ where: { link: { not: `/guests/${guestId}` } } });
    await eraseGuest(db(), archivist, guestId);
    expect(await db().staffNotification.count({ where: about })).toBe(0);
    expect(await db().staffNotification.count()).toBe(others);
  });
});
