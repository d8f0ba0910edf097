// PostgreSQL's client programs for backup and restore: from PATH, or else
// the newest of Debian's /usr/lib/postgresql/<version>/bin (where the server
// package puts them without a PATH entry).
import fs from "node:fs";
import path from "node:path";

export function pgTool(name: "pg_dump" | "pg_restore"): string {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    if (fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", name))) : [];
  const newest = versions.sort((a, b) => Number(a) - Number(b)).at(-1);
  if (newest) return path.join(root, newest, "bin", name);
  console.error(`${name} not found: install PostgreSQL's client programs (apt-get install postgresql-client) or put ${name} on PATH.`);
  process.exit(1);
}
