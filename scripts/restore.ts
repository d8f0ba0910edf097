// `npm run restore -- <file>`: checks a backup and puts it in place. SQLite:
// stop the app first; the replaced file is kept aside. PostgreSQL: into an
// empty database, with pg_restore in one transaction. An encrypted backup is
// opened with BACKUP_ENCRYPTION_KEY and authenticated whole before anything is
// restored: a missing or wrong key, or a damaged file, changes nothing.
import "dotenv/config";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl, providerOf, sqliteFilePath } from "../app/db/provider";
import { BackupDamagedError, BackupKeyError, decryptBackup, encryptedBackupKind, type BackupKind } from "./lib/backup-encryption";
import { pgTool } from "./lib/postgres-tools";

// The restored database and anything decrypted on the way: the owner's only.
process.umask(0o077);

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.error("Usage: npm run restore -- <backup file>");
  process.exit(1);
}
const url = databaseUrl();
const provider = providerOf(url);
const passphrase = process.env.BACKUP_ENCRYPTION_KEY || undefined;

function refuse(message: string): never {
  console.error(`${message}; nothing was changed.`);
  process.exit(1);
}

function kindOf(backup: string): { kind: BackupKind | null; encrypted: boolean } {
  try {
    const encrypted = encryptedBackupKind(backup);
    if (encrypted) return { kind: encrypted, encrypted: true };
  } catch (error) {
    if (error instanceof BackupDamagedError) refuse(error.message);
    throw error;
  }
  const start = Buffer.alloc(16);
  const fd = fs.openSync(backup, "r");
  fs.readSync(fd, start, 0, 16, 0);
  fs.closeSync(fd);
  if (start.toString("latin1") === "SQLite format 3\u0000") return { kind: "sqlite", encrypted: false };
  if (start.subarray(0, 5).toString("latin1") === "PGDMP") return { kind: "pg_dump", encrypted: false };
  return { kind: null, encrypted: false };
}

/** Decrypts into `into` (or only authenticates); the refusal's message, or null. */
async function decrypted(into: Writable | null) {
  try {
    await decryptBackup(file, passphrase, into);
  } catch (error) {
    if (error instanceof BackupKeyError || error instanceof BackupDamagedError) return error.message;
    throw error;
  }
  return null;
}

const { kind, encrypted } = kindOf(file);
if (provider === "postgres") await restorePostgres();
else await restoreSqlite();

async function restoreSqlite() {
  if (kind === "pg_dump") refuse("This is a PostgreSQL backup (pg_dump) and DATABASE_URL is SQLite");
  const target = sqliteFilePath(url);
  let source = file;
  if (encrypted) {
    // Decrypted beside the database (where it will live), then checked like any backup.
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    source = `${target}.restoring-${process.pid}`;
    const failed = await decrypted(fs.createWriteStream(source, { mode: 0o600 }));
    if (failed) {
      fs.rmSync(source, { force: true });
      refuse(failed);
    }
  }
  let integrity: unknown;
  let guests = 0;
  try {
    // The given file is only read; a decrypted copy is opened read-write, so that closing it leaves no -wal or -shm.
    const check = new Database(source, { readonly: source === file, fileMustExist: true });
    try {
      integrity = check.pragma("integrity_check", { simple: true });
      if (integrity === "ok") guests = (check.prepare("SELECT count(*) AS n FROM Guest").get() as { n: number }).n;
    } finally {
      check.close();
    }
  } catch (error) {
    // Not a database at all, or damaged beyond what integrity_check reports.
    integrity = error instanceof Error ? error.message : String(error);
  }
  if (integrity !== "ok") {
    if (source !== file) fs.rmSync(source, { force: true });
    refuse(`The backup fails integrity_check (${integrity})`);
  }
  if (fs.existsSync(target)) {
    const aside = `${target}.before-restore-${Date.now()}`;
    fs.renameSync(target, aside);
    // A WAL or a hot rollback journal left by a crash belongs to the old file:
    // it goes aside with it (so the kept copy is whole) and must not meet the
    // restored file (a stale journal would be "rolled back" into it).
    for (const suffix of ["-wal", "-journal"]) if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, aside + suffix);
    if (fs.existsSync(`${target}-shm`)) fs.rmSync(`${target}-shm`);
    console.log(`The current database was moved to ${aside}.`);
  }
  if (source !== file) fs.renameSync(source, target);
  else fs.copyFileSync(file, target);
  console.log(`Restored ${file} → ${target} (${guests} guests). Start the app again.`);
}

async function restorePostgres() {
  if (kind !== "pg_dump") refuse(`${file} is not a PostgreSQL backup (pg_dump, custom format) and DATABASE_URL is PostgreSQL`);
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  // Into an empty database only: a restore never mixes with the rows already there.
  const tables = await query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE "schemaname" = 'public'`);
  if (tables[0].n > 0)
    refuse(
      `The database "${database}" is not empty (${tables[0].n} tables): restore into a new, empty one (createdb …) and point DATABASE_URL at it`,
    );
  // Authenticated whole before pg_restore sees a byte of it, so it never restores garbage.
  if (encrypted) {
    const failed = await decrypted(null);
    if (failed) refuse(failed);
  }
  const restore = spawn(
    pgTool("pg_restore"),
    ["--no-owner", "--exit-on-error", "--single-transaction", "--no-password", `--dbname=${url}`, ...(encrypted ? [] : [file])],
    { stdio: [encrypted ? "pipe" : "ignore", "inherit", "pipe"] },
  );
  let errors = "";
  restore.stderr!.on("data", (chunk) => (errors += chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    restore.on("error", reject);
    restore.on("close", resolve);
  });
  // Streamed again, into pg_restore. Only a file changed since the first pass can fail here (at
  // its end): pg_restore is stopped, which undoes its transaction unless it has just committed.
  const failed = encrypted
    ? // pg_restore stopping early (its own error, reported below) closes the pipe.
      await decrypted(restore.stdin).catch((error) => (error.code === "EPIPE" ? null : Promise.reject(error)))
    : null;
  if (failed) {
    restore.kill("SIGTERM");
    await exited;
    console.error(`${failed}: the file changed while it was restored. Check that "${database}" is still empty, then try again.`);
    process.exit(1);
  }
  const code = await exited;
  if (code !== 0) refuse(`pg_restore failed (exit ${code}): ${errors.trim()}`);
  const [{ n }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Guest"`);
  console.log(`Restored ${file} → database "${database}" (${n} guests). Start the app again.`);
}

async function query<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}
