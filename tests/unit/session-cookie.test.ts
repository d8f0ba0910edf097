// The session cookie: only a random id (the session is a database row), never
// readable by scripts, sent on same-site navigations, Secure over HTTPS.
import { afterEach, describe, expect, it } from "vitest";
import { clearSessionCookie, secureCookies, sessionCookieHeader, sessionTokenOf } from "~/auth/session.server";

describe("the session cookie's Secure flag", () => {
  afterEach(() => {
    delete process.env.COOKIE_SECURE;
  });

  it("is set over HTTPS, directly or behind a proxy, and not over plain HTTP (where browsers would drop it)", () => {
    expect(secureCookies(new Request("https://hotel.example/login"))).toBe(true);
    expect(secureCookies(new Request("http://10.0.0.5/login", { headers: { "X-Forwarded-Proto": "https" } }))).toBe(true);
    expect(secureCookies(new Request("http://localhost:3000/login"))).toBe(false);
  });

  it("follows COOKIE_SECURE when it is set", () => {
    process.env.COOKIE_SECURE = "true";
    expect(secureCookies(new Request("http://localhost:3000/login"))).toBe(true);
    process.env.COOKIE_SECURE = "false";
    expect(secureCookies(new Request("https://hotel.example/login"))).toBe(false);
  });
});

describe("the session cookie", () => {
  it("carries the session id and nothing else, HttpOnly, SameSite=Lax, expiring with the session", async () => {
    const expires = new Date("2026-11-27T20:00:00Z");
    const header = await sessionCookieHeader(
      new Request("https://hotel.example/login"),
      "r4nd0m-id_of-43-characters-aaaaaaaaaaaaaaaa",
      expires,
    );
    expect(header).toMatch(/^ga_session=[^;]+; Path=\/; Expires=Fri, 27 Nov 2026 20:00:00 GMT; HttpOnly; Secure; SameSite=Lax$/);
    const cookie = header.split(";")[0];
    expect(await sessionTokenOf(new Request("https://hotel.example/guests", { headers: { Cookie: cookie } }))).toBe(
      "r4nd0m-id_of-43-characters-aaaaaaaaaaaaaaaa",
    );
    expect(await sessionTokenOf(new Request("https://hotel.example/guests"))).toBeNull();
    expect(await clearSessionCookie()).toMatch(
      /^ga_session=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax$/,
    );
  });
});
