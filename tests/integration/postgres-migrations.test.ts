// The PostgreSQL half of the two-provider layout: its migrations apply to a
// real (throwaway) server and describe exactly the models, like SQLite's.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startThrowawayPostgres } from "../support/throwaway-postgres";

let server: Awaited<ReturnType<typeof startThrowawayPostgres>>;

function prisma(args: string[], url: string) {
  return spawnSync("npx", ["tsx", "scripts/prisma.ts", ...args], { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" });
}

beforeAll(async () => {
  server = await startThrowawayPostgres();
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE guest_archive");
  await admin.end();
}, 60_000);

afterAll(() => server?.stop());

describe("PostgreSQL migrations", () => {
  it("apply to an empty database and leave nothing between them and the models", () => {
    const url = server.url("guest_archive");
    const deploy = prisma(["migrate", "deploy"], url);
    expect(deploy.status, deploy.stderr + deploy.stdout).toBe(0);
    const diff = prisma(
      ["migrate", "diff", "--from-migrations", "prisma/postgres/migrations", "--to-schema-datamodel", "prisma/postgres", "--exit-code"],
      url,
    );
    expect(diff.status, diff.stdout + diff.stderr).toBe(0);
  }, 120_000);

  it("store search keys byte-ordered, so a prefix is one index range as on SQLite", async () => {
    const client = new pg.Client({ connectionString: server.url("guest_archive") });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT collation_name FROM information_schema.columns WHERE table_name = 'GuestSearchKey' AND column_name = 'key'`,
      );
      expect(rows[0].collation_name).toBe("C");
    } finally {
      await client.end();
    }
  });
});

describe("SQLite migrations", () => {
  it("leave nothing between them and the models", () => {
    const diff = prisma(
      ["migrate", "diff", "--from-migrations", "prisma/sqlite/migrations", "--to-schema-datamodel", "prisma/sqlite", "--exit-code"],
      "file:/tmp/unused-diff.db",
    );
    expect(diff.status, diff.stdout + diff.stderr).toBe(0);
  }, 60_000);
});
