// A merge as its record page shows it: who merged what when, the field diff,
// what moved, and whether (or why not) it can still be undone.
import type { Db, DbTx } from "~/db/client.server";
import { mergeUndoDays } from "~/config/merge-undo";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { NotFoundError } from "../errors";
import type { MergeMoved } from "./merge-guests.server";
import type { MergePlan } from "./merge-plan.server";
import { undoRefusal, type UndoKept } from "./undo-merge.server";

export async function getMergeRecord(db: Db, actor: Actor, mergeId: number, now = new Date()) {
  const merge = await db.guestMerge.findUnique({ where: { id: mergeId } });
  if (!merge) throw new NotFoundError("Merge");
  const plan = merge.plan as unknown as MergePlan;
  const moved = merge.moved as unknown as MergeMoved;
  const staffIds = [merge.mergedById, merge.undoneById].filter((id): id is number => id != null);
  const staff = await db.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true, displayName: true } });
  const name = (id: number | null) => (id == null ? null : (staff.find((s) => s.id === id)?.displayName ?? null));
  const refusal = await undoRefusal(db as DbTx, merge, now);
  await recordAudit(db, actor, {
    action: "VIEW",
    entity: "GuestMerge",
    entityId: mergeId,
    guestId: merge.survivorId,
    shownGuestIds: [merge.survivorId, merge.mergedId],
  });
  const { markerIds, ...rows } = moved;
  return {
    id: merge.id,
    survivor: plan.survivor,
    other: plan.other,
    mergedAt: merge.mergedAt.toISOString(),
    mergedBy: name(merge.mergedById),
    fields: plan.fields.filter((f) => f.value !== f.survivorValue),
    vipLevel: plan.vipLevel,
    moved: { ...Object.fromEntries(Object.entries(rows).map(([k, ids]) => [k, ids.length])), markers: markerIds.length } as Record<
      string,
      number
    >,
    undoneAt: merge.undoneAt?.toISOString() ?? null,
    undoneBy: name(merge.undoneById),
    undoKept: (merge.undoKept as UndoKept | null) ?? null,
    undoUntil: new Date(merge.mergedAt.getTime() + mergeUndoDays() * 86_400_000).toISOString(),
    refusal: refusal ? { messageKey: refusal.messageKey, detail: refusal.detail } : null,
  };
}

/** The profile a merged-away profile leads to (following later merges), or null for a profile not merged away. */
export async function survivorOf(db: DbTx, guestId: number): Promise<{ id: number; mergedProfileNumber: string } | null> {
  const start = await db.guest.findUnique({ where: { id: guestId }, select: { mergedIntoId: true, profileNumber: true } });
  if (start?.mergedIntoId == null) return null;
  let at = start.mergedIntoId;
  for (let depth = 0; depth < 100; depth++) {
    const next = await db.guest.findUnique({ where: { id: at }, select: { mergedIntoId: true } });
    if (next?.mergedIntoId == null) break;
    at = next.mergedIntoId;
  }
  return { id: at, mergedProfileNumber: start.profileNumber };
}

/** The latest merge into this profile that can still be undone, for the profile's notice. */
export async function latestMergeInto(db: DbTx, guestId: number) {
  return db.guestMerge.findFirst({
    where: { survivorId: guestId, undoneAt: null },
    orderBy: { id: "desc" },
    select: { id: true, mergedAt: true, mergedId: true },
  });
}
