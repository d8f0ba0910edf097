// Undoing a merge within MERGE_UNDO_DAYS: both profiles come back as they
// were, every child with its original owner; what the survivor gained since
// stays with it, and a field edited on the survivor since keeps the edit
// (docs/decisions/017). Refused, with the reason, when it cannot be exact.
import type { Db, DbTx } from "~/db/client.server";
import { mergeUndoDays } from "~/config/merge-undo";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { DomainError, NotFoundError } from "../errors";
import { isErasedMergeRecord } from "../retention/anonymise-guest.server";
import { searchKeysFor } from "../guests/search-keys";
import { writeSearchKeys } from "../guests/search-guests.server";
import { rescoreGuests } from "../segments/rescore-guests.server";
import { CONSENT_COLUMNS, FIELD_COLUMNS, MERGE_FIELDS, type MergeField } from "./merge-plan.server";
import { MOVED_TABLES, moveRowsById, type MergeBefore, type MergeMoved, type MergeRemoved } from "./merge-guests.server";

export type UndoRefusal = "alreadyUndone" | "windowPassed" | "laterMerge" | "purged" | "survivorDeleted" | "notMerged";

export class UndoRefusedError extends DomainError {
  constructor(
    public readonly reason: UndoRefusal,
    public readonly detail: Record<string, string> = {},
  ) {
    super(`undoRefused.${reason}`, `Undo refused: ${reason}`);
  }
}

export type UndoKept = {
  /** Survivor fields edited since the merge: the edit stays. */
  fields: string[];
  /** Rows added to the survivor since the merge: they stay with it, per kind. */
  added: Record<string, number>;
};

const GUEST_DATES = ["consentUpdatedAt", "createdAt", "updatedAt", "deletedAt", "anonymizedAt"];
const TASK_DATES = ["nextAttemptAt", "sentAt", "createdAt", "updatedAt"];
const SCORE_DATES = ["updatedAt"];

