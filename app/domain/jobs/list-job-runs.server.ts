import type { Db } from "~/db/client.server";

/** The latest job runs, newest first (the Jobs page). */
export async function listJobRuns(db: Db, take = 50) {
  return db.jobRun.findMany({ orderBy: { id: "desc" }, take });
}
