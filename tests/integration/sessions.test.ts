// Server-side sessions: a random id in the cookie and only its hash in the
// database, a new id at every sign-in, idle and absolute expiry, logout and
// "sign out everywhere" ending rows, and every app instance on the database
// seeing the same sessions.
import { createHash } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, db } from "~/db/client.server";
import { getStaff, requireStaff, sessionTokenOf } from "~/auth/session.server";
import { findLiveSession, sessionSettings, startSession } from "~/auth/staff-sessions.server";
import { loader as rootLoader } from "~/root";
import { loader as searchLoader } from "~/routes/guests._index";
import { action as logoutAction } from "~/routes/logout";
import { action as accountAction, loader as accountLoader } from "~/routes/account._index";
import { loader as passwordLoader } from "~/routes/account.password";
import { plantProperty, plantStaffMember } from "../support/fixtures";
import { postLogin, requestWith, responseOf, signIn } from "../support/sign-in";

const PASSWORD = "correct horse battery";
const MINUTE = 60_000;
const client = { ipAddress: "198.51.100.20", userAgent: "Vitest" };

async function tokenOf(cookie: string) {
  return (await sessionTokenOf(requestWith(cookie, "/guests")))!;
}

async function rowOf(cookie: string) {
  const hash = createHash("sha256")
    .update(await tokenOf(cookie))
    .digest("hex");
  return db().staffSession.findUniqueOrThrow({ where: { tokenHash: hash } });
}

beforeAll(async () => {
  await plantProperty("SES");
});

afterEach(() => {
  delete process.env.SESSION_IDLE_MINUTES;
  delete process.env.SESSION_MAX_HOURS;
  delete process.env.SESSION_TOUCH_SECONDS;
});

describe("the session cookie and its row", () => {
  it("holds a random 256-bit id; the database keeps only its SHA-256, with staff, times, address and browser", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const attempt = await postLogin(desk.username, PASSWORD, { address: "203.0.113.7", headers: { "User-Agent": "DeskPC/1.0" } });
    expect(attempt.status).toBe(302);
    expect(attempt.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);
    expect(attempt.headers.get("Set-Cookie")).toMatch(/SameSite=Lax/i);
    expect(attempt.headers.get("Set-Cookie")).toMatch(/Expires=/i);
    const token = await tokenOf(attempt.cookie!);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    // Not the old signed {"staffId":N}: nothing in the cookie names the staff member.
    expect(Buffer.from(decodeURIComponent(attempt.cookie!.split("=").slice(1).join("=")), "base64").toString()).not.toMatch(/staffId/);

    const row = await rowOf(attempt.cookie!);
    expect(row).toMatchObject({ staffId: desk.id, ipAddress: "203.0.113.7", userAgent: "DeskPC/1.0", endedAt: null });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(12 * 60 * MINUTE);
    // The id itself is nowhere in the table.
    const rows = await db().staffSession.findMany();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await getStaff(requestWith(attempt.cookie, "/guests")))?.id).toBe(desk.id);
  });

  it("gets a new id at every sign-in, and the browser's previous session ends", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const first = await signIn(desk.username, PASSWORD);
    const second = await postLogin(desk.username, PASSWORD, { headers: { Cookie: first } });
    expect(second.cookie).not.toBeNull();
    expect(await tokenOf(second.cookie!)).not.toBe(await tokenOf(first));
    expect(await rowOf(first)).toMatchObject({ endReason: "logout" });
    expect(await getStaff(requestWith(first, "/guests"))).toBeNull();
    expect((await getStaff(requestWith(second.cookie, "/guests")))?.id).toBe(desk.id);
    // Two browsers signed in at once each have their own session.
    const third = await signIn(desk.username, PASSWORD, "198.51.100.99");
    expect((await getStaff(requestWith(third, "/guests")))?.id).toBe(desk.id);
    expect((await getStaff(requestWith(second.cookie, "/guests")))?.id).toBe(desk.id);
  });

  it("refuses a cookie that was never issued, and clears it on the way to the login page", async () => {
    const fake = "ga_session=InRoaXMtaXMtbm90LWEtc2Vzc2lvbiI%3D"; // "this-is-not-a-session"
    const response = await responseOf(() => searchLoader({ request: requestWith(fake, "/guests"), params: {}, context: {} }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fguests");
    expect(response.headers.get("Set-Cookie")).toMatch(/^ga_session=;/);
  });
});

