// Passwords, and the brake on guessing them: per account and address, per
// address, and a looser per account — so that nobody's wrong guesses from
// one address keep the right person out from another. Plus the per-session
// limits on searches and exports, and bounded input.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { limiterFor, limitRules } from "~/auth/rate-limits.server";
import { loader as searchApi } from "~/routes/api.guests.search";
import { loader as searchPage } from "~/routes/guests._index";
import { loader as guestExport } from "~/routes/guests.$guestId_.export";
import { plantGuest, plantProperty, plantStaffMember } from "../support/fixtures";
import { postLogin, requestWith, responseOf, signIn } from "../support/sign-in";

const PASSWORD = "correct horse battery";

beforeAll(async () => {
  await plantProperty("THR");
});

afterEach(() => {
  delete process.env.TRUST_PROXY;
  delete process.env.SEARCH_RATE_LIMIT_PER_MINUTE;
  delete process.env.EXPORT_RATE_LIMIT_PER_HOUR;
});

describe("passwords", () => {
  it("hashes with a salt and verifies only the right password", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain("correct horse");
    expect(await hashPassword("correct horse battery")).not.toBe(stored);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("refuses a stored value it does not understand", async () => {
    expect(await verifyPassword("x", "plain-text-password")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$abc$def")).toBe(false);
    expect(await verifyPassword("x", "scrypt$$")).toBe(false);
  });
});

async function guess(username: string, address: string, times: number) {
  const statuses: number[] = [];
  for (let i = 0; i < times; i++) statuses.push((await postLogin(username, `wrong guess ${i}`, { address })).status);
  return statuses;
}

describe("sign-in throttle", () => {
  it("an attacker's wrong guesses from one address do not block the right password from another", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    expect(await guess(desk.username, "203.0.113.66", 8)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // The guessing address waits, even with the right password …
    const attacker = await postLogin(desk.username, PASSWORD, { address: "203.0.113.66" });
    expect(attacker.status).toBe(429);
    // … and says how long, in the header and in the message.
    const wait = Number(attacker.headers.get("Retry-After"));
    expect(wait).toBeGreaterThan(14 * 60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    expect(attacker.body).toMatchObject({ error: "login.tooMany", retryAfter: wait });
    // The person at their desk signs in at once.
    const person = await postLogin(desk.username, PASSWORD, { address: "198.51.100.41" });
    expect(person.status).toBe(302);
    expect(person.cookie).not.toBeNull();
  });

  it("starts an address afresh for an account after the right password", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    expect(await guess(desk.username, "198.51.100.42", 4)).toEqual([401, 401, 401, 401]);
    await signIn(desk.username, PASSWORD, "198.51.100.42");
    // Four more typos before any wait.
    expect(await guess(desk.username, "198.51.100.42", 5)).toEqual([401, 401, 401, 401, 401]);
    expect((await postLogin(desk.username, PASSWORD, { address: "198.51.100.42" })).status).toBe(429);
  });

  it("one address spraying many accounts is stopped after 100 wrong passwords in an hour, only that address", async () => {
    const victim = await plantStaffMember("MARKETING");
    // 99 wrong passwords for other usernames from this address already.
    await limiterFor(db(), "login-address").penalty("203.0.113.77", limitRules()["login-address"].points - 1);
    expect(await guess("someone-else", "203.0.113.77", 1)).toEqual([401]);
    const refused = await postLogin(victim.username, PASSWORD, { address: "203.0.113.77" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await postLogin(victim.username, PASSWORD, { address: "198.51.100.43" })).status).toBe(302);
  });

  it("a distributed attack trips the per-account limit for new addresses, never for one the person signed in from before", async () => {
    const manager = await plantStaffMember("MANAGER");
    await signIn(manager.username, PASSWORD, "198.51.100.44"); // the manager's office PC, last week
    // Six addresses, five wrong guesses each: 30 in the hour. No single address could get there.
    for (let a = 1; a <= 6; a++) expect(await guess(manager.username, `203.0.113.${100 + a}`, 5)).toEqual([401, 401, 401, 401, 401]);
    // A new address must wait for the window to pass (at most an hour) …
    const fresh = await postLogin(manager.username, PASSWORD, { address: "198.51.100.200" });
    expect(fresh.status).toBe(429);
    expect(Number(fresh.headers.get("Retry-After"))).toBeLessThanOrEqual(3600);
    // … the office PC signs in with the right password.
    expect((await postLogin(manager.username, PASSWORD, { address: "198.51.100.44" })).status).toBe(302);
    // Another account is not touched at all.
    const colleague = await plantStaffMember("MANAGER");
    expect((await postLogin(colleague.username, PASSWORD, { address: "198.51.100.201" })).status).toBe(302);
  });

  it("without TRUST_PROXY, X-Forwarded-For is ignored: a new header each try does not escape the limit", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await postLogin(desk.username, "wrong", { address: "203.0.113.88", headers: { "X-Forwarded-For": `192.0.2.${i}` } })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // And what is recorded is the socket's address, not the header.
    const cookie = await signIn(desk.username, PASSWORD, "198.51.100.45");
    expect(cookie).toBeTruthy();
    const failed = await db().auditEntry.findMany({ where: { action: "LOGIN_FAILED", changes: { equals: { username: desk.username } } } });
    expect(new Set(failed.map((f) => f.ip))).toEqual(new Set(["203.0.113.88"]));
    expect(await db().staffSession.findFirst({ where: { staffId: desk.id }, select: { ipAddress: true } })).toEqual({
      ipAddress: "198.51.100.45",
    });
  });

  it("with TRUST_PROXY=1 the client is read from the right of X-Forwarded-For; entries a client adds on the left change nothing", async () => {
    process.env.TRUST_PROXY = "1";
    const desk = await plantStaffMember("FRONT_DESK");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (await postLogin(desk.username, "wrong", { address: "10.0.0.2", headers: { "X-Forwarded-For": `192.0.2.${i}, 203.0.113.99` } }))
          .status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Behind the same proxy, another client is a different address.
    const other = await postLogin(desk.username, PASSWORD, { address: "10.0.0.2", headers: { "X-Forwarded-For": "198.51.100.46" } });
    expect(other.status).toBe(302);
    const session = await db().staffSession.findFirstOrThrow({ where: { staffId: desk.id } });
    expect(session.ipAddress).toBe("198.51.100.46");
  });
});

describe("bounded input", () => {
  it("refuses a username over 64 or a password over 256 characters with a 400 and a message, storing nothing", async () => {
    const long = "u".repeat(65);
    const huge = "x".repeat(1_000_000);
    const before = { audit: await db().auditEntry.count(), counters: await db().rateLimitCounter.count() };
    for (const [username, password, error] of [
      [long, PASSWORD, "login.usernameTooLong"],
      [huge, PASSWORD, "login.usernameTooLong"],
      ["desk", "p".repeat(257), "login.passwordTooLong"],
      ["desk", huge, "login.passwordTooLong"],
      ["de\u0000sk", PASSWORD, "login.invalid"],
      ["", PASSWORD, "login.missing"],
      ["desk", "", "login.missing"],
    ] as const) {
      const attempt = await postLogin(username, password);
      expect(attempt.status, error).toBe(400);
      expect(attempt.body).toMatchObject({ error });
      // What is sent back to fill the form is bounded too.
      expect((attempt.body as { username: string }).username.length).toBeLessThanOrEqual(64);
    }
    expect(await db().auditEntry.count()).toBe(before.audit);
    expect(await db().rateLimitCounter.count()).toBe(before.counters);
  });

  it("answers a body that is not a form with a 400, not a 500", async () => {
    const { action } = await import("~/routes/login");
    const response = await responseOf(() =>
      action({
        request: new Request("http://localhost/login", {
          method: "POST",
          body: '{"username":"desk"}',
          headers: { "Content-Type": "application/json" },
        }),
        params: {},
        context: {},
      }),
    );
    expect(response.status).toBe(400);
  });
});

describe("per-session limits on searches and exports", () => {
  it("a session past its searches per minute gets 429 with Retry-After and a message it can show; another session is not affected", async () => {
    process.env.SEARCH_RATE_LIMIT_PER_MINUTE = "3";
    const desk = await plantStaffMember("FRONT_DESK");
    const cookie = await signIn(desk.username, PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await searchApi({ request: requestWith(cookie, `/api/guests/search?q=zh${i}`), params: {}, context: {} })).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await searchApi({ request: requestWith(cookie, "/api/guests/search?q=zs"), params: {}, context: {} });
    expect(limited.status).toBe(429);
    const wait = Number(limited.headers.get("Retry-After"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limited.json()).toMatchObject({ q: "zs", results: [], retryAfter: wait });
    // The plain search page answers with a 429 error page that has a translated message.
    const page = await responseOf(() => searchPage({ request: requestWith(cookie, "/guests?q=zs"), params: {}, context: {} }));
    expect(page.status).toBe(429);
    expect(page.headers.get("Retry-After")).toBeTruthy();
    expect(await page.json()).toMatchObject({ messageKey: "rateLimit.search" });
    // An empty search box costs nothing.
    expect((await searchApi({ request: requestWith(cookie, "/api/guests/search?q="), params: {}, context: {} })).status).toBe(200);
    // A colleague's session has its own allowance.
    const colleague = await signIn((await plantStaffMember("FRONT_DESK")).username, PASSWORD);
    expect((await searchApi({ request: requestWith(colleague, "/api/guests/search?q=zs"), params: {}, context: {} })).status).toBe(200);
  });

  it("a session past its exports per hour gets 429 before any data leaves", async () => {
    process.env.EXPORT_RATE_LIMIT_PER_HOUR = "2";
    const archivist = await plantStaffMember("ARCHIVIST");
    const { guestId } = await plantGuest(archivist.actor, { fullName: "Export Limit", phone: "13900007777" });
    const cookie = await signIn(archivist.username, PASSWORD);
    const exportOnce = () =>
      responseOf(() =>
        guestExport({ request: requestWith(cookie, `/guests/${guestId}/export`), params: { guestId: String(guestId) }, context: {} }),
      );
    expect((await exportOnce()).status).toBe(200);
    expect((await exportOnce()).status).toBe(200);
    const exportsBefore = await db().auditEntry.count({ where: { action: "EXPORT", guestId } });
    const limited = await exportOnce();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(60);
    expect(await limited.json()).toMatchObject({ messageKey: "rateLimit.export" });
    expect(await db().auditEntry.count({ where: { action: "EXPORT", guestId } })).toBe(exportsBefore);
  });
});
