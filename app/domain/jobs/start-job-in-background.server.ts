// "Run now" from the web: the run is recorded at once and continues in the
// background of the web process; the Jobs page shows its progress.
import type { Db } from "~/db/client.server";
import { runNamedJob, type JobName } from "./registry.server";

export function startJobInBackground(db: Db, name: JobName, options: { asOf: string; dryRun: boolean; startedById: number }) {
  void runNamedJob(db, name, { ...options, trigger: "manual" }).catch((error) => {
    console.error(`[jobs] ${name} failed to start`, error);
  });
}

export async function listJobRuns(db: Db, take = 50) {
  return db.jobRun.findMany({ orderBy: { id: "desc" }, take });
}
