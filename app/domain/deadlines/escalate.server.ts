// The `deadlines` job: every step of every deadline that has fallen due as of
// the run's moment fires once — an Escalation row, unique on (kind, subject,
// step), written before anyone is told, so a re-run, a second scheduler or a
// run killed halfway never tells anyone twice. Steps whose subject has since
// been dealt with are marked cleared. Policy: escalation-policy.ts.
import { DateTime } from "luxon";
import type { Db, DbTx } from "~/db/client.server";
import { todayIn } from "../calendar/occasions";
import { openComplaintWhere } from "../complaints/open-complaints";
import type { JobContext, JobCounts } from "../jobs/run-job.server";
import { chainHome } from "../properties/chain-clock.server";
import { translate, type Locale } from "~/i18n/i18n";
import { log } from "~/http/log.server";
import { publicUrl } from "../links/signed-links.server";
import { notifyOnce } from "../notifications/notifications.server";
import { createMailer, type Mailer } from "../outreach/mailer.server";
import { escapeHtml } from "../safe-text";
import {
  complaintSteps,
  escalateAfterHours,
  escalationMessage,
  observationReviewDays,
  vipContactDays,
  vipLapseStep,
  type Audience,
  type EscalationKind,
} from "./escalation-policy";

const HOUR = 3_600_000;
const BATCH = 500;

/** The instant a run as of `asOf` looks at: now for today, else the end of that day in the chain's home zone. */
export function momentOf(asOf: string, timeZone: string, now: Date): Date {
  if (asOf === todayIn(timeZone, now)) return now;
  return DateTime.fromISO(asOf, { zone: timeZone }).endOf("day").toJSDate();
}

/** Who a step tells: active staff of the audience, at the subject's property or chain-wide. */
export async function recipientsOf(db: DbTx, audience: Audience, propertyId: number | null): Promise<number[]> {
  const atProperty = propertyId ? { OR: [{ propertyId }, { propertyId: null }] } : {};
  const find = (where: object) =>
    db.staff.findMany({ where: { active: true, ...atProperty, ...where }, select: { id: true }, orderBy: { id: "asc" } });
  let staff =
    audience === "DUTY_MANAGER"
      ? await find({ role: "MANAGER" })
      : audience === "GENERAL_MANAGER"
        ? await find({ department: "MANAGEMENT", role: { in: ["MANAGER", "ADMIN"] } })
        : audience === "ARCHIVE_CENTRE"
          ? await find({ role: "ARCHIVIST" })
          : await find({ role: "MARKETING" });
  // No general manager on file: the administrators are told instead, never no one.
  if (!staff.length && audience === "GENERAL_MANAGER") staff = await find({ role: "ADMIN" });
  return staff.map((s) => s.id);
}

export type DeadlineJobOptions = Pick<JobContext, "asOf" | "dryRun"> & {
  progress?: JobContext["progress"];
  now?: () => Date;
  mailer?: Mailer;
};

type Due = {
  kind: EscalationKind;
  subjectId: number;
  step: number;
  audience: Audience;
  dueAt: Date;
  guestId: number;
  propertyId: number | null;
  /** What the notification says (each reader sees it in their own language). */
  params: Record<string, string | number>;
};

