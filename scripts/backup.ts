// `npm run backup [-- <file>]`: a consistent copy of the SQLite database while
// the app keeps running (SQLite's online backup API through better-sqlite3).
// For PostgreSQL use pg_dump (see README).
import "dotenv/config";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseUrl, providerOf, sqliteFilePath } from "../app/db/provider";

// Backups hold every guest's data: readable by the owner only.
process.umask(0o077);

const url = databaseUrl();
if (providerOf(url) !== "sqlite") {
  console.error("DATABASE_URL is PostgreSQL: use pg_dump (see README, Backups).");
  process.exit(1);
}
const source = sqliteFilePath(url);
if (!fs.existsSync(source)) {
  console.error(`No database at ${source}.`);
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = process.argv[2] ?? path.join("backups", `guest-archive-${stamp}.db`);
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });

const db = new Database(source, { readonly: true, fileMustExist: true });
const started = Date.now();
await db.backup(target, {
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
const check = new Database(target, { readonly: true });
const integrity = check.pragma("integrity_check", { simple: true });
check.close();
console.log(`\nBackup written to ${target} in ${Date.now() - started} ms (integrity_check: ${integrity}).`);
if (integrity !== "ok") process.exit(1);
