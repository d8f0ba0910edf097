// Bad input never reaches a 500 (issue 8, item 10). Every route of app/routes
// (read with Remix's own flat-routes convention, so a new route is fuzzed as
// soon as it exists) is sent hostile requests through the real web server, as
// an administrator (who has every permission) from the app's own pages:
// forms with the route's real field names (read from its source, its UI
// components and its zod schemas) holding hostile values, JSON, empty,
// malformed and boundary-less multipart bodies, unknown / negative / huge /
// non-numeric ids, query parameters with hostile values, and the methods
// DELETE / PUT / PATCH. Every answer must be below 500; and every request the
// server refuses (4xx) must leave the row count of every table unchanged.
//
// Tables left out of that comparison, because they legitimately change when
// a request is refused: AuditEntry and AuditEntryGuest (the access register
// records every read of personal data, refused submissions included, e.g. the
// edit form's read or a list page rendered again; AuditEntryGuest holds the
// guests a list read showed),
// StaffSession (last-seen is touched on every request; sign-out ends rows),
// RateLimitCounter (a refused sign-in or a search counts against the throttle).
//
// FUZZ_RUNS (default 200) cases per route; FUZZ_SEED fixes the seed (the seed
// of a failing run is printed, with the smallest failing request).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, dbProvider } from "~/db/client.server";
import { ensureDefaultHolidays } from "~/domain/outreach/holidays";
import { unsubscribeToken } from "~/domain/outreach/unsubscribe.server";
import { surveyToken } from "~/domain/surveys/survey-invitations.server";
import { mergeGuests } from "~/domain/duplicates/merge-guests.server";
import { eraseGuest } from "~/domain/retention/erase-guest.server";
import { appRoutes, inputsOf, paramsOf, pathOf, type RouteEntry } from "../support/app-routes";
import { fromOwnPage, signInOverHttp, startAppServer, type AppServer, type Reply } from "../support/app-server";
import { plantCampaign, plantGuest, plantProperty, plantStaffMember, plantStay } from "../support/fixtures";
import { dataUrlOf, decodeSingleFetch } from "../support/single-fetch";

process.env.ID_ENCRYPTION_KEY ||= "fuzz-test-id-key";
process.env.UNSUBSCRIBE_SECRET ||= "fuzz-test-unsubscribe-secret";

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const PASSWORD = "correct horse battery";
const UNCOUNTED = new Set(["AuditEntry", "AuditEntryGuest", "StaffSession", "RateLimitCounter", "_prisma_migrations"]);

let app: AppServer;
let tables: string[];

beforeAll(async () => {
  await plantProperty("FZZ", "Asia/Shanghai", "CNY");
  // The campaign pages insert the default holidays at their first visit (a loader's one-time set-up, also after
  // a refused POST renders the page): done here, so that it is not taken for a refused request's write.
  await ensureDefaultHolidays(db());
  app = await startAppServer();
  const all =
    dbProvider() === "postgres"
      ? await db().$queryRawUnsafe<{ name: string }[]>(`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema()`)
      : await db().$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  tables = all.map((t) => t.name).filter((t) => !UNCOUNTED.has(t));
}, 180_000);

afterAll(async () => {
  await app?.stop();
});

/** The row count of every counted table, in one query. */
async function rowCounts(): Promise<Record<string, number>> {
  const select = tables.map((t, i) => `(SELECT COUNT(*) FROM "${t}") AS c${i}`).join(", ");
  const [row] = await db().$queryRawUnsafe<Record<string, bigint | number>[]>(`SELECT ${select}`);
  return Object.fromEntries(tables.map((t, i) => [t, Number(row[`c${i}`])]));
}

// ---- hostile values

const LONG = "x".repeat(100_000);
const hostileText = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      "",
      " ",
      "\u0000",
      "a\u0000b",
      "\u0007",
      "\u001b[31m",
      "\u007f",
      "\u0085",
      "\uFFFD",
      "\uD800",
      "x\uDFFFy",
      "\uFFFE",
      "\r\n",
      "\t",
      "1e20",
      "-1",
      "0",
      "-0",
      "1.5",
      "NaN",
      "Infinity",
      "-Infinity",
      "1e400",
      "0x10",
      "999999999",
      "2147483648",
      "99999999999999999999",
      "2026-02-30",
      "9999-99-99",
      "0000-00-00",
      "2026-13-01",
      "2026-02-30T25:61",
      "+275760-09-13",
      "-271821-04-19",
      "abc",
      "on",
      "true",
      "null",
      "undefined",
      "[]",
      "{}",
      "__proto__",
      "constructor",
      "//evil.example",
      "/\\evil.example",
      "<script>alert(1)</script>",
      '\'; DROP TABLE "Guest"; --',
      "%00",
      "😀",
      "李新客",
      LONG,
      "1".repeat(10_000),
    ),
  },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString())) },
);

