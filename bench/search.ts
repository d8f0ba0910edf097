// npm run bench -- search [--sizes 100000,1000000] [--requests 300] [--reseed] [--no-build]
// Desk search as the front desk lives it: one agent, one query at a time, over
// HTTP against the production build, with queries sampled from the database
// under test. Also one 10-desk concurrent run and the full /guests HTML page.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { prefixUpperBound, queryPrefixes } from "../app/domain/guests/search-keys";
import { DEMO_LOGINS, DEMO_PASSWORD } from "../prisma/seed/demo-logins";
import { Rng } from "../prisma/seed/random";
import { databaseFacts, seededDatabase, warmPageCache } from "./lib/databases";
import { DeskClient, login } from "./lib/http";
import { buildApp, startServer } from "./lib/server";
import { markdownTable, summarise, table, type Summary } from "./lib/stats";

const TARGET_P95_MS = 50;
const WARMUP = 30;

export type KeyType =
  "initials" | "pinyinPrefix" | "chineseName" | "latinName" | "phoneTail" | "emailPrefix" | "profileNumber" | "company" | "room";
export type Query = { q: string; expectProfileNumber?: string };

export const KEY_TYPES: { type: KeyType; label: string }[] = [
  { type: "initials", label: "pinyin initials (zs)" },
  { type: "pinyinPrefix", label: "full pinyin prefix (zhangs)" },
  { type: "chineseName", label: "Chinese name (张三)" },
  { type: "latinName", label: "Latin name (muller)" },
  { type: "phoneTail", label: "phone last 4 digits" },
  { type: "emailPrefix", label: "e-mail prefix" },
  { type: "profileNumber", label: "profile number" },
  { type: "company", label: "company" },
  { type: "room", label: "in-house room number" },
];

type GuestSample = {
  profileNumber: string;
  fullName: string;
  familyName: string | null;
  givenName: string | null;
  namePinyin: string | null;
  phone: string | null;
  email: string | null;
  company: string | null;
};

const stripAccents = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "");

