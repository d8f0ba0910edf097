// Reading the access register: by guest, by staff member, by action.
import type { Db } from "~/db/client.server";
import type { AuditAction } from "~/db/schema";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = { guestId?: number; staffId?: number; action?: AuditAction; page?: number };

export async function listAudit(db: Db, filter: AuditFilter) {
  const page = Math.max(1, filter.page ?? 1);
  const where = {
    ...(filter.guestId ? { guestId: filter.guestId } : {}),
    ...(filter.staffId ? { staffId: filter.staffId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
  };
  const [total, entries] = await Promise.all([
    db.auditEntry.count({ where }),
    db.auditEntry.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      include: { staff: { select: { id: true, displayName: true, username: true, role: true } } },
    }),
  ]);
  const guestIds = [...new Set(entries.map((e) => e.guestId).filter((id): id is number => id != null))];
  const guests = await db.guest.findMany({ where: { id: { in: guestIds } }, select: { id: true, fullName: true, profileNumber: true } });
  const guestById = new Map(guests.map((g) => [g.id, g]));
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    entries: entries.map((e) => ({ ...e, guest: e.guestId ? (guestById.get(e.guestId) ?? null) : null })),
  };
}
