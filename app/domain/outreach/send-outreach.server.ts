// Sending due e-mail tasks. A task is claimed (attempts + 1, retry time set)
// before sending, so two senders never send it at once; a failure is recorded
// and retried with back-off; after MAX_ATTEMPTS it is FAILED, never dropped.
import type { Db } from "~/db/client.server";
import type { JobContext, JobCounts } from "../jobs/run-job.server";
import { escapeHtml } from "../safe-text";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { createMailer, type Mailer } from "./mailer.server";
import { unsubscribeUrl } from "./unsubscribe.server";

export const MAX_ATTEMPTS = 5;
export const SEND_BATCH = 100;
/** 5 min, 10 min, 20 min, 40 min … */
export function backoffMs(attempts: number): number {
  return 5 * 60_000 * 2 ** Math.max(0, attempts - 1);
}

export type SendOptions = Pick<JobContext, "asOf" | "dryRun"> & { progress?: JobContext["progress"]; mailer?: Mailer; now?: () => Date };

export async function sendDueEmails(db: Db, options: SendOptions): Promise<JobCounts> {
  const mailer = options.mailer ?? createMailer();
  const now = options.now ?? (() => new Date());
  const counts = { due: 0, sent: 0, failed: 0, retrying: 0 };
  const dueWhere = () => ({
    channel: "EMAIL" as const,
    status: "PLANNED" as const,
    dueDate: { lte: options.asOf },
    OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now() } }],
    guest: { deletedAt: null, anonymizedAt: null },
  });
  counts.due = await db.outreachTask.count({ where: dueWhere() });
  if (options.dryRun) return counts;

  for (;;) {
    const batch = await db.outreachTask.findMany({
      where: dueWhere(),
      orderBy: { id: "asc" },
      take: SEND_BATCH,
      include: { guest: { select: { email: true, consentEmail: true, language: true } } },
    });
    if (!batch.length) break;
    for (const task of batch) {
      // Claim: only the sender that moves attempts from n to n+1 sends.
      const claimed = await db.outreachTask.updateMany({
        where: { id: task.id, status: "PLANNED", attempts: task.attempts },
        data: { attempts: task.attempts + 1, nextAttemptAt: new Date(now().getTime() + backoffMs(task.attempts + 1)) },
      });
      if (claimed.count !== 1) continue;
      if (!task.guest.consentEmail || !task.guest.email) {
        await db.outreachTask.update({ where: { id: task.id }, data: { status: "SKIPPED", outcome: "no e-mail consent" } });
        continue;
      }
      const link = unsubscribeUrl(task.guestId, "EMAIL");
      const zh = task.language.startsWith("zh");
      const footer = zh ? `不想再收到此类邮件？退订：${link}` : `Don't want these e-mails? Unsubscribe: ${link}`;
      try {
        await mailer.send({
          to: task.guest.email,
          subject: task.subject,
          text: `${task.message}\n\n--\n${footer}\n`,
          html: `<p>${escapeHtml(task.message).replace(/\n/g, "<br>")}</p><hr><p style="font-size:12px"><a href="${link}">${zh ? "退订" : "Unsubscribe"}</a></p>`,
          messageId: `<outreach-task-${task.id}@guest-archive.local>`,
          unsubscribeUrl: link,
        });
        await db.$transaction(async (tx) => {
          await tx.outreachTask.update({
            where: { id: task.id },
            data: { status: "SENT", sentAt: now(), lastError: null, nextAttemptAt: null },
          });
          await addTimelineEvent(tx, null, {
            guestId: task.guestId,
            name: "outreach.sent",
            properties: { taskId: task.id, campaignId: task.campaignId, channel: "EMAIL" },
          });
        });
        counts.sent++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const final = task.attempts + 1 >= MAX_ATTEMPTS;
        await db.$transaction(async (tx) => {
          await tx.outreachTask.update({
            where: { id: task.id },
            data: { lastError: message.slice(0, 500), ...(final ? { status: "FAILED", nextAttemptAt: null } : {}) },
          });
          if (final)
            await addTimelineEvent(tx, null, {
              guestId: task.guestId,
              name: "outreach.failed",
              properties: { taskId: task.id, error: message.slice(0, 200) },
            });
        });
        if (final) counts.failed++;
        else counts.retrying++;
      }
    }
    await options.progress?.(`sent ${counts.sent}, retrying ${counts.retrying}, failed ${counts.failed}`, counts);
  }
  return counts;
}
