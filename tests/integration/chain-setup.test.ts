// A chain's PostgreSQL set-up as the README tells it (runs in the "postgres"
// project only): docs/deploy/postgres-setup.sql makes a least-privilege role
// and its database; the app refuses to start there without shared secrets;
// as that role the migrations apply and the first administrator is created.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { postgresBinDir } from "../support/throwaway-postgres";

const require = createRequire(import.meta.url);
const superuserUrl = new URL(inject("postgresServerUrl"));
const roleUrl = new URL(superuserUrl);
roleUrl.username = "guest_archive";
roleUrl.password = "chain-password-0123";
roleUrl.pathname = "/guest_archive";

function withoutSecrets(extra: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.SESSION_SECRET;
  delete env.ID_ENCRYPTION_KEY;
  return env;
}

function script(file: string, args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [require.resolve("tsx/cli"), file, ...args], { env, encoding: "utf8" });
}

async function query<T = Record<string, unknown>>(url: URL, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("a chain's PostgreSQL set-up", () => {
  it("makes a role that owns its database and nothing else, and the app works as that role", async () => {
    const psql = spawnSync(
      `${postgresBinDir()}/psql`,
      [
        "-h",
        superuserUrl.hostname,
        "-p",
        superuserUrl.port,
        "-U",
        "postgres",
        "-v",
        "ON_ERROR_STOP=1",
        "-v",
        `password='${roleUrl.password}'`,
        "-f",
        "docs/deploy/postgres-setup.sql",
      ],
      { encoding: "utf8" },
    );
    expect(psql.status, psql.stderr).toBe(0);
    const [role] = await query<{ rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean }>(
      superuserUrl,
      `SELECT "rolsuper", "rolcreatedb", "rolcreaterole" FROM pg_roles WHERE "rolname" = 'guest_archive'`,
    );
    expect(role).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false });

    // Without the shared secrets nothing starts — and nothing was done to the database.
    for (const [file, args] of [
      ["scripts/start.ts", []],
      ["jobs/scheduler.ts", []],
      ["jobs/run-one.ts", ["segments", "--as-of", "2026-12-01"]],
    ] as const) {
      const refused = script(file, [...args], withoutSecrets({ DATABASE_URL: roleUrl.toString(), DEMO: "false" }));
      expect(refused.status, file).toBe(1);
      expect(refused.stderr, file).toMatch(
        /SESSION_SECRET and ID_ENCRYPTION_KEY must be set in the environment when DATABASE_URL is PostgreSQL/,
      );
      expect(refused.stderr, file).not.toMatch(/\n\s+at /); // a message, not a stack trace
    }
    const half = script("scripts/start.ts", [], {
      ...withoutSecrets({ DATABASE_URL: roleUrl.toString() }),
      SESSION_SECRET: "x".repeat(32),
    });
    expect(half.status).toBe(1);
    expect(half.stderr).toMatch(/^ID_ENCRYPTION_KEY must be set/);
    expect(await query(roleUrl, `SELECT 1 FROM pg_tables WHERE "schemaname" = 'public'`)).toEqual([]);

    // As the role: the migrations apply, and the first administrator is created.
    const env = { ...process.env, DATABASE_URL: roleUrl.toString(), DEMO: "false" };
    const migrate = script("scripts/prisma.ts", ["migrate", "deploy"], env);
    expect(migrate.status, migrate.stderr + migrate.stdout).toBe(0);
    const admin = script("scripts/staff.ts", ["create-admin", "--username", "chain-admin"], env);
    expect(admin.status, admin.stderr).toBe(0);
    expect(await query(roleUrl, `SELECT "username", "role" FROM "Staff"`)).toEqual([{ username: "chain-admin", role: "ADMIN" }]);

    // …and may do no more than that: no new databases, and other roles cannot get in.
    await expect(query(roleUrl, `CREATE DATABASE "another"`)).rejects.toThrow(/permission denied to create database/);
    await query(superuserUrl, `CREATE ROLE "someone_else" LOGIN`);
    const other = new URL(roleUrl);
    other.username = "someone_else";
    other.password = "";
    await expect(query(other, `SELECT 1`)).rejects.toThrow(/permission denied for database "guest_archive"/);
  }, 180_000); // six child processes (three refusals, migrate, the staff CLI), each starting Node and TypeScript
});
