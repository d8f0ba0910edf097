// npm run bench -- segments [--guests 1000000] [--requests 100] [--no-build] [--skip-http] [--reseed]
// The nightly segments job over a seeded archive (default 1M guests), each run
// in its own process as `npm run job` would run it: the first run (every
// month of history into the monthly facts), the next night (three months, and
// segment moves), and a re-run of that night (idempotent: the same scores and
// moves, no row added).
// Seconds and peak RSS per run; target ≤ 60 s and ≤ 512 MB.
// Then the analytics pages over HTTP against the production build: loader
// data (?_data=…) and the full HTML page, p50/p95 per page; target p95 ≤ 200 ms.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { DEMO_PASSWORD } from "../prisma/seed/demo-logins";
import { databaseFacts, seededDatabase, warmPageCache } from "./lib/databases";
import { DeskClient, login } from "./lib/http";
import { scratchCopy } from "./lib/scratch";
import { buildApp, startServer } from "./lib/server";
import { markdownTable, summarise, table, type Summary } from "./lib/stats";

const TARGET_SECONDS = 60;
const TARGET_RSS_MIB = 512;
const TARGET_P95_MS = 200;
const WARMUP = 20;

type JobRun = {
  label: string;
  asOf: string;
  seconds: number;
  peakRssMiB: number;
  status: string;
  counts: Record<string, number>;
  rows: string;
};

/** Rows the job owns, to show that a re-run adds none. */
function ownedRows(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const n = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return `${n("GuestScore")} scores, ${n("SegmentChange")} changes, ${n("SegmentSnapshot")} snapshot rows, ${n("ScoreAggregate")} aggregates, ${n("MonthlyFact")} monthly facts`;
  } finally {
    db.close();
  }
}

