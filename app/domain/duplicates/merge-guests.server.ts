// Merging two profiles of one guest: the plan planLoadedMerge computes is
// applied in one transaction, and a GuestMerge row keeps everything undo
// needs (docs/decisions/017).
import { Prisma } from "../../../generated/prisma/client";
import type { Db, DbTx } from "~/db/client.server";
import type { GuestModel as Guest } from "~/db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { ConflictError, DomainError, NotFoundError } from "../errors";
import { searchKeysFor } from "../guests/search-keys";
import { writeSearchKeys } from "../guests/search-guests.server";
import { rescoreGuests } from "../segments/rescore-guests.server";
import type { MergeBlocker } from "./merge-blockers.server";
import { conflictingOutreachTasks, mergedColumns, planLoadedMerge, type MergePicks, type MergePlan } from "./merge-plan.server";

/** A blocker holds: nothing was merged. */
export class MergeBlockedError extends DomainError {
  constructor(public readonly blockers: MergeBlocker[]) {
    super(blockers[0]?.messageKey ?? "mergeBlocker.notFound", `Merge refused: ${blockers.map((b) => b.code).join(", ")}`);
  }
}

export type MergeInput = {
  survivorId: number;
  otherId: number;
  picks?: MergePicks;
  /** The versions the preview showed: a profile saved (or merged) since is a conflict. */
  expectedVersions: { survivor: number; other: number };
};

/** Tables whose rows move by a plain owner column, with the column. */
export const MOVED_TABLES = [
  ["stays", "Stay", "guestId"],
  ["charges", "Charge", "guestId"],
  ["preferences", "Preference", "guestId"],
  ["specialDates", "SpecialDate", "guestId"],
  ["feedback", "Feedback", "guestId"],
  ["surveys", "Survey", "guestId"],
  ["outreachTasks", "OutreachTask", "guestId"],
  ["referralsMade", "Referral", "referrerId"],
  ["referralsReceived", "Referral", "referredGuestId"],
  ["rewardPoints", "RewardPointsEntry", "guestId"],
  ["timeline", "TimelineEvent", "guestId"],
] as const;
export type MovedKind = (typeof MOVED_TABLES)[number][0];

export type MergeMoved = Record<MovedKind, number[]> & { markerIds: number[] };

/** What was removed or replaced to satisfy unique keys, as it was. */
export type MergeRemoved = {
  /** The other profile's markers the survivor already had ({guestId, markerId}). */
  markers: { guestId: number; markerId: number }[];
  /** The other profile's outreach tasks that would repeat one of the survivor's greetings. */
  outreachTasks: Record<string, unknown>[];
  /** Both profiles' scores before the merge (the survivor is rescored, the other's removed). */
  scores: Record<string, unknown>[];
};

export type MergeBefore = {
  survivor: Record<string, unknown>;
  other: Record<string, unknown>;
  /** The survivor's search keys ({id, key}) before the merge. */
  survivorSearchKeys: { id: number; key: string }[];
  /** The survivor's columns the merge wrote, as it wrote them (undo restores a field only where they still hold). */
  written: Record<string, unknown>;
};

/**
 * Moves rows of `table` from one owner to another and answers the ids moved:
 * one UPDATE … RETURNING (both databases), so the ids are exactly the rows
 * moved. Raw SQL leaves each row's updatedAt as it was.
 */
