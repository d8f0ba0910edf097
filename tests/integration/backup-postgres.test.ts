// `npm run backup` and `npm run restore` on PostgreSQL (pg_dump / pg_restore),
// run as the separate processes they are: with BACKUP_ENCRYPTION_KEY the dump
// is encrypted (nothing of a guest is readable in it), restores with the right
// key into an empty database, and is refused with a wrong key or none, leaving
// the database as it was; every file is the owner's only. The SQLite side is
// tests/integration/backup.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "~/db/client.server";
import { plantGuest, plantStaffMember } from "../support/fixtures";
import { BACKUP_KEY, holds, ownerOnly, runScript } from "../support/backup-scripts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guest-archive-backup-pg-"));

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run backup on PostgreSQL", () => {
  const server = new URL(inject("postgresServerUrl"));
  const dump = path.join(dir, "backups", "chain.dump.enc");
  const NAME = "备份客人 Backup Guest";
  let guests = 0;

  /** A new, empty database on the test server. */
  async function emptyDatabase(name: string) {
    const admin = new pg.Client({ connectionString: server!.toString() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const url = new URL(server!);
    url.pathname = `/${name}`;
    return url.toString();
  }

  async function tablesIn(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE "schemaname" = 'public'`);
      return rows[0].n as number;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    for (let i = 0; i < 30; i++) await plantGuest(desk.actor, { fullName: `${NAME} ${i}`, email: `backup-${i}@example.test` });
    guests = await db().guest.count();
  });

  it("with BACKUP_ENCRYPTION_KEY streams pg_dump through the encryption: nothing of a guest readable, owner-only", async () => {
    const run = await runScript("scripts/backup.ts", [dump], process.env.DATABASE_URL!, { BACKUP_ENCRYPTION_KEY: BACKUP_KEY });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Backup written to .*chain\.dump\.enc \(encrypted\) .*pg_dump, custom format/);
    expect(ownerOnly(dump)).toBe(0o600);
    expect(fs.readFileSync(dump).subarray(0, 8).toString()).toBe("GABACKUP");
    expect(fs.statSync(dump).size).toBeGreaterThan(10_000); // the dump itself, not only the header
    for (const text of ["PGDMP", "Backup Guest", "backup-29@example.test", "Guest"]) expect(holds(dump, text), text).toBe(false);

    const plain = path.join(dir, "backups", "chain.dump");
    const unencrypted = await runScript("scripts/backup.ts", [plain], process.env.DATABASE_URL!);
    expect(unencrypted.code, unencrypted.stderr).toBe(0);
    expect(ownerOnly(plain)).toBe(0o600);
    expect(fs.readFileSync(plain).subarray(0, 5).toString()).toBe("PGDMP");
  }, 60_000);

  it("restores into an empty database with the right key; a wrong key, none, or a non-empty database is refused and nothing changes", async () => {
    const target = await emptyDatabase(`ga_restore_${process.pid}`);
    for (const [label, env, message] of [
      [
        "a wrong key",
        { BACKUP_ENCRYPTION_KEY: "another-passphrase-0123456789" },
        /^BACKUP_ENCRYPTION_KEY does not open this backup: it is not the key the backup was made with; nothing was changed\.$/m,
      ],
      ["no key", {}, /^The backup is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with; nothing was changed\.$/m],
    ] as const) {
      const run = await runScript("scripts/restore.ts", [dump], target, env);
      expect(run.code, label).toBe(1);
      expect(run.stderr, label).toMatch(message);
      expect(await tablesIn(target), label).toBe(0);
    }
    // The live database is not a place to restore into.
    const live = process.env.DATABASE_URL!;
    const before = await db().guest.count();
    const occupied = await runScript("scripts/restore.ts", [dump], live, { BACKUP_ENCRYPTION_KEY: BACKUP_KEY });
    expect(occupied.code).toBe(1);
    expect(occupied.stderr).toMatch(/is not empty \(\d+ tables\): restore into a new, empty one .*; nothing was changed/);
    expect(await db().guest.count()).toBe(before);

    const run = await runScript("scripts/restore.ts", [dump], target, { BACKUP_ENCRYPTION_KEY: BACKUP_KEY });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`(${guests} guests)`);
    for (const url of [target, await emptyDatabase(`ga_restore_plain_${process.pid}`)]) {
      if (url !== target) {
        // An unencrypted dump restores the same way, without a key.
        const plain = await runScript("scripts/restore.ts", [path.join(dir, "backups", "chain.dump")], url);
        expect(plain.code, plain.stderr).toBe(0);
      }
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM "Guest" WHERE "fullName" LIKE $1`, [`${NAME}%`]);
        expect(rows[0].n).toBe(30);
      } finally {
        await client.end();
      }
    }
  }, 90_000);
});
