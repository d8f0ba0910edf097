// Scores on demand: a fresh install (or a demo) has no scores until the
// nightly job runs. A small archive is scored on the first dashboard visit,
// through the job runner (lease, JobRun row); a large one waits for the job.
import type { Db } from "~/db/client.server";
import { runNamedJob } from "../jobs/registry.server";
import { latestScoreDate } from "./dashboard.server";

/** Archives up to this many guests are scored on the first visit (a few seconds at most). */
export const ON_DEMAND_MAX_GUESTS = 50_000;

export type ScoreState = { asOf: string | null; computedNow: boolean; waiting: boolean };

export async function ensureScores(db: Db, o: { today: string; startedById: number }): Promise<ScoreState> {
  const asOf = await latestScoreDate(db);
  if (asOf) return { asOf, computedNow: false, waiting: false };
  const guests = await db.guest.count({ where: { deletedAt: null } });
  if (guests > ON_DEMAND_MAX_GUESTS) return { asOf: null, computedNow: false, waiting: true };
  const outcome = await runNamedJob(db, "segments", { asOf: o.today, dryRun: false, trigger: "manual", startedById: o.startedById });
  if (outcome.status !== "SUCCEEDED") return { asOf: null, computedNow: false, waiting: true };
  return { asOf: await latestScoreDate(db), computedNow: true, waiting: false };
}
