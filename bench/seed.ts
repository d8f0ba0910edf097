// npm run bench -- seed [--sizes 100000,1000000] [--databases sqlite,postgres]
// Seeds a fresh database of each size on each provider (SQLite file, and a
// throwaway PostgreSQL server as the tests start one) and reports wall time,
// guests per second and the seed process's peak memory. Target (issue 10):
// 1M guests on PostgreSQL in ≤ 10 min.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensurePostgresClient } from "../tests/support/postgres-client";
import { startThrowawayPostgres } from "../tests/support/throwaway-postgres";
import { BENCH_DATA, BENCH_ID_KEY } from "./lib/databases";
import { markdownTable } from "./lib/stats";

type Row = { provider: string; guests: number; seconds: number; peakMiB: number; perSecond: number; notes: string };

function option(args: string[], name: string, fallback: string) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

function timed(args: string[], env: Record<string, string>) {
  const result = spawnSync("/usr/bin/time", ["-f", "PEAK_KB=%M", "npx", "tsx", ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  const out = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`tsx ${args.join(" ")} failed:\n${out.slice(-2000)}`);
  return { out, peakKb: Number(/PEAK_KB=(\d+)/.exec(out)?.[1] ?? 0) };
}

/** Child processes on PostgreSQL load the PostgreSQL build of the Prisma client, as the tests' do. */
const POSTGRES_CLIENT_HOOK = `--import ${path.resolve("tests/support/use-postgres-client.mjs")}`;

function seedOnce(provider: string, url: string, guests: number): Row {
  const env: Record<string, string> = {
    DATABASE_URL: url,
    ID_ENCRYPTION_KEY: BENCH_ID_KEY,
    SESSION_SECRET: "bench-session-secret-0123456789",
  };
  if (provider === "postgres") env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} ${POSTGRES_CLIENT_HOOK}`.trim();
  timed(["scripts/prisma.ts", "migrate", "deploy"], env);
  const started = performance.now();
  const { out, peakKb } = timed(["prisma/seed.ts", "--guests", String(guests)], env);
  const seconds = (performance.now() - started) / 1000;
  const notes = out
    .split("\n")
    .filter((line) => /rebuilt|indexes|seeded/i.test(line))
    .map((line) => line.trim())
    .join("; ");
  return { provider, guests, seconds, peakMiB: Math.round(peakKb / 1024), perSecond: Math.round(guests / seconds), notes };
}

export async function run(args: string[]) {
  const sizes = option(args, "sizes", "100000,1000000").split(",").map(Number);
  const databases = option(args, "databases", "sqlite,postgres").split(",");
  const rows: Row[] = [];
  for (const guests of sizes) {
    if (databases.includes("sqlite")) {
      fs.mkdirSync(BENCH_DATA, { recursive: true });
      const file = path.join(BENCH_DATA, `seed-bench-${guests}.db`);
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      console.log(`sqlite: seeding ${guests.toLocaleString("en")} guests …`);
      rows.push(seedOnce("sqlite", `file:${file}`, guests));
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      console.log(rows.at(-1));
    }
    if (databases.includes("postgres")) {
      ensurePostgresClient();
      const server = await startThrowawayPostgres();
      try {
        spawnSync(path.join(server.binDir, "createdb"), ["-h", "127.0.0.1", "-p", String(server.port), "-U", "postgres", "seedbench"]);
        console.log(`postgres: seeding ${guests.toLocaleString("en")} guests …`);
        rows.push(seedOnce("postgres", server.url("seedbench"), guests));
        console.log(rows.at(-1));
      } finally {
        server.stop();
      }
    }
  }
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");
  const report = [
    `# Seed`,
    ``,
    `Run ${new Date().toISOString()} on ${os.cpus().length} cores; load average at the end ${load}.`,
    `Command: \`npm run bench -- seed --sizes ${sizes.join(",")} --databases ${databases.join(",")}\`.`,
    ``,
    markdownTable(
      ["database", "guests", "seconds", "guests/s", "peak MiB", "notes"],
      rows.map((r) => [
        r.provider,
        r.guests.toLocaleString("en"),
        r.seconds.toFixed(1),
        r.perSecond.toLocaleString("en"),
        r.peakMiB,
        r.notes,
      ]),
    ),
    ``,
  ].join("\n");
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/seed.md", report);
  console.log(report);
}
