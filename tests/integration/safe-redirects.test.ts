// Redirects go only to this site: after sign-in, after switching language,
// and on the way to the change-password page.
import { beforeAll, describe, expect, it } from "vitest";
import { changePasswordUrl, safeRedirect } from "~/auth/session.server";
import { action as setLanguage } from "~/routes/set-language";
import { plantStaffMember } from "../support/fixtures";
import { postLogin, responseOf } from "../support/sign-in";

const HOSTILE = [
  "//evil.example",
  "//evil.example/guests",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/%5Cevil.example".replace("%5C", "\\"),
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "data:text/html,hi",
  "evil.example",
  "guests",
  "/\tevil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/\u0000/evil.example",
  "/\u001f",
  "/\u007f",
  " //evil.example",
  "/guests\\..\\..\\evil",
  "",
];

describe("safeRedirect", () => {
  it.each(HOSTILE)("refuses %j", (to) => {
    expect(safeRedirect(to, "/guests")).toBe("/guests");
  });

  it("refuses what is not a string, and overlong paths", () => {
    expect(safeRedirect(null, "/guests")).toBe("/guests");
    expect(safeRedirect(undefined, "/guests")).toBe("/guests");
    expect(safeRedirect(new File(["x"], "x"), "/guests")).toBe("/guests");
    expect(safeRedirect(`/${"a".repeat(3000)}`, "/guests")).toBe("/guests");
  });

  it.each([
    ["/guests", "/guests"],
    ["/guests/12?tab=stays#complaints", "/guests/12?tab=stays#complaints"],
    ["/analytics/guests?segment=CHAMPIONS&propertyId=1", "/analytics/guests?segment=CHAMPIONS&propertyId=1"],
    ["/guests?q=%E5%BC%A0%E4%B8%89", "/guests?q=%E5%BC%A0%E4%B8%89"],
    ["/guests/../audit", "/audit"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("keeps the same-site path %j (as %j)", (to, expected) => {
    expect(safeRedirect(to, "/guests")).toBe(expected);
  });
});

describe("after signing in", () => {
  let username: string;
  beforeAll(async () => {
    username = (await plantStaffMember("FRONT_DESK")).username;
  });

  it.each([
    ["%2F%5Cevil.example", "/guests"],
    ["%2F%2Fevil.example", "/guests"],
    ["https%3A%2F%2Fevil.example", "/guests"],
    ["%2F%09%2Fevil.example", "/guests"],
    ["%2Farrivals", "/arrivals"],
  ])("redirectTo=%s lands on %s", async (encoded, expected) => {
    const attempt = await postLogin(username, "correct horse battery", { redirectTo: decodeURIComponent(encoded) });
    expect(attempt.status).toBe(302);
    expect(attempt.location).toBe(expected);
  });

  it("the change-password detour keeps only a same-site destination", () => {
    expect(changePasswordUrl(new Request("http://localhost/guests/5"))).toBe("/account/password?redirectTo=%2Fguests%2F5");
    expect(changePasswordUrl(new Request("http://localhost/account/password?redirectTo=%2F%5Cevil.example"))).toBe("/account/password");
  });
});

describe("/set-language", () => {
  const post = (form: Record<string, string>) =>
    responseOf(() =>
      setLanguage({
        request: new Request("http://localhost/set-language", { method: "POST", body: new URLSearchParams(form) }),
        params: {},
        context: {},
      }),
    );

  it("works without signing in (the login page has it) and goes back to a same-site page", async () => {
    const response = await post({ locale: "zh-CN", redirectTo: "/login?redirectTo=%2Farrivals" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Farrivals");
    expect(response.headers.get("Set-Cookie")).toMatch(/^ga_lang=/);
  });

  it.each(HOSTILE)("never redirects off-site: %j", async (to) => {
    const response = await post({ locale: "en", redirectTo: to });
    expect(response.headers.get("Location")).toBe("/guests");
  });

  it("answers a body that is not a form with 400", async () => {
    const response = await responseOf(() =>
      setLanguage({
        request: new Request("http://localhost/set-language", {
          method: "POST",
          body: "{}",
          headers: { "Content-Type": "application/json" },
        }),
        params: {},
        context: {},
      }),
    );
    expect(response.status).toBe(400);
  });
});
