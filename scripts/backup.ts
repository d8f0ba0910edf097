// `npm run backup [-- <file>]`: a consistent copy of the database while the
// app keeps running — on SQLite with SQLite's online backup API (through
// better-sqlite3), on PostgreSQL with pg_dump (custom format). With
// BACKUP_ENCRYPTION_KEY set the copy is encrypted (scripts/lib/backup-encryption.ts).
import "dotenv/config";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { pipeline } from "node:stream/promises";
import Database from "better-sqlite3";
import { databaseUrl, providerOf, sqliteFilePath } from "../app/db/provider";
import { MIN_PASSPHRASE_LENGTH, writeEncryptedBackup } from "./lib/backup-encryption";
import { pgTool } from "./lib/postgres-tools";

// Backups hold every guest's data: readable by the owner only.
process.umask(0o077);

const url = databaseUrl();
const provider = providerOf(url);
const passphrase = process.env.BACKUP_ENCRYPTION_KEY || undefined;
if (passphrase && passphrase.length < MIN_PASSPHRASE_LENGTH) {
  console.error(`BACKUP_ENCRYPTION_KEY must be at least ${MIN_PASSPHRASE_LENGTH} characters; nothing was written.`);
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target =
  process.argv[2] ?? path.join("backups", `guest-archive-${stamp}.${provider === "sqlite" ? "db" : "dump"}${passphrase ? ".enc" : ""}`);
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
const started = Date.now();
const encrypted = passphrase ? " (encrypted)" : "";

if (provider === "sqlite") {
  const source = sqliteFilePath(url);
  if (!fs.existsSync(source)) {
    console.error(`No database at ${source}.`);
    process.exit(1);
  }
  // Encrypted: the copy is made beside the target, checked, encrypted, and removed.
  const copy = passphrase ? `${target}.partial-${process.pid}` : target;
  try {
    const db = new Database(source, { readonly: true, fileMustExist: true });
    await db.backup(copy, {
      progress({ totalPages }) {
        process.stdout.write(`Backing up ${totalPages} pages…`);
        // Every page in one step, under one read transaction: a consistent
        // snapshot that the app's writes cannot restart. (In small steps the copy
        // starts over whenever another connection writes in between, so under
        // steady writes it never finishes.) In WAL mode the app keeps writing
        // meanwhile; with a rollback journal its writes wait for the copy.
        return 0x7fffffff;
      },
    });
    db.close();
    // Read-write, so that closing it removes the -wal and -shm a read-only connection would leave beside the copy.
    const check = new Database(copy, { fileMustExist: true });
    const integrity = check.pragma("integrity_check", { simple: true });
    check.close();
    if (integrity !== "ok") process.exitCode = 1;
    if (passphrase && integrity !== "ok") console.error(`\nThe copy fails integrity_check (${integrity}); no backup was written.`);
    else {
      if (passphrase) await writeEncryptedBackup(fs.createReadStream(copy), target, passphrase, "sqlite");
      console.log(`\nBackup written to ${target}${encrypted} in ${Date.now() - started} ms (integrity_check: ${integrity}).`);
    }
  } finally {
    if (copy !== target) fs.rmSync(copy, { force: true });
  }
} else {
  // pg_dump's stream goes to the file, or through the encryption into it; a failed dump leaves no file.
  const dump = spawn(pgTool("pg_dump"), ["--format=custom", "--no-password", `--dbname=${url}`], { stdio: ["ignore", "pipe", "pipe"] });
  let errors = "";
  dump.stderr.on("data", (chunk) => (errors += chunk));
  const exited = new Promise<number | null>((resolve, reject) => {
    dump.on("error", reject);
    dump.on("close", resolve);
  });
  try {
    const written = passphrase
      ? // Read from now on: deriving the key takes a moment, and a child's unread output is thrown away once it exits.
        writeEncryptedBackup(dump.stdout.pipe(new PassThrough()), target, passphrase, "pg_dump")
      : pipeline(dump.stdout, fs.createWriteStream(target, { mode: 0o600 }));
    const [code] = await Promise.all([exited, written]);
    if (code !== 0) throw new Error(`pg_dump failed (exit ${code}): ${errors.trim()}`);
    console.log(`Backup written to ${target}${encrypted} in ${Date.now() - started} ms (pg_dump, custom format).`);
  } catch (error) {
    fs.rmSync(target, { force: true });
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
