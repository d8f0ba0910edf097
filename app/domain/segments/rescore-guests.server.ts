// Rescoring a few guests between nightly runs (after a merge moved their
// stays, or its undo moved them back): the nightly job's own gathering query,
// rules and cut points, so a guest rescored here scores exactly what the next
// run with the same population gives it (docs/decisions/009, 017). The
// aggregates behind the dashboards stay as of the last run.
import type { DbTx } from "~/db/client.server";
import { num, sqlDialect, timestampText } from "~/db/sql.server";
import { classifyGuest } from "./classify-guest";
import {
  cutsFromStored,
  gatherSql,
  GatheredFacts,
  pushFacts,
  scoreRowJson,
  scoringContext,
  writeScores,
  type GatherRow,
} from "./compute-segments.server";
import { segmentPolicy, type SegmentPolicy } from "./segment-policy";

export type RescoreResult = { asOf: string | null; rescored: number[]; removed: number[] };

/**
 * Rescores these guests as of the last segments run, with its cut points. A
 * guest the job would not score (in the recycle bin, merged away) loses its
 * score row. Before the first run there is nothing to rescore against: a
 * no-op.
 */
export async function rescoreGuests(tx: DbTx, guestIds: number[], o: { policy?: SegmentPolicy; now?: Date } = {}): Promise<RescoreResult> {
  const stored = await tx.scoreCutPoints.findFirst({ orderBy: { asOf: "desc" } });
  if (!stored || !guestIds.length) return { asOf: null, rescored: [], removed: [] };
  const { asOf } = stored;
  const policy = o.policy ?? segmentPolicy();
  const { c } = await scoringContext(tx, asOf, policy);
  const ids = guestIds.map((id) => Math.trunc(Number(id))).filter(Number.isSafeInteger);
  const rows = await tx.$queryRawUnsafe<GatherRow[]>(gatherSql(c, `IN (${ids.join(", ")})`));
  const facts = new GatheredFacts();
  const scored = new Set<number>();
  for (const row of rows) {
    if (!num(row.scored)) continue;
    const createdAt = row.createdAt instanceof Date ? row.createdAt : new Date(String(row.createdAt));
    pushFacts(facts, row, createdAt, c);
  }
  const cuts = cutsFromStored(stored);
  const scoreRows: string[] = [];
  for (let i = 0; i < facts.length; i++) {
    scored.add(facts.id[i]);
    scoreRows.push(scoreRowJson(facts.id[i], classifyGuest(facts.factsAt(i), asOf, cuts, policy)));
  }
  if (scoreRows.length) await writeScores(tx, sqlDialect(), scoreRows, asOf, timestampText(o.now ?? new Date()));
  const removed = ids.filter((id) => !scored.has(id));
  if (removed.length) await tx.guestScore.deleteMany({ where: { guestId: { in: removed } } });
  return { asOf, rescored: [...scored].sort((a, b) => a - b), removed };
}
