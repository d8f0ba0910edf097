// `npm run backup` and `npm run restore`, run as the separate processes they
// are. On SQLite, against files of their own: a backup taken while another
// connection keeps writing is consistent and restores; a damaged backup is
// refused and leaves the database alone. With
// BACKUP_ENCRYPTION_KEY the backup is encrypted (nothing of a guest is
// readable in it), restores with the right key, and is refused with a wrong
// key or none, leaving the database as it was; every file is the owner's only.
// PostgreSQL: tests/integration/backup-postgres.test.ts.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BACKUP_KEY, holds, ownerOnly, runScript, TSX, withoutBackupKey } from "../support/backup-scripts";

const BETTER_SQLITE3 = createRequire(import.meta.url).resolve("better-sqlite3");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guest-archive-backup-"));
const live = path.join(dir, "live.db");
const backup = path.join(dir, "backups", "nightly.db");
/** Rows planted before the backup starts: tens of MB, thousands of pages to copy. */
const PLANTED = 20_000;

function open(file: string, readonly = false) {
  return new Database(file, { readonly, fileMustExist: true });
}

const count = (db: Database.Database, sql = `SELECT count(*) AS n FROM "Guest"`) => (db.prepare(sql).get() as { n: number }).n;

function sha256(file: string) {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** A freshly migrated database file (the test run's template) at `file`. */
function migratedCopy(file: string) {
  fs.copyFileSync(inject("templateDatabase"), file);
}

/** A guest and its creation event in one transaction, as the app writes them. */
function guestWriter(db: Database.Database, prefix: string) {
  const guest = db.prepare(`INSERT INTO "Guest" ("profileNumber", "fullName", "notes", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`);
  const event = db.prepare(`INSERT INTO "TimelineEvent" ("guestId", "name", "happensAt") VALUES (?, 'guest.created', ?)`);
  return db.transaction((i: number) => {
    const at = new Date().toISOString();
    const { lastInsertRowid } = guest.run(`${prefix}${String(i).padStart(8, "0")}`, `${prefix} guest ${i}`, "note ".repeat(300), at, at);
    event.run(lastInsertRowid, at);
  });
}

/**
 * Leaves `file` as an app killed mid-work leaves it: 7 guests committed, then
 * (in "journal" mode) a big transaction whose pages have already spilled into
 * the file, or (in "wal" mode) the commits still only in the WAL.
 */
async function crashWhileWriting(file: string, mode: "wal" | "journal") {
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        "-e",
        `
      const Database = require(${JSON.stringify(BETTER_SQLITE3)});
      const db = new Database(${JSON.stringify(file)});
      db.pragma(${JSON.stringify(mode === "wal" ? "journal_mode = WAL" : "journal_mode = DELETE")});
      db.pragma("wal_autocheckpoint = 0");
      db.pragma("cache_size = 8"); // a tiny cache spills dirty pages into the file before commit
      const at = new Date().toISOString();
      const insert = db.prepare('INSERT INTO "Guest" ("profileNumber", "fullName", "notes", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)');
      for (let i = 0; i < 7; i++) insert.run("C" + i, "Crash " + i, null, at, at);
      if (${JSON.stringify(mode)} === "journal") {
        db.exec("BEGIN");
        for (let i = 0; i < 3000; i++) insert.run("U" + i, "Uncommitted " + i, "x".repeat(500), at, at);
      }
      process.kill(process.pid, "SIGKILL"); // no commit, no close, no checkpoint
    `,
      ],
      { stdio: "ignore" },
    );
    child.on("close", (_code, sig) => resolve(sig));
  });
  expect(signal).toBe("SIGKILL");
}