describe("expiry, with an explicit clock", () => {
  it("ends a session after the idle timeout (30 minutes by default) and writes last-seen at most once a minute", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const t0 = new Date("2026-11-27T08:00:00Z");
    const { token, session } = await startSession(db(), desk.id, client, t0);
    const at = (ms: number) => new Date(t0.getTime() + ms);

    expect(await findLiveSession(db(), token, at(30_000))).not.toBeNull();
    // Within the throttle: no write.
    expect((await db().staffSession.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt).toEqual(t0);
    expect(await findLiveSession(db(), token, at(2 * MINUTE))).not.toBeNull();
    expect((await db().staffSession.findUniqueOrThrow({ where: { id: session.id } })).lastSeenAt).toEqual(at(2 * MINUTE));
    // 29 minutes after the last request: still signed in.
    expect(await findLiveSession(db(), token, at(31 * MINUTE))).not.toBeNull();
    // 30 minutes without a request: signed out, and the row says why.
    expect(await findLiveSession(db(), token, at(61 * MINUTE))).toBeNull();
    expect(await db().staffSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({
      endedAt: at(61 * MINUTE),
      endReason: "idle",
    });
    // An ended session never comes back.
    expect(await findLiveSession(db(), token, at(62 * MINUTE))).toBeNull();
  });

  it("ends a busy session at its absolute lifetime (12 hours by default)", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const t0 = new Date("2026-11-27T06:00:00Z");
    const { token, session } = await startSession(db(), desk.id, client, t0);
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      expect(await findLiveSession(db(), token, new Date(t0.getTime() + minutes * MINUTE)), `after ${minutes} min`).not.toBeNull();
    }
    expect(await findLiveSession(db(), token, new Date(t0.getTime() + 12 * 60 * MINUTE))).toBeNull();
    expect(await db().staffSession.findUniqueOrThrow({ where: { id: session.id } })).toMatchObject({ endReason: "expired" });
  });

  it("takes its limits from SESSION_IDLE_MINUTES, SESSION_MAX_HOURS and SESSION_TOUCH_SECONDS", async () => {
    expect(sessionSettings({})).toEqual({ idleMs: 30 * MINUTE, absoluteMs: 12 * 60 * MINUTE, touchMs: MINUTE });
    expect(sessionSettings({ SESSION_IDLE_MINUTES: "15", SESSION_MAX_HOURS: "9", SESSION_TOUCH_SECONDS: "30" })).toEqual({
      idleMs: 15 * MINUTE,
      absoluteMs: 9 * 60 * MINUTE,
      touchMs: 30_000,
    });
    // The write throttle never exceeds a tenth of the idle timeout.
    expect(sessionSettings({ SESSION_IDLE_MINUTES: "1" }).touchMs).toBe(6_000);
    expect(() => sessionSettings({ SESSION_IDLE_MINUTES: "soon" })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => sessionSettings({ SESSION_MAX_HOURS: "-1" })).toThrow(/SESSION_MAX_HOURS/);

    process.env.SESSION_IDLE_MINUTES = "5";
    const desk = await plantStaffMember("FRONT_DESK");
    const t0 = new Date("2026-11-27T09:00:00Z");
    const { token } = await startSession(db(), desk.id, client, t0);
    expect(await findLiveSession(db(), token, new Date(t0.getTime() + 4 * MINUTE))).not.toBeNull();
    expect(await findLiveSession(db(), token, new Date(t0.getTime() + 9 * MINUTE + 1))).toBeNull();
  });

  it("signs a request out through the routes once idle (requireStaff with a clock)", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const cookie = await signIn(desk.username, PASSWORD);
    const row = await rowOf(cookie);
    const later = new Date(row.lastSeenAt.getTime() + 31 * MINUTE);
    await expect(requireStaff(requestWith(cookie, "/arrivals"), "arrivals:view", { now: later })).rejects.toMatchObject({ status: 302 });
    expect(await getStaff(requestWith(cookie, "/arrivals"))).toBeNull();
  });
});

