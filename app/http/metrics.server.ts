// Prometheus metrics of a web instance (/metrics, app/routes/metrics.ts):
// request latency by route, the Node process, the database pool, and — read
// from the database, so every instance reports the same — job runs and the
// outreach queue. Metrics live in prom-client's default registry, which the
// web server (unbundled) and the Remix build (bundled) share through
// node_modules; each metric is made once, whichever side asks first.
import client from "prom-client";
import { metric, requestDuration } from "./request-metrics.server";
import type { Db } from "~/db/client.server";
import { dbPoolStats } from "~/db/client.server";
import { jobFigures, outreachQueueFigures } from "~/domain/jobs/operations.server";
import { chainHome } from "~/domain/properties/chain-clock.server";
import { todayIn } from "~/domain/calendar/occasions";

let defaultsCollected = false;

/** A gauge of the default registry, emptied: each scrape sets it from the database's figures of now. */
function freshGauge(name: string, help: string, labelNames: string[]): client.Gauge {
  const gauge = metric(name, () => new client.Gauge({ name, help, labelNames }));
  gauge.reset();
  return gauge;
}

/** The metrics in Prometheus' text format, with the figures read from the database now. */
export async function renderMetrics(db: Db): Promise<{ contentType: string; body: string }> {
  if (!defaultsCollected) {
    client.collectDefaultMetrics({ prefix: "guest_archive_" });
    defaultsCollected = true;
  }
  requestDuration();
  const home = await chainHome(db);
  const [jobs, queue] = await Promise.all([jobFigures(db), outreachQueueFigures(db, todayIn(home.timeZone))]);

  const runs = freshGauge("guest_archive_job_runs", "Job runs recorded, by job and outcome", ["job", "status"]);
  const lastSeconds = freshGauge("guest_archive_job_last_run_duration_seconds", "Duration of the latest finished run, by job and outcome", [
    "job",
    "status",
  ]);
  const lastFinished = freshGauge(
    "guest_archive_job_last_run_finished_timestamp_seconds",
    "When the latest run of a job with this outcome finished",
    ["job", "status"],
  );
  for (const j of jobs) {
    runs.set({ job: j.job, status: j.status }, j.runs);
    if (j.lastSeconds != null) lastSeconds.set({ job: j.job, status: j.status }, j.lastSeconds);
    if (j.lastFinishedAt) lastFinished.set({ job: j.job, status: j.status }, j.lastFinishedAt.getTime() / 1000);
  }

  const tasks = freshGauge("guest_archive_outreach_tasks", "Outreach tasks, by status and channel", ["status", "channel"]);
  const due = freshGauge(
    "guest_archive_outreach_tasks_due",
    "Outreach tasks due today or earlier, by status and channel (PLANNED: the queue's depth)",
    ["status", "channel"],
  );
  for (const q of queue) {
    tasks.set({ status: q.status, channel: q.channel }, q.tasks);
    due.set({ status: q.status, channel: q.channel }, q.dueNow);
  }

  const pool = freshGauge(
    "guest_archive_db_pool_connections",
    "PostgreSQL pool connections of this instance: total, idle, waiting (clients queued for one), max",
    ["state"],
  );
  const stats = dbPoolStats();
  if (stats) for (const [state, value] of Object.entries(stats)) pool.set({ state }, value);

  return { contentType: client.register.contentType, body: await client.register.metrics() };
}