function expectRestored(target: string, guests: number) {
  const restored = open(target);
  expect(restored.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(count(restored)).toBe(guests);
  restored.close();
  for (const suffix of ["-wal", "-journal"]) expect(fs.existsSync(target + suffix), suffix).toBe(false);
}

/** Guests in the copy restore.ts kept aside for `name`. */
function countAside(name: string) {
  const aside = fs.readdirSync(dir).filter((f) => f.startsWith(`${name}.before-restore-`) && /-\d+$/.test(f));
  expect(aside).toHaveLength(1);
  const old = open(path.join(dir, aside[0]));
  try {
    expect(old.pragma("integrity_check", { simple: true })).toBe("ok");
    return count(old);
  } finally {
    old.close();
  }
}

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run backup on SQLite", () => {
  beforeAll(() => {
    migratedCopy(live);
    const db = open(live);
    db.pragma("journal_mode = WAL");
    const write = guestWriter(db, "P");
    db.transaction(() => {
      for (let i = 0; i < PLANTED; i++) write(i);
    })();
    db.close();
  });

  it("writes a consistent copy while another connection keeps inserting guests", async () => {
    const writer = open(live);
    writer.pragma("journal_mode = WAL");
    writer.pragma("busy_timeout = 5000");
    const write = guestWriter(writer, "W");
    let written = 0;
    let backupDone = false;
    // Keep writing until the backup ends (or, if it never can, for 15 s at most).
    const stopAt = Date.now() + 15_000;
    const writing = new Promise<void>((resolve) => {
      const tick = () => {
        if (backupDone || Date.now() > stopAt) return resolve();
        write(written++);
        setImmediate(tick);
      };
      tick();
    });
    while (written < 50) await new Promise((r) => setImmediate(r));
    const before = count(writer);

    const run = await runScript("scripts/backup.ts", [backup], live);
    const finishedWhileWriting = !backupDone && Date.now() <= stopAt;
    backupDone = true;
    await writing;
    const after = count(writer);
    writer.close();

    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Backup written to .*nightly\.db .*integrity_check: ok/);
    // The copy was taken while the writes went on, not after they stopped.
    expect(finishedWhileWriting).toBe(true);
    expect(after).toBeGreaterThan(before);

    const copy = open(backup);
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.pragma("foreign_key_check")).toEqual([]);
    const guests = count(copy);
    expect(guests).toBeGreaterThanOrEqual(before);
    expect(guests).toBeLessThanOrEqual(after);
    // One moment in time: the writer's guests form an unbroken prefix, each with its event.
    const w = copy
      .prepare(
        `SELECT count(*) AS n, min("profileNumber") AS first, max("profileNumber") AS last FROM "Guest" WHERE "profileNumber" LIKE 'W%'`,
      )
      .get() as { n: number; first: string; last: string };
    expect(w.n).toBe(guests - PLANTED);
    expect(w.first).toBe("W00000000");
    expect(w.last).toBe(`W${String(w.n - 1).padStart(8, "0")}`);
    expect(count(copy, `SELECT count(*) AS n FROM "TimelineEvent"`)).toBe(guests);
    copy.close();
  });

  it("is restored by npm run restore into another database, the old one kept aside whole after a crash (WAL)", async () => {
    const inBackup = count(open(backup, true));
    const target = path.join(dir, "restored-wal.db");
    migratedCopy(target);
    // The database being replaced was left by a crashed app: committed data still only in its WAL.
    await crashWhileWriting(target, "wal");
    expect(fs.existsSync(`${target}-wal`)).toBe(true);

    const run = await runScript("scripts/restore.ts", [backup], target);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`(${inBackup} guests)`);
    expectRestored(target, inBackup);
    expect(countAside("restored-wal.db")).toBe(7);
  });

  it("restores over a database whose app died in the middle of a write (hot rollback journal)", async () => {
    const inBackup = count(open(backup, true));
    const target = path.join(dir, "restored-journal.db");
    migratedCopy(target);
    await crashWhileWriting(target, "journal");
    expect(fs.existsSync(`${target}-journal`)).toBe(true);

    const run = await runScript("scripts/restore.ts", [backup], target);
    expect(run.code).toBe(0);
    expectRestored(target, inBackup);
    // The old file, with its journal, rolls back to what had been committed.
    expect(countAside("restored-journal.db")).toBe(7);
  });

  it("refuses a damaged backup with exit code 1 and leaves the database untouched", async () => {
    const target = path.join(dir, "untouched.db");
    migratedCopy(target);
    const before = sha256(target);
    const size = fs.statSync(backup).size;
    const damaged = {
      // Pages in the middle overwritten with garbage.
      "torn-pages.db": (buf: Buffer) => {
        for (let i = 3 * 4096; i < 6 * 4096; i++) buf[i] = (i * 7919) % 251;
      },
      // The header is not an SQLite header any more.
      "bad-header.db": (buf: Buffer) => {
        buf.fill(0x41, 0, 100);
      },
      // Cut short, as by a full disk.
      "truncated.db": null,
    } as const;
    for (const [name, damage] of Object.entries(damaged)) {
      const file = path.join(dir, name);
      if (damage) {
        const buf = fs.readFileSync(backup);
        damage(buf);
        fs.writeFileSync(file, buf);
      } else {
        fs.writeFileSync(file, fs.readFileSync(backup).subarray(0, Math.floor(size / 3)));
      }
      const run = await runScript("scripts/restore.ts", [file], target);
      expect(run.code, name).toBe(1);
      expect(run.stderr, name).toMatch(/nothing was changed/);
      expect(sha256(target), name).toBe(before);
      expect(
        fs.readdirSync(dir).filter((f) => f.startsWith("untouched.db.before-restore")),
        name,
      ).toEqual([]);
    }
    const missing = await runScript("scripts/restore.ts", [path.join(dir, "no-such-file.db")], target);
    expect(missing.code).toBe(1);
    expect(sha256(target)).toBe(before);
  });

  const encrypted = path.join(dir, "backups", "nightly.db.enc");

  it("with BACKUP_ENCRYPTION_KEY writes an encrypted backup with nothing of a guest readable in it, owner-only", async () => {
    const short = await runScript("scripts/backup.ts", [path.join(dir, "short.enc")], live, { BACKUP_ENCRYPTION_KEY: "too-short" });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("BACKUP_ENCRYPTION_KEY must be at least 16 characters; nothing was written.");

    const run = await runScript("scripts/backup.ts", [encrypted], live, { BACKUP_ENCRYPTION_KEY: BACKUP_KEY });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Backup written to .*nightly\.db\.enc \(encrypted\) .*integrity_check: ok/);
    for (const file of [backup, encrypted]) expect(ownerOnly(file), file).toBe(0o600);
    // The plain copy shows every guest's name; the encrypted one nothing, not even that it is SQLite.
    expect(holds(backup, "P guest 19999")).toBe(true);
    expect(holds(encrypted, "P guest 19999")).toBe(false);
    expect(holds(encrypted, "guest")).toBe(false);
    expect(holds(encrypted, "SQLite format 3")).toBe(false);
    expect(fs.readFileSync(encrypted).subarray(0, 8).toString()).toBe("GABACKUP");
    // The plain copy it was made from is gone.
    expect(fs.readdirSync(path.dirname(encrypted)).filter((f) => f.startsWith("nightly.db.enc"))).toEqual(["nightly.db.enc"]);
  });

  it("restores with the right key; a wrong key, none, or a damaged file is refused and the database stays as it was", async () => {
    const inBackup = count(open(live, true));
    const target = path.join(dir, "from-encrypted.db");
    migratedCopy(target);
    const before = sha256(target);
    const tampered = path.join(dir, "tampered.db.enc");
    const bytes = fs.readFileSync(encrypted);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    fs.writeFileSync(tampered, bytes);
    const refusals: [string, string, Record<string, string>, RegExp][] = [
      [
        "a wrong key",
        encrypted,
        { BACKUP_ENCRYPTION_KEY: "another-passphrase-0123456789" },
        /^BACKUP_ENCRYPTION_KEY does not open this backup: it is not the key the backup was made with; nothing was changed\.$/m,
      ],
      ["no key", encrypted, {}, /^The backup is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with; nothing was changed\.$/m],
      [
        "one byte changed",
        tampered,
        { BACKUP_ENCRYPTION_KEY: BACKUP_KEY },
        /damaged or was altered \(it fails authentication\); nothing was changed/,
      ],
    ];
    for (const [label, file, env, message] of refusals) {
      const run = await runScript("scripts/restore.ts", [file], target, env);
      expect(run.code, label).toBe(1);
      expect(run.stderr, label).toMatch(message);
      expect(run.stderr, label).not.toMatch(/\n\s+at /);
      expect(sha256(target), label).toBe(before);
      expect(
        fs.readdirSync(dir).filter((f) => f.startsWith("from-encrypted.db.")),
        label,
      ).toEqual([]); // nothing moved aside, no decrypted leftovers
    }

    const run = await runScript("scripts/restore.ts", [encrypted], target, { BACKUP_ENCRYPTION_KEY: BACKUP_KEY });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`(${inBackup} guests)`);
    expectRestored(target, inBackup);
    expect(ownerOnly(target)).toBe(0o600);
    expect(countAside("from-encrypted.db")).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.includes(".restoring-"))).toEqual([]);
  });
});