describe("ending sessions", () => {
  it("logout ends the session row: the same cookie is worth nothing afterwards", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const cookie = await signIn(desk.username, PASSWORD);
    const response = await responseOf(() => logoutAction({ request: requestWith(cookie, "/logout", {}), params: {}, context: {} }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
    expect(response.headers.get("Set-Cookie")).toMatch(/^ga_session=;/);
    expect(await rowOf(cookie)).toMatchObject({ endReason: "logout" });
    // Replaying the old cookie (as a copy of it would) is refused.
    const replay = await responseOf(() => searchLoader({ request: requestWith(cookie, "/guests"), params: {}, context: {} }));
    expect(replay.status).toBe(302);
    expect(replay.headers.get("Location")).toMatch(/^\/login/);
    expect(await db().auditEntry.count({ where: { staffId: desk.id, action: "LOGOUT" } })).toBe(1);
  });

  it("sign out everywhere ends every session of the account, this one too, and no one else's", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const other = await plantStaffMember("FRONT_DESK");
    const cookies = [
      await signIn(desk.username, PASSWORD, "198.51.100.31"),
      await signIn(desk.username, PASSWORD, "198.51.100.32"),
      await signIn(desk.username, PASSWORD, "198.51.100.33"),
    ];
    const otherCookie = await signIn(other.username, PASSWORD);
    const page = await responseOf(() => accountLoader({ request: requestWith(cookies[0], "/account"), params: {}, context: {} }));
    const { sessions } = (await page.json()) as { sessions: { ipAddress: string; current: boolean }[] };
    expect(sessions.map((s) => s.ipAddress).sort()).toEqual(["198.51.100.31", "198.51.100.32", "198.51.100.33"]);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);

    const response = await responseOf(() =>
      accountAction({ request: requestWith(cookies[1], "/account", { intent: "signOutEverywhere" }), params: {}, context: {} }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login");
    for (const cookie of cookies) {
      expect(await getStaff(requestWith(cookie, "/guests"))).toBeNull();
      expect(await rowOf(cookie)).toMatchObject({ endReason: "everywhere" });
    }
    expect((await getStaff(requestWith(otherCookie, "/guests")))?.id).toBe(other.id);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { staffId: desk.id, action: "LOGOUT" }, orderBy: { id: "desc" } });
    expect(audit.changes).toEqual({ everywhere: true, sessionsEnded: 3 });
  });
});

describe("several app instances on one database", () => {
  it("a second Prisma client sees a session the first created, and an end written by either counts for both", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const cookie = await signIn(desk.username, PASSWORD);
    const token = await tokenOf(cookie);
    const second = createDb(process.env.DATABASE_URL);
    try {
      const seen = await findLiveSession(second, token);
      expect(seen?.staffId).toBe(desk.id);
      // Sign out everywhere, served by the other instance …
      await second.staffSession.updateMany({
        where: { staffId: desk.id, endedAt: null },
        data: { endedAt: new Date(), endReason: "everywhere" },
      });
      // … and this instance refuses the cookie at once: no state is kept in memory.
      expect(await getStaff(requestWith(cookie, "/guests"))).toBeNull();
      // The other way round: a session started here is live there.
      const again = await signIn(desk.username, PASSWORD);
      expect((await findLiveSession(second, await tokenOf(again)))?.staffId).toBe(desk.id);
    } finally {
      await second.$disconnect();
    }
  });
});

describe("a one-time password", () => {
  it("sends the user to the change-password page from every route until it is changed", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    await db().staff.update({ where: { id: desk.id }, data: { mustChangePassword: true } });
    const attempt = await postLogin(desk.username, PASSWORD, { redirectTo: "/arrivals" });
    expect(attempt.status).toBe(302);
    expect(attempt.location).toBe("/account/password?redirectTo=%2Farrivals");
    const cookie = attempt.cookie!;

    const search = await responseOf(() => searchLoader({ request: requestWith(cookie, "/guests?q=zs"), params: {}, context: {} }));
    expect(search.status).toBe(302);
    expect(search.headers.get("Location")).toBe("/account/password?redirectTo=%2Fguests%3Fq%3Dzs");
    const root = await responseOf(() => rootLoader({ request: requestWith(cookie, "/arrivals"), params: {}, context: {} }));
    expect(root.headers.get("Location")).toBe("/account/password?redirectTo=%2Farrivals");
    const account = await responseOf(() => accountLoader({ request: requestWith(cookie, "/account"), params: {}, context: {} }));
    expect(account.headers.get("Location")).toMatch(/^\/account\/password/);
    // The change-password page itself opens.
    const page = await responseOf(() => passwordLoader({ request: requestWith(cookie, "/account/password"), params: {}, context: {} }));
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({ mustChange: true });
  });
});
