// The nightly quality job: every live guest's rules, a batch of ids at a
// time (each batch one transaction), after one grouped pass that finds the
// guests sharing a phone or an e-mail. State-based, so a re-run writes
// nothing new and fixed data closes its findings (docs/decisions/006, 021).
import { Prisma } from "../../../generated/prisma/client";
import type { Db } from "~/db/client.server";
import { asEnum, asTimestamp } from "~/db/sql.server";
import { emptyQualityCounts, evaluateGuests, sharedContactsOfAll, type QualityCounts } from "./evaluate-quality.server";

export const QUALITY_BATCH = 1000;

export type QualityRunOptions = {
  asOf: string;
  dryRun: boolean;
  batchSize?: number;
  now?: Date;
  progress?: (text: string, counts?: Record<string, number>) => Promise<void>;
};

export async function runQualityChecks(db: Db, options: QualityRunOptions): Promise<QualityCounts & { goneClosed: number }> {
  const now = options.now ?? new Date();
  const totals = { ...emptyQualityCounts(), goneClosed: 0 };
  const shared = await sharedContactsOfAll(db);
  let cursor = 0;
  for (;;) {
    const rows = await db.guest.findMany({
      where: { id: { gt: cursor }, deletedAt: null, anonymizedAt: null },
      orderBy: { id: "asc" },
      take: options.batchSize ?? QUALITY_BATCH,
      select: { id: true },
    });
    if (!rows.length) break;
    cursor = rows[rows.length - 1].id;
    const scope = { from: rows[0].id, to: cursor };
    const counts = await db.$transaction((tx) => evaluateGuests(tx, scope, { asOf: options.asOf, dryRun: options.dryRun, now, shared }), {
      timeout: 120_000,
    });
    for (const k of Object.keys(counts) as (keyof QualityCounts)[]) totals[k] += counts[k];
    await options.progress?.(`quality: guests up to #${cursor}`, totals);
  }
  // Findings of guests deleted, anonymised or purged since: nothing left to fix.
  const gone = Prisma.sql`"status" = ${asEnum("OPEN", "QualityFindingStatus")} AND "guestId" NOT IN (SELECT "id" FROM "Guest" WHERE "deletedAt" IS NULL AND "anonymizedAt" IS NULL)`;
  if (options.dryRun) {
    const [{ n }] = await db.$queryRaw<{ n: number }[]>(Prisma.sql`SELECT COUNT(*) AS "n" FROM "QualityFinding" WHERE ${gone}`);
    totals.goneClosed = Number(n);
  } else {
    totals.goneClosed = await db.$executeRaw(
      Prisma.sql`UPDATE "QualityFinding" SET "status" = ${asEnum("FIXED", "QualityFindingStatus")}, "resolvedAt" = ${asTimestamp(now)} WHERE ${gone}`,
    );
  }
  return totals;
}
