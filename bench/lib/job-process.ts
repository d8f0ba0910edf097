// One job run in a child process over a benchmark's SQLite file: its time and
// the child's peak RSS (what the job alone costs, not the harness).
import { spawn } from "node:child_process";
import path from "node:path";
import { BENCH_ID_KEY } from "./databases";

export function runJobInChild(job: string, file: string, asOf: string) {
  const script = `
    const { db, disconnectDb } = await import(${JSON.stringify(path.resolve("app/db/client.server.ts"))});
    const { runNamedJob } = await import(${JSON.stringify(path.resolve("jobs/registry.server.ts"))});
    const started = performance.now();
    const outcome = await runNamedJob(db(), ${JSON.stringify(job)}, { asOf: ${JSON.stringify(asOf)}, dryRun: false, trigger: "cli" });
    const seconds = (performance.now() - started) / 1000;
    await disconnectDb();
    console.log("RESULT " + JSON.stringify({ seconds, status: outcome.status, counts: outcome.counts, error: outcome.error, maxRssKiB: process.resourceUsage().maxRSS }));
  `;
  return new Promise<{ seconds: number; peakRssMiB: number; status: string; counts: Record<string, number> }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      env: { ...process.env, DATABASE_URL: `file:${file}`, ID_ENCRYPTION_KEY: BENCH_ID_KEY },
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
