// The figures an operator watches, read from the database so that every
// instance reports the same: job runs by job and outcome (with the latest
// run's duration) and the outreach queue's depth by status.
import type { DbTx } from "~/db/client.server";

export type JobFigures = { job: string; status: string; runs: number; lastSeconds: number | null; lastFinishedAt: Date | null };
export type QueueFigures = { status: string; channel: string; tasks: number; dueNow: number };

export async function jobFigures(db: DbTx): Promise<JobFigures[]> {
  const groups = await db.jobRun.groupBy({ by: ["job", "status"], _count: { _all: true }, _max: { id: true } });
  const latest = await db.jobRun.findMany({
    where: { id: { in: groups.map((g) => g._max.id!).filter(Boolean) } },
    select: { id: true, startedAt: true, finishedAt: true },
  });
  const byId = new Map(latest.map((r) => [r.id, r]));
  return groups.map((g) => {
    const last = byId.get(g._max.id!);
    return {
      job: g.job,
      status: g.status,
      runs: g._count._all,
      lastSeconds: last?.finishedAt ? (last.finishedAt.getTime() - last.startedAt.getTime()) / 1000 : null,
      lastFinishedAt: last?.finishedAt ?? null,
    };
  });
}

export async function outreachQueueFigures(db: DbTx, today: string): Promise<QueueFigures[]> {
  const [all, due] = await Promise.all([
    db.outreachTask.groupBy({ by: ["status", "channel"], _count: { _all: true } }),
    db.outreachTask.groupBy({ by: ["status", "channel"], where: { dueDate: { lte: today } }, _count: { _all: true } }),
  ]);
  const dueOf = new Map(due.map((d) => [`${d.status}/${d.channel}`, d._count._all]));
  return all.map((g) => ({
    status: g.status,
    channel: g.channel,
    tasks: g._count._all,
    dueNow: dueOf.get(`${g.status}/${g.channel}`) ?? 0,
  }));
}