/** Queries of each key type, drawn from real rows of the database under test. */
export function sampleQueries(file: string, perType: number, seed: number): Record<KeyType, Query[]> {
  const db = new Database(file, { readonly: true });
  const rng = new Rng(seed);
  try {
    const maxId = (db.prepare(`SELECT MAX(id) AS n FROM "Guest"`).get() as { n: number }).n;
    const ids = Array.from({ length: Math.min(maxId, perType * 12) }, () => rng.int(1, maxId));
    const guests = db
      .prepare(
        `SELECT "profileNumber", "fullName", "familyName", "givenName", "namePinyin", "phone", "email", "company" FROM "Guest" WHERE id IN (SELECT value FROM json_each(?)) AND "deletedAt" IS NULL`,
      )
      .all(JSON.stringify(ids)) as GuestSample[];
    // Rows come back in id order: shuffle, or the first queries would all be low ids (one warm corner of the file).
    guests.splice(0, guests.length, ...rng.sample(guests, guests.length));
    const rooms = db
      .prepare(
        `SELECT s."roomNumber" AS "roomNumber", g."profileNumber" AS "profileNumber" FROM "Stay" s JOIN "Guest" g ON g.id = s."guestId" WHERE s."status" = 'IN_HOUSE' AND s."roomNumber" IS NOT NULL`,
      )
      .all() as { roomNumber: string; profileNumber: string }[];
    const chinese = guests.filter((g) => g.namePinyin);
    const latin = guests.filter((g) => !g.namePinyin);
    const take = <T>(items: T[], make: (item: T, i: number) => Query | null): Query[] => {
      const out: Query[] = [];
      for (let i = 0; out.length < perType && items.length && i < perType * 20; i++) {
        const q = make(items[i % items.length], i);
        if (q) out.push(q);
      }
      return out;
    };
    const syllables = (g: GuestSample) => g.namePinyin!.split(" ");
    return {
      // Every tenth query is the classic "zs"; the rest are initials of real guests.
      initials: take(chinese, (g, i) => ({
        q:
          i % 10 === 0
            ? "zs"
            : syllables(g)
                .slice(0, 2)
                .map((s) => s[0])
                .join(""),
      })),
      pinyinPrefix: take(chinese, (g, i) => {
        if (i % 10 === 0) return { q: "zhangs" };
        const [family, given] = syllables(g);
        return given ? { q: family + given.slice(0, 1 + (i % 2)) } : null;
      }),
      chineseName: take(chinese, (g) => ({ q: g.fullName, expectProfileNumber: g.profileNumber })),
      latinName: take(latin, (g, i) => {
        if (i % 10 === 0) return { q: "muller" };
        const family = stripAccents(g.familyName ?? "")
          .toLowerCase()
          .split(/\s+/)[0];
        const full = stripAccents(g.fullName);
        return i % 2 ? { q: family } : { q: i % 4 ? full.toLowerCase() : full.toUpperCase(), expectProfileNumber: g.profileNumber };
      }),
      phoneTail: take(
        guests.filter((g) => g.phone),
        (g) => ({ q: g.phone!.replace(/\D/g, "").slice(-4) }),
      ),
      emailPrefix: take(
        guests.filter((g) => g.email),
        (g, i) => {
          const local = g.email!.split("@")[0];
          return { q: local.slice(0, Math.min(local.length, 6 + (i % 5))) };
        },
      ),
      profileNumber: take(guests, (g) => ({ q: g.profileNumber, expectProfileNumber: g.profileNumber })),
      company: take(
        guests.filter((g) => g.company),
        (g) => ({ q: /\p{Script=Han}/u.test(g.company!) ? g.company!.slice(0, 4) : g.company!.split(/[\s,]+/)[0].toLowerCase() }),
      ),
      room: take(rooms, () => {
        const room = rng.pick(rooms);
        return { q: room.roomNumber, expectProfileNumber: room.profileNumber };
      }),
    };
  } finally {
    db.close();
  }
}

