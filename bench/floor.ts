// npm run bench -- floor [--guests 100000] [--seconds 5] [--clients 1,8] [--no-build] [--profile]
// The per-request floor: the app (production build, its own web server) and a
// bare Node http + better-sqlite3 server (bench/floor-server.ts) on the same
// scratch copy of a seeded database, loaded by the same closed-loop generator
// (bench/lib/load.ts), side by side: GET /healthz, a signed-in empty search
// (the session alone), the desk search, and the check-in profile page.
// --profile runs the app once more per scenario under `node --cpu-prof` and
// prints where its CPU time goes (bench/cpuprofile-summary.ts).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { DEMO_LOGINS, DEMO_PASSWORD } from "../prisma/seed/demo-logins";
import { Rng } from "../prisma/seed/random";
import { summariseProfile, type ProfileSummary } from "./cpuprofile-summary";
import { ensurePostgresClient } from "../tests/support/postgres-client";
import { startThrowawayPostgres } from "../tests/support/throwaway-postgres";
import { BENCH_ID_KEY, databaseFacts, seededDatabase, warmPageCache } from "./lib/databases";
import { login } from "./lib/http";
import { closedLoop, type LoadResult } from "./lib/load";
import { scratchCopy } from "./lib/scratch";
import { buildApp, startServer, type RunningServer } from "./lib/server";
import { markdownTable } from "./lib/stats";
import { KEY_TYPES, sampleQueries } from "./search";

const APP_PORT = 3511;
const BARE_PORT = 3512;
const POSTGRES_PORT = 3519;

type Scenario = { name: string; app: string | null; bare: string | null; signedBare?: string };
type Row = { scenario: string; server: string; result: LoadResult; load: number };

const load1 = () => Math.round(os.loadavg()[0] * 10) / 10;

