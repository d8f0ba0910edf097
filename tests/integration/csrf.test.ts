// Cross-site request forgery: through the app's own web server, a state
// change is done only when the browser says it comes from the app's own pages
// (Sec-Fetch-Site: same-origin, or without it an Origin equal to the app's).
// Everything else — another site, a sibling subdomain, no provenance at all —
// is a 403 with a clear message, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { crossSiteVerdict } from "~/http/csrf.server";
import { plantGuest, plantProperty, plantStaffMember } from "../support/fixtures";
import { fromOwnPage, signInOverHttp, startAppServer, type AppServer } from "../support/app-server";
import { dataUrlOf, decodeSingleFetch } from "../support/single-fetch";

let app: AppServer;
let cookie: string;
let guestId: number;
let propertyId: number;

const complaint = () => ({
  intent: "addFeedback",
  kind: "COMPLAINT",
  propertyId: String(propertyId),
  category: "NOISE",
  severity: "HIGH",
  department: "FRONT_OFFICE",
  description: "Forged complaint",
});
const points = { intent: "points", points: "50000", reason: "Forged reward" };

async function written() {
  return {
    complaints: await db().feedback.count({ where: { guestId } }),
    points: await db().rewardPointsEntry.count({ where: { guestId } }),
  };
}

beforeAll(async () => {
  propertyId = (await plantProperty("CSR")).id;
  const manager = await plantStaffMember("MANAGER");
  ({ guestId } = await plantGuest(manager.actor, { fullName: "Forgery Target" }));
  app = await startAppServer();
  cookie = await signInOverHttp(app, manager.username, "correct horse battery");
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

describe("a signed-in user's browser sent here by another site", () => {
  const EVIL = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
  // The attack: a page on another origin of the same site (a sibling subdomain).
  const SIBLING = { origin: "http://intranet.127.0.0.1.nip.io", "sec-fetch-site": "same-site" };

  it.each([
    ["another site", EVIL],
    ["a sibling subdomain (same-site, another origin)", SIBLING],
    ["an old browser without Sec-Fetch-Site, from another origin", { origin: "https://evil.example" }],
    ["an old browser from the same host on another port", { origin: "http://127.0.0.1:1" }],
    ["an opaque origin (sandboxed frame)", { origin: "null" }],
    ["a user-typed navigation (Sec-Fetch-Site: none)", { "sec-fetch-site": "none" }],
  ])("files no complaint and awards no points: %s → 403 page", async (_label, headers) => {
    const before = await written();
    const filed = await app.request("POST", `/guests/${guestId}`, { headers: { ...headers, cookie }, form: complaint() });
    const awarded = await app.request("POST", `/analytics/loyalty/${guestId}`, { headers: { ...headers, cookie }, form: points });
    for (const reply of [filed, awarded]) {
      expect(reply.status).toBe(403);
      expect(reply.headers["content-type"]).toMatch(/^text\/html/);
      // The page is written by hand, its text escaped for HTML (the apostrophe as &#39;).
      expect(reply.body).toContain("This change did not come from Guest Archive&#39;s own pages");
      expect(reply.body).toContain("此项更改并非来自宾客档案自己的页面");
    }
    expect(await written()).toEqual(before);
  });

  it("answers a single-fetch POST (Remix's client) with a 403 error response its error boundary shows, and writes nothing", async () => {
    const before = await written();
    for (const headers of [EVIL, SIBLING]) {
      const reply = await app.request("POST", dataUrlOf(`/guests/${guestId}`), { headers: { ...headers, cookie }, form: complaint() });
      expect(reply.status).toBe(403);
      expect(reply.headers["content-type"]).toMatch(/^text\/x-script/);
      expect(await decodeSingleFetch(reply.body)).toEqual({
        error: {
          errorResponse: {
            status: 403,
            statusText: "Forbidden",
            data: { error: expect.stringContaining("did not come from Guest Archive"), messageKey: "csrf.refused" },
          },
        },
      });
      const data = await app.request("POST", dataUrlOf(`/analytics/loyalty/${guestId}`), {
        headers: { ...headers, cookie, "accept-language": "zh-CN,zh;q=0.9" },
        form: points,
      });
      expect(data.status).toBe(403);
      expect(JSON.stringify(await decodeSingleFetch(data.body))).toContain("此项更改并非来自宾客档案自己的页面");
    }
    expect(await written()).toEqual(before);
  });

  it("refuses resource routes and logout too: no state change is exempt because it is small", async () => {
    const logout = await app.request("POST", "/logout", { headers: { ...EVIL, cookie } });
    expect(logout.status).toBe(403);
    const language = await app.request("POST", "/set-language", { headers: { ...EVIL, cookie }, form: { locale: "zh-CN" } });
    expect(language.status).toBe(403);
    expect(language.headers["set-cookie"]).toBeUndefined();
    // Still signed in: the forged logout ended nothing.
    expect((await app.request("GET", "/guests", { headers: { cookie } })).status).toBe(200);
  });

  it("refuses a forged sign-in (login CSRF) before any password is checked", async () => {
    const reply = await app.request("POST", "/login", { headers: EVIL, form: { username: "anyone", password: "whatever" } });
    expect(reply.status).toBe(403);
    expect(reply.headers["set-cookie"]).toBeUndefined();
  });
});

describe("requests without Sec-Fetch-Site or Origin (curl, scripts, old clients)", () => {
  it("change nothing: a state change must say where it comes from (send Origin)", async () => {
    const before = await written();
    const page = await app.request("POST", `/guests/${guestId}`, { headers: { cookie }, form: complaint() });
    expect(page.status).toBe(403);
    expect(page.body).toContain("Request refused");
    const json = await app.request("POST", `/analytics/loyalty/${guestId}`, {
      headers: { cookie, accept: "application/json" },
      form: points,
    });
    expect(json.status).toBe(403);
    expect(JSON.parse(json.body).messageKey).toBe("csrf.refused");
    expect(await written()).toEqual(before);
  });

  it("still read: GET, HEAD and OPTIONS change nothing and need no provenance", async () => {
    expect((await app.request("GET", `/guests/${guestId}`, { headers: { cookie } })).status).toBe(200);
    expect((await app.request("HEAD", "/healthz")).status).toBe(200);
    expect((await app.request("OPTIONS", "/guests")).status).not.toBe(403);
  });

  it("except the one-click unsubscribe that mail providers POST from their servers (the token is the authority)", async () => {
    const reply = await app.request("POST", "/unsubscribe/not-a-real-token", { form: { "List-Unsubscribe": "One-Click" } });
    expect(reply.status).toBe(404); // reached the route, which refuses the token
  });
});

describe("the app's own pages", () => {
  it("file a complaint and award points (Chromium's headers)", async () => {
    const before = await written();
    const filed = await app.request("POST", dataUrlOf(`/guests/${guestId}`), { headers: fromOwnPage(app, { cookie }), form: complaint() });
    expect(filed.status).toBe(200);
    const awarded = await app.request("POST", `/analytics/loyalty/${guestId}`, { headers: fromOwnPage(app, { cookie }), form: points });
    expect(awarded.status).toBe(200);
    expect(await written()).toEqual({ complaints: before.complaints + 1, points: before.points + 1 });
  });

  it("work from a browser that sends only Origin (no Sec-Fetch-Site)", async () => {
    const before = await written();
    const reply = await app.request("POST", `/guests/${guestId}`, { headers: { origin: app.origin, cookie }, form: complaint() });
    expect(reply.status).toBe(200);
    expect(await written()).toEqual({ ...before, complaints: before.complaints + 1 });
  });
});

describe("what Remix itself would have refused with a 500", () => {
  it("a same-origin-looking POST whose Origin names another host is a 403, not Remix's 500", async () => {
    const before = await written();
    const reply = await app.request("POST", `/guests/${guestId}`, {
      headers: { "sec-fetch-site": "same-origin", origin: "https://evil.example", cookie },
      form: complaint(),
    });
    expect(reply.status).toBe(403);
    expect(await written()).toEqual(before);
  });

  it("an X-Forwarded-Host from a client (no trusted proxy) is ignored, so Remix's own check cannot turn a good post into a 500", async () => {
    const before = await written();
    const reply = await app.request("POST", `/guests/${guestId}`, {
      headers: fromOwnPage(app, { cookie, "x-forwarded-host": "evil.example" }),
      form: complaint(),
    });
    expect(reply.status).toBe(200);
    expect(await written()).toEqual({ ...before, complaints: before.complaints + 1 });
  });

  it("an unparsable Origin is a 403", async () => {
    const reply = await app.request("POST", `/guests/${guestId}`, { headers: { origin: "http://[", cookie }, form: complaint() });
    expect(reply.status).toBe(403);
  });
});

describe("behind a trusted proxy (TRUST_PROXY)", () => {
  const verdict = (headers: { secFetchSite?: string; origin?: string }, own: string | null) =>
    crossSiteVerdict({ method: "POST", path: "/guests/1", ownOrigin: own, ...headers });

  it("compares an Origin with the origin the proxy says the browser used", () => {
    expect(verdict({ origin: "https://archive.hotel.example" }, "https://archive.hotel.example")).toEqual({ allowed: true });
    expect(verdict({ origin: "https://archive.hotel.example" }, "http://archive.hotel.example").allowed).toBe(false);
    expect(verdict({ origin: "https://archive.hotel.example" }, null).allowed).toBe(false);
  });

  it("believes X-Forwarded-Proto and X-Forwarded-Host only from a trusted proxy", async () => {
    const trustedBefore = process.env.TRUST_PROXY;
    const headers = { "x-forwarded-proto": "https", "x-forwarded-host": "archive.hotel.example", cookie };
    try {
      // Untrusted: the browser said https://archive.hotel.example, but to us this is http://127.0.0.1:PORT.
      delete process.env.TRUST_PROXY;
      const untrusted = await app.request("POST", `/guests/${guestId}`, {
        headers: { ...headers, origin: "https://archive.hotel.example" },
        form: complaint(),
      });
      expect(untrusted.status).toBe(403);
      process.env.TRUST_PROXY = "loopback";
      const trusted = await app.request("POST", `/guests/${guestId}`, {
        headers: { ...headers, origin: "https://archive.hotel.example" },
        form: complaint(),
      });
      expect(trusted.status).toBe(200);
      // The proxy's word about the scheme counts: an http:// page is another origin.
      const otherScheme = await app.request("POST", `/guests/${guestId}`, {
        headers: { ...headers, origin: "http://archive.hotel.example" },
        form: complaint(),
      });
      expect(otherScheme.status).toBe(403);
    } finally {
      if (trustedBefore === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = trustedBefore;
    }
  });
});
