// The browser tests' PostgreSQL server, as a chain would run the app: a
// throwaway PostgreSQL server with an empty database, and the app built and
// started against it from a staged copy of the project (its Prisma client
// generated for PostgreSQL, as `npm start` does with a postgres:// URL), so
// that the SQLite build of the working tree is left alone. Playwright runs this
// as a web server and stops it with SIGTERM; everything is then removed.
// Writes the database URL to .cache/e2e-postgres.url for tests that read the database.
// A second instance of the same build on the same database listens on PORT + 1
// once the first has migrated and seeded (tests/e2e/several-instances.spec.ts).
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
const apps: ReturnType<typeof spawn>[] = [];
const port = Number(process.env.PORT ?? 3249);

let stopping = false;
function shutDown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const app of apps) app.kill("SIGTERM");
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
  const start = (instancePort: number) => {
    const app = spawn(process.execPath, [tsx, "scripts/start.ts"], { ...inStage, env: { ...env, PORT: String(instancePort) } });
    app.on("exit", (code) => shutDown(code ?? 1));
    apps.push(app);
  };
  start(port);
  while (!(await healthy(port))) await new Promise((resolve) => setTimeout(resolve, 500));
  start(port + 1);
} catch (error) {
  console.error(error);
  shutDown(1);
}

async function healthy(instancePort: number): Promise<boolean> {
  try {
    return (await fetch(`http://localhost:${instancePort}/healthz`)).ok;
  } catch {
    return false;
  }
}
