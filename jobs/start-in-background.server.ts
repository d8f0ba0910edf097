// "Run now" from the web: the run is recorded at once and continues in the
// background of the web process; the Jobs page shows its progress.
import type { Db } from "../app/db/client.server";
import { LEASE_MS } from "../app/domain/jobs/run-job.server";
import { runNamedJob, type JobName } from "./registry.server";

export function startJobInBackground(db: Db, name: JobName, options: { asOf: string; dryRun: boolean; startedById: number | null }) {
  void runNamedJob(db, name, { ...options, trigger: options.startedById ? "manual" : "schedule" }).catch((error) => {
    console.error(`[jobs] ${name} failed to start`, error);
  });
}

/** Whether a run of the job is going on now (its lease is held and fresh), in any process. */
export async function isJobRunning(db: Db, name: JobName, now = new Date()): Promise<boolean> {
  const lease = await db.jobLease.findUnique({ where: { job: name }, select: { leaseUntil: true } });
  return !!lease && lease.leaseUntil.getTime() > now.getTime() - LEASE_MS;
}

/**
 * An archive that has never been scored (a fresh install, the demo) is scored
 * in the background — never inside the page request that noticed it. Returns
 * true while scoring is under way.
 */
export async function scoreArchiveInBackground(db: Db, o: { today: string; startedById: number | null }): Promise<boolean> {
  if (!(await isJobRunning(db, "segments")))
    startJobInBackground(db, "segments", { asOf: o.today, dryRun: false, startedById: o.startedById });
  return true;
}
