// Passwords and the brake on password guessing.
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { FREE_FAILURES, loginDelaySeconds, recordLoginAttempt } from "~/auth/login-throttle.server";

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

/** Records `n` failures and returns the time of the last one, so delays can be read without a clock race. */
async function fail(username: string, ip: string, n: number) {
  for (let i = 0; i < n; i++) await recordLoginAttempt(db(), username, ip, false);
  const last = await db().loginAttempt.findFirstOrThrow({ where: { username, ip, success: false }, orderBy: { id: "desc" } });
  return last.at;
}

describe("login throttle", () => {
  it(`lets ${FREE_FAILURES - 1} failures pass, then asks for a delay that doubles with each failure`, async () => {
    let at = await fail("alice", "198.51.100.1", FREE_FAILURES - 1);
    expect(await loginDelaySeconds(db(), "alice", "198.51.100.1", at)).toBe(0);
    at = await fail("alice", "198.51.100.1", 1);
    expect(await loginDelaySeconds(db(), "alice", "198.51.100.1", at)).toBe(2);
    at = await fail("alice", "198.51.100.1", 1);
    expect(await loginDelaySeconds(db(), "alice", "198.51.100.1", at)).toBe(4);
    at = await fail("alice", "198.51.100.1", 1);
    expect(await loginDelaySeconds(db(), "alice", "198.51.100.1", at)).toBe(8);
    // The delay counts down from the last failure and then lets the next try through.
    expect(await loginDelaySeconds(db(), "alice", "198.51.100.1", new Date(at.getTime() + 3_000))).toBe(5);
    expect(await loginDelaySeconds(db(), "alice", "198.51.100.1", new Date(at.getTime() + 8_000))).toBe(0);
  });

  it("throttles by address as well as by username", async () => {
    const at = await fail("bob", "198.51.100.2", FREE_FAILURES);
    // Another username from the same address is slowed down too …
    expect(await loginDelaySeconds(db(), "carol", "198.51.100.2", at)).toBe(2);
    // … and the same username from another address.
    expect(await loginDelaySeconds(db(), "bob", "203.0.113.9", at)).toBe(2);
    // An unrelated username from an unrelated address is not.
    expect(await loginDelaySeconds(db(), "dave", "203.0.113.10", at)).toBe(0);
  });

  it("forgets failures older than the window", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 16 * 60 * 1000);
    await db().loginAttempt.createMany({
      data: Array.from({ length: 10 }, () => ({ username: "erin", ip: "198.51.100.3", success: false, at: old })),
    });
    expect(await loginDelaySeconds(db(), "erin", "198.51.100.3", now)).toBe(0);
  });

  it("caps the delay at fifteen minutes", async () => {
    const at = await fail("frank", "198.51.100.4", FREE_FAILURES + 20);
    expect(await loginDelaySeconds(db(), "frank", "198.51.100.4", at)).toBe(15 * 60);
  });

  it("clears the user's failures on a successful sign-in", async () => {
    const at = await fail("grace", "198.51.100.5", FREE_FAILURES + 1);
    expect(await loginDelaySeconds(db(), "grace", "198.51.100.5", at)).toBe(4);
    await recordLoginAttempt(db(), "grace", "198.51.100.5", true);
    expect(await loginDelaySeconds(db(), "grace", "198.51.100.5", at)).toBe(0);
    expect(await db().loginAttempt.count({ where: { username: "grace", success: false } })).toBe(0);
    expect(await db().loginAttempt.count({ where: { username: "grace", success: true } })).toBe(1);
    // Failures start counting from zero again.
    const next = await fail("grace", "198.51.100.5", FREE_FAILURES - 1);
    expect(await loginDelaySeconds(db(), "grace", "198.51.100.5", next)).toBe(0);
  });

  it("does not clear another user's failures", async () => {
    const at = await fail("heidi", "198.51.100.6", FREE_FAILURES);
    await recordLoginAttempt(db(), "ivan", "198.51.100.7", true);
    expect(await loginDelaySeconds(db(), "heidi", "198.51.100.6", at)).toBe(2);
  });
});