/** A row stored as JSON, with its DateTime columns as Dates again. */
function revive<T extends Record<string, unknown>>(row: T, dates: string[]): T {
  const out: Record<string, unknown> = { ...row };
  for (const d of dates) if (typeof out[d] === "string") out[d] = new Date(out[d] as string);
  return out as T;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

type MergeRow = NonNullable<Awaited<ReturnType<DbTx["guestMerge"]["findUnique"]>>>;

/** Why this merge cannot be undone now, or null when it can. */
export async function undoRefusal(db: DbTx, merge: MergeRow, now = new Date()): Promise<UndoRefusedError | null> {
  if (merge.undoneAt) return new UndoRefusedError("alreadyUndone");
  // Erasure of either profile (on request or by the retention purge) took what the merge kept.
  if (isErasedMergeRecord(merge.plan)) return new UndoRefusedError("purged");
  const days = mergeUndoDays();
  const until = new Date(merge.mergedAt.getTime() + days * 86_400_000);
  if (now > until) return new UndoRefusedError("windowPassed", { days: String(days), until: until.toISOString() });
  const later = await db.guestMerge.findFirst({
    where: {
      id: { gt: merge.id },
      undoneAt: null,
      OR: [{ survivorId: { in: [merge.survivorId, merge.mergedId] } }, { mergedId: { in: [merge.survivorId, merge.mergedId] } }],
    },
    orderBy: { id: "desc" },
    select: { id: true },
  });
  if (later) return new UndoRefusedError("laterMerge", { mergeId: String(later.id) });
  const guests = await db.guest.findMany({
    where: { id: { in: [merge.survivorId, merge.mergedId] } },
    select: { id: true, deletedAt: true, anonymizedAt: true, mergedIntoId: true, deletedReason: true },
  });
  const survivor = guests.find((g) => g.id === merge.survivorId);
  const other = guests.find((g) => g.id === merge.mergedId);
  if (!survivor || !other || survivor.anonymizedAt || other.anonymizedAt) return new UndoRefusedError("purged");
  if (survivor.deletedAt) return new UndoRefusedError("survivorDeleted");
  if (other.mergedIntoId !== merge.survivorId || other.deletedReason !== "merge") return new UndoRefusedError("notMerged");
  return null;
}

export type UndoResult = { mergeId: number; survivorId: number; otherId: number; kept: UndoKept };

export async function undoMerge(db: Db, actor: Actor, mergeId: number, options: { now?: Date } = {}): Promise<UndoResult> {
  return db.$transaction(async (tx) => {
    const merge = await tx.guestMerge.findUnique({ where: { id: mergeId } });
    if (!merge) throw new NotFoundError("Merge");
    // Marks the merge first: a second undo of the same merge waits here on PostgreSQL, then finds it undone.
    const claimed = await tx.guestMerge.updateMany({
      where: { id: mergeId, undoneAt: null },
      data: { undoneAt: options.now ?? new Date(), undoneById: actor.staffId },
    });
    if (claimed.count !== 1) throw new UndoRefusedError("alreadyUndone");
    const refusal = await undoRefusal(tx, merge, options.now);
    if (refusal) throw refusal;

    const before = merge.before as unknown as MergeBefore;
    const moved = merge.moved as unknown as MergeMoved;
    const removed = merge.removed as unknown as MergeRemoved;
    const { survivorId, mergedId: otherId } = merge;
    const current = await tx.guest.findUniqueOrThrow({ where: { id: survivorId } });
    const survivorBefore = revive(before.survivor, GUEST_DATES);
    const written = before.written;
    const untouchedSince = current.version === (survivorBefore.version as number) + 1;

    // The survivor's fields: a merged value is restored only where the survivor still holds it.
    const kept: UndoKept = { fields: [], added: {} };
    const restore: Record<string, unknown> = {};
    const groups: [string, readonly string[]][] = [
      ...MERGE_FIELDS.map((f: MergeField) => [f, FIELD_COLUMNS[f]] as [string, readonly string[]]),
      ...CONSENT_COLUMNS.map((c) => [c, [c]] as [string, readonly string[]]),
      ["consentUpdatedAt", ["consentUpdatedAt"]],
      ["vipLevel", ["vipLevel"]],
    ];
    const cur = current as unknown as Record<string, unknown>;
    for (const [name, columns] of groups) {
      const touched = columns.filter((c) => c in written);
      if (!touched.length) continue;
      if (touched.every((c) => same(JSON.parse(JSON.stringify(cur[c] ?? null)), written[c])))
        for (const c of columns) restore[c] = survivorBefore[c];
      else kept.fields.push(name);
    }
    if (untouchedSince && !kept.fields.length) {
      const { id: _id, ...row } = survivorBefore;
      await tx.guest.update({ where: { id: survivorId }, data: row as object });
    } else {
      await tx.guest.update({ where: { id: survivorId }, data: { ...restore, version: { increment: 1 } } });
    }

    // The other profile exactly as it was (it could not be edited while merged away).
    const { id: _otherId, ...otherRow } = revive(before.other, GUEST_DATES);
    await tx.guest.update({ where: { id: otherId }, data: otherRow as object });

    // Every moved child back to its owner; children added to the survivor since stay.
    for (const [kind, table, column] of MOVED_TABLES) await moveRowsById(tx, table, column, moved[kind], otherId);
    if (moved.markerIds.length)
      await tx.guestMarker.updateMany({ where: { guestId: survivorId, markerId: { in: moved.markerIds } }, data: { guestId: otherId } });
    if (removed.markers.length) await tx.guestMarker.createMany({ data: removed.markers });
    if (removed.outreachTasks.length)
      await tx.outreachTask.createMany({ data: removed.outreachTasks.map((t) => revive(t, TASK_DATES)) as never });

    // Scores as they were, then rescored by the nightly job's rules and cut points: what each profile
    // holds again (and what the survivor gained since) counts, as the next run will count it.
    await tx.guestScore.deleteMany({ where: { guestId: { in: [survivorId, otherId] } } });
    if (removed.scores.length) await tx.guestScore.createMany({ data: removed.scores.map((s) => revive(s, SCORE_DATES)) as never });
    await rescoreGuests(tx, [survivorId, otherId]);

    // The survivor's search keys: the very rows it had, when its keys are those again.
    const restored = await tx.guest.findUniqueOrThrow({ where: { id: survivorId } });
    const keysBefore = before.survivorSearchKeys;
    await writeSearchKeys(tx, survivorId, searchKeysFor(restored));
    const keysNow = await tx.guestSearchKey.findMany({ where: { guestId: survivorId }, select: { key: true } });
    const setOf = (keys: { key: string }[]) => JSON.stringify(keys.map((k) => k.key).sort());
    if (setOf(keysNow) === setOf(keysBefore)) {
      await tx.guestSearchKey.deleteMany({ where: { guestId: survivorId } });
      await tx.guestSearchKey.createMany({ data: keysBefore.map((k) => ({ id: k.id, guestId: survivorId, key: k.key })) });
    }

    // Back in the duplicate queue, undecided: the merge was the decision undone.
    await tx.duplicateCandidate.updateMany({
      where: { lowGuestId: Math.min(survivorId, merge.mergedId), highGuestId: Math.max(survivorId, merge.mergedId), status: "MERGED" },
      data: { status: "OPEN", decidedAt: null, decidedById: null },
    });
    kept.added = await addedSince(tx, survivorId, merge.mergedAt);
    await tx.guestMerge.update({ where: { id: mergeId }, data: { undoKept: kept as object } });
    const plan = merge.plan as { survivor: { profileNumber: string }; other: { profileNumber: string } };
    const details = { mergeId, survivor: plan.survivor.profileNumber, merged: plan.other.profileNumber, kept };
    await recordAudit(tx, actor, {
      action: "UNMERGE",
      entity: "GuestMerge",
      entityId: mergeId,
      guestId: survivorId,
      changes: details,
      shownGuestIds: [survivorId, otherId],
    });
    await recordAudit(tx, actor, {
      action: "UNMERGE",
      entity: "Guest",
      entityId: otherId,
      guestId: otherId,
      changes: { mergeId, restoredFrom: plan.survivor.profileNumber },
    });
    await addTimelineEvent(tx, actor, {
      guestId: survivorId,
      name: "guest.unmerged",
      properties: { mergeId, restored: plan.other.profileNumber, keptFields: kept.fields },
    });
    await addTimelineEvent(tx, actor, {
      guestId: otherId,
      name: "guest.unmerged",
      properties: { mergeId, restoredFrom: plan.survivor.profileNumber },
    });
    return { mergeId, survivorId, otherId, kept };
  });
}

/** Rows the survivor gained after the merge (they stay with it). */
async function addedSince(tx: DbTx, guestId: number, since: Date): Promise<Record<string, number>> {
  const where = { guestId, createdAt: { gt: since } };
  const [stays, charges, preferences, specialDates, feedback, rewardPoints] = await Promise.all([
    tx.stay.count({ where }),
    tx.charge.count({ where }),
    tx.preference.count({ where }),
    tx.specialDate.count({ where }),
    tx.feedback.count({ where }),
    tx.rewardPointsEntry.count({ where }),
  ]);
  const all = { stays, charges, preferences, specialDates, feedback, rewardPoints };
  return Object.fromEntries(Object.entries(all).filter(([, n]) => n > 0));
}
