// npm run bench -- <name> [options]
// Each benchmark is one module in bench/ exporting `run(args)`; add a line to
// BENCHMARKS to add one (outreach, purge, segments …).
const BENCHMARKS: Record<string, { describe: string; load: () => Promise<{ run(args: string[]): Promise<void> }> }> = {
  search: { describe: "desk search over HTTP at 100k and 1M guests (p50/p95/p99 per key type)", load: () => import("./search") },
  outreach: { describe: "birthday and holiday planning jobs over 1M guests (target ≤ 10 s each)", load: () => import("./outreach") },
  purge: {
    describe: "retention preview and both purge phases, 100k inactive among 1M (≤ 60 s, no write transaction over 1 s)",
    load: () => import("./purge"),
  },
  seed: { describe: "seed 100k and 1M guests on SQLite and PostgreSQL (1M on PostgreSQL ≤ 10 min)", load: () => import("./seed") },
  register: {
    describe: "what the access register costs a read, and a guest's register page in a register of 100k list reads",
    load: () => import("./register"),
  },
  floor: {
    describe:
      "per-request floor: the app beside a bare http + better-sqlite3 server (healthz, search, profile; 1 and 8 clients; --profile)",
    load: () => import("./floor"),
  },
  duplicates: {
    describe: "nightly duplicate scan (time, peak RSS) and precision/recall of the review band on the planted duplicates",
    load: () => import("./duplicates"),
  },
  quality: {
    describe: "nightly data-quality job over a seeded archive (target at 1M: ≤ 120 s, ≤ 512 MB) and its findings against the planted truth",
    load: () => import("./quality"),
  },
  merge: { describe: "merge and undo of two profiles with 300 stays each on SQLite and PostgreSQL (≤ 2 s)", load: () => import("./merge") },
  pms: {
    describe: "PMS feed: 10k reservation messages over HTTP on SQLite from 8 senders (≤ 60 s, 0 errors, 0 duplicates)",
    load: () => import("./pms"),
  },
  import: {
    describe: "import of a guest file on SQLite: 100k guests (≤ 30 s, ≤ 512 MB), time and peak RSS",
    load: () => import("./import"),
  },
  segments: {
    describe: "nightly segments job over 1M guests (≤ 60 s, ≤ 512 MB) and analytics loaders over HTTP (p95 ≤ 200 ms)",
    load: () => import("./segments"),
  },
};

const [benchmarkName, ...args] = process.argv.slice(2);
const benchmark = benchmarkName ? BENCHMARKS[benchmarkName] : undefined;
if (!benchmark) {
  console.error(
    `usage: npm run bench -- <name> [options]\n\n${Object.entries(BENCHMARKS)
      .map(([n, b]) => `  ${n.padEnd(10)} ${b.describe}`)
      .join("\n")}`,
  );
  process.exit(benchmarkName ? 1 : 0);
} else {
  await (await benchmark.load()).run(args);
}

export {};
