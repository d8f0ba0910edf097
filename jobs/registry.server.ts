// Every scheduled job by name: when it runs and which domain function does the
// work. The scheduler (jobs/scheduler.ts), the command line (npm run job) and
// the admin "run now" button all start jobs through here.
import type { Db } from "../app/db/client.server";
import { purgeInactiveGuests } from "../app/domain/retention/purge-inactive-guests.server";
import { planBirthdayOutreach, planHolidayOutreach, planOtherCampaigns } from "../app/domain/outreach/plan-outreach.server";
import { sendDueEmails } from "../app/domain/outreach/send-outreach.server";
import { computeSegments } from "../app/domain/segments/compute-segments.server";
import { sealAuditRegister } from "../app/domain/audit/audit-chain.server";
import { planAndSendSurveyInvitations } from "../app/domain/surveys/survey-invitations.server";
import { escalateDeadlines } from "../app/domain/deadlines/escalate.server";
import { scanDuplicates } from "../app/domain/duplicates/find-candidates.server";
import { runQualityChecks } from "../app/domain/quality/run-quality-checks.server";
import { runJob, type JobContext, type JobCounts, type JobOutcome } from "../app/domain/jobs/run-job.server";

export type JobDefinition = {
  /** node-cron expression, evaluated in the chain's home time zone. */
  cron: string;
  describe: string;
  work: (db: Db, ctx: JobContext) => Promise<JobCounts>;
  /** Real runs only for today or the past: a run for a future date would act on a clock that has not come. */
  noFutureRuns?: boolean;
  /** Not tied to a local date (e.g. sending): scheduled once, not once per property time zone. */
  once?: boolean;
};

export const JOBS = {
  birthdays: {
    cron: "0 6 * * *",
    describe:
      "Birthday outreach: plan greetings and gifts for birthdays (Gregorian and lunar) within each campaign's lead days (daily, 06:00)",
    work: (db, ctx) => planBirthdayOutreach(db, { asOf: ctx.asOf, dryRun: ctx.dryRun, progress: ctx.progress }),
  },
  holidays: {
    cron: "10 6 * * *",
    describe: "Holiday outreach: plan greetings for holidays within each campaign's lead days (daily, 06:10)",
    work: (db, ctx) => planHolidayOutreach(db, { asOf: ctx.asOf, dryRun: ctx.dryRun, progress: ctx.progress }),
  },
  campaigns: {
    cron: "20 6 * * *",
    describe: "Other active campaigns (VIP care, win-back, invitations …): plan their tasks (daily, 06:20)",
    work: (db, ctx) => planOtherCampaigns(db, { asOf: ctx.asOf, dryRun: ctx.dryRun, progress: ctx.progress }),
  },
  "send-email": {
    cron: "*/10 * * * *",
    describe: "Send due e-mail tasks; retry failures with back-off (every 10 minutes)",
    work: (db, ctx) => sendDueEmails(db, { asOf: ctx.asOf, dryRun: ctx.dryRun, progress: ctx.progress }),
    once: true,
  },
  purge: {
    cron: "0 3 1 * *",
    describe: "Retention purge: inactive guests to the recycle bin, then anonymise after the grace period (monthly, 03:00 on the 1st)",
    work: (db, ctx) => purgeInactiveGuests(db, { asOf: ctx.asOf, dryRun: ctx.dryRun, progress: ctx.progress }),
    noFutureRuns: true,
  },
  segments: {
    cron: "30 2 * * *",
    describe:
      "Loyalty scores: RFM, satisfaction, NPS, credit, lifecycle and segment per guest; segment snapshot and monthly facts for the dashboards (nightly, 02:30)",
    work: (db, ctx) => computeSegments(db, { asOf: ctx.asOf, dryRun: ctx.dryRun, progress: ctx.progress }),
    noFutureRuns: true,
    once: true,
  },
  duplicates: {
    cron: "0 4 * * *",
    describe:
      "Duplicate scan: blocking keys brought up to date, guests sharing a key scored, pairs in the review band queued for the archivist (nightly, 04:00)",
    work: (db, ctx) => scanDuplicates(db, { asOf: ctx.asOf, dryRun: ctx.dryRun, progress: ctx.progress }),
    once: true,
  },
  surveys: {
    cron: "0 11 * * *",
    describe:
      "Post-stay surveys: a signed survey link by e-mail for each stay checked out in the last 7 days (guests with e-mail consent), once per stay (daily, 11:00)",
    work: (db, ctx) => planAndSendSurveyInvitations(db, { asOf: ctx.asOf, dryRun: ctx.dryRun, progress: ctx.progress }),
  },
  deadlines: {
    cron: "*/15 * * * *",
    describe:
      "Deadlines that alert: complaints past acknowledge-by or resolve-by (duty manager, then general manager), VIPs not contacted for their level's days — each step once (every 15 minutes)",
    work: (db, ctx) => escalateDeadlines(db, { asOf: ctx.asOf, dryRun: ctx.dryRun, progress: ctx.progress }),
    noFutureRuns: true,
    once: true,
  },
  quality: {
    cron: "30 4 * * *",
    describe:
      "Data quality: every rule on every live guest; new findings queued for the archivist, fixed data closes its findings, accepted ones stay quiet (nightly, 04:30)",
    work: (db, ctx) => runQualityChecks(db, { asOf: ctx.asOf, dryRun: ctx.dryRun, progress: ctx.progress }),
    once: true,
  },
  "audit-seal": {
    cron: "*/5 * * * *",
    describe: "Seal the access register: chain each new row to the one before by a hash, so later edits show (every 5 minutes)",
    work: async (db, ctx) => (ctx.dryRun ? { sealed: 0 } : sealAuditRegister(db)),
    once: true,
  },
} satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof JOBS;

export function isJobName(name: string): name is JobName {
  return name in JOBS;
}

/** Why a requested run may not start (a message key), or null. */
export function refuseRun(name: JobName, asOf: string, dryRun: boolean, today: string): string | null {
  const definition: JobDefinition = JOBS[name];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf))) return "error.date";
  if (definition.noFutureRuns && !dryRun && asOf > today) return "error.futureRun";
  return null;
}

export async function runNamedJob(
  db: Db,
  name: JobName,
  options: { asOf: string; dryRun: boolean; trigger: "schedule" | "manual" | "cli"; startedById?: number | null },
): Promise<JobOutcome> {
  const definition: JobDefinition = JOBS[name];
  return runJob(db, { job: name, ...options }, (ctx) => definition.work(db, ctx));
}