describe("files of a SQLite install", () => {
  it("npm start creates the database, its log and the generated secrets readable by the owner only", async () => {
    const data = path.join(dir, "fresh-install", "data");
    const env: NodeJS.ProcessEnv = {
      ...withoutBackupKey(),
      DATABASE_URL: `file:${data}/guest-archive.db`,
      SECRETS_FILE: `${data}/secrets.json`,
      DEMO: "false",
      JOBS: "false",
      PORT: "0",
    };
    delete env.SESSION_SECRET;
    delete env.ID_ENCRYPTION_KEY;
    const start = spawn(process.execPath, [TSX, "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    start.stdout.on("data", (d) => (out += d));
    start.stderr.on("data", (d) => (out += d));
    const ended = new Promise((resolve) => start.on("close", resolve));
    // Once it says it is starting, the files are there (the web server may or may not find a build here).
    for (const until = Date.now() + 90_000; !out.includes("is starting at") && start.exitCode === null && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 100));
    start.kill("SIGTERM");
    await ended;
    expect(out).toContain("is starting at");
    expect(ownerOnly(data)).toBe(0o700);
    for (const file of fs.readdirSync(data)) expect(ownerOnly(path.join(data, file)), file).toBe(0o600);
    expect(fs.readdirSync(data)).toEqual(expect.arrayContaining(["guest-archive.db", "secrets.json"]));
  }, 120_000);
});
