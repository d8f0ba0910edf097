// The browser tests' PostgreSQL server, as a chain would run the app: a
// throwaway PostgreSQL server with an empty database, and the app built and
// started against it from a staged copy of the project (its Prisma client
// generated for PostgreSQL, as `npm start` does with a postgres:// URL), so
// that the SQLite build of the working tree is left alone. Playwright runs this
// as a web server and stops it with SIGTERM; everything is then removed.
// Writes the database URL to .cache/e2e-postgres.url for tests that read the database.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { startThrowawayPostgres } from "./throwaway-postgres";

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../..");
const stage = path.join(root, ".cache", "e2e-postgres");
const urlFile = path.join(root, ".cache", "e2e-postgres.url");
const tsx = require.resolve("tsx/cli");

const server = await startThrowawayPostgres();
const url = server.url("guest_archive");
let app: ReturnType<typeof spawn> | undefined;

let stopping = false;
function shutDown(code: number) {
  if (stopping) return;
  stopping = true;
  app?.kill("SIGTERM");
  try {
    server.stop();
  } finally {
    fs.rmSync(urlFile, { force: true });
    process.exit(code);
  }
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => shutDown(0));

try {
  execFileSync(path.join(server.binDir, "createdb"), ["-h", "127.0.0.1", "-p", String(server.port), "-U", "postgres", "guest_archive"]);
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
    fs.cpSync(path.join(root, entry), path.join(stage, entry), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (source) => !source.startsWith(path.join(root, "public", "build")),
    });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(stage, "node_modules"));
  const env = { ...process.env, DATABASE_URL: url };
  const inStage = { cwd: stage, env, stdio: "inherit" as const };
  execFileSync(process.execPath, [tsx, "scripts/prisma.ts", "generate"], inStage);
  execFileSync(process.execPath, [require.resolve("@remix-run/dev/dist/cli.js"), "build"], inStage);
  fs.writeFileSync(urlFile, url);
  app = spawn(process.execPath, [tsx, "scripts/start.ts"], inStage);
  app.on("exit", (code) => shutDown(code ?? 1));
} catch (error) {
  console.error(error);
  shutDown(1);
}
