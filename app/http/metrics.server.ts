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

/** The metrics in Prometheus' text format, with the figures read from the database now. */
export async function renderMetrics(db: Db): Promise<{ contentType: string; body: string }> {
  if (!defaultsCollected) {
    client.collectDefaultMetrics({ prefix: "guest_archive_" });
    defaultsCollected = true;
  }
  requestDuration();
  const home = await chainHome(db);
  const [jobs, queue] = await Promise.all([jobFigures(db), outreachQueueFigures(db, todayIn(home.timeZone))]);

  const runs = metric(
    "guest_archive_job_runs",
    () =>
      new client.Gauge({ name: "guest_archive_job_runs", help: "Job runs recorded, by job and outcome", labelNames: ["job", "status"] }),
  );
  const lastSeconds = metric(
    "guest_archive_job_last_run_duration_seconds",
    () =>
      new client.Gauge({
        name: "guest_archive_job_last_run_duration_seconds",
        help: "Duration of the latest finished run, by job and outcome",
        labelNames: ["job", "status"],
      }),
  );
  const lastFinished = metric(
    "guest_archive_job_last_run_finished_timestamp_seconds",
    () =>
      new client.Gauge({
        name: "guest_archive_job_last_run_finished_timestamp_seconds",
        help: "When the latest run of a job with this outcome finished",
        labelNames: ["job", "status"],
      }),
  );
  runs.reset();
  lastSeconds.reset();
  lastFinished.reset();
  for (const j of jobs) {
    runs.set({ job: j.job, status: j.status }, j.runs);
    if (j.lastSeconds != null) lastSeconds.set({ job: j.job, status: j.status }, j.lastSeconds);
    if (j.lastFinishedAt) lastFinished.set({ job: j.job, status: j.status }, j.lastFinishedAt.getTime() / 1000);
  }

  const tasks = metric(
    "guest_archive_outreach_tasks",
    () =>
      new client.Gauge({
        name: "guest_archive_outreach_tasks",
        help: "Outreach tasks, by status and channel",
        labelNames: ["status", "channel"],
      }),
  );
  const due = metric(
    "guest_archive_outreach_tasks_due",
    () =>
      new client.Gauge({
        name: "guest_archive_outreach_tasks_due",
        help: "Outreach tasks due today or earlier, by status and channel (PLANNED: the queue's depth)",
        labelNames: ["status", "channel"],
      }),
  );
  tasks.reset();
  due.reset();
  for (const q of queue) {
    tasks.set({ status: q.status, channel: q.channel }, q.tasks);
    due.set({ status: q.status, channel: q.channel }, q.dueNow);
  }

  const pool = metric(
    "guest_archive_db_pool_connections",
    () =>
      new client.Gauge({
        name: "guest_archive_db_pool_connections",
        help: "PostgreSQL pool connections of this instance: total, idle, waiting (clients queued for one), max",
        labelNames: ["state"],
      }),
  );
  pool.reset();
  const stats = dbPoolStats();
  if (stats) for (const [state, value] of Object.entries(stats)) pool.set({ state }, value);

  return { contentType: client.register.contentType, body: await client.register.metrics() };
}