async function startBare(database: string, log: (line: string) => void): Promise<RunningServer> {
  const output: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", "bench/floor-server.ts"], {
    env: { ...process.env, DATABASE_URL: database.startsWith("postgres") ? database : `file:${database}`, PORT: String(BARE_PORT) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr.on("data", (c: Buffer) => output.push(c.toString()));
  const baseUrl = `http://127.0.0.1:${BARE_PORT}`;
  for (const deadline = Date.now() + 30_000; ;) {
    try {
      if ((await fetch(`${baseUrl}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`bare server did not start:\n${output.join("")}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`bare server up on ${baseUrl} (pid ${child.pid})`);
  return {
    baseUrl,
    output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * A database on the throwaway PostgreSQL server, migrated and seeded with the
 * same archive as the SQLite seed, and the app built for PostgreSQL in a staged
 * copy of the project (as tests/support/serve-e2e-postgres.ts does): the
 * working tree's SQLite build stays as it is. Returns the staged directory.
 */
function seedPostgres(server: { binDir: string; port: number }, url: string, guests: number, log: (line: string) => void): string {
  ensurePostgresClient();
  const sh = (command: string, args: string[], env: Record<string, string> = {}, cwd?: string) => {
    const result = spawnSync(command, args, { env: { ...process.env, ...env }, cwd, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${(result.stdout + result.stderr).slice(-3000)}`);
  };
  sh(path.join(server.binDir, "createdb"), ["-h", "127.0.0.1", "-p", String(server.port), "-U", "postgres", "floor"]);
  const env = {
    DATABASE_URL: url,
    ID_ENCRYPTION_KEY: BENCH_ID_KEY,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${path.resolve("tests/support/use-postgres-client.mjs")}`.trim(),
  };
  sh("npx", ["tsx", "scripts/prisma.ts", "migrate", "deploy"], env);
  const started = performance.now();
  sh("npx", ["tsx", "prisma/seed.ts", "--guests", String(guests)], env);
  log(`seeded ${guests.toLocaleString("en")} guests on PostgreSQL in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  // Planner statistics now, not when autovacuum gets round to it: without them the search's joins scan Guest.
  sh(path.join(server.binDir, "psql"), ["-h", "127.0.0.1", "-p", String(server.port), "-U", "postgres", "-d", "floor", "-c", "ANALYZE"]);
  const stage = path.resolve(".cache/floor-postgres");
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  for (const entry of [
    "app",
    "jobs",
    "prisma",
    "public",
    "scripts",
    "package.json",
    "prisma.config.ts",
    "remix.config.js",
    "tsconfig.json",
  ])
    fs.cpSync(entry, path.join(stage, entry), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => !source.startsWith(path.join("public", "build")),
    });
  fs.symlinkSync(path.resolve("node_modules"), path.join(stage, "node_modules"));
  sh("npx", ["tsx", "scripts/prisma.ts", "generate"], { DATABASE_URL: url }, stage);
  sh("npx", ["remix", "build"], { DATABASE_URL: url }, stage);
  log(`built the app for PostgreSQL in ${path.relative(process.cwd(), stage)}`);
  return stage;
}

/** Guests for the profile page: random live guests with at least one stay. */
function profileGuests(file: string, count: number): number[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT g.id AS id FROM "Guest" g WHERE g."deletedAt" IS NULL AND g."anonymizedAt" IS NULL AND EXISTS (SELECT 1 FROM "Stay" s WHERE s."guestId" = g.id) ORDER BY random() LIMIT ?`,
      )
      .all(count) as { id: number }[];
    return rows.map((r) => r.id);
  } finally {
    db.close();
  }
}

export async function run(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      guests: { type: "string", default: "100000" },
      seconds: { type: "string", default: "5" },
      clients: { type: "string", default: "1,8" },
      "no-build": { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
      "profile-seconds": { type: "string", default: "15" },
      database: { type: "string", default: "sqlite" },
      "web-concurrency": { type: "string", default: "1,2" },
    },
  });
  const guests = Number(values.guests.replace(/k$/, "000"));
  const seconds = Number(values.seconds);
  const clientCounts = values.clients.split(",").map(Number);
  const log = (line: string) => console.log(`[bench floor] ${line}`);
  const startedAt = new Date();

  // Queries and profile guests are drawn from the SQLite seed; the PostgreSQL seed of the same size is the same archive.
  const seeded = seededDatabase(guests, { log });
  // The searches write register rows and rate-limit counters: a scratch copy keeps the seeded file as it was.
  const file = scratchCopy(seeded.file, "floor", log);
  let facts: Record<string, unknown> = databaseFacts(file);
  let database = file;
  let appDir: string | undefined;
  let postgres: Awaited<ReturnType<typeof startThrowawayPostgres>> | null = null;
  try {
    if (values.database === "postgres") {
      postgres = await startThrowawayPostgres({ port: POSTGRES_PORT });
      database = postgres.url("floor");
      appDir = seedPostgres(postgres, database, guests, log);
      facts = { provider: "postgres", guests };
    } else if (!values["no-build"]) buildApp(log);
    const startApp = (nodeArgs: string[] = [], processes = 1) =>
      startServer(database, log, {
        port: APP_PORT,
        nodeArgs,
        cwd: appDir,
        ...(processes > 1 ? { entry: "scripts/web-cluster.ts", env: { WEB_CONCURRENCY: String(processes) } } : {}),
      });
    const queries = sampleQueries(file, 200, guests);
    const mixed = new Rng(11).sample(
      KEY_TYPES.flatMap(({ type }) => queries[type]),
      KEY_TYPES.length * 200,
    );
    const q = (i: number) => encodeURIComponent(mixed[i % mixed.length].q);
    const profileIds = profileGuests(file, 200);
    const scenarios: Scenario[] = [
      { name: "GET /healthz (SELECT 1, no sign-in)", app: "/healthz", bare: "/healthz" },
      { name: "signed-in empty search (session only)", app: "/api/guests/search?q=", bare: null },
      { name: "desk search, mixed key types", app: "/api/guests/search?q=", bare: "/search?q=", signedBare: "/signed-search?q=" },
      { name: "check-in profile page (SSR HTML)", app: "/guests/", bare: null },
    ];
    const pathFor = (base: string, scenario: Scenario) => (i: number) =>
      scenario.name.startsWith("desk search")
        ? `${base}${q(i)}`
        : scenario.name.startsWith("check-in")
          ? `${base}${profileIds[i % profileIds.length]}`
          : base;

    await warmPageCache(file);
    const rows: Row[] = [];
    const loadAtStart = load1();
    const app = await startApp();
    const bare = await startBare(database, log);
    try {
      const desk = DEMO_LOGINS.find((l) => l.role === "FRONT_DESK")!;
      const cookie = await login(app.baseUrl, desk.username, DEMO_PASSWORD);
      for (const scenario of scenarios) {
        const targets: [string, string, string][] = [];
        if (scenario.app) targets.push(["app", app.baseUrl, scenario.app]);
        if (scenario.bare) targets.push(["bare", bare.baseUrl, scenario.bare]);
        if (scenario.signedBare) targets.push(["bare + session, limit, register SQL", bare.baseUrl, scenario.signedBare]);
        for (const clients of clientCounts)
          for (const [server, baseUrl, base] of targets) {
            const result = await closedLoop(baseUrl, cookie, { clients, seconds, path: pathFor(base, scenario) });
            rows.push({ scenario: scenario.name, server, result, load: load1() });
            log(
              `${scenario.name} · ${server} · ${clients} client${clients > 1 ? "s" : ""}: ${result.perSecond} req/s, p50 ${result.latency.p50} ms, p95 ${result.latency.p95} ms, p99 ${result.latency.p99} ms${result.errors ? `, ${result.errors} errors` : ""} (load ${load1()})`,
            );
          }
      }
    } finally {
      await bare.stop();
      await app.stop();
    }

    // The desk's mix (four searches to one profile page) as `npm start` serves it with WEB_CONCURRENCY=N.
    const mixRows: Row[] = [];
    for (const processes of values["web-concurrency"].split(",").filter(Boolean).map(Number)) {
      const server = await startApp([], processes);
      try {
        // Every worker listening before the load starts (each prints its own line).
        for (const deadline = Date.now() + 60_000; server.output.filter((l) => l.includes("[web] listening on")).length < processes;) {
          if (Date.now() > deadline) throw new Error(`${processes} web processes did not start:\n${server.output.join("\n")}`);
          await new Promise((r) => setTimeout(r, 200));
        }
        const desk = DEMO_LOGINS.find((l) => l.role === "FRONT_DESK")!;
        const cookie = await login(server.baseUrl, desk.username, DEMO_PASSWORD);
        const mixPath = (i: number) => (i % 5 === 4 ? `/guests/${profileIds[i % profileIds.length]}` : `/api/guests/search?q=${q(i)}`);
        for (const clients of clientCounts) {
          // A longer warm-up: each worker compiles its own code paths (JIT, Prisma's Wasm) on its first requests.
          const result = await closedLoop(server.baseUrl, cookie, { clients, seconds, warmupSeconds: 3, path: mixPath });
          mixRows.push({ scenario: "search/profile mix (4:1)", server: `app, WEB_CONCURRENCY=${processes}`, result, load: load1() });
          log(
            `mix · WEB_CONCURRENCY=${processes} · ${clients} client${clients > 1 ? "s" : ""}: ${result.perSecond} req/s, p50 ${result.latency.p50} ms, p95 ${result.latency.p95} ms, p99 ${result.latency.p99} ms${result.errors ? `, ${result.errors} errors` : ""} (load ${load1()})`,
          );
        }
      } finally {
        await server.stop();
      }
    }
    rows.push(...mixRows);

    const profiles: { scenario: string; summary: ProfileSummary; requests: number; load: number }[] = [];
    if (values.profile) {
      const dir = path.resolve("bench/data/profiles");
      for (const scenario of scenarios.filter((s) => !s.name.startsWith("signed-in empty"))) {
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
        const spawned = performance.now();
        const server = await startApp(["--cpu-prof", "--cpu-prof-dir", dir]);
        let skipSeconds = 0,
          requests = 0;
        try {
          const desk = DEMO_LOGINS.find((l) => l.role === "FRONT_DESK")!;
          const cookie = await login(server.baseUrl, desk.username, DEMO_PASSWORD);
          // Start-up (module loading, the first compilations) is not the floor: summarise from the load on.
          skipSeconds = (performance.now() - spawned) / 1000;
          const result = await closedLoop(server.baseUrl, cookie, {
            clients: 8,
            seconds: Number(values["profile-seconds"]),
            path: pathFor(scenario.app!, scenario),
          });
          requests = result.requests;
          log(`profiled ${scenario.name}: ${result.requests} requests at ${result.perSecond} req/s under --cpu-prof`);
        } finally {
          await server.stop();
        }
        const written = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
        if (!written.length) throw new Error(`no .cpuprofile written in ${dir}`);
        const keep = path.join("bench/data", `floor-${scenario.app!.replace(/\W+/g, "-").replace(/^-|-$/g, "")}.cpuprofile`);
        fs.renameSync(path.join(dir, written[0]), keep);
        const summary = summariseProfile(JSON.parse(fs.readFileSync(keep, "utf8")), path.resolve(appDir ?? ".", "build/index.js"), {
          skipSeconds,
        });
        profiles.push({ scenario: scenario.name, summary, requests, load: load1() });
        log(`${scenario.name} → ${keep}`);
        for (const b of summary.buckets)
          log(`  ${b.bucket.padEnd(52)} ${b.percent.toFixed(1).padStart(5)} %  ${(b.ms / Math.max(1, requests)).toFixed(3)} ms/request`);
        for (const f of summary.top.slice(0, 12)) log(`    ${f.percent.toFixed(1).padStart(5)} %  ${f.name}  [${f.bucket}]`);
      }
    }
    report({ startedAt, guests, provider: values.database, facts, seconds, rows, profiles, loads: [loadAtStart, load1()] });
  } finally {
    postgres?.stop();
  }
}

function report(r: {
  startedAt: Date;
  guests: number;
  provider: string;
  facts: Record<string, unknown>;
  seconds: number;
  rows: Row[];
  profiles: { scenario: string; summary: ProfileSummary; requests: number; load: number }[];
  loads: number[];
}) {
  const environment = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  };
  const date = r.startedAt.toISOString().slice(0, 10);
  fs.mkdirSync("bench/results", { recursive: true });
  const suffix = r.provider === "postgres" ? "-postgres" : "";
  const jsonFile = `bench/results/floor${suffix}-${date}.json`;
  const mdFile = `bench/results/floor${suffix}.md`;
  const pg = r.provider === "postgres";
  fs.writeFileSync(
    jsonFile,
    JSON.stringify(
      { startedAt: r.startedAt.toISOString(), environment, guests: r.guests, database: r.facts, rows: r.rows, profiles: r.profiles },
      null,
      2,
    ) + "\n",
  );
  // The app's figure beside the bare server's, same scenario and clients.
  const bareOf = (row: Row) =>
    r.rows.find((o) => o.scenario === row.scenario && o.server === "bare" && o.result.clients === row.result.clients);
  const ratio = (row: Row) => {
    const b = bareOf(row);
    if (!b || row.server !== "app") return "–";
    return `${(row.result.latency.p50 / b.result.latency.p50).toFixed(0)}× p50, 1/${(b.result.perSecond / row.result.perSecond).toFixed(0)} req/s`;
  };
  const md = [
    `# Per-request floor: the app beside a bare server`,
    ``,
    `Run ${r.startedAt.toISOString()} with \`npm run bench -- floor --guests ${r.guests}${pg ? " --database postgres" : ""}\` on ${environment.cpus} CPUs (${environment.cpuModel}), ${environment.memoryGiB} GiB, Node ${environment.node}; ` +
      `1-minute load average ${r.loads.join(" → ")} (each row has its own). ` +
      `The app is the production build on its own web server (app/http/server.ts, NODE_ENV=production); the bare server (bench/floor-server.ts) is Node's http with ${pg ? "a pg pool (10 connections, like the app's)" : "better-sqlite3, statements prepared once,"} and the app's search SQL. ` +
      (pg
        ? `Both use one throwaway PostgreSQL 15 server (fsync off, as the tests run it) seeded with ${r.guests.toLocaleString("en")} guests, the app built for PostgreSQL in a staged copy; measured one after the other,`
        : `Both read one scratch copy of the seeded ${r.guests.toLocaleString("en")}-guest database (${String(r.facts.fileMiB)} MiB, WAL), one after the other,`) +
      ` with the same closed-loop generator (bench/lib/load.ts: keep-alive, no think time, 1 s warm-up, ${r.seconds} s measured). ` +
      `The generator runs on the same 2 CPUs: with 8 clients it takes a share of them, most visibly from the bare server.`,
    ``,
    markdownTable(
      ["scenario", "server", "clients", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "app ÷ bare", "load avg"],
      r.rows.map((row) => [
        row.scenario,
        row.server,
        row.result.clients,
        row.result.perSecond,
        row.result.latency.p50,
        row.result.latency.p95,
        row.result.latency.p99,
        row.result.errors,
        ratio(row),
        row.load,
      ]),
    ),
    ``,
    `- "bare + session, limit, register SQL" also runs what the app's signed-in search runs in SQL besides the search: the session row by its token hash with its staff, the rate-limit counter upsert and the access-register INSERT (its trigger links the shown guests).`,
    `- "signed-in empty search": \`/api/guests/search?q=\` with the desk's cookie — sign-in check and JSON, no search and no register row: the session's share of every signed-in request.`,
    ``,
    ...(r.profiles.length
      ? [
          `## Where the app's CPU time goes (\`node --cpu-prof\`, 8 clients)`,
          ``,
          `Self time by bucket (bench/cpuprofile-summary.ts); bundled app code is attributed to its source file by the build's module comments.`,
          ``,
          markdownTable(
            ["bucket", ...r.profiles.map((p) => `${p.scenario} (load ${p.load})`)],
            [
              [
                "**busy ms per request (wall clock of non-idle samples; inflated under contention)**",
                ...r.profiles.map((p) => `**${(p.summary.busyMs / Math.max(1, p.requests)).toFixed(2)}**`),
              ],
              ...[...new Set(r.profiles.flatMap((p) => p.summary.buckets.map((b) => b.bucket)))].map((bucket) => [
                bucket,
                ...r.profiles.map((p) => {
                  const b = p.summary.buckets.find((x) => x.bucket === bucket);
                  return b ? `${b.percent.toFixed(1)} %` : "–";
                }),
              ]),
            ],
          ),
          ``,
        ]
      : []),
    `Raw numbers: \`${jsonFile}\`.`,
    ``,
  ].join("\n");
  fs.writeFileSync(mdFile, md);
  console.log(`\n${md}\nwrote ${jsonFile} and ${mdFile}`);
}