const hostileId = fc.constantFrom(
  "0",
  "-1",
  "999999999",
  "2147483648",
  "1e400",
  "abc",
  "1.5",
  " 7",
  "\u0000",
  "%FF",
  "李",
  "😀",
  LONG.slice(0, 3000),
);

type Case = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  describe: string;
};

type Target = { route: RouteEntry; names: string[]; intents: string[]; hasAction: boolean; params: string[] };

/** A form body: real field names (repeated fields allowed) and hostile values; `intent` among the real ones or not. */
function formBody(target: Target) {
  const name = fc.oneof(
    { weight: 8, arbitrary: target.names.length ? fc.constantFrom(...target.names) : fc.constant("field") },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  );
  const intent = fc.option(
    fc.oneof(
      target.intents.length ? fc.constantFrom(...target.intents) : fc.constant("save"),
      fc.constantFrom("noSuchIntent", "", "__proto__"),
    ),
    { nil: undefined },
  );
  return fc.record({ pairs: fc.array(fc.tuple(name, hostileText), { maxLength: 12 }), intent }).map(({ pairs, intent: i }) => {
    const params = new URLSearchParams();
    if (i !== undefined) params.append("intent", i);
    for (const [k, v] of pairs) params.append(k, v);
    return { contentType: "application/x-www-form-urlencoded", body: params.toString() as string | Buffer, kind: "form" };
  });
}

function rawBody(target: Target) {
  const json = fc
    .dictionary(target.names.length ? fc.constantFrom(...target.names) : fc.string(), fc.oneof(hostileText, fc.jsonValue()), { maxKeys: 6 })
    .map((o) => ({ contentType: "application/json", body: JSON.stringify(o) as string | Buffer, kind: "json" }));
  const fixed = fc.constantFrom(
    { contentType: "", body: "", kind: "empty, no content-type" },
    { contentType: "application/x-www-form-urlencoded", body: "", kind: "empty form" },
    { contentType: "application/x-www-form-urlencoded", body: "%", kind: "malformed urlencoded" },
    { contentType: "application/x-www-form-urlencoded", body: "a=%ZZ&&=&intent=%E0%A4", kind: "malformed urlencoded" },
    { contentType: "application/x-www-form-urlencoded", body: "intent=%ED%A0%80&name=%FF%FE%00", kind: "invalid UTF-8" },
    { contentType: "application/x-www-form-urlencoded", body: Buffer.from([0xff, 0xfe, 0x00, 0x3d, 0xc3]), kind: "binary" },
    {
      contentType: "multipart/form-data",
      body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
      kind: "multipart, no boundary",
    },
    { contentType: "multipart/form-data; boundary=zz", body: "--zz\r\nbroken", kind: "multipart, broken" },
    { contentType: "text/plain", body: "intent=delete", kind: "text/plain" },
    { contentType: "application/json", body: "{not json", kind: "broken JSON" },
    { contentType: "application/json", body: "", kind: "empty JSON" },
  );
  return fc.oneof(json, fixed);
}

