// The retention purge, in two phases:
//  1. guests inactive past the threshold and not exempt go to the recycle bin
//     (reason "retention");
//  2. retention-deleted guests whose grace period has ended are anonymised.
// Each batch is one short transaction that moves guests from one state to the
// next, so a re-run (or a run killed halfway and re-run) finds only the work
// still to do and never does anything twice.
import type { Db } from "~/db/client.server";
import { asEnum, asJson, asTimestamp, forgetErasedPages, lockGuests } from "~/db/sql.server";
import { Prisma } from "../../../generated/prisma/client";
import { SYSTEM_ACTOR, type Actor } from "../actor";
import type { JobContext, JobCounts } from "../jobs/run-job.server";
import { anonymiseGuests, profilesMergedInto } from "./anonymise-guest.server";
import { anonymisationDueWhere, evaluateRetention } from "./evaluate-retention.server";
import { getRetentionPolicy } from "./retention-policy.server";

/** Guests per write transaction: small enough that the desk never waits long. */
// (Under 999: the most bound parameters Prisma sends to SQLite in one IN list.)
export const SOFT_DELETE_BATCH = 900;
export const ANONYMISE_BATCH = 800;

export type PurgeOptions = Pick<JobContext, "asOf" | "dryRun"> & {
  progress?: JobContext["progress"];
  actor?: Actor;
  /** Stop after this many batches (tests use it to simulate a crash). */
  maxBatches?: number;
};

export async function purgeInactiveGuests(db: Db, options: PurgeOptions): Promise<JobCounts> {
  const { asOf, dryRun } = options;
  const actor = options.actor ?? SYSTEM_ACTOR;
  const policy = await getRetentionPolicy(db);
  const counts = { inactive: 0, exempt: 0, toSoftDelete: 0, softDeleted: 0, anonymised: 0, dueForAnonymisation: 0 };
  const deletedAt = new Date(`${asOf}T00:00:00.000Z`);
  let batches = 0;
  const checkBudget = () => {
    batches++;
    if (options.maxBatches != null && batches > options.maxBatches)
      throw new Error(`Stopped after ${options.maxBatches} batches (simulated interruption).`);
  };

  // Phase 1: collect ids first (the walk reads live guests; deleting while
  // walking would shift nothing, but collecting keeps write transactions short).
  const toDelete: { id: number; lastActiveDate: string }[] = [];
  for await (const batch of evaluateRetention(db, policy, asOf)) {
    for (const d of batch) {
      counts.inactive++;
      if (d.exemptions.length) counts.exempt++;
      else toDelete.push({ id: d.guestId, lastActiveDate: d.lastActiveDate });
    }
    await options.progress?.(`phase 1: evaluated through guest #${batch.at(-1)?.guestId ?? "-"}`, counts);
  }
  counts.toSoftDelete = toDelete.length;
  if (!dryRun) {
    for (let i = 0; i < toDelete.length; i += SOFT_DELETE_BATCH) {
      checkBudget();
      const slice = toDelete.slice(i, i + SOFT_DELETE_BATCH);
      counts.softDeleted += await db.$transaction(async (tx) => {
        // Decide again inside the transaction, on the guests' current state: a
        // re-run or a concurrent restore is respected, and a guest who booked,
        // complained or was put on hold since the evaluation is not taken.
        await lockGuests(
          tx,
          slice.map((g) => g.id),
        );
        const lastActive = new Map<number, string>();
        for await (const decisions of evaluateRetention(tx, policy, asOf, { onlyIds: slice.map((g) => g.id) })) {
          for (const d of decisions) if (!d.exemptions.length) lastActive.set(d.guestId, d.lastActiveDate);
        }
        const liveIds = [...lastActive.keys()];
        if (!liveIds.length) return 0;
        const now = asTimestamp(new Date());
        await tx.$executeRaw`
          UPDATE "Guest" SET "deletedAt" = ${asTimestamp(deletedAt)}, "deletedReason" = 'retention', "deletedById" = NULL, "version" = "version" + 1, "updatedAt" = ${now}
          WHERE "id" IN (${Prisma.join(liveIds)})`;
        await tx.$executeRaw`
          INSERT INTO "AuditEntry" ("at", "staffId", "action", "entity", "entityId", "guestId", "changes")
          VALUES ${Prisma.join(
            liveIds.map(
              (id) => Prisma.sql`(${now}, ${actor.staffId}, ${asEnum("DELETE", "AuditAction")}, 'Guest', ${id}, ${id},
            ${asJson({ reason: "retention", rule: `inactive since ${lastActive.get(id)} (≥ ${policy.inactivityDays} days)`, asOf })})`,
            ),
          )}`;
        return liveIds.length;
      });
      await options.progress?.(`phase 1: ${counts.softDeleted} / ${toDelete.length} moved to the recycle bin`, counts);
    }
  }

  // Phase 2: anonymise those whose grace period is over.
  const due = anonymisationDueWhere(policy, asOf);
  counts.dueForAnonymisation = await db.guest.count({ where: due });
  if (!dryRun) {
    for (;;) {
      const batch = await db.guest.findMany({ where: due, select: { id: true }, orderBy: { id: "asc" }, take: ANONYMISE_BATCH });
      if (!batch.length) break;
      checkBudget();
      const now = new Date();
      counts.anonymised += await db.$transaction(async (tx) => {
        // Re-check inside the transaction: a restore (or a concurrent purge) may have won the race.
        await lockGuests(
          tx,
          batch.map((g) => g.id),
        );
        const still = await tx.guest.findMany({ where: { id: { in: batch.map((g) => g.id) }, ...due }, select: { id: true } });
        const stillIds = still.map((g) => g.id);
        // The profiles merged into these go with them (their survivor carried their history).
        const mergedAway = stillIds.length ? await profilesMergedInto(tx, stillIds) : new Map<number, number>();
        const erased = await anonymiseGuests(tx, stillIds, now);
        if (erased.size) {
          const at = asTimestamp(new Date());
          const rows = [
            ...[...erased].map(([id, counts]) => [id, { reason: "retention", asOf, erased: counts }] as const),
            ...[...mergedAway].map(([id, into]) => [id, { reason: "retention", asOf, mergedIntoId: into }] as const),
          ];
          for (let i = 0; i < rows.length; i += ANONYMISE_BATCH) {
            await tx.$executeRaw`
              INSERT INTO "AuditEntry" ("at", "staffId", "action", "entity", "entityId", "guestId", "changes")
              VALUES ${Prisma.join(rows.slice(i, i + ANONYMISE_BATCH).map(([id, changes]) => Prisma.sql`(${at}, ${actor.staffId}, ${asEnum("PURGE", "AuditAction")}, 'Guest', ${id}, ${id}, ${asJson(changes)})`))}`;
          }
        }
        return erased.size;
      });
      await options.progress?.(`phase 2: ${counts.anonymised} / ${counts.dueForAnonymisation} anonymised`, counts);
    }
    if (counts.anonymised) await forgetErasedPages(db);
  }
  return counts;
}
