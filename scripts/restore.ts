// `npm run restore -- <file>`: checks a backup and puts it in place of the
// SQLite database. Stop the app first; the replaced file is kept aside.
import "dotenv/config";
import fs from "node:fs";
import Database from "better-sqlite3";
import { databaseUrl, providerOf, sqliteFilePath } from "../app/db/provider";

const file = process.argv[2];
if (!file || !fs.existsSync(file)) {
  console.error("Usage: npm run restore -- <backup file>");
  process.exit(1);
}
const url = databaseUrl();
if (providerOf(url) !== "sqlite") {
  console.error("DATABASE_URL is PostgreSQL: use pg_restore / psql (see README, Backups).");
  process.exit(1);
}
let integrity: unknown;
let guests = 0;
try {
  const check = new Database(file, { readonly: true, fileMustExist: true });
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
  console.error(`The backup fails integrity_check (${integrity}); nothing was changed.`);
  process.exit(1);
}
const target = sqliteFilePath(url);
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
fs.copyFileSync(file, target);
console.log(`Restored ${file} → ${target} (${guests} guests). Start the app again.`);
