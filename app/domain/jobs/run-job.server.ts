// Running a job: one lease per job so two processes (or a re-run while one is
// still going) never work at once; every run recorded with its counts, and a
// crashed run's lease expires so the next run can finish the work. The work
// itself must be idempotent (state-based), so a re-run does nothing twice.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Db } from "~/db/client.server";

export const LEASE_MS = 60_000;

export type JobCounts = Record<string, number>;

export type JobContext = {
  asOf: string;
  dryRun: boolean;
  runId: number;
  /** Report progress and renew the lease; throws LeaseLostError if another run took over. */
  progress(text: string, counts?: JobCounts): Promise<void>;
};

export class LeaseLostError extends Error {
  constructor(job: string) {
    super(`The lease for job "${job}" was lost; stopping.`);
  }
}

export type RunJobOptions = {
  job: string;
  asOf: string;
  dryRun: boolean;
  trigger?: "schedule" | "manual" | "cli";
  startedById?: number | null;
  owner?: string;
  now?: () => Date;
};

export type JobOutcome = { runId: number; status: "SUCCEEDED" | "FAILED" | "SKIPPED"; counts: JobCounts; error?: string };

const processOwner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

async function acquireLease(db: Db, job: string, owner: string, runId: number, now: Date): Promise<boolean> {
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  // Take over an expired lease atomically…
  const taken = await db.jobLease.updateMany({ where: { job, leaseUntil: { lt: now } }, data: { owner, runId, leaseUntil } });
  if (taken.count === 1) return true;
  // …or create it if no run ever held one. A concurrent creator makes this fail.
  try {
    await db.jobLease.create({ data: { job, owner, runId, leaseUntil } });
    return true;
  } catch {
    return false;
  }
}

export async function runJob(db: Db, options: RunJobOptions, work: (ctx: JobContext) => Promise<JobCounts>): Promise<JobOutcome> {
  const now = options.now ?? (() => new Date());
  const owner = options.owner ?? processOwner;
  const run = await db.jobRun.create({
    data: {
      job: options.job,
      asOf: options.asOf,
      dryRun: options.dryRun,
      trigger: options.trigger ?? "schedule",
      owner,
      startedById: options.startedById ?? null,
      startedAt: now(),
      heartbeatAt: now(),
    },
  });
  if (!(await acquireLease(db, options.job, owner, run.id, now()))) {
    const holder = await db.jobLease.findUnique({ where: { job: options.job } });
    await db.jobRun.update({
      where: { id: run.id },
      data: { status: "SKIPPED", finishedAt: now(), error: `Another run (#${holder?.runId ?? "?"}) holds the lease.` },
    });
    return { runId: run.id, status: "SKIPPED", counts: {} };
  }
  // Runs that died without finishing are marked as such.
  await db.jobRun.updateMany({
    where: { job: options.job, status: "RUNNING", id: { not: run.id } },
    data: { status: "FAILED", finishedAt: now(), error: "Abandoned: the process stopped before finishing; a later run took over." },
  });

  let lastCounts: JobCounts = {};
  const ctx: JobContext = {
    asOf: options.asOf,
    dryRun: options.dryRun,
    runId: run.id,
    async progress(text, counts) {
      if (counts) lastCounts = counts;
      const renewed = await db.jobLease.updateMany({
        where: { job: options.job, runId: run.id },
        data: { leaseUntil: new Date(now().getTime() + LEASE_MS) },
      });
      if (renewed.count !== 1) throw new LeaseLostError(options.job);
      await db.jobRun.update({ where: { id: run.id }, data: { progress: text, heartbeatAt: now(), ...(counts ? { counts } : {}) } });
    },
  };

  try {
    const counts = await work(ctx);
    await db.jobRun.update({ where: { id: run.id }, data: { status: "SUCCEEDED", finishedAt: now(), counts, progress: "done" } });
    return { runId: run.id, status: "SUCCEEDED", counts };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db.jobRun.update({
      where: { id: run.id },
      data: { status: "FAILED", finishedAt: now(), error: message.slice(0, 2000), counts: lastCounts },
    });
    return { runId: run.id, status: "FAILED", counts: lastCounts, error: message };
  } finally {
    await db.jobLease.deleteMany({ where: { job: options.job, runId: run.id } });
  }
}
