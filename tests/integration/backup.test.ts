// `npm run backup` and `npm run restore`, run as the separate processes they
// are, against SQLite files of their own: a backup taken while another
// connection keeps writing is consistent and restores; a damaged backup is
// refused and leaves the database alone.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");
const BETTER_SQLITE3 = createRequire(import.meta.url).resolve("better-sqlite3");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guest-archive-backup-"));
const live = path.join(dir, "live.db");
const backup = path.join(dir, "backups", "nightly.db");
/** Rows planted before the backup starts: tens of MB, thousands of pages to copy. */
const PLANTED = 20_000;

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs `tsx <script> <args>` with DATABASE_URL pointing at `database`. */
function runScript(script: string, args: string[], database: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, script, ...args], {
      env: { ...process.env, DATABASE_URL: `file:${database}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

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

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run backup", () => {
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
});