/** One job run in a child process; its peak RSS comes from the kernel (getrusage). */
function runJobProcess(
  file: string,
  asOf: string,
): Promise<{ seconds: number; peakRssMiB: number; status: string; counts: Record<string, number> }> {
  const script = `
    const { db, disconnectDb } = await import(${JSON.stringify(path.resolve("app/db/client.server.ts"))});
    const { runNamedJob } = await import(${JSON.stringify(path.resolve("jobs/registry.server.ts"))});
    const started = performance.now();
    const outcome = await runNamedJob(db(), "segments", { asOf: ${JSON.stringify(asOf)}, dryRun: false, trigger: "cli" });
    const seconds = (performance.now() - started) / 1000;
    await disconnectDb();
    console.log("RESULT " + JSON.stringify({ seconds, status: outcome.status, counts: outcome.counts, error: outcome.error, maxRssKiB: process.resourceUsage().maxRSS }));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      env: { ...process.env, DATABASE_URL: `file:${file}`, ID_ENCRYPTION_KEY: "bench" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) return reject(new Error(`job process exited with ${code}:\n${out}`));
      const r = JSON.parse(line.slice(7));
      if (r.error) console.log(`  job error: ${r.error}`);
      resolve({ seconds: Math.round(r.seconds * 10) / 10, peakRssMiB: Math.round(r.maxRssKiB / 1024), status: r.status, counts: r.counts });
    });
  });
}

function addDays(iso: string, days: number) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function hasLoyaltyData(file: string): boolean {
  const db = new Database(file, { readonly: true });
  try {
    return (
      Boolean(db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'Survey'`).get()) &&
      Boolean(db.prepare(`SELECT 1 FROM "Survey" LIMIT 1`).get())
    );
  } catch {
    return false;
  } finally {
    db.close();
  }
}

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      guests: { type: "string", default: "1000000" },
      requests: { type: "string", default: "100" },
      "no-build": { type: "boolean", default: false },
      "skip-http": { type: "boolean", default: false },
      reseed: { type: "boolean", default: false },
    },
  });
  const guests = Number(values.guests);
  const requests = Number(values.requests);
  const log = (line: string) => console.log(line);

  // The seed gained surveys, settlements and referrals with the segments work:
  // an archive seeded before that is re-seeded (deterministic, same guests).
  let seeded = seededDatabase(guests, { log, reseed: values.reseed });
  if (!hasLoyaltyData(seeded.file)) {
    log(`${path.basename(seeded.file)} was seeded before surveys existed: re-seeding it`);
    seeded = seededDatabase(guests, { log, reseed: true });
  }
  const file = scratchCopy(seeded.file, "segments", log);
  const facts = databaseFacts(file);
  const extra = new Database(file, { readonly: true });
  const surveys = (extra.prepare(`SELECT COUNT(*) AS n FROM "Survey"`).get() as { n: number }).n;
  const today = (extra.prepare(`SELECT MAX("departureDate") AS d FROM "Stay" WHERE "status" = 'CHECKED_OUT'`).get() as { d: string }).d;
  extra.close();
  const asOf = addDays(today, 1);
  log(
    `archive: ${facts.guests.toLocaleString("en")} guests, ${facts.stays.toLocaleString("en")} stays, ${facts.charges.toLocaleString("en")} charges, ${surveys.toLocaleString("en")} surveys, ${facts.fileMiB} MiB; as of ${asOf}`,
  );
  await warmPageCache(file);

  const runs: JobRun[] = [];
  for (const [label, day] of [
    ["first run (all history)", asOf],
    ["next night", addDays(asOf, 1)],
    ["re-run of that night", addDays(asOf, 1)],
  ] as const) {
    const r = await runJobProcess(file, day);
    const rows = ownedRows(file);
    runs.push({ label, asOf: day, ...r, rows });
    log(`${label} as of ${day}: ${r.status} in ${r.seconds} s, peak RSS ${r.peakRssMiB} MiB ${JSON.stringify(r.counts)}; ${rows}`);
  }

  const pages: { page: string; loader: Summary; html: Summary }[] = [];
  if (!values["skip-http"]) {
    if (!values["no-build"]) buildApp(log);
    const server = await startServer(file, log);
    try {
      const cookie = await login(server.baseUrl, "manager", DEMO_PASSWORD);
      const client = new DeskClient(server.baseUrl, cookie);
      const month = asOf.slice(0, 7);
      const lastMonth = addDays(`${month}-01`, -1).slice(0, 7);
      const targets: [string, string, string][] = [
        ["dashboard, all properties", "/analytics", "routes/analytics._index"],
        ["dashboard, one property", "/analytics?propertyId=1", "routes/analytics._index"],
        [
          "dashboard, other property and period",
          `/analytics?propertyId=2&from=${addDays(`${month}-01`, -200).slice(0, 7)}&to=${lastMonth}`,
          "routes/analytics._index",
        ],
        ["segment list (Champions)", "/analytics/guests?segment=CHAMPIONS", "routes/analytics.guests"],
        ["segment list at a property", "/analytics/guests?segment=AT_RISK_HIGH_VALUE&propertyId=2", "routes/analytics.guests"],
        ["RFM cell list", "/analytics/guests?r=5&f=5", "routes/analytics.guests"],
        [
          "event list (OTA stays, a month)",
          `/analytics/guests?event=channel&channel=OTA&from=${lastMonth}&to=${lastMonth}`,
          "routes/analytics.guests",
        ],
        ["promoters", "/analytics/promoters", "routes/analytics.promoters"],
        ["monthly report", `/analytics/report?month=${lastMonth}`, "routes/analytics.report"],
        ["profile with loyalty card", "/guests/1", "routes/guests.$guestId"],
      ];
      for (const [page, url, routeId] of targets) {
        const sep = url.includes("?") ? "&" : "?";
        const loaderUrl = `${url}${sep}_data=${encodeURIComponent(routeId)}`;
        for (let i = 0; i < WARMUP; i++) await client.get(loaderUrl);
        const loaderTimes: number[] = [];
        const htmlTimes: number[] = [];
        for (let i = 0; i < requests; i++) {
          const a = await client.get(loaderUrl);
          if (a.status !== 200) throw new Error(`${loaderUrl} → ${a.status}`);
          loaderTimes.push(a.ms);
          if (i % 4 === 0) {
            const b = await client.get(url);
            if (b.status !== 200) throw new Error(`${url} → ${b.status}`);
            htmlTimes.push(b.ms);
          }
        }
        const result = { page, loader: summarise(loaderTimes), html: summarise(htmlTimes) };
        pages.push(result);
        log(`${page}: loader p50 ${result.loader.p50} ms, p95 ${result.loader.p95} ms; page p95 ${result.html.p95} ms`);
      }
      client.close();
    } finally {
      await server.stop();
    }
  }

  const jobRows = runs.map((r) => [
    r.label,
    r.asOf,
    r.status,
    r.seconds,
    r.peakRssMiB,
    r.counts.guests ?? "",
    r.counts.changes ?? "",
    r.counts.monthsRefreshed ?? "",
    r.rows,
  ]);
  const pageRows = pages.map((p) => [p.page, p.loader.p50, p.loader.p95, p.loader.p99, p.html.p50, p.html.p95]);
  console.log("\n" + table(["run", "as of", "status", "seconds", "peak RSS MiB", "guests", "moves", "months", "rows afterwards"], jobRows));
  if (pageRows.length) console.log("\n" + table(["page", "loader p50", "loader p95", "loader p99", "page p50", "page p95"], pageRows));
  const lines = [
    "# Segments benchmark",
    "",
    `Run ${new Date().toISOString()} with \`npm run bench -- segments --guests ${guests}\` on the seeded archive: ` +
      `${facts.guests.toLocaleString("en")} guests, ${facts.stays.toLocaleString("en")} stays, ${facts.charges.toLocaleString("en")} charges, ` +
      `${surveys.toLocaleString("en")} surveys (${facts.fileMiB} MiB). Targets: job ≤ ${TARGET_SECONDS} s and ≤ ${TARGET_RSS_MIB} MB; loader p95 ≤ ${TARGET_P95_MS} ms.`,
    "",
    "Each job run is its own process (peak RSS from getrusage).",
    "",
    markdownTable(["run", "as of", "status", "seconds", "peak RSS MiB", "guests", "moves", "months refreshed", "rows afterwards"], jobRows),
    "",
    ...(pageRows.length
      ? [
          `Analytics pages over HTTP (one client, ${requests} loader requests after ${WARMUP} warm-up; every fourth also the full page), ms:`,
          "",
          markdownTable(["page", "loader p50", "loader p95", "loader p99", "page p50", "page p95"], pageRows),
          "",
        ]
      : []),
  ];
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync(path.join("bench/results", "segments.md"), lines.join("\n"));
  fs.writeFileSync(
    path.join("bench/results", `segments-${new Date().toISOString().slice(0, 10)}.json`),
    JSON.stringify({ guests, facts, surveys, runs, pages }, null, 2),
  );
}
