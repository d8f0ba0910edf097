// An erased guest's values leave no copy on disk (SQLite): not in the
// database file, not in its write-ahead log, not in a backup taken afterwards
// — secure_delete zeroes what is deleted or overwritten, and erasure
// checkpoints the log. (SQLite only: PostgreSQL reclaims dead rows by vacuum.)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { sqliteFilePath } from "~/db/provider";
import { mergeGuests } from "~/domain/duplicates/merge-guests.server";
import { eraseGuest } from "~/domain/retention/erase-guest.server";
import { plantGuest, plantStaffMember } from "../support/fixtures";

const file = sqliteFilePath(process.env.DATABASE_URL!);
const EMAIL = "erase-me-4821@example.test";
const NOTE = "SECRET-NOTE-4821-allergic-to-lilies";

beforeAll(() => {
  // As npm start leaves the file: write-ahead logging.
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
});

const onDisk = (path: string) => (fs.existsSync(path) ? fs.readFileSync(path) : Buffer.alloc(0));
const holds = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, "utf8"));

describe("erasure on disk", () => {
  it("leaves the erased e-mail and notes neither in the database file, its log, nor a later backup", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const archivist = await plantStaffMember("ARCHIVIST");
    const { guestId } = await plantGuest(desk.actor, { fullName: "Erased Guest", email: EMAIL, notes: NOTE });
    // Other guests around it, so the erased rows share pages with live ones.
    for (let i = 0; i < 30; i++) await plantGuest(desk.actor, { fullName: `Neighbour ${i}`, email: `neighbour${i}@example.test` });
    const before = Buffer.concat([onDisk(file), onDisk(`${file}-wal`)]);
    expect(holds(before, EMAIL)).toBe(true);
    expect(holds(before, NOTE)).toBe(true);

    await eraseGuest(db(), archivist.actor, guestId, "guest request");

    for (const part of [file, `${file}-wal`]) {
      expect(holds(onDisk(part), EMAIL), part).toBe(false);
      expect(holds(onDisk(part), NOTE), part).toBe(false);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "erased-backup-"));
    try {
      const backup = path.join(dir, "after.db");
      const run = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/backup.ts", backup], {
        env: process.env,
        encoding: "utf8",
      });
      expect(run.status, run.stderr).toBe(0);
      expect(fs.statSync(backup).mode & 0o077, "the backup is readable by its owner only").toBe(0);
      expect(holds(onDisk(backup), EMAIL)).toBe(false);
      expect(holds(onDisk(backup), NOTE)).toBe(false);
      // The neighbours are all there.
      expect(holds(onDisk(backup), "neighbour29@example.test")).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves no value of a profile merged into the erased guest in the database file or its log", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const archivist = await plantStaffMember("ARCHIVIST");
    const mergedEmail = "merged-away-7305@example.test";
    const mergedNote = "SECRET-NOTE-7305-merged-profile-fears-heights";
    const survivor = await plantGuest(desk.actor, { fullName: "Survivor Guest", email: "survivor-7305@example.test" });
    const other = await plantGuest(desk.actor, { fullName: "Survivor Guest", email: mergedEmail, notes: mergedNote });
    for (let i = 0; i < 30; i++) await plantGuest(desk.actor, { fullName: `Bystander ${i}`, email: `bystander${i}@example.test` });
    const versions = await db().guest.findMany({ where: { id: { in: [survivor.guestId, other.guestId] } } });
    const version = (id: number) => versions.find((g) => g.id === id)!.version;
    await mergeGuests(db(), archivist.actor, {
      survivorId: survivor.guestId,
      otherId: other.guestId,
      expectedVersions: { survivor: version(survivor.guestId), other: version(other.guestId) },
    });
    const before = Buffer.concat([onDisk(file), onDisk(`${file}-wal`)]);
    expect(holds(before, mergedEmail)).toBe(true);
    expect(holds(before, mergedNote)).toBe(true);

    await eraseGuest(db(), archivist.actor, survivor.guestId, "guest request");

    for (const part of [file, `${file}-wal`]) {
      expect(holds(onDisk(part), mergedEmail), part).toBe(false);
      expect(holds(onDisk(part), mergedNote), part).toBe(false);
      expect(holds(onDisk(part), "survivor-7305@example.test"), part).toBe(false);
    }
    expect(holds(onDisk(file), "bystander29@example.test")).toBe(true);
  });
});