export async function moveRows(tx: DbTx, table: string, column: string, from: number, to: number): Promise<number[]> {
  const rows = await tx.$queryRaw<{ id: number | bigint }[]>`
    UPDATE ${Prisma.raw(`"${table}"`)} SET ${Prisma.raw(`"${column}"`)} = ${to} WHERE ${Prisma.raw(`"${column}"`)} = ${from} RETURNING "id"`;
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** Moves the rows with these ids back (in chunks: a statement's parameters are limited). */
export async function moveRowsById(tx: DbTx, table: string, column: string, ids: number[], to: number) {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await tx.$executeRaw`UPDATE ${Prisma.raw(`"${table}"`)} SET ${Prisma.raw(`"${column}"`)} = ${to} WHERE "id" IN (${Prisma.join(chunk)})`;
  }
}

/**
 * Takes the row's lock and checks its version without changing it (an UPDATE
 * that sets nothing new): on PostgreSQL a second merge of the same profile
 * waits here, then finds the version moved on and gets a conflict.
 */
async function lockVersion(tx: DbTx, guestId: number, version: number): Promise<boolean> {
  const count = await tx.$executeRaw`
    UPDATE "Guest" SET "version" = "version" WHERE "id" = ${guestId} AND "version" = ${version} AND "deletedAt" IS NULL`;
  return count === 1;
}

export function guestRowJson(guest: Guest): Record<string, unknown> {
  return JSON.parse(JSON.stringify(guest));
}

export type MergeResult = { mergeId: number; plan: MergePlan; survivorId: number; otherId: number };

export async function mergeGuests(db: Db, actor: Actor, input: MergeInput): Promise<MergeResult> {
  return db.$transaction(async (tx) => {
    const { survivorId, otherId } = input;
    if (survivorId === otherId) throw new MergeBlockedError([{ code: "sameGuest", messageKey: "mergeBlocker.sameGuest", guestId: null }]);
    const expected = new Map([
      [survivorId, input.expectedVersions.survivor],
      [otherId, input.expectedVersions.other],
    ]);
    // Lower id first: two merges of overlapping pairs lock in the same order and cannot deadlock.
    for (const id of [survivorId, otherId].sort((a, b) => a - b)) {
      if (!(await lockVersion(tx, id, expected.get(id)!))) {
        const now = await tx.guest.findUnique({ where: { id }, select: { version: true, deletedAt: true, mergedIntoId: true } });
        if (!now) throw new NotFoundError("Guest");
        throw new ConflictError(now.version);
      }
    }
    const survivor = await tx.guest.findUniqueOrThrow({ where: { id: survivorId } });
    const other = await tx.guest.findUniqueOrThrow({ where: { id: otherId } });
    const plan = await planLoadedMerge(tx, { survivor, other }, input.picks);
    if (plan.blockers.length) throw new MergeBlockedError(plan.blockers);

    const [scores, survivorSearchKeys, conflictingTaskIds] = await Promise.all([
      tx.guestScore.findMany({ where: { guestId: { in: [survivorId, otherId] } }, orderBy: { guestId: "asc" } }),
      tx.guestSearchKey.findMany({ where: { guestId: survivorId }, select: { id: true, key: true }, orderBy: { id: "asc" } }),
      conflictingOutreachTasks(tx, survivorId, otherId),
    ]);
    const removedTasks = conflictingTaskIds.length
      ? await tx.outreachTask.findMany({ where: { id: { in: conflictingTaskIds } }, orderBy: { id: "asc" } })
      : [];
    if (removedTasks.length) await tx.outreachTask.deleteMany({ where: { id: { in: conflictingTaskIds } } });

    const survivorMarkerIds = (await tx.guestMarker.findMany({ where: { guestId: survivorId }, select: { markerId: true } })).map(
      (m) => m.markerId,
    );
    const duplicateMarkers = await tx.guestMarker.findMany({
      where: { guestId: otherId, markerId: { in: survivorMarkerIds } },
      select: { guestId: true, markerId: true },
      orderBy: { markerId: "asc" },
    });
    if (duplicateMarkers.length) await tx.guestMarker.deleteMany({ where: { guestId: otherId, markerId: { in: survivorMarkerIds } } });
    const movedMarkers = await tx.$queryRaw<{ markerId: number | bigint }[]>`
      UPDATE "GuestMarker" SET "guestId" = ${survivorId} WHERE "guestId" = ${otherId} RETURNING "markerId"`;

    const moved = { markerIds: movedMarkers.map((m) => Number(m.markerId)).sort((a, b) => a - b) } as MergeMoved;
    for (const [kind, table, column] of MOVED_TABLES) moved[kind] = await moveRows(tx, table, column, otherId, survivorId);

    const written = mergedColumns(survivor, other, plan);
    await tx.guest.update({ where: { id: survivorId }, data: { ...written, version: { increment: 1 } } });
    await tx.guest.update({
      where: { id: otherId },
      data: {
        deletedAt: new Date(),
        deletedReason: "merge",
        deletedById: actor.staffId,
        mergedIntoId: survivorId,
        version: { increment: 1 },
      },
    });
    if (scores.some((s) => s.guestId === otherId)) await tx.guestScore.delete({ where: { guestId: otherId } });
    const next = await tx.guest.findUniqueOrThrow({ where: { id: survivorId } });
    await writeSearchKeys(tx, survivorId, searchKeysFor(next));
    // The survivor's score with the stays it gained, by the nightly job's rules and cut points (ADR 017).
    await rescoreGuests(tx, [survivorId]);

    const before: MergeBefore = {
      survivor: guestRowJson(survivor),
      other: guestRowJson(other),
      survivorSearchKeys,
      written: JSON.parse(JSON.stringify(written)),
    };
    const removed: MergeRemoved = {
      markers: duplicateMarkers,
      outreachTasks: removedTasks.map((t) => JSON.parse(JSON.stringify(t))),
      scores: scores.map((s) => JSON.parse(JSON.stringify(s))),
    };
    // The pair's place in the duplicate queue: decided, by this merge.
    await tx.duplicateCandidate.updateMany({
      where: { lowGuestId: Math.min(survivorId, otherId), highGuestId: Math.max(survivorId, otherId), status: "OPEN" },
      data: { status: "MERGED", decidedAt: new Date(), decidedById: actor.staffId },
    });
    const merge = await tx.guestMerge.create({
      data: {
        survivorId,
        mergedId: otherId,
        mergedById: actor.staffId,
        plan: JSON.parse(JSON.stringify(plan)),
        before: before as object,
        moved: moved as object,
        removed: removed as object,
      },
      select: { id: true },
    });

    const diff = Object.fromEntries(
      plan.fields.filter((f) => f.value !== f.survivorValue && f.field !== "idDocument").map((f) => [f.field, [f.survivorValue, f.value]]),
    );
    const counts = Object.fromEntries(Object.entries(moved).map(([k, ids]) => [k, ids.length]));
    const details = {
      mergeId: merge.id,
      survivor: survivor.profileNumber,
      merged: other.profileNumber,
      fields: diff,
      idDocument: plan.fields.find((f) => f.field === "idDocument")?.from ?? null,
      vipLevel: plan.vipLevel,
      consent: Object.fromEntries(Object.entries(plan.consent).map(([k, v]) => [k, v.value])),
      moved: counts,
      removed: { markers: duplicateMarkers.length, outreachTasks: removedTasks.length },
    };
    await recordAudit(tx, actor, {
      action: "MERGE",
      entity: "GuestMerge",
      entityId: merge.id,
      guestId: survivorId,
      changes: details,
      shownGuestIds: [survivorId, otherId],
    });
    await recordAudit(tx, actor, {
      action: "MERGE",
      entity: "Guest",
      entityId: otherId,
      guestId: otherId,
      changes: { mergeId: merge.id, mergedInto: survivor.profileNumber },
    });
    await addTimelineEvent(tx, actor, {
      guestId: survivorId,
      name: "guest.merged",
      properties: { mergeId: merge.id, merged: other.profileNumber, fields: Object.keys(diff), moved: counts },
    });
    await addTimelineEvent(tx, actor, {
      guestId: otherId,
      name: "guest.mergedAway",
      properties: { mergeId: merge.id, survivor: survivor.profileNumber },
    });
    return { mergeId: merge.id, plan, survivorId, otherId };
  });
}
