// `npm start`: migrate the database, seed demo data when it is empty, and
// serve the built app (run `remix build` first; `npm start` does).
import "dotenv/config";
import fs from "node:fs";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import Database from "better-sqlite3";
import { createRequire } from "node:module";
import { databaseUrl, providerOf, sqliteFilePath } from "../app/db/provider";
import { ensureLocalSecrets } from "../app/config/local-secrets.server";

const require = createRequire(import.meta.url);
const url = databaseUrl();
const provider = providerOf(url);
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, NODE_ENV: "production" };

if (provider === "sqlite") fs.mkdirSync(path.dirname(path.resolve(sqliteFilePath(url))), { recursive: true });

const secretsFile = ensureLocalSecrets(env);
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

run("Database migration", ["scripts/prisma.ts", "migrate", "deploy"]);
if (provider === "sqlite") {
  // WAL: the desk keeps reading while jobs write (the setting stays in the file).
  const sqlite = new Database(sqliteFilePath(url));
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}
run("Demo seed", ["prisma/seed.ts", "--if-empty", ...(env.SEED_GUESTS ? ["--guests", env.SEED_GUESTS] : [])]);

const port = Number(env.PORT ?? 3000);
env.PORT = String(port);
const { DEMO_LOGINS, DEMO_PASSWORD } = await import("../prisma/seed/demo-logins");
console.log(`\nGuest Archive is starting at http://localhost:${port}`);
console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"):`);
for (const login of DEMO_LOGINS) console.log(`  ${login.username.padEnd(10)} ${login.role}`);
console.log("");

const server = spawn(process.execPath, ["--import", "tsx", "app/http/server.ts"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
