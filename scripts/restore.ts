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
const check = new Database(file, { readonly: true, fileMustExist: true });
const integrity = check.pragma("integrity_check", { simple: true });
const guests = (check.prepare("SELECT count(*) AS n FROM Guest").get() as { n: number }).n;
check.close();
if (integrity !== "ok") {
  console.error(`The backup fails integrity_check (${integrity}); nothing was changed.`);
  process.exit(1);
}
const target = sqliteFilePath(url);
if (fs.existsSync(target)) {
  const aside = `${target}.before-restore-${Date.now()}`;
  fs.renameSync(target, aside);
  for (const suffix of ["-wal", "-shm"]) if (fs.existsSync(target + suffix)) fs.rmSync(target + suffix);
  console.log(`The current database was moved to ${aside}.`);
}
fs.copyFileSync(file, target);
console.log(`Restored ${file} → ${target} (${guests} guests). Start the app again.`);
