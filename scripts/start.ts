// `npm start`: migrate the database, seed demo data when it is empty (demo
// mode, the default), and serve the built app (run `remix build` first;
// `npm start` does). With DEMO=false nothing is seeded and no demo sign-in
// exists: the first administrator comes from `npm run staff -- create-admin`.
import "dotenv/config";
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { createRequire } from "node:module";
import { databaseUrl, providerOf, sqliteFilePath } from "../app/db/provider";
import { ensureLocalSecretsOrExit } from "../app/config/local-secrets.server";
import { isDemoMode } from "../app/config/demo-mode.server";
import { sessionSettings } from "../app/auth/staff-sessions.server";
import { limitRules } from "../app/auth/rate-limits.server";
import { parseTrustProxy } from "../app/http/client-address.server";
import { webConcurrency } from "./lib/web-concurrency";

const require = createRequire(import.meta.url);
const url = databaseUrl();
const provider = providerOf(url);
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, NODE_ENV: "production" };

// A mistyped setting stops the start here, with its name, not at the first request.
let demo: boolean;
try {
  demo = isDemoMode(env);
  sessionSettings(env);
  limitRules(env);
  parseTrustProxy(env.TRUST_PROXY);
  runsJobs(env);
  webConcurrency(env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// Everything this install creates (database, its log, secrets, outbox, backups) is the owner's only;
// the web server and the jobs inherit the mask.
process.umask(0o077);
if (provider === "sqlite") {
  const file = path.resolve(sqliteFilePath(url));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const part of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(part)) fs.chmodSync(part, 0o600); // an older install's files
}

const secretsFile = ensureLocalSecretsOrExit(env);
if (secretsFile)
  console.log(
    `Using generated secrets from ${path.relative(process.cwd(), secretsFile)} (set SESSION_SECRET and ID_ENCRYPTION_KEY in production).`,
  );

function run(label: string, args: string[]) {
  const result = spawnSync(process.execPath, [require.resolve("tsx/cli"), ...args], { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`${label} failed (exit ${result.status}).`);
    process.exit(result.status ?? 1);
  }
}

if (provider === "sqlite") waitUntilWritable(sqliteFilePath(url), Number(env.SQLITE_BUSY_WAIT_SECONDS ?? 120));
run("Database migration", ["scripts/prisma.ts", "migrate", "deploy"]);
if (provider === "sqlite") {
  // WAL: the desk keeps reading while jobs write (the setting stays in the file).
  const sqlite = new Database(sqliteFilePath(url));
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}
// A wrong ID key stops here, saying so, not at the first profile with an ID number.
{
  const { createDb } = await import("../app/db/client.server");
  const { verifyIdKeysOrExit } = await import("../app/domain/guests/id-key-check.server");
  const prisma = createDb(url);
  const { stored } = await verifyIdKeysOrExit(prisma, env);
  if (stored.length) console.log(`Stored the check value of ID key version ${stored.join(", ")}.`);
  await prisma.$disconnect();
}
if (demo) run("Demo seed", ["prisma/seed.ts", "--if-empty", ...(env.SEED_GUESTS ? ["--guests", env.SEED_GUESTS] : [])]);

const port = Number(env.PORT ?? 3000);
env.PORT = String(port);
console.log(`\nGuest Archive is starting at http://localhost:${port}`);
if (demo) {
  const { DEMO_LOGINS, DEMO_PASSWORD } = await import("../app/config/demo-logins");
  console.log(`Demo mode (DEMO=false turns it off). Demo sign-ins (password "${DEMO_PASSWORD}"):`);
  for (const login of DEMO_LOGINS) console.log(`  ${login.username.padEnd(10)} ${login.role}`);
} else {
  const { createDb } = await import("../app/db/client.server");
  const prisma = createDb(url);
  const staff = await prisma.staff.count({ where: { active: true } });
  await prisma.$disconnect();
  if (staff === 0)
    console.log(
      'No staff account yet. Create the first administrator:\n  npm run staff -- create-admin --username NAME [--name "Display name"]',
    );
}
console.log("");

// The web server (WEB_CONCURRENCY > 1: that many web processes on the one
// port, scripts/web-cluster.ts) and, unless JOBS=false (web-only instances of
// a chain, whose jobs run in one `npm run jobs` process), the jobs scheduler
// beside it — once, whatever the number of web processes. If either stops,
// both stop: the process supervisor then restarts the pair.
const web = webConcurrency(env) === 1 ? "app/http/server.ts" : "scripts/web-cluster.ts";
if (web !== "app/http/server.ts")
  console.log(`WEB_CONCURRENCY=${webConcurrency(env)}: ${webConcurrency(env)} web processes on port ${port}.`);
const children = [spawn(process.execPath, ["--import", "tsx", web], { stdio: "inherit", env })];
if (runsJobs(env)) children.push(spawn(process.execPath, ["--import", "tsx", "jobs/scheduler.ts"], { stdio: "inherit", env }));
else console.log("JOBS=false: this instance serves only; run `npm run jobs` once for the chain.");
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => children.forEach((child) => child.kill(signal)));
for (const child of children)
  child.on("exit", (code) => {
    for (const other of children) if (other !== child && other.exitCode === null) other.kill("SIGTERM");
    process.exit(code ?? 0);
  });

function runsJobs(environment: NodeJS.ProcessEnv): boolean {
  const value = environment.JOBS?.trim().toLowerCase();
  if (!value || ["true", "1", "yes"].includes(value)) return true;
  if (["false", "0", "no"].includes(value)) return false;
  throw new Error(`JOBS must be true or false; got "${environment.JOBS}".`);
}

/**
 * Another process writing to the SQLite file (a seed, a restore, a second
 * `npm start`) would make the migration fail with an engine error that says
 * nothing useful: wait for the file instead, saying so, and give up plainly.
 */
function waitUntilWritable(file: string, seconds: number) {
  if (!fs.existsSync(file)) return;
  const sqlite = new Database(file, { timeout: 0 });
  const started = Date.now();
  let told = false;
  try {
    for (;;) {
      try {
        sqlite.exec("BEGIN IMMEDIATE");
        sqlite.exec("ROLLBACK");
        if (told) console.log("The database is free again; starting.");
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
        if (!told) {
          console.log(
            `The database ${file} is busy: another process is writing to it (a seed, a restore, a backup being restored, or another npm start). Waiting for it…`,
          );
          told = true;
        }
        if (Date.now() - started > seconds * 1000) {
          console.error(
            `The database ${file} stayed busy for ${seconds} s. Stop the other process that writes to it (see \`fuser ${file}\`), then start again.`,
          );
          process.exit(1);
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
      }
    }
  } finally {
    if (sqlite.open) sqlite.close();
  }
}
