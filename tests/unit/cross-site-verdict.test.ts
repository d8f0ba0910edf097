// The rule that decides whether a request may change anything, from what the
// browser says about where it comes from (app/http/csrf.server.ts).
import { describe, expect, it } from "vitest";
import { crossSiteVerdict } from "~/http/csrf.server";

const OWN = "https://archive.hotel.example";
const allowed = (request: { method?: string; path?: string; secFetchSite?: string; origin?: string; ownOrigin?: string | null }) =>
  crossSiteVerdict({ method: "POST", path: "/guests/1", ownOrigin: OWN, ...request }).allowed;

describe("crossSiteVerdict", () => {
  it("lets reads through whatever they say", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) expect(allowed({ method, secFetchSite: "cross-site" })).toBe(true);
  });

  it.each(["POST", "PUT", "PATCH", "DELETE", "PROPFIND"])("holds %s to the rule", (method) => {
    expect(allowed({ method })).toBe(false);
    expect(allowed({ method, secFetchSite: "same-origin" })).toBe(true);
  });

  it("with Sec-Fetch-Site: only same-origin, and an Origin beside it must name this host", () => {
    expect(allowed({ secFetchSite: "same-origin", origin: OWN })).toBe(true);
    expect(allowed({ secFetchSite: "Same-Origin" })).toBe(true);
    expect(allowed({ secFetchSite: "same-site", origin: "https://intranet.hotel.example" })).toBe(false);
    expect(allowed({ secFetchSite: "cross-site", origin: "https://evil.example" })).toBe(false);
    expect(allowed({ secFetchSite: "none" })).toBe(false);
    expect(allowed({ secFetchSite: "" })).toBe(false);
    expect(allowed({ secFetchSite: "same-origin", origin: "https://evil.example" })).toBe(false);
    expect(allowed({ secFetchSite: "same-origin", origin: "null" })).toBe(false);
    // A TLS proxy without TRUST_PROXY: the scheme differs, the host does not — the browser's word counts.
    expect(allowed({ secFetchSite: "same-origin", origin: OWN, ownOrigin: "http://archive.hotel.example" })).toBe(true);
  });

  it("without it: an Origin equal to this request's own, scheme and port included", () => {
    expect(allowed({ origin: OWN })).toBe(true);
    expect(allowed({ origin: OWN.toUpperCase() })).toBe(true);
    expect(allowed({ origin: "http://archive.hotel.example" })).toBe(false);
    expect(allowed({ origin: "https://archive.hotel.example:8443" })).toBe(false);
    expect(allowed({ origin: "https://intranet.hotel.example" })).toBe(false);
    expect(allowed({ origin: "null" })).toBe(false);
    expect(allowed({ origin: OWN, ownOrigin: null })).toBe(false);
  });

  it("with neither, nothing changes — except the token-authenticated one-click unsubscribe", () => {
    expect(allowed({})).toBe(false);
    expect(allowed({ path: "/unsubscribe/abc.def" })).toBe(true);
    expect(allowed({ path: "/unsubscribe/abc/../../guests/1" })).toBe(false);
    expect(allowed({ path: "/unsubscribe" })).toBe(false);
  });
});
