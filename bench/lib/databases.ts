// Seeded benchmark databases, kept in bench/data/ (gitignored) and reused
// across runs: seeding 1M guests takes minutes.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const BENCH_DATA = path.resolve("bench/data");
/** The ID-document key the bench server runs with; the seed must encrypt with the same one. */
export const BENCH_ID_KEY = "bench";

export type SeededDatabase = { file: string; guests: number; reused: boolean; seedSeconds: number | null; seedLog: string[] };

function guestCount(file: string): number | null {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (
        (db.prepare(`SELECT value FROM "ProfileNumberSequence" WHERE name = 'guest'`).get() as { value: number } | undefined)?.value ?? null
      );
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

function run(command: string, args: string[], env: Record<string, string>, log: (line: string) => void) {
  const result = spawnSync(command, args, { env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  const lines = `${result.stdout ?? ""}${result.stderr ?? ""}`.split("\n").filter(Boolean);
  for (const line of lines) log(`  ${line}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${result.status})`);
  return lines;
}

/** bench/data/guests-<N>.db, seeded on first use (into a temporary file, renamed when complete). */
export function seededDatabase(guests: number, options: { reseed?: boolean; today?: string; log: (line: string) => void }): SeededDatabase {
  fs.mkdirSync(BENCH_DATA, { recursive: true });
  const file = path.join(BENCH_DATA, `guests-${guests}.db`);
  if (!options.reseed && guestCount(file) === guests) {
    // A database seeded before the latest migrations would not match the code being measured.
    const migrated = run("npx", ["tsx", "scripts/prisma.ts", "migrate", "deploy"], { DATABASE_URL: `file:${file}` }, () => {});
    const applied = migrated.flatMap((line) => line.match(/\d{4}_\w+/) ?? []);
    if (applied.length) options.log(`migrated ${path.basename(file)}: ${applied.join(", ")}`);
    return { file, guests, reused: true, seedSeconds: null, seedLog: [] };
  }

  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  const env = { DATABASE_URL: `file:${partial}`, ID_ENCRYPTION_KEY: BENCH_ID_KEY };
  options.log(`seeding ${guests.toLocaleString("en")} guests into ${path.relative(process.cwd(), file)} …`);
  run("npx", ["tsx", "scripts/prisma.ts", "migrate", "deploy"], env, () => {});
  const started = performance.now();
  const seedLog = run(
    "npx",
    ["tsx", "prisma/seed.ts", "--guests", String(guests), ...(options.today ? ["--today", options.today] : [])],
    env,
    options.log,
  );
  const seedSeconds = (performance.now() - started) / 1000;
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.renameSync(partial, file);
  return { file, guests, reused: false, seedSeconds, seedLog };
}

export function databaseFacts(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return {
      fileMiB: Math.round(fs.statSync(file).size / 2 ** 20),
      guests: count("Guest"),
      stays: count("Stay"),
      charges: count("Charge"),
      searchKeys: count("GuestSearchKey"),
      timelineEvents: count("TimelineEvent"),
      inHouse: (db.prepare(`SELECT COUNT(*) AS n FROM "Stay" WHERE "status" = 'IN_HOUSE'`).get() as { n: number }).n,
      analyzed: Boolean(db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'`).get()),
    };
  } finally {
    db.close();
  }
}

/** Reads the file once so the first measured requests do not pay for cold disk pages. */
export async function warmPageCache(file: string) {
  const stream = fs.createReadStream(file, { highWaterMark: 8 * 2 ** 20 });
  for await (const _chunk of stream);
}