function caseOf(target: Target, planted: Record<string, string>): fc.Arbitrary<Case> {
  const ids = fc.record(
    Object.fromEntries(
      target.params.map((p) => [p, fc.oneof({ weight: 3, arbitrary: fc.constant(planted[p]) }, { weight: 1, arbitrary: hostileId })]),
    ),
  );
  const query = fc.array(
    fc.tuple(target.names.length ? fc.constantFrom(...target.names, "page", "q") : fc.constantFrom("page", "q"), hostileText),
    { maxLength: 5 },
  );
  const suffix = target.route.index ? "index" : "";
  const url = fc.tuple(ids, query).map(([values, pairs]) => {
    const p = pathOf(routes, target.route.id, (name) => values[name] ?? planted[name]);
    const q = new URLSearchParams(pairs);
    const search = [suffix, q.toString()].filter(Boolean).join("&");
    return search ? `${p}?${search}` : p;
  });
  // Some requests as Remix's client sends them: single fetch, the whole page's data or one route's.
  const data = fc.option(fc.constantFrom(undefined, [target.route.id]), { nil: null, freq: 4 });
  const withData = fc.tuple(url, data).map(([u, d]) => (d === null ? u : dataUrlOf(u, d)));
  const get = withData.map((u) => ({ method: "GET", url: u, headers: {}, describe: `GET ${u.slice(0, 300)}` }));
  if (!target.hasAction) return get;
  const body = fc.oneof({ weight: 3, arbitrary: formBody(target) }, { weight: 1, arbitrary: rawBody(target) });
  const method = fc.constantFrom("POST", "POST", "POST", "DELETE", "PUT", "PATCH");
  const write = fc.tuple(method, withData, body).map(([m, u, b]) => ({
    method: m,
    url: u,
    headers: b.contentType ? { "content-type": b.contentType } : ({} as Record<string, string>),
    body: b.body,
    describe: `${m} ${u.slice(0, 300)} (${b.kind}) ${String(b.body).slice(0, 300)}`,
  }));
  return fc.oneof({ weight: 1, arbitrary: get }, { weight: 4, arbitrary: write });
}

function endsSession(reply: Reply) {
  return ([] as string[])
    .concat(reply.headers["set-cookie"] ?? [])
    .some((c) => /^ga_session=;|^ga_session=.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i.test(c));
}

const routes = appRoutes();
const targets: Target[] = [...routes.values()]
  .filter((r) => r.id !== "root")
  .map((route) => ({ route, params: paramsOf(routes, route.id), ...inputsOf(route) }))
  .filter((t) => t.hasAction || t.hasLoader);