/** Fire one step: its row and each recipient's notification in one transaction; false when it had fired already (this run's or another's). */
async function fire(db: Db, due: Due, firedAt: Date): Promise<boolean> {
  const recipientIds = await recipientsOf(db, due.audience, due.propertyId);
  try {
    await db.$transaction(async (tx) => {
      await tx.escalation.create({
        data: {
          kind: due.kind,
          subjectId: due.subjectId,
          step: due.step,
          guestId: due.guestId,
          propertyId: due.propertyId,
          dueAt: due.dueAt,
          firedAt,
          recipientIds,
        },
        select: { id: true },
      });
      for (const recipientId of recipientIds)
        await notifyOnce(
          tx,
          {
            recipientId,
            kind: "deadline.escalated",
            subjectKey: `escalation:${due.kind}:${due.subjectId}:${due.step}`,
            params: { outcome: escalationMessage(due.kind, due.step), ...due.params },
            link: `/guests/${due.guestId}`,
          },
          firedAt,
        );
    });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

/**
 * The step by e-mail to those recipients with a work address, in their language, after the step is
 * recorded. The notification centre is the record: a refused e-mail is counted, not retried.
 */
async function mailStep(db: Db, mailer: Mailer, due: Due): Promise<{ sent: number; failed: number }> {
  const staff = await db.staff.findMany({
    where: { id: { in: await recipientsOf(db, due.audience, due.propertyId) }, active: true, email: { not: null } },
    select: { id: true, email: true, locale: true },
  });
  const result = { sent: 0, failed: 0 };
  const link = publicUrl(`/guests/${due.guestId}`);
  for (const member of staff) {
    const locale: Locale = member.locale === "zh-CN" ? "zh-CN" : "en";
    const text = translate(locale, `notification.deadline.escalated.${escalationMessage(due.kind, due.step)}`, due.params);
    try {
      await mailer.send({
        to: member.email!,
        subject: text,
        text: `${text}\n\n${link}\n${publicUrl("/overdue")}\n`,
        html: `<p>${escapeHtml(text)}</p><p><a href="${link}">${escapeHtml(link)}</a></p>`,
        messageId: `<escalation-${due.kind}-${due.subjectId}-${due.step}-${member.id}@guest-archive.local>`,
      });
      result.sent++;
    } catch (error) {
      log.warn({ err: error, staffId: member.id, kind: due.kind, subjectId: due.subjectId }, "deadline alert e-mail refused");
      result.failed++;
    }
  }
  return result;
}

async function alreadyFired(db: Db, kind: EscalationKind, subjectIds: number[]): Promise<Set<string>> {
  if (!subjectIds.length) return new Set();
  const rows = await db.escalation.findMany({ where: { kind, subjectId: { in: subjectIds } }, select: { subjectId: true, step: true } });
  return new Set(rows.map((r) => `${r.subjectId}:${r.step}`));
}

async function dueComplaintSteps(db: Db, moment: Date, escalateAfter: number): Promise<Due[]> {
  const due: Due[] = [];
  const live = { deletedAt: null, anonymizedAt: null };
  for (const kind of ["COMPLAINT_ACKNOWLEDGE", "COMPLAINT_RESOLVE"] as const) {
    const steps = complaintSteps(kind, escalateAfter);
    const earliest = Math.min(...steps.map((s) => s.afterHours));
    const where =
      kind === "COMPLAINT_ACKNOWLEDGE"
        ? { ...openComplaintWhere, acknowledgedAt: null, acknowledgeBy: { lte: new Date(moment.getTime() - earliest * HOUR) }, guest: live }
        : { ...openComplaintWhere, deadline: { lte: new Date(moment.getTime() - earliest * HOUR) }, guest: live };
    for (let cursor = 0; ;) {
      const rows = await db.feedback.findMany({
        where: { ...where, id: { gt: cursor } },
        select: {
          id: true,
          guestId: true,
          propertyId: true,
          acknowledgeBy: true,
          deadline: true,
          category: true,
          guest: { select: { profileNumber: true } },
        },
        orderBy: { id: "asc" },
        take: BATCH,
      });
      if (!rows.length) break;
      cursor = rows.at(-1)!.id;
      const fired = await alreadyFired(
        db,
        kind,
        rows.map((r) => r.id),
      );
      for (const row of rows) {
        const base = (kind === "COMPLAINT_ACKNOWLEDGE" ? row.acknowledgeBy : row.deadline)!;
        for (const s of steps) {
          const dueAt = new Date(base.getTime() + s.afterHours * HOUR);
          if (dueAt.getTime() > moment.getTime() || fired.has(`${row.id}:${s.step}`)) continue;
          due.push({
            kind,
            subjectId: row.id,
            step: s.step,
            audience: s.audience,
            dueAt,
            guestId: row.guestId,
            propertyId: row.propertyId,
            params: { profileNumber: row.guest.profileNumber, category: row.category, hours: s.afterHours },
          });
        }
      }
    }
  }
  return due;
}

/** The VIPs whose last contact (stay or outreach that reached them; else their profile's creation) is older than their level allows. */
async function dueVipSteps(db: Db, moment: Date, timeZone: string): Promise<{ due: Due[]; contacted: number[] }> {
  const limits = vipContactDays(process.env.VIP_CONTACT_DAYS);
  const today = todayIn(timeZone, moment);
  const due: Due[] = [];
  const contacted: number[] = [];
  for (let cursor = 0; ;) {
    const vips = await db.guest.findMany({
      where: { vipLevel: { gte: 1 }, deletedAt: null, anonymizedAt: null, mergedIntoId: null, id: { gt: cursor } },
      select: { id: true, vipLevel: true, createdAt: true, profileNumber: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (!vips.length) break;
    cursor = vips.at(-1)!.id;
    const ids = vips.map((v) => v.id);
    const [stays, touches, fired] = await Promise.all([
      db.stay.groupBy({
        by: ["guestId"],
        where: { guestId: { in: ids }, status: { in: ["CHECKED_OUT", "IN_HOUSE"] }, arrivalDate: { lte: today } },
        _max: { departureDate: true },
      }),
      db.outreachTask.groupBy({
        by: ["guestId"],
        where: { guestId: { in: ids }, status: { in: ["SENT", "DONE"] }, updatedAt: { lte: moment } },
        _max: { updatedAt: true },
      }),
      alreadyFired(db, "VIP_NOT_CONTACTED", ids),
    ]);
    const lastStay = new Map(stays.map((s) => [s.guestId, s._max.departureDate]));
    const lastTouch = new Map(touches.map((t) => [t.guestId, t._max.updatedAt ? todayIn(timeZone, t._max.updatedAt) : null]));
    for (const vip of vips) {
      // An in-house guest's departure may be after today: they are being looked after now.
      const stay = lastStay.get(vip.id) ?? null;
      const contacts = [stay && stay > today ? today : stay, lastTouch.get(vip.id) ?? null].filter((d): d is string => !!d).sort();
      const last = contacts.at(-1) ?? null;
      const since = last ?? todayIn(timeZone, vip.createdAt);
      const limit = limits[Math.min(vip.vipLevel, 5)];
      const dueDay = DateTime.fromISO(since, { zone: timeZone }).plus({ days: limit });
      if (dueDay.toISODate()! > today) {
        contacted.push(vip.id);
        continue;
      }
      const step = vipLapseStep(last);
      if (fired.has(`${vip.id}:${step}`)) continue;
      due.push({
        kind: "VIP_NOT_CONTACTED",
        subjectId: vip.id,
        step,
        audience: "MARKETING",
        dueAt: dueDay.toJSDate(),
        guestId: vip.id,
        propertyId: null,
        params: { profileNumber: vip.profileNumber, level: vip.vipLevel, days: limit },
      });
    }
  }
  return { due, contacted };
}

/**
 * A one-step kind: page through its subjects (by id, `page` returns a batch after `cursor`)
 * and make each a due step 1 unless it has fired already.
 */
async function dueOneStep<R extends { id: number }>(
  db: Db,
  kind: EscalationKind,
  page: (cursor: number) => Promise<R[]>,
  toDue: (row: R) => Omit<Due, "kind" | "subjectId" | "step">,
): Promise<Due[]> {
  const due: Due[] = [];
  for (let cursor = 0; ;) {
    const rows = await page(cursor);
    if (!rows.length) break;
    cursor = rows.at(-1)!.id;
    const fired = await alreadyFired(
      db,
      kind,
      rows.map((r) => r.id),
    );
    for (const row of rows) if (!fired.has(`${row.id}:1`)) due.push({ kind, subjectId: row.id, step: 1, ...toDue(row) });
  }
  return due;
}

/** Observations a department sent in that have waited longer than the review days. */
function dueObservationSteps(db: Db, moment: Date): Promise<Due[]> {
  const days = observationReviewDays(process.env.OBSERVATION_REVIEW_DAYS);
  return dueOneStep(
    db,
    "OBSERVATION_PENDING",
    (cursor) =>
      db.preference.findMany({
        where: {
          status: "PENDING_REVIEW",
          createdAt: { lte: new Date(moment.getTime() - days * 24 * HOUR) },
          guest: { deletedAt: null, anonymizedAt: null },
          id: { gt: cursor },
        },
        select: {
          id: true,
          guestId: true,
          propertyId: true,
          createdAt: true,
          department: true,
          guest: { select: { profileNumber: true } },
        },
        orderBy: { id: "asc" },
        take: BATCH,
      }),
    (row) => ({
      audience: "ARCHIVE_CENTRE",
      dueAt: new Date(row.createdAt.getTime() + days * 24 * HOUR),
      guestId: row.guestId,
      propertyId: row.propertyId,
      params: { profileNumber: row.guest.profileNumber, days, department: row.department ?? "" },
    }),
  );
}

/** Open data-quality findings on VIPs' profiles (the archive centre fixes or accepts them). */
function dueQualitySteps(db: Db): Promise<Due[]> {
  return dueOneStep(
    db,
    "QUALITY_VIP",
    (cursor) =>
      db.qualityFinding.findMany({
        where: { status: "OPEN", guest: { vipLevel: { gte: 1 }, deletedAt: null, anonymizedAt: null }, id: { gt: cursor } },
        select: { id: true, ruleId: true, guestId: true, firstSeenAt: true, guest: { select: { profileNumber: true, vipLevel: true } } },
        orderBy: { id: "asc" },
        take: BATCH,
      }),
    (row) => ({
      audience: "ARCHIVE_CENTRE",
      dueAt: row.firstSeenAt,
      guestId: row.guestId,
      propertyId: null,
      params: { profileNumber: row.guest.profileNumber, level: row.guest.vipLevel, rule: row.ruleId },
    }),
  );
}

/** Steps fired before whose subject is now dealt with: acknowledged, resolved, contacted (a newer lapse step), or gone. */
async function clearSettled(db: Db, moment: Date, contactedVips: number[]): Promise<number> {
  let cleared = 0;
  for (let i = 0; i < contactedVips.length; i += BATCH)
    cleared += (
      await db.escalation.updateMany({
        where: { kind: "VIP_NOT_CONTACTED", clearedAt: null, subjectId: { in: contactedVips.slice(i, i + BATCH) } },
        data: { clearedAt: moment },
      })
    ).count;
  const open = await db.escalation.findMany({
    where: { clearedAt: null, kind: { in: ["COMPLAINT_ACKNOWLEDGE", "COMPLAINT_RESOLVE"] } },
    select: { id: true, kind: true, subjectId: true },
  });
  const complaints = new Map(
    (
      await db.feedback.findMany({
        where: { id: { in: [...new Set(open.map((e) => e.subjectId))] } },
        select: { id: true, status: true, kind: true, acknowledgedAt: true },
      })
    ).map((f) => [f.id, f]),
  );
  const settled = open.filter((e) => {
    const f = complaints.get(e.subjectId);
    if (!f || f.kind !== "COMPLAINT" || !["OPEN", "IN_PROGRESS"].includes(f.status)) return true;
    return e.kind === "COMPLAINT_ACKNOWLEDGE" && f.acknowledgedAt !== null;
  });
  // One-step kinds: settled once their subject is no longer in the state that raised them.
  const stillRaised: [EscalationKind, (ids: number[]) => Promise<{ id: number }[]>][] = [
    [
      "OBSERVATION_PENDING",
      (ids) => db.preference.findMany({ where: { id: { in: ids }, status: "PENDING_REVIEW" }, select: { id: true } }),
    ],
    ["QUALITY_VIP", (ids) => db.qualityFinding.findMany({ where: { id: { in: ids }, status: "OPEN" }, select: { id: true } })],
  ];
  for (const [kind, raised] of stillRaised) {
    const steps = await db.escalation.findMany({ where: { clearedAt: null, kind }, select: { id: true, subjectId: true } });
    if (!steps.length) continue;
    const stillOpen = new Set((await raised(steps.map((e) => e.subjectId))).map((r) => r.id));
    settled.push(...steps.filter((e) => !stillOpen.has(e.subjectId)).map((e) => ({ ...e, kind })));
  }
  if (settled.length)
    cleared += (await db.escalation.updateMany({ where: { id: { in: settled.map((e) => e.id) } }, data: { clearedAt: moment } })).count;
  return cleared;
}

export async function escalateDeadlines(db: Db, options: DeadlineJobOptions): Promise<JobCounts> {
  const now = (options.now ?? (() => new Date()))();
  const { timeZone } = await chainHome(db);
  const moment = momentOf(options.asOf, timeZone, now);
  const vips = await dueVipSteps(db, moment, timeZone);
  const due = [
    ...(await dueComplaintSteps(db, moment, escalateAfterHours(process.env.ESCALATE_AFTER_HOURS))),
    ...vips.due,
    ...(await dueObservationSteps(db, moment)),
    ...(await dueQualitySteps(db)),
  ];
  const counts: Record<string, number> = { due: due.length, fired: 0, cleared: 0 };
  for (const kind of ["COMPLAINT_ACKNOWLEDGE", "COMPLAINT_RESOLVE", "VIP_NOT_CONTACTED", "OBSERVATION_PENDING", "QUALITY_VIP"] as const)
    counts[kind] = due.filter((d) => d.kind === kind).length;
  if (options.dryRun) return counts;
  const mailer = options.mailer ?? createMailer();
  counts.emailed = 0;
  counts.emailFailed = 0;
  for (const step of due) {
    if (!(await fire(db, step, moment))) continue;
    counts.fired++;
    const mailed = await mailStep(db, mailer, step);
    counts.emailed += mailed.sent;
    counts.emailFailed += mailed.failed;
  }
  counts.cleared = await clearSettled(db, moment, vips.contacted);
  await options.progress?.(`fired ${counts.fired}, cleared ${counts.cleared}`, counts);
  return counts;
}
