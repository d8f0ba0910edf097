// The in-app notification centre: one row per (recipient, kind, subject), so
// whatever sends — a review, a job that re-runs — never notifies twice.
import type { Db, DbTx } from "~/db/client.server";
import type { NotificationKind } from "./notification-kinds";

export type NotificationInput = {
  recipientId: number;
  kind: NotificationKind;
  subjectKey: string;
  params?: Record<string, unknown>;
  link?: string;
};

/** Sends a notification unless this recipient already has one of this kind about this subject. Returns whether it was new. */
export async function notifyOnce(tx: DbTx, input: NotificationInput, now = new Date()): Promise<boolean> {
  const key = { recipientId: input.recipientId, kind: input.kind, subjectKey: input.subjectKey };
  const existing = await tx.staffNotification.findUnique({ where: { recipientId_kind_subjectKey: key }, select: { id: true } });
  if (existing) return false;
  // upsert, not create: two senders racing past the look-up still leave one row.
  await tx.staffNotification.upsert({
    where: { recipientId_kind_subjectKey: key },
    create: { ...key, params: input.params as object | undefined, link: input.link ?? null, createdAt: now },
    update: {},
  });
  return true;
}

export const NOTIFICATIONS_PAGE_SIZE = 50;

export async function listNotifications(db: Db, recipientId: number) {
  return db.staffNotification.findMany({
    where: { recipientId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTIFICATIONS_PAGE_SIZE,
    select: { id: true, kind: true, params: true, link: true, createdAt: true, readAt: true },
  });
}

export async function unreadNotificationCount(db: Db, recipientId: number) {
  return db.staffNotification.count({ where: { recipientId, readAt: null } });
}

/** Marks the recipient's own notifications read: the ids given, or all of them. Returns how many changed. */
export async function markNotificationsRead(db: Db, recipientId: number, ids: number[] | "all", now = new Date()) {
  const { count } = await db.staffNotification.updateMany({
    where: { recipientId, readAt: null, ...(ids === "all" ? {} : { id: { in: ids } }) },
    data: { readAt: now },
  });
  return count;
}

/** Erasure: messages about these guests (they quote what was observed) go with the guests' details. */
export async function deleteNotificationsAboutGuests(tx: DbTx, guestIds: number[]) {
  if (!guestIds.length) return 0;
  const { count } = await tx.staffNotification.deleteMany({ where: { link: { in: guestIds.map((id) => `/guests/${id}`) } } });
  return count;
}
