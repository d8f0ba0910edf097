// WEB_CONCURRENCY: `npm start` runs that many web processes on one port over
// the same database (SQLite in WAL mode, or PostgreSQL). A session started on
// one worker is honoured by the others and ended for all of them by a sign-out
// on any; the jobs scheduler runs once, not once per worker. A bad value stops
// the start with a message naming the setting.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbProvider } from "~/db/client.server";
import { DEMO_LOGINS, DEMO_PASSWORD } from "../../prisma/seed/demo-logins";
import { ensurePostgresClient, postgresClientDir } from "../support/postgres-client";

const require = createRequire(import.meta.url);
const tsx = require.resolve("tsx/cli");
const root = process.cwd();
const secrets = { SESSION_SECRET: "web-concurrency-session-secret-0123", ID_ENCRYPTION_KEY: "web-concurrency-id-key" };

/** A copy of the project to build and start, its Prisma client the one for this test's database (as serve-e2e-postgres does). */
function stageProject(): string {
  const stage = fs.mkdtempSync(path.join(root, ".cache", "web-concurrency-"));
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
    fs.cpSync(path.join(root, entry), path.join(stage, entry), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => !source.startsWith(path.join(root, "public", "build")),
    });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(stage, "node_modules"));
  fs.mkdirSync(path.join(stage, "generated"));
  if (dbProvider() === "postgres") ensurePostgresClient();
  fs.symlinkSync(
    dbProvider() === "postgres" ? postgresClientDir : path.join(root, "generated", "prisma"),
    path.join(stage, "generated", "prisma"),
  );
  return stage;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One request on a connection of its own: the cluster hands each new connection to the next worker. */
function get(port: number, pathAndQuery: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathAndQuery, agent: false, headers: { cookie, connection: "close" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
  });
}

/** The pids of the web processes that logged a request line for this route and status (pino: one JSON line per request). */
function servedBy(output: string, route: string, status: number): Set<number> {
  const pids = new Set<number>();
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { pid?: number; route?: string; status?: number; msg?: string };
    if (entry.msg === "request" && entry.route === route && entry.status === status && entry.pid) pids.add(entry.pid);
  }
  return pids;
}

describe("WEB_CONCURRENCY", () => {
  let stage: string;
  let app: ChildProcess | undefined;
  let output = "";
  let port: number;

  beforeAll(async () => {
    stage = stageProject();
    const build = spawnSync("npx", ["remix", "build"], { cwd: stage, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
    expect(build.status, build.stderr).toBe(0);
    port = await freePort();
    app = spawn(process.execPath, [tsx, "scripts/start.ts"], {
      cwd: stage,
      env: {
        ...process.env,
        ...secrets,
        PORT: String(port),
        WEB_CONCURRENCY: "2",
        SEED_GUESTS: "20",
        LOG_LEVEL: "info",
        COOKIE_SECURE: "false",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    app.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    app.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    // Both workers listening (each prints its own line with its pid).
    for (const deadline = Date.now() + 150_000; (output.match(/\[web\] listening on /g) ?? []).length < 2;) {
      if (app.exitCode !== null) throw new Error(`npm start stopped:\n${output}`);
      if (Date.now() > deadline) throw new Error(`two web processes did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 240_000);

  afterAll(async () => {
    if (app && app.exitCode === null) {
      const exited = new Promise((resolve) => app!.once("exit", resolve));
      app.kill("SIGTERM");
      await exited;
    }
    if (stage) fs.rmSync(stage, { recursive: true, force: true });
  });

  it("serves one sign-in from both workers, ends it on both with one sign-out, and runs the scheduler once", async () => {
    const listening = [...output.matchAll(/\[web\] listening on \S+ \(pid (\d+)\)/g)].map((m) => Number(m[1]));
    expect(new Set(listening).size).toBe(2);
    expect(output.match(/\[jobs\] scheduler running/g) ?? []).toHaveLength(1);

    const desk = DEMO_LOGINS.find((l) => l.role === "FRONT_DESK")!;
    const signIn = await fetch(`http://127.0.0.1:${port}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: `http://127.0.0.1:${port}` },
      body: new URLSearchParams({ username: desk.username, password: DEMO_PASSWORD }).toString(),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .find((c) => c.startsWith("ga_session="));
    expect(cookie, `sign-in answered ${signIn.status}`).toBeTruthy();

    // Twelve new connections, handed round the workers: every one is signed in.
    for (let i = 0; i < 12; i++) {
      const res = await get(port, "/api/guests/search?q=zs", cookie!);
      expect(res.status).toBe(200);
      expect((JSON.parse(res.body) as { results: { fullName: string }[] }).results.map((r) => r.fullName)).toContain("张三");
    }
    await new Promise((r) => setTimeout(r, 300)); // the last log lines
    expect([...servedBy(output, "/api/guests/search", 200)].sort()).toEqual([...new Set(listening)].sort());

    // Signing out on one worker ends the session on both.
    const signOut = await fetch(`http://127.0.0.1:${port}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: cookie!, origin: `http://127.0.0.1:${port}`, "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(signOut.status).toBe(302);
    for (let i = 0; i < 6; i++) expect((await get(port, "/api/guests/search?q=zs", cookie!)).status).toBe(302);
    await new Promise((r) => setTimeout(r, 300));
    expect([...servedBy(output, "/api/guests/search", 302)].sort()).toEqual([...new Set(listening)].sort());
  });

  it("refuses a WEB_CONCURRENCY that is not a whole number from 1 to 64, naming it", () => {
    for (const value of ["0", "two", "1.5", "-2", "65"]) {
      const started = spawnSync(process.execPath, [tsx, "scripts/start.ts"], {
        env: { ...process.env, ...secrets, WEB_CONCURRENCY: value },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(started.status).toBe(1);
      expect(started.stderr).toContain(`WEB_CONCURRENCY must be a whole number of web processes from 1 to 64; got "${value}".`);
    }
  });
});