/** The app's search SQL (copied from search-guests.server.ts), timed in-process: the database's share of a request. */
function sqlFloor(file: string, queries: Query[]) {
  const db = new Database(file, { readonly: true });
  try {
    const keyStmt = db.prepare(`SELECT k."guestId" AS "guestId", k."key" AS "key"
      FROM "GuestSearchKey" k CROSS JOIN "Guest" g
      WHERE g."id" = k."guestId" AND k."key" >= ? AND k."key" < ? AND g."deletedAt" IS NULL
      ORDER BY k."key" LIMIT 25`);
    const roomStmt = db.prepare(`SELECT s."guestId" AS "guestId" FROM "Stay" s JOIN "Guest" g ON g."id" = s."guestId"
      WHERE s."status" = 'IN_HOUSE' AND s."roomNumber" = ? AND g."deletedAt" IS NULL LIMIT 5`);
    const explain = (sql: string, params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join("; ");
    const times: number[] = [];
    const run = (q: string) => {
      const { prefixes, roomNumber } = queryPrefixes(q);
      for (const { prefix } of prefixes) keyStmt.all(prefix, prefixUpperBound(prefix));
      if (roomNumber) roomStmt.all(roomNumber);
    };
    for (const { q } of queries.slice(0, 10)) run(q);
    for (const { q } of queries) {
      const started = performance.now();
      run(q);
      times.push(performance.now() - started);
    }
    const sample = queryPrefixes(queries[0]?.q ?? "zs");
    const plans = [
      ...sample.prefixes.slice(0, 1).map(({ prefix }) => `keys: ${explain(keyStmt.source, [prefix, prefixUpperBound(prefix)])}`),
      ...(sample.roomNumber ? [`room: ${explain(roomStmt.source, [sample.roomNumber])}`] : []),
    ];
    const lookups: string[] = sample.prefixes.map((p) => p.kind);
    if (sample.roomNumber) lookups.push("room");
    return { summary: summarise(times), lookups, plans };
  } finally {
    db.close();
  }
}

type KeyResult = {
  type: KeyType;
  label: string;
  http: Summary;
  sql: Summary;
  lookups: string[];
  plans: string[];
  avgResults: number;
  expectedFound: string | null;
  errors: number;
  examples: string[];
};
type SizeResult = {
  guests: number;
  database: ReturnType<typeof databaseFacts> & { reused: boolean; seedSeconds: number | null; seedLog: string[] };
  keys: KeyResult[];
  concurrent: { clients: number; requests: number; seconds: number; perSecond: number; latency: Summary; errors: number };
  page: { type: KeyType; latency: Summary; errors: number }[];
};

async function measureSequential(client: DeskClient, queries: Query[], warmup: Query[], pathFor: (q: string) => string) {
  for (const { q } of warmup) await client.get(pathFor(q));
  const times: number[] = [];
  let errors = 0,
    results = 0,
    expected = 0,
    found = 0;
  for (const query of queries) {
    const res = await client.get(pathFor(query.q));
    times.push(res.ms);
    if (res.status !== 200) {
      errors++;
      continue;
    }
    if (res.body.startsWith("{")) {
      const list = (JSON.parse(res.body) as { results: { profileNumber: string }[] }).results;
      results += list.length;
      if (query.expectProfileNumber) {
        expected++;
        if (list.some((r) => r.profileNumber === query.expectProfileNumber)) found++;
      }
    }
  }
  return {
    latency: summarise(times),
    errors,
    avgResults: Math.round((10 * results) / Math.max(1, queries.length - errors)) / 10,
    expectedFound: expected ? `${found}/${expected}` : null,
  };
}

async function measureConcurrent(baseUrl: string, cookie: string, queries: Query[], clients: number, total: number) {
  const desks = Array.from({ length: clients }, () => new DeskClient(baseUrl, cookie));
  for (const desk of desks) await desk.get(`/api/guests/search?q=zs`);
  const times: number[] = [];
  let next = 0,
    errors = 0;
  const started = performance.now();
  await Promise.all(
    desks.map(async (desk) => {
      while (next < total) {
        const q = queries[next++ % queries.length].q;
        const res = await desk.get(`/api/guests/search?q=${encodeURIComponent(q)}`);
        times.push(res.ms);
        if (res.status !== 200) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  desks.forEach((d) => d.close());
  return {
    clients,
    requests: times.length,
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round(times.length / seconds),
    latency: summarise(times),
    errors,
  };
}

export async function run(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: "string", default: "100000,1000000" },
      requests: { type: "string", default: "300" },
      "concurrent-requests": { type: "string", default: "2000" },
      "page-requests": { type: "string", default: "100" },
      reseed: { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      today: { type: "string" },
    },
  });
  const sizes = values.sizes.split(",").map((s) => Number(s.replace(/[_k]/g, (m) => (m === "k" ? "000" : ""))));
  const perType = Number(values.requests);
  const log = (line: string) => console.log(`[bench search] ${line}`);
  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0];

  // Seed first (minutes at 1M), then build: the build then matches the code being measured.
  const databases = sizes.map((n) => {
    const seeded = seededDatabase(n, { reseed: values.reseed, today: values.today, log });
    log(
      `${seeded.reused ? "reusing" : "seeded"} ${path.relative(process.cwd(), seeded.file)}${seeded.seedSeconds ? ` in ${seeded.seedSeconds.toFixed(0)} s` : ""}`,
    );
    return seeded;
  });
  if (!values["no-build"]) buildApp(log);

  const results: SizeResult[] = [];
  for (const seeded of databases) {
    const facts = databaseFacts(seeded.file);
    log(
      `${seeded.guests.toLocaleString("en")} guests: ${facts.fileMiB} MiB, ${facts.stays.toLocaleString("en")} stays, ${facts.charges.toLocaleString("en")} charges, ${facts.searchKeys.toLocaleString("en")} search keys${facts.analyzed ? " (ANALYZEd)" : ""}`,
    );
    const queries = sampleQueries(seeded.file, perType + WARMUP, seeded.guests);
    await warmPageCache(seeded.file);
    const server = await startServer(seeded.file, log);
    try {
      const deskLogin = DEMO_LOGINS.find((l) => l.role === "FRONT_DESK")!;
      const cookie = await login(server.baseUrl, deskLogin.username, DEMO_PASSWORD);
      const client = new DeskClient(server.baseUrl, cookie);
      const keys: KeyResult[] = [];
      for (const { type, label } of KEY_TYPES) {
        const all = queries[type];
        const warmup = all.slice(perType),
          timed = all.slice(0, perType);
        const measured = await measureSequential(client, timed, warmup, (q) => `/api/guests/search?q=${encodeURIComponent(q)}`);
        const floor = sqlFloor(seeded.file, timed);
        keys.push({
          type,
          label,
          http: measured.latency,
          sql: floor.summary,
          lookups: floor.lookups,
          plans: floor.plans,
          avgResults: measured.avgResults,
          expectedFound: measured.expectedFound,
          errors: measured.errors,
          examples: timed.slice(0, 4).map((q) => q.q),
        });
        log(
          `${label}: p50 ${measured.latency.p50} ms, p95 ${measured.latency.p95} ms, p99 ${measured.latency.p99} ms (sql p50 ${floor.summary.p50} ms)${measured.errors ? `, ${measured.errors} errors` : ""}`,
        );
      }
      const mixed = KEY_TYPES.flatMap(({ type }) => queries[type]);
      new Rng(7).sample(mixed, mixed.length).forEach((q, i) => (mixed[i] = q));
      const concurrent = await measureConcurrent(server.baseUrl, cookie, mixed, 10, Number(values["concurrent-requests"]));
      log(
        `10 desks at once: ${concurrent.perSecond} req/s, p50 ${concurrent.latency.p50} ms, p95 ${concurrent.latency.p95} ms, p99 ${concurrent.latency.p99} ms`,
      );
      const page: SizeResult["page"] = [];
      for (const type of ["initials", "phoneTail"] as const) {
        const all = queries[type].slice(0, Number(values["page-requests"]));
        const measured = await measureSequential(client, all, all.slice(0, 10), (q) => `/guests?q=${encodeURIComponent(q)}`);
        page.push({ type, latency: measured.latency, errors: measured.errors });
        log(`HTML /guests?q= (${type}): p50 ${measured.latency.p50} ms, p95 ${measured.latency.p95} ms`);
      }
      client.close();
      results.push({
        guests: seeded.guests,
        database: { ...facts, reused: seeded.reused, seedSeconds: seeded.seedSeconds, seedLog: seeded.seedLog },
        keys,
        concurrent,
        page,
      });
    } finally {
      await server.stop();
    }
  }
  report(results, startedAt, [loadAtStart, os.loadavg()[0]]);
}

function report(results: SizeResult[], startedAt: Date, loadAverage: number[]) {
  const environment = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStartAndEnd: loadAverage.map((l) => Math.round(l * 10) / 10),
  };
  const headers = ["key type", "guests", "p50 ms", "p95 ms", "p99 ms", "max ms", "sql p50 ms", "avg results", "expected found", "errors"];
  const rows = results.flatMap((r) =>
    r.keys.map((k) => [
      k.label,
      r.guests.toLocaleString("en"),
      k.http.p50,
      k.http.p95,
      k.http.p99,
      k.http.max,
      k.sql.p50,
      k.avgResults,
      k.expectedFound ?? "–",
      k.errors,
    ]),
  );
  console.log(`\n${table(headers, rows)}\n`);

  const date = startedAt.toISOString().slice(0, 10);
  fs.mkdirSync("bench/results", { recursive: true });
  const jsonFile = `bench/results/search-${date}.json`;
  fs.writeFileSync(
    jsonFile,
    JSON.stringify({ startedAt: startedAt.toISOString(), environment, targetP95Ms: TARGET_P95_MS, results }, null, 2) + "\n",
  );

  const slow = results.flatMap((r) => r.keys.filter((k) => k.http.p95 > TARGET_P95_MS).map((k) => ({ guests: r.guests, ...k })));
  const md = [
    `# Search benchmark`,
    ``,
    `Run ${startedAt.toISOString()} with \`npm run bench -- search\` on ${environment.cpus} CPUs (${environment.cpuModel}), ${environment.memoryGiB} GiB, Node ${environment.node}; ` +
      `1-minute load average ${environment.loadAverageAtStartAndEnd.join(" → ")} (other work on the machine inflates the tail). ` +
      `Production build served by the app's web server (app/http/server.ts); one desk client with keep-alive, signed in as \`desk\`; ${results[0]?.keys[0]?.http.n ?? 0} timed requests per key type after ${WARMUP} warm-up requests, queries sampled from the database under test. ` +
      `"sql p50" is the app's key-range SQL run in-process with better-sqlite3 — the database's share of a request. Target: p95 ≤ ${TARGET_P95_MS} ms at 1M guests.`,
    ``,
    `## Databases`,
    ``,
    markdownTable(
      ["guests", "file", "stays", "charges", "search keys", "timeline events", "in house", "seeded in"],
      results.map((r) => [
        r.guests.toLocaleString("en"),
        `${r.database.fileMiB} MiB`,
        r.database.stays.toLocaleString("en"),
        r.database.charges.toLocaleString("en"),
        r.database.searchKeys.toLocaleString("en"),
        r.database.timelineEvents.toLocaleString("en"),
        r.database.inHouse,
        r.database.seedSeconds ? `${r.database.seedSeconds.toFixed(0)} s` : "(reused)",
      ]),
    ),
    ``,
    `## GET /api/guests/search — one desk`,
    ``,
    markdownTable(headers, rows),
    ``,
    `## Ten desks at once (mixed key types)`,
    ``,
    markdownTable(
      ["guests", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"],
      results.map((r) => [
        r.guests.toLocaleString("en"),
        r.concurrent.requests,
        r.concurrent.perSecond,
        r.concurrent.latency.p50,
        r.concurrent.latency.p95,
        r.concurrent.latency.p99,
        r.concurrent.errors,
      ]),
    ),
    ``,
    `## Full HTML page GET /guests?q=`,
    ``,
    markdownTable(
      ["guests", "key type", "p50 ms", "p95 ms", "p99 ms", "errors"],
      results.flatMap((r) =>
        r.page.map((p) => [r.guests.toLocaleString("en"), p.type, p.latency.p50, p.latency.p95, p.latency.p99, p.errors]),
      ),
    ),
    ``,
    `## Query plans (one sample query per key type, largest database)`,
    ``,
    ...(results
      .at(-1)
      ?.keys.map(
        (k) =>
          `- **${k.label}** — lookups: ${k.lookups.join(", ")}; e.g. ${k.examples.map((e) => `\`${e}\``).join(", ")}\n  - ${k.plans.join("\n  - ")}`,
      ) ?? []),
    ``,
    slow.length
      ? `## Over target\n\n${slow.map((s) => `- ${s.label} at ${s.guests.toLocaleString("en")}: p95 ${s.http.p95} ms (sql p50 ${s.sql.p50} ms)`).join("\n")}\n`
      : `All key types are within the p95 target.\n`,
    `Raw numbers: \`${jsonFile}\`.`,
    ``,
  ].join("\n");
  fs.writeFileSync("bench/results/search.md", md);
  console.log(`wrote ${jsonFile} and bench/results/search.md`);
}
