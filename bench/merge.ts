// npm run bench -- merge [--stays 300] [--runs 3] [--databases sqlite,postgres]
// A merge of two profiles with --stays stays each (a charge per stay, a
// timeline event per stay and per charge, preferences, special days,
// complaints, points) and its undo, on a fresh database of each provider (a
// SQLite file; a throwaway PostgreSQL server as the tests start one), timed
// in a child process (bench/merge-worker.ts). Target (issue 12): ≤ 2 s.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensurePostgresClient } from "../tests/support/postgres-client";
import { startThrowawayPostgres } from "../tests/support/throwaway-postgres";
import { BENCH_DATA, BENCH_ID_KEY } from "./lib/databases";
import { markdownTable } from "./lib/stats";

function option(args: string[], name: string, fallback: string) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
}

const POSTGRES_CLIENT_HOOK = `--import ${path.resolve("tests/support/use-postgres-client.mjs")}`;

function runTsx(args: string[], env: Record<string, string>) {
  const result = spawnSync("npx", ["tsx", ...args], { env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 2 ** 20 });
  const out = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) throw new Error(`tsx ${args.join(" ")} failed:\n${out.slice(-2000)}`);
  return out;
}

type Result = { provider: string; moved: number; merge: number[]; undo: number[] };

function measure(provider: string, url: string, stays: number, runs: number): Result {
  const env: Record<string, string> = {
    DATABASE_URL: url,
    ID_ENCRYPTION_KEY: BENCH_ID_KEY,
    SESSION_SECRET: "bench-session-secret-0123456789",
  };
  if (provider === "postgres") env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} ${POSTGRES_CLIENT_HOOK}`.trim();
  runTsx(["scripts/prisma.ts", "migrate", "deploy"], env);
  const out = runTsx(["bench/merge-worker.ts", String(stays), String(runs)], env);
  const line = out.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`no result:\n${out.slice(-2000)}`);
  return { provider, ...JSON.parse(line.slice("RESULT ".length)) };
}

export async function run(args: string[]) {
  const stays = Number(option(args, "stays", "300"));
  const runs = Number(option(args, "runs", "3"));
  const databases = option(args, "databases", "sqlite,postgres").split(",");
  const results: Result[] = [];
  if (databases.includes("sqlite")) {
    fs.mkdirSync(BENCH_DATA, { recursive: true });
    const file = path.join(BENCH_DATA, "merge-bench.db");
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    results.push(measure("sqlite", `file:${file}`, stays, runs));
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    console.log(results.at(-1));
  }
  if (databases.includes("postgres")) {
    ensurePostgresClient();
    const server = await startThrowawayPostgres();
    try {
      spawnSync(path.join(server.binDir, "createdb"), ["-h", "127.0.0.1", "-p", String(server.port), "-U", "postgres", "mergebench"]);
      results.push(measure("postgres", server.url("mergebench"), stays, runs));
      console.log(results.at(-1));
    } finally {
      server.stop();
    }
  }
  const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(" / ");
  const report = [
    "# Merge benchmark",
    "",
    `Run ${new Date().toISOString()} with \`npm run bench -- merge --stays ${stays} --runs ${runs}\`. Machine load ${fs.existsSync("/proc/loadavg") ? fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ") : "?"}. Two profiles with ${stays} stays each (a charge per stay, timeline events, preferences, special days, complaints, points); each run a fresh pair, after a segments run, so merge and undo include the rescoring of the profiles. Target: a merge ≤ 2 s.`,
    "",
    markdownTable(
      ["database", "rows moved per merge", "merge ms (each run)", "undo ms (each run)"],
      results.map((r) => [r.provider, r.moved, ms(r.merge), ms(r.undo)]),
    ),
    "",
  ].join("\n");
  fs.mkdirSync(path.resolve("bench/results"), { recursive: true });
  fs.writeFileSync(path.resolve("bench/results/merge.md"), report);
  console.log(report);
}
