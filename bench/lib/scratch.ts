// A writable copy of a seeded benchmark database, migrated to the current
// schema, for benchmarks that change data (outreach, purge). The seeded
// original stays untouched for the next run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BENCH_DATA, BENCH_ID_KEY } from "./databases";

export function scratchCopy(seededFile: string, name: string, log: (line: string) => void): string {
  const target = path.join(BENCH_DATA, `scratch-${name}.db`);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(target + suffix, { force: true });
  const started = performance.now();
  fs.copyFileSync(seededFile, target);
  log(`copied ${path.basename(seededFile)} → ${path.basename(target)} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const migrate = spawnSync("npx", ["tsx", "scripts/prisma.ts", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${target}`, ID_ENCRYPTION_KEY: BENCH_ID_KEY },
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(`migrate deploy failed: ${migrate.stderr}`);
  const sqlite = new Database(target);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  return target;
}

/** Peak resident memory of this process so far, in MiB (sampled). */
export function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return Math.round(peak / 2 ** 20);
    },
  };
}
