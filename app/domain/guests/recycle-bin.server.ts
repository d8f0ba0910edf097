// Deleting a guest moves the whole archive (stays, charges, preferences …
// stay attached) to the recycle bin; restoring brings it back in one step.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit, recordListRead } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { NotFoundError } from "../errors";

export async function deleteGuest(db: Db, actor: Actor, guestId: number, reason = "manual") {
  return db.$transaction(async (tx) => {
    const guest = await tx.guest.findFirst({ where: { id: guestId, deletedAt: null }, select: { id: true, profileNumber: true } });
    if (!guest) throw new NotFoundError("Guest");
    await tx.guest.update({
      where: { id: guestId },
      data: { deletedAt: new Date(), deletedReason: reason, deletedById: actor.staffId, version: { increment: 1 } },
    });
    await recordAudit(tx, actor, { action: "DELETE", entity: "Guest", entityId: guestId, guestId, changes: { reason } });
    await addTimelineEvent(tx, actor, { guestId, name: "guest.deleted", properties: { reason } });
    return guest;
  });
}

export async function restoreGuest(db: Db, actor: Actor, guestId: number) {
  return db.$transaction(async (tx) => {
    const guest = await tx.guest.findFirst({
      // A merged-away profile comes back only by undoing the merge (docs/decisions/017).
      where: { id: guestId, deletedAt: { not: null }, anonymizedAt: null, mergedIntoId: null },
      select: { id: true, profileNumber: true, deletedReason: true },
    });
    if (!guest) throw new NotFoundError("Guest in recycle bin");
    await tx.guest.update({
      where: { id: guestId },
      data: { deletedAt: null, deletedReason: null, deletedById: null, version: { increment: 1 } },
    });
    await recordAudit(tx, actor, {
      action: "RESTORE",
      entity: "Guest",
      entityId: guestId,
      guestId,
      changes: { reason: guest.deletedReason },
    });
    await addTimelineEvent(tx, actor, { guestId, name: "guest.restored" });
    return guest;
  });
}

export const RECYCLE_BIN_PAGE_SIZE = 50;

/** A page of the bin as `actor` reads it, registered (RecycleBinList). */
export async function listRecycleBinAs(db: Db, actor: Actor, page: number) {
  const bin = await listRecycleBin(db, page);
  await recordListRead(db, actor, "RecycleBinList", {
    context: { page },
    found: bin.total,
    shownGuestIds: bin.guests.map((g) => g.id),
  });
  return bin;
}

export async function listRecycleBin(db: Db, page = 1) {
  const where = { deletedAt: { not: null }, anonymizedAt: null };
  const [total, guests] = await Promise.all([
    db.guest.count({ where }),
    db.guest.findMany({
      where,
      orderBy: { deletedAt: "desc" },
      skip: (page - 1) * RECYCLE_BIN_PAGE_SIZE,
      take: RECYCLE_BIN_PAGE_SIZE,
      select: {
        id: true,
        profileNumber: true,
        fullName: true,
        deletedAt: true,
        deletedReason: true,
        deletedById: true,
        mergedIntoId: true,
      },
    }),
  ]);
  const staffIds = [...new Set(guests.map((g) => g.deletedById).filter((id): id is number => id != null))];
  const staff = await db.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true, displayName: true } });
  const names = new Map(staff.map((s) => [s.id, s.displayName]));
  const survivorIds = [...new Set(guests.map((g) => g.mergedIntoId).filter((id): id is number => id != null))];
  const survivors = await db.guest.findMany({ where: { id: { in: survivorIds } }, select: { id: true, profileNumber: true } });
  const survivorNumbers = new Map(survivors.map((s) => [s.id, s.profileNumber]));
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / RECYCLE_BIN_PAGE_SIZE)),
    guests: guests.map((g) => ({
      ...g,
      deletedBy: g.deletedById ? (names.get(g.deletedById) ?? null) : null,
      /** Merged away: no restore here, the merge's undo brings it back. */
      mergedInto: g.mergedIntoId != null ? { id: g.mergedIntoId, profileNumber: survivorNumbers.get(g.mergedIntoId) ?? "" } : null,
    })),
  };
}
