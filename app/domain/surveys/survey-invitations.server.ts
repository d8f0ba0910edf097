// Post-stay survey links by e-mail (the `surveys` job). Two steps, each safe
// to repeat: plan one invitation per checked-out stay (the stay is unique on
// the invitation, so two schedulers or a re-run plan nothing twice), then send
// the planned ones, each claimed by the sender that moves its attempts on (as
// outreach e-mail is), retried with back-off, never sent twice.
import type { Db } from "~/db/client.server";
import { addDays } from "../calendar/occasions";
import type { JobContext, JobCounts } from "../jobs/run-job.server";
import { publicUrl, readSignedToken, signedToken } from "../links/signed-links.server";
import { createMailer, type Mailer } from "../outreach/mailer.server";
import { backoffMs, MAX_ATTEMPTS } from "../outreach/send-outreach.server";
import { unsubscribeUrl } from "../outreach/unsubscribe.server";
import { escapeHtml } from "../safe-text";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { translate, type Locale } from "~/i18n/i18n";

/** Stays that checked out on the as-of date or this many days before it are invited (a missed night catches up). */
export const INVITE_WITHIN_DAYS = 7;
const SEND_BATCH = 100;

/** How long a survey link answers (SURVEY_LINK_DAYS, default 30). */
export function surveyLinkDays(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.SURVEY_LINK_DAYS ?? 30);
  return Number.isInteger(days) && days > 0 ? days : 30;
}

const PAYLOAD = /^survey\.(\d+)$/;

export function surveyToken(invitationId: number): string {
  return signedToken(`survey.${invitationId}`);
}

/** The invitation a link names, or null when the link is not one of ours. */
export function readSurveyToken(token: string): number | null {
  const payload = readSignedToken(token);
  const match = payload === null ? null : PAYLOAD.exec(payload);
  return match ? Number(match[1]) : null;
}

export function surveyUrl(invitationId: number): string {
  return publicUrl(`/survey/${surveyToken(invitationId)}`);
}

function localeOfGuest(language: string): Locale {
  return language.startsWith("zh") ? "zh-CN" : "en";
}

/** Who is invited: a live guest (not erased, in the bin or merged away) with an e-mail address and e-mail consent. */
const reachableGuest = { deletedAt: null, anonymizedAt: null, mergedIntoId: null, email: { not: null }, consentEmail: true } as const;

export type SurveyJobOptions = Pick<JobContext, "asOf" | "dryRun"> & {
  progress?: JobContext["progress"];
  mailer?: Mailer;
  now?: () => Date;
};

export async function planAndSendSurveyInvitations(db: Db, options: SurveyJobOptions): Promise<JobCounts> {
  const now = options.now ?? (() => new Date());
  const due = {
    status: "CHECKED_OUT" as const,
    departureDate: { gte: addDays(options.asOf, -INVITE_WITHIN_DAYS), lte: options.asOf },
    survey: null,
    surveyInvitation: null,
    guest: reachableGuest,
  };
  const counts = { planned: 0, sent: 0, skipped: 0, failed: 0, retrying: 0 };
  if (options.dryRun) {
    counts.planned = await db.stay.count({ where: due });
    return counts;
  }
  for (;;) {
    const stays = await db.stay.findMany({
      where: due,
      select: { id: true, guest: { select: { language: true } } },
      orderBy: { id: "asc" },
      take: SEND_BATCH,
    });
    if (!stays.length) break;
    const expiresAt = new Date(now().getTime() + surveyLinkDays() * 86_400_000);
    for (const stay of stays) {
      // Unique on the stay: if another scheduler planned it first, this adds nothing.
      const created = await db.surveyInvitation
        .create({ data: { stayId: stay.id, language: localeOfGuest(stay.guest.language), expiresAt }, select: { id: true } })
        .then(
          () => 1,
          (error: unknown) => {
            if ((error as { code?: string }).code === "P2002") return 0;
            throw error;
          },
        );
      counts.planned += created;
    }
    await options.progress?.(`planned ${counts.planned}`, counts);
  }
  await sendPlanned(db, options.mailer ?? createMailer(), now, counts, options.progress);
  return counts;
}

