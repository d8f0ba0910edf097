// Word of mouth: post-stay surveys, referrals and the reward points ledger.
// Every change writes its audit row and timeline event in the same transaction.
import type { Db, DbTx } from "~/db/client.server";
import { can, type RoleName } from "~/auth/permissions";
import type { Actor } from "../actor";
import { recordAudit, recordListRead } from "../audit/record-audit.server";
import { DomainError, NotFoundError } from "../errors";
import { requireLiveGuest } from "../guests/require-live-guest.server";
import { formatProfileNumber } from "../guests/save-guest.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { listAnalyticsGuests } from "../analytics/analytics-guests.server";
import { segmentPolicy } from "../segments/segment-policy";
import type { PointsFormInput, ReferralFormInput, SurveyInput } from "./loyalty-forms";
import { chainHome } from "../properties/chain-clock.server";

/** Where an answer came from when not entered by staff: e.g. the guest's own survey link. */
export type SurveyOrigin = { source: string; externalId: string };

export async function recordSurvey(db: Db, actor: Actor, guestId: number, input: SurveyInput, origin?: SurveyOrigin) {
  return db.$transaction((tx) => recordSurveyIn(tx, actor, guestId, input, origin));
}

/** recordSurvey inside a transaction the caller holds (the survey link marks its invitation answered in the same one). */
export async function recordSurveyIn(tx: DbTx, actor: Actor, guestId: number, input: SurveyInput, origin?: SurveyOrigin) {
  await requireLiveGuest(tx, guestId);
  if (input.stayId) {
    const stay = await tx.stay.findFirst({ where: { id: input.stayId, guestId }, select: { id: true } });
    if (!stay) throw new DomainError("error.stayNotOfGuest");
    if (await tx.survey.findUnique({ where: { stayId: input.stayId }, select: { id: true } })) throw new DomainError("error.surveyExists");
  }
  const survey = await tx.survey.create({
    data: {
      guestId,
      stayId: input.stayId ?? null,
      score: input.score,
      comment: input.comment ?? null,
      answeredAt: input.answeredAt ?? new Date(),
      ...(origin ? { source: origin.source, externalId: origin.externalId } : {}),
    },
  });
  await recordAudit(tx, actor, {
    action: "CREATE",
    entity: "Survey",
    entityId: survey.id,
    guestId,
    changes: { score: survey.score, stayId: survey.stayId, ...(origin ? { via: origin.source } : {}) },
  });
  await addTimelineEvent(tx, actor, {
    guestId,
    name: "survey.answered",
    stayId: survey.stayId ?? undefined,
    properties: { score: survey.score },
    happensAt: survey.answeredAt,
  });
  return survey;
}

export async function pointsBalance(db: DbTx, guestId: number): Promise<number> {
  const sum = await db.rewardPointsEntry.aggregate({ where: { guestId }, _sum: { points: true } });
  return sum._sum.points ?? 0;
}

export async function recordReferral(db: Db, actor: Actor, guestId: number, input: ReferralFormInput) {
  return db.$transaction(async (tx) => {
    await requireLiveGuest(tx, guestId);
    let referredGuestId: number | null = null;
    if (input.referredProfileNumber) {
      const referred = await tx.guest.findFirst({
        where: { profileNumber: formatProfileNumber(Number(input.referredProfileNumber.slice(1))), deletedAt: null },
        select: { id: true },
      });
      if (!referred) throw new DomainError("error.referredNotFound");
      if (referred.id === guestId) throw new DomainError("error.selfReferral");
      referredGuestId = referred.id;
    }
    const referral = await tx.referral.create({
      data: {
        referrerId: guestId,
        referredName: input.referredName,
        referredGuestId,
        note: input.note ?? null,
        createdById: actor.staffId,
      },
    });
    let pointsEntryId: number | null = null;
    if (input.points > 0) {
      const entry = await tx.rewardPointsEntry.create({
        data: { guestId, points: input.points, reason: "referral", referralId: referral.id, createdById: actor.staffId },
      });
      pointsEntryId = entry.id;
    }
    await recordAudit(tx, actor, {
      action: "CREATE",
      entity: "Referral",
      entityId: referral.id,
      guestId,
      changes: { referredGuestId, points: input.points },
    });
    await addTimelineEvent(tx, actor, {
      guestId,
      name: "referral.recorded",
      properties: { referralId: referral.id, points: input.points, pointsEntryId },
    });
    return referral;
  });
}

