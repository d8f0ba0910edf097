import { afterEach, describe, expect, it } from "vitest";
import { secureCookies } from "~/auth/session.server";

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
