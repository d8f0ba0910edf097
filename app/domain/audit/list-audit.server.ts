// Reading the access register: by guest, by staff member, by action.
import type { Db } from "~/db/client.server";
import type { AuditAction } from "~/db/schema";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = { guestId?: number; staffId?: number; action?: AuditAction; page?: number };

const WITH_STAFF = { staff: { select: { id: true, displayName: true, username: true, role: true } } } as const;

export async function listAudit(db: Db, filter: AuditFilter) {
  const page = Math.max(1, filter.page ?? 1);
  const where = {
    ...(filter.staffId ? { staffId: filter.staffId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
  };
  const skip = (page - 1) * AUDIT_PAGE_SIZE;
  const [total, entries] = filter.guestId
    ? await guestRegister(db, filter.guestId, where, skip)
    : await Promise.all([
        db.auditEntry.count({ where }),
        db.auditEntry.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip, take: AUDIT_PAGE_SIZE, include: WITH_STAFF }),
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

/**
 * A guest's register: every row that concerns the guest — about the guest, or
 * a list read that showed them — read from the guest's side of the
 * AuditEntryGuest index (a range of it, whatever the size of the register).
 */
async function guestRegister(db: Db, guestId: number, where: { staffId?: number; action?: AuditAction }, skip: number) {
  const linked = { guestId, ...(Object.keys(where).length ? { auditEntry: where } : {}) };
  const [total, links] = await Promise.all([
    db.auditEntryGuest.count({ where: linked }),
    db.auditEntryGuest.findMany({
      where: linked,
      orderBy: [{ auditEntry: { at: "desc" } }, { auditEntryId: "desc" }],
      skip,
      take: AUDIT_PAGE_SIZE,
      include: { auditEntry: { include: WITH_STAFF } },
    }),
  ]);
  return [total, links.map((l) => l.auditEntry)] as const;
}
