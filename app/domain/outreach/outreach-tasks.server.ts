// The outreach queue: due tasks, and staff recording what happened.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit, recordListRead } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { outreachOutcomeEvent } from "../timeline/timeline-events";
import { NotFoundError } from "../errors";

export const QUEUE_PAGE_SIZE = 50;

export type QueueFilter = {
  status?: "PLANNED" | "SENT" | "DONE" | "SKIPPED" | "FAILED";
  channel?: string;
  dueBy?: string;
  campaignId?: number;
  page?: number;
};

/** A page of the queue as `actor` reads it, registered with its filter (OutreachQueue). */
export async function listOutreachQueueAs(db: Db, actor: Actor, filter: QueueFilter) {
  const queue = await listOutreachQueue(db, filter);
  await recordListRead(db, actor, "OutreachQueue", {
    context: { ...filter, page: queue.page },
    found: queue.total,
    shownGuestIds: queue.tasks.map((t) => t.guest.id),
  });
  return queue;
}

export async function listOutreachQueue(db: Db, filter: QueueFilter) {
  const page = Math.max(1, filter.page ?? 1);
  const where = {
    status: filter.status ?? "PLANNED",
    ...(filter.channel ? { channel: filter.channel as never } : {}),
    ...(filter.dueBy ? { dueDate: { lte: filter.dueBy } } : {}),
    ...(filter.campaignId ? { campaignId: filter.campaignId } : {}),
    guest: { deletedAt: null, anonymizedAt: null },
  };
  const [total, tasks] = await Promise.all([
    db.outreachTask.count({ where }),
    db.outreachTask.findMany({
      where,
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      skip: (page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
      include: {
        guest: { select: { id: true, fullName: true, profileNumber: true, vipLevel: true } },
        campaign: { select: { id: true, name: true, kind: true } },
      },
    }),
  ]);
  return { total, page, pageCount: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)), tasks };
}

/** Staff record what happened: sent (by hand), done (delivered, with outcome) or skipped. */
export async function recordOutreachOutcome(
  db: Db,
  actor: Actor,
  taskId: number,
  status: "SENT" | "DONE" | "SKIPPED",
  outcome: string | null,
) {
  return db.$transaction(async (tx) => {
    const task = await tx.outreachTask.findFirst({ where: { id: taskId, guest: { deletedAt: null } } });
    if (!task) throw new NotFoundError("Outreach task");
    await tx.outreachTask.update({
      where: { id: taskId },
      data: { status, outcome, handledById: actor.staffId, ...(status === "SENT" && !task.sentAt ? { sentAt: new Date() } : {}) },
    });
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "OutreachTask",
      entityId: taskId,
      guestId: task.guestId,
      changes: { status: [task.status, status], outcome },
    });
    await addTimelineEvent(tx, actor, {
      guestId: task.guestId,
      name: outreachOutcomeEvent(status),
      properties: { taskId, campaignId: task.campaignId, channel: task.channel, outcome },
    });
  });
}
