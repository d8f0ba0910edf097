// The read side of the archivist's inbox: what departments sent in and still
// waits, across guests, and how often each department's observations are kept.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordListRead } from "../audit/record-audit.server";
import type { ObservationKind } from "./observation-kinds";

export type InboxFilters = { department?: string; propertyId?: number; kind?: ObservationKind; minAgeDays?: number };

export const INBOX_PAGE_SIZE = 100;
const DAY_MS = 86_400_000;

/** Pending observations matching the filters, oldest first; the read is one access-register row. */
export async function listPendingObservations(db: Db, actor: Actor, filters: InboxFilters, now = new Date()) {
  const where = {
    status: "PENDING_REVIEW" as const,
    guest: { deletedAt: null },
    ...(filters.department ? { department: filters.department } : {}),
    ...(filters.propertyId ? { propertyId: filters.propertyId } : {}),
    ...(filters.kind ? { observedKind: filters.kind } : {}),
    ...(filters.minAgeDays ? { createdAt: { lte: new Date(now.getTime() - filters.minAgeDays * DAY_MS) } } : {}),
  };
  return db.$transaction(async (tx) => {
    const [found, rows] = await Promise.all([
      tx.preference.count({ where }),
      tx.preference.findMany({
        where,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: INBOX_PAGE_SIZE,
        select: {
          id: true,
          category: true,
          value: true,
          observedKind: true,
          department: true,
          propertyId: true,
          stayId: true,
          occasionMonth: true,
          occasionDay: true,
          createdById: true,
          createdAt: true,
          guest: { select: { id: true, fullName: true, profileNumber: true } },
        },
      }),
    ]);
    const senderIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is number => id != null))];
    const stayIds = [...new Set(rows.map((r) => r.stayId).filter((id): id is number => id != null))];
    const [senders, stays] = await Promise.all([
      tx.staff.findMany({ where: { id: { in: senderIds } }, select: { id: true, displayName: true } }),
      tx.stay.findMany({ where: { id: { in: stayIds } }, select: { id: true, arrivalDate: true, roomNumber: true } }),
    ]);
    const senderOf = new Map(senders.map((s) => [s.id, s.displayName]));
    const stayOf = new Map(stays.map((s) => [s.id, s]));
    await recordListRead(tx, actor, "ObservationInbox", {
      context: { ...filters },
      found,
      shownGuestIds: rows.map((r) => r.guest.id),
    });
    return {
      found,
      observations: rows.map((r) => ({
        ...r,
        sender: r.createdById ? (senderOf.get(r.createdById) ?? null) : null,
        stay: r.stayId ? (stayOf.get(r.stayId) ?? null) : null,
        ageDays: Math.max(0, Math.floor((now.getTime() - r.createdAt.getTime()) / DAY_MS)),
      })),
    };
  });
}

export type DepartmentRate = {
  department: string | null;
  sent: number;
  accepted: number;
  rejected: number;
  pending: number;
  rate: number | null;
};

/**
 * Per department, what it sent for review in [from, to) and what became of it:
 * accepted (as sent or edited), rejected, still pending; the rate is accepted
 * over decided. What the archive centre recorded itself (accepted at once by
 * its own author) was never sent for review and is not counted.
 */
export async function departmentAcceptanceRates(db: Db, period: { from: Date; to: Date }): Promise<DepartmentRate[]> {
  const rows = await db.preference.findMany({
    where: { source: "STAFF_OBSERVED", observedKind: { not: null }, createdAt: { gte: period.from, lt: period.to } },
    select: { department: true, status: true, createdById: true, reviewedById: true },
  });
  const byDepartment = new Map<string | null, DepartmentRate>();
  for (const row of rows) {
    const selfAccepted = row.status === "ACTIVE" && row.reviewedById != null && row.reviewedById === row.createdById;
    if (selfAccepted) continue;
    const rate = byDepartment.get(row.department) ?? {
      department: row.department,
      sent: 0,
      accepted: 0,
      rejected: 0,
      pending: 0,
      rate: null,
    };
    rate.sent++;
    if (row.status === "PENDING_REVIEW") rate.pending++;
    else if (row.status === "REJECTED") rate.rejected++;
    else rate.accepted++;
    byDepartment.set(row.department, rate);
  }
  return [...byDepartment.values()]
    .map((r) => ({ ...r, rate: r.accepted + r.rejected ? r.accepted / (r.accepted + r.rejected) : null }))
    .sort((a, b) => b.sent - a.sent || String(a.department).localeCompare(String(b.department)));
}