describe("hostile input never reaches a 500 and never half-writes", () => {
  it("finds the app's forms and endpoints", () => {
    expect(targets.filter((t) => t.hasAction).length).toBeGreaterThanOrEqual(18);
    expect(targets.find((t) => t.route.id === "routes/guests.new")?.names).toEqual(expect.arrayContaining(["fullName", "email"]));
    expect(targets.find((t) => t.route.id === "routes/guests.$guestId")?.intents).toEqual(expect.arrayContaining(["delete", "erase"]));
  });

  it.each(targets.map((t) => [t.route.id, t] as const))(
    "%s",
    async (_id, target) => {
      // Each route gets its own administrator (a "sign out everywhere" ends only its sessions) and its own records.
      const admin = await plantStaffMember("ADMIN");
      const planted: Record<string, string> = {};
      if (target.params.includes("guestId"))
        planted.guestId = String(
          (await plantGuest(admin.actor, { fullName: "Fuzz Guest", email: "fuzz@example.test", consentEmail: "on" })).guestId,
        );
      if (target.params.includes("campaignId"))
        planted.campaignId = String((await plantCampaign(admin.actor, { name: "Fuzz campaign" })).id);
      if (target.params.includes("staffId")) planted.staffId = String((await plantStaffMember("FRONT_DESK")).id);
      if (target.params.includes("token")) {
        const { guestId } = await plantGuest(admin.actor, { fullName: "Fuzz Subscriber", email: "sub@example.test", consentEmail: "on" });
        planted.token = unsubscribeToken(guestId, "EMAIL");
      }
      if (target.params.includes("number")) {
        const { guestId } = await plantGuest(admin.actor, { fullName: "Fuzz Erased" });
        planted.number = (await eraseGuest(db(), admin.actor, guestId)).number;
      }
      if (target.params.includes("mergeId")) {
        const a = await plantGuest(admin.actor, { fullName: "Fuzz Merge Survivor" });
        const b = await plantGuest(admin.actor, { fullName: "Fuzz Merge Other" });
        const merge = await mergeGuests(db(), admin.actor, {
          survivorId: a.guestId,
          otherId: b.guestId,
          expectedVersions: { survivor: 1, other: 1 },
        });
        planted.mergeId = String(merge.mergeId);
      }
      if (target.params.includes("candidateId")) {
        // Two profiles of one guest (same name and e-mail): a pair in the duplicate queue.
        const a = await plantGuest(admin.actor, { fullName: "Fuzz Twin", email: "fuzz.twin@example.test" });
        const b = await plantGuest(admin.actor, { fullName: "Fuzz Twin", email: "fuzz.twin@example.test" });
        const pair = await db().duplicateCandidate.findFirstOrThrow({
          where: { lowGuestId: Math.min(a.guestId, b.guestId), highGuestId: Math.max(a.guestId, b.guestId) },
        });
        planted.candidateId = String(pair.id);
      }
      if (target.params.includes("stayId") || target.params.includes("surveyToken")) {
        // A checked-out stay of the planted guest (or of a guest of its own), and its e-mailed survey link.
        const guestId = Number(planted.guestId ?? (await plantGuest(admin.actor, { fullName: "Fuzz Surveyed" })).guestId);
        planted.guestId ??= String(guestId);
        const property = await db().property.findFirstOrThrow({ select: { id: true } });
        const stay = await plantStay(admin.actor, guestId, {
          propertyId: String(property.id),
          arrivalDate: "2026-11-01",
          departureDate: "2026-11-03",
          status: "CHECKED_OUT",
        });
        planted.stayId = String(stay.id);
        const invitation = await db().surveyInvitation.create({
          data: { stayId: stay.id, language: "en", status: "SENT", expiresAt: new Date(Date.now() + 86_400_000) },
        });
        planted.surveyToken = surveyToken(invitation.id);
      }
      for (const p of target.params) if (!planted[p]) throw new Error(`${target.route.id}: no planted value for :${p}`);
      // The /login fuzz's wrong guesses all come from 127.0.0.1: forget them, or this sign-in is throttled (429).
      await db().rateLimitCounter.deleteMany();
      let cookie = await signInOverHttp(app, admin.username, PASSWORD);
      // The counts after a refused write are the counts before the next one (half the queries);
      // after anything else (a GET may write, e.g. the default holidays) they are taken afresh.
      let counted: Record<string, number> | undefined;

      await fc.assert(
        fc.asyncProperty(caseOf(target, planted), async (c) => {
          const before = c.method === "GET" ? undefined : (counted ?? (await rowCounts()));
          counted = undefined;
          const reply = await app.request(c.method, c.url, {
            headers: fromOwnPage(app, { cookie, "accept-language": "en", ...c.headers }),
            body: c.body,
          });
          // Signing out is what /logout does: its later cases run signed out (a sign-in per case would cost seconds).
          if (endsSession(reply) && target.route.id !== "routes/logout") cookie = await signInOverHttp(app, admin.username, PASSWORD);
          if (reply.status >= 500) throw new Error(`${c.describe}\n→ ${reply.status}: ${reply.body.slice(0, 500)}`);
          if (before && reply.status >= 400) {
            const after = await rowCounts();
            expect(after, `${c.describe} → ${reply.status}`).toEqual(before);
            counted = after;
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    Math.max(60_000, RUNS * 400),
  );
});

describe("what a refused request tells the user", () => {
  let cookie: string;
  let guestId: number;
  beforeAll(async () => {
    const admin = await plantStaffMember("ADMIN");
    guestId = (await plantGuest(admin.actor, { fullName: "Refusal Guest" })).guestId;
    await db().rateLimitCounter.deleteMany();
    cookie = await signInOverHttp(app, admin.username, PASSWORD);
  });
  const send = (method: string, url: string, language: string, options: { body?: string; contentType?: string } = {}) =>
    app.request(method, url, {
      headers: fromOwnPage(app, {
        cookie,
        "accept-language": language,
        ...(options.contentType ? { "content-type": options.contentType } : {}),
      }),
      body: options.body,
    });

  it("a body that is not a form (none, JSON) is a 400 that says so, in both languages, and changes nothing", async () => {
    const before = await rowCounts();
    const empty = await send("DELETE", `/guests/${guestId}`, "en");
    expect(empty.status).toBe(400);
    expect(empty.body).toContain("The request did not carry a form. Nothing was saved");
    const json = await send("POST", "/guests/new", "zh-CN", { body: '{"fullName":"A"}', contentType: "application/json" });
    expect(json.status).toBe(400);
    expect(json.body).toContain("请求中没有表单内容。");
    const data = await send("POST", dataUrlOf("/guests/new"), "en", { body: "{", contentType: "application/json" });
    expect(data.status).toBe(400);
    expect(await decodeSingleFetch(data.body)).toEqual({
      error: { errorResponse: { status: 400, statusText: "", data: { messageKey: "error.notAForm" } } },
    });
    expect(await rowCounts()).toEqual(before);
    expect(await db().guest.count({ where: { id: guestId, deletedAt: null } })).toBe(1);
  });

  it("an intent that does not exist (even one every object has) is a 400 that says so", async () => {
    for (const intent of ["noSuchIntent", "__proto__", "constructor", "toString"]) {
      const reply = await send("POST", `/guests/${guestId}`, "en", {
        body: new URLSearchParams({ intent }).toString(),
        contentType: "application/x-www-form-urlencoded",
      });
      expect(reply.status, intent).toBe(400);
      expect(reply.body).toContain("This action does not exist.");
    }
    const zh = await send("POST", `/guests/${guestId}`, "zh-CN", { body: "intent=nope", contentType: "application/x-www-form-urlencoded" });
    expect(zh.body).toContain("此操作不存在。");
  });

  it("an id that names no record — unknown, negative, not a number, beyond 32 bits — is a 404", async () => {
    for (const id of ["999999999", "-1", "0", "abc", "1e400", "1.5", "2147483648", "99999999999"]) {
      expect((await send("GET", `/guests/${id}`, "en")).status, id).toBe(404);
      expect((await send("GET", `/guests/${id}/edit`, "en")).status, id).toBe(404);
      expect(
        (await send("POST", `/guests/${id}`, "en", { body: "intent=delete", contentType: "application/x-www-form-urlencoded" })).status,
        id,
      ).toBe(404);
    }
    const prefs = await send("POST", `/guests/${guestId}`, "en", {
      body: "intent=acceptPreference&preferenceId=2147483648",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(prefs.status).toBe(404);
  });

  it("a form refused for an impossible date keeps what was typed and says what is wrong", async () => {
    const before = await rowCounts();
    const reply = await send("POST", "/guests/new", "en", {
      body: new URLSearchParams({ fullName: "Typed Keepsname", email: "typed@example.test", birthDate: "2026-02-30" }).toString(),
      contentType: "application/x-www-form-urlencoded",
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain("Typed Keepsname");
    expect(reply.body).toContain("typed@example.test");
    expect(reply.body).toContain("Enter a real date (YYYY-MM-DD).");
    expect(await rowCounts()).toEqual(before);
  });
});

describe("a valid form for a record that does not exist", () => {
  it("answers 404 or 409, never 500, and writes nothing", async () => {
    const admin = await plantStaffMember("ADMIN");
    await db().rateLimitCounter.deleteMany();
    const cookie = await signInOverHttp(app, admin.username, PASSWORD);
    const property = String((await plantProperty("FZZ")).id);
    const gone = "999999999";
    const posts: [string, Record<string, string>][] = [
      [`/guests/${gone}`, { intent: "delete" }],
      [`/guests/${gone}`, { intent: "legalHold", hold: "on", legalHoldReason: "court order" }],
      [`/guests/${gone}`, { intent: "acceptPreference", preferenceId: gone }],
      [
        `/guests/${gone}`,
        {
          intent: "addStay",
          propertyId: property,
          roomNumber: "1201",
          arrivalDate: "2026-11-01",
          departureDate: "2026-11-03",
          status: "CHECKED_OUT",
          rateAmount: "100",
          roomType: "DELUXE",
          bookingChannel: "DIRECT",
          purpose: "BUSINESS",
          adults: "1",
        },
      ],
      [
        `/guests/${gone}`,
        {
          intent: "addCharge",
          propertyId: property,
          outlet: "Chinese Restaurant",
          covers: "1",
          paymentMethod: "CARD",
          chargedAt: "2026-11-20T19:00",
          grossAmount: "100",
        },
      ],
      [
        `/guests/${gone}`,
        {
          intent: "addFeedback",
          kind: "COMPLAINT",
          propertyId: property,
          category: "NOISE",
          department: "HOUSEKEEPING",
          description: "Noise",
        },
      ],
      [`/outreach/campaigns/${gone}`, { intent: "status", status: "PAUSED" }],
      ["/recycle-bin", { guestId: gone }],
      ["/outreach/holidays", { intent: "toggle", id: gone }],
      [`/analytics/loyalty/${gone}`, { intent: "points", points: "10", reason: "goodwill" }],
    ];
    for (const [url, form] of posts) {
      const before = await rowCounts();
      const reply = await app.request("POST", url, { headers: fromOwnPage(app, { cookie, "accept-language": "en" }), form });
      expect([404, 409], `${url} ${form.intent ?? ""} → ${reply.status}`).toContain(reply.status);
      expect(await rowCounts(), url).toEqual(before);
    }
  });
});
