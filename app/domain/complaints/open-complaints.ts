// What "an open complaint" and "overdue" mean, in one place: the profile, the
// arrival brief, retention's exemption and the loyalty scores all ask.
import type { FeedbackKind, FeedbackStatus } from "~/db/schema";

/** A complaint is open until it is resolved or closed. */
export const OPEN_STATUSES = ["OPEN", "IN_PROGRESS"] as const satisfies readonly FeedbackStatus[];

/** Prisma filter on Feedback rows: the open complaints. */
export const openComplaintWhere = { kind: "COMPLAINT" as const, status: { in: [...OPEN_STATUSES] } };

/** The same condition in SQL, on a Feedback row named by `alias` (portable: plain text comparisons). */
export function openComplaintSql(alias: string): string {
  return `${alias}."kind" = 'COMPLAINT' AND ${alias}."status" IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(", ")})`;
}

export function isOpenComplaint(f: { kind: FeedbackKind | string; status: FeedbackStatus | string }): boolean {
  return f.kind === "COMPLAINT" && (OPEN_STATUSES as readonly string[]).includes(f.status);
}

/** An open complaint past its deadline at `now`. */
export function isOverdue(f: { kind: FeedbackKind | string; status: FeedbackStatus | string; deadline: Date | null }, now: Date): boolean {
  return isOpenComplaint(f) && !!f.deadline && f.deadline.getTime() < now.getTime();
}

/** An open complaint nobody has taken up by its acknowledge-by at `now`. */
export function isAcknowledgeOverdue(
  f: { kind: FeedbackKind | string; status: FeedbackStatus | string; acknowledgeBy: Date | null; acknowledgedAt: Date | null },
  now: Date,
): boolean {
  return isOpenComplaint(f) && !f.acknowledgedAt && !!f.acknowledgeBy && f.acknowledgeBy.getTime() < now.getTime();
}