async function sendPlanned(db: Db, mailer: Mailer, now: () => Date, counts: Record<string, number>, progress?: JobContext["progress"]) {
  const dueWhere = () => ({ status: "PLANNED" as const, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now() } }] });
  for (;;) {
    const batch = await db.surveyInvitation.findMany({
      where: dueWhere(),
      orderBy: { id: "asc" },
      take: SEND_BATCH,
      include: {
        stay: {
          select: {
            guestId: true,
            arrivalDate: true,
            departureDate: true,
            property: { select: { name: true, nameZh: true } },
            guest: { select: { fullName: true, email: true, consentEmail: true, deletedAt: true, anonymizedAt: true, mergedIntoId: true } },
          },
        },
      },
    });
    if (!batch.length) break;
    for (const invitation of batch) {
      const claimed = await db.surveyInvitation.updateMany({
        where: { id: invitation.id, status: "PLANNED", attempts: invitation.attempts },
        data: { attempts: invitation.attempts + 1, nextAttemptAt: new Date(now().getTime() + backoffMs(invitation.attempts + 1)) },
      });
      if (claimed.count !== 1) continue;
      const { guest } = invitation.stay;
      if (!guest.email || !guest.consentEmail || guest.deletedAt || guest.anonymizedAt || guest.mergedIntoId) {
        await db.surveyInvitation.update({
          where: { id: invitation.id },
          data: { status: "SKIPPED", lastError: "no e-mail consent", nextAttemptAt: null },
        });
        counts.skipped++;
        continue;
      }
      const locale = localeOfGuest(invitation.language);
      const link = surveyUrl(invitation.id);
      const unsubscribe = unsubscribeUrl(invitation.stay.guestId, "EMAIL");
      const params = {
        name: guest.fullName,
        hotel: locale === "zh-CN" ? invitation.stay.property.nameZh : invitation.stay.property.name,
        arrival: invitation.stay.arrivalDate,
        departure: invitation.stay.departureDate,
        days: surveyLinkDays(),
      };
      const body = translate(locale, "surveyMail.body", params);
      try {
        await mailer.send({
          to: guest.email,
          subject: translate(locale, "surveyMail.subject", params),
          text: `${body}\n\n${link}\n\n--\n${translate(locale, "surveyMail.unsubscribe")} ${unsubscribe}\n`,
          html:
            `<p>${escapeHtml(body).replace(/\n/g, "<br>")}</p><p><a href="${link}">${escapeHtml(translate(locale, "surveyMail.answer"))}</a></p>` +
            `<hr><p style="font-size:12px"><a href="${unsubscribe}">${escapeHtml(translate(locale, "surveyMail.unsubscribe"))}</a></p>`,
          messageId: `<survey-invitation-${invitation.id}@guest-archive.local>`,
          unsubscribeUrl: unsubscribe,
        });
        await db.$transaction(async (tx) => {
          await tx.surveyInvitation.update({
            where: { id: invitation.id },
            data: { status: "SENT", sentAt: now(), lastError: null, nextAttemptAt: null },
          });
          await addTimelineEvent(tx, null, {
            guestId: invitation.stay.guestId,
            name: "survey.invited",
            stayId: invitation.stayId,
            properties: { invitationId: invitation.id },
          });
        });
        counts.sent++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const final = invitation.attempts + 1 >= MAX_ATTEMPTS;
        await db.surveyInvitation.update({
          where: { id: invitation.id },
          data: { lastError: message.slice(0, 500), ...(final ? { status: "FAILED", nextAttemptAt: null } : {}) },
        });
        if (final) counts.failed++;
        else counts.retrying++;
      }
    }
    await progress?.(`sent ${counts.sent}, retrying ${counts.retrying}, failed ${counts.failed}`, counts);
  }
}