/** Award (positive) or redeem (negative) points; a redemption cannot take the balance below zero. */
export async function adjustPoints(db: Db, actor: Actor, guestId: number, input: PointsFormInput) {
  return db.$transaction(async (tx) => {
    await requireLiveGuest(tx, guestId);
    if (input.points < 0 && (await pointsBalance(tx, guestId)) + input.points < 0) throw new DomainError("error.pointsBalance");
    const entry = await tx.rewardPointsEntry.create({
      data: { guestId, points: input.points, reason: input.reason, createdById: actor.staffId },
    });
    await recordAudit(tx, actor, {
      action: "CREATE",
      entity: "RewardPointsEntry",
      entityId: entry.id,
      guestId,
      changes: { points: input.points, reason: input.reason },
    });
    await addTimelineEvent(tx, actor, {
      guestId,
      name: input.points > 0 ? "points.awarded" : "points.redeemed",
      properties: { points: input.points },
    });
    return entry;
  });
}

export type GuestLoyalty = Awaited<ReturnType<typeof getGuestLoyalty>>;

/**
 * The profile's loyalty card as one role may see it: scores (if the job has
 * run) — the window's revenue (`monetary`) only for roles that see spend —
 * and, for roles that reward guests, referrals and the points ledger.
 */
export async function getGuestLoyalty(db: Db, guestId: number, role: RoleName) {
  const options = { ledger: can(role, "loyalty:reward") };
  const guest = await db.guest.findUnique({ where: { id: guestId }, select: { id: true } });
  if (!guest) throw new NotFoundError("Guest");
  const [score, referrals, entries, balance, surveys] = await Promise.all([
    db.guestScore.findUnique({ where: { guestId } }),
    db.referral.findMany({
      where: { referrerId: guestId },
      orderBy: { id: "desc" },
      take: options.ledger ? 20 : 0,
      select: { id: true, referredName: true, referredGuestId: true, note: true, createdAt: true },
    }),
    db.rewardPointsEntry.findMany({
      where: { guestId },
      orderBy: { id: "desc" },
      take: options.ledger ? 20 : 0,
      select: { id: true, points: true, reason: true, createdAt: true, referralId: true },
    }),
    options.ledger ? pointsBalance(db, guestId) : Promise.resolve(0),
    db.survey.findMany({
      where: { guestId },
      orderBy: [{ answeredAt: "desc" }, { id: "desc" }],
      take: 3,
      select: { id: true, score: true, comment: true, answeredAt: true },
    }),
  ]);
  const referralCount = options.ledger ? await db.referral.count({ where: { referrerId: guestId } }) : 0;
  // Scores are kept in the scoring currency (the first property's), over the policy's window.
  const home = await chainHome(db);
  return {
    score: score && !can(role, "spend:view") ? { ...score, monetary: null } : score,
    referrals,
    referralCount,
    entries,
    balance,
    surveys,
    currency: home.currency,
    windowMonths: segmentPolicy().windowMonths,
  };
}

/**
 * Promoters (from the nightly scores) with what they have already done for us:
 * referrals and points. Each read is registered (PromoterList).
 */
export async function listPromoters(db: Db, actor: Actor, o: { propertyId?: number; page: number }) {
  const list = await listAnalyticsGuests(db, { promoter: true, ...(o.propertyId ? { propertyId: o.propertyId } : {}) }, { page: o.page });
  const ids = list.guests.map((g) => g.guestId);
  await recordListRead(db, actor, "PromoterList", {
    context: { ...(o.propertyId ? { propertyId: o.propertyId } : {}), page: list.page },
    found: list.listed,
    shownGuestIds: ids,
  });
  const [referrals, points, surveys] = await Promise.all([
    db.referral.groupBy({ by: ["referrerId"], where: { referrerId: { in: ids } }, _count: { _all: true } }),
    db.rewardPointsEntry.groupBy({ by: ["guestId"], where: { guestId: { in: ids } }, _sum: { points: true } }),
    db.survey.findMany({
      where: { guestId: { in: ids } },
      orderBy: [{ answeredAt: "desc" }, { id: "desc" }],
      select: { guestId: true, score: true, comment: true },
    }),
  ]);
  const referralCount = new Map(referrals.map((r) => [r.referrerId, r._count._all]));
  const balance = new Map(points.map((p) => [p.guestId, p._sum.points ?? 0]));
  const latest = new Map<number, { score: number; comment: string | null }>();
  for (const s of surveys) if (!latest.has(s.guestId)) latest.set(s.guestId, { score: s.score, comment: s.comment });
  return {
    ...list,
    guests: list.guests.map((g) => ({
      ...g,
      referrals: referralCount.get(g.guestId) ?? 0,
      points: balance.get(g.guestId) ?? 0,
      latestSurvey: latest.get(g.guestId) ?? null,
    })),
  };
}
