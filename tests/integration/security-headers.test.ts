// Headers on every response of the app's own web server — a page, single-fetch data
// JSON, a CSV export, a 404, the CSRF refusal, a static asset: a nonce-based
// Content-Security-Policy whose nonce is on every inline script of the page,
// nosniff, no framing, same-origin referrers, HSTS only over HTTPS, and
// nothing with personal data cached.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plantGuest, plantProperty, plantStaffMember } from "../support/fixtures";
import { signInOverHttp, startAppServer, type AppServer, type Reply } from "../support/app-server";
import { dataUrlOf } from "../support/single-fetch";

let app: AppServer;
let cookie: string;
let guestId: number;

beforeAll(async () => {
  await plantProperty("HDR");
  const manager = await plantStaffMember("MANAGER");
  ({ guestId } = await plantGuest(manager.actor, { fullName: "Header Guest", email: "header.guest@example.test" }));
  app = await startAppServer();
  cookie = await signInOverHttp(app, manager.username, "correct horse battery");
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

function directives(reply: Reply): Map<string, string> {
  const policy = String(reply.headers["content-security-policy"] ?? "");
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0], d.slice(d.indexOf(" ") + 1)] as [string, string]),
  );
}

function expectEveryResponseHeader(reply: Reply) {
  const csp = directives(reply);
  expect(csp.get("default-src")).toBe("'self'");
  expect(csp.get("script-src")).toMatch(/^'self' 'nonce-[A-Za-z0-9+/]{22}==' *$/);
  expect(csp.get("style-src")).toBe("'self'");
  expect(csp.get("img-src")).toBe("'self' data:");
  expect(csp.get("frame-ancestors")).toBe("'none'");
  expect(csp.get("base-uri")).toBe("'self'");
  expect(csp.get("form-action")).toBe("'self'");
  expect(csp.get("object-src")).toBe("'none'");
  expect(reply.headers["x-content-type-options"]).toBe("nosniff");
  expect(reply.headers["x-frame-options"]).toBe("DENY");
  expect(reply.headers["referrer-policy"]).toBe("same-origin");
  // Plain HTTP, no trusted proxy: HSTS would mean nothing.
  expect(reply.headers["strict-transport-security"]).toBeUndefined();
}

const signedIn = () => ({ cookie });

describe("every response", () => {
  it("a signed-in page: the policy's nonce is on every inline script, fresh per response, and the page is not cached", async () => {
    const first = await app.request("GET", `/guests/${guestId}`, { headers: signedIn() });
    expect(first.status).toBe(200);
    expect(first.body).toContain("Header Guest");
    expectEveryResponseHeader(first);
    expect(first.headers["cache-control"]).toBe("no-store");
    const nonce = directives(first)
      .get("script-src")!
      .match(/'nonce-([^']+)'/)![1];
    const scripts = [...first.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(1); // Remix's context, its module loader, scroll restoration
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const second = await app.request("GET", `/guests/${guestId}`, { headers: signedIn() });
    expect(directives(second).get("script-src")).not.toContain(nonce);
  });

  it("single-fetch data (what the client fetches on a navigation)", async () => {
    const reply = await app.request("GET", dataUrlOf(`/guests/${guestId}`), { headers: signedIn() });
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toMatch(/^text\/x-script/);
    expect(reply.body).toContain("header.guest@example.test");
    expectEveryResponseHeader(reply);
    expect(reply.headers["cache-control"]).toBe("no-store");
  });

  it("the typeahead's JSON API and a CSV export", async () => {
    const search = await app.request("GET", "/api/guests/search?q=header", { headers: signedIn() });
    expect(search.status).toBe(200);
    expectEveryResponseHeader(search);
    expect(search.headers["cache-control"]).toBe("no-store");

    const csv = await app.request("GET", "/analytics/report.csv", { headers: signedIn() });
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expectEveryResponseHeader(csv);
    expect(csv.headers["cache-control"]).toBe("no-store");
  });

  it("a 404, a redirect to the login page, and the CSRF refusal", async () => {
    const missing = await app.request("GET", "/no-such-page", { headers: signedIn() });
    expect(missing.status).toBe(404);
    expectEveryResponseHeader(missing);
    expect(missing.headers["cache-control"]).toBe("no-store");

    const redirect = await app.request("GET", "/guests");
    expect(redirect.status).toBe(302);
    expectEveryResponseHeader(redirect);
    expect(redirect.headers["cache-control"]).toBe("no-store");

    const refused = await app.request("POST", `/guests/${guestId}`, {
      headers: { ...signedIn(), origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      form: { intent: "delete" },
    });
    expect(refused.status).toBe(403);
    expectEveryResponseHeader(refused);
    expect(refused.headers["cache-control"]).toBe("no-store");
  });

  it("static assets: the same headers, and fingerprinted files keep their year-long cache", async () => {
    const page = await app.request("GET", "/login");
    const asset = page.body.match(/\/build\/[^"]+\.js/)![0];
    const reply = await app.request("GET", asset);
    expect(reply.status).toBe(200);
    expectEveryResponseHeader(reply);
    expect(reply.headers["cache-control"]).toMatch(/max-age=31536000/);
    expect(reply.headers["cache-control"]).toMatch(/immutable/);
    const favicon = await app.request("GET", "/favicon.svg");
    expectEveryResponseHeader(favicon);
    // What browsers ask for by themselves is there too (it was a 404 and a routing error in the log).
    const ico = await app.request("GET", "/favicon.ico");
    expect(ico.status).toBe(301);
    expect(ico.headers.location).toBe("/favicon.svg");
    expectEveryResponseHeader(ico);
  });
});

describe("Strict-Transport-Security", () => {
  it("is sent when a trusted proxy says the browser spoke HTTPS, and never on a client's word", async () => {
    const trustedBefore = process.env.TRUST_PROXY;
    try {
      delete process.env.TRUST_PROXY;
      const claimed = await app.request("GET", "/login", { headers: { "x-forwarded-proto": "https" } });
      expect(claimed.headers["strict-transport-security"]).toBeUndefined();
      process.env.TRUST_PROXY = "loopback";
      const proxied = await app.request("GET", "/login", { headers: { "x-forwarded-proto": "https" } });
      expect(proxied.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
      const plain = await app.request("GET", "/login", { headers: { "x-forwarded-proto": "http" } });
      expect(plain.headers["strict-transport-security"]).toBeUndefined();
    } finally {
      if (trustedBefore === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = trustedBefore;
    }
  });
});
