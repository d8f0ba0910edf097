// The archive centre's review of what departments send in: accept, accept
// after editing, or reject with a reason — one at a time or many at once, in
// one transaction. Each decision writes the preference, its access-register
// row and its timeline event, and tells the sender the outcome (once).
import type { Db, DbTx } from "~/db/client.server";
import type { PreferenceCategory } from "~/db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { NotFoundError } from "../errors";
import { notifyOnce } from "../notifications/notifications.server";
import type { ReviewFormInput } from "./review-form";
import { subjectKeyOf, type ObservationOutcome, type ObservationReviewedParams } from "../notifications/notification-kinds";

export type ReviewDecision =
  | { preferenceId: number; guestId?: number; decision: "accept"; edit?: { category: PreferenceCategory; value: string } }
  | { preferenceId: number; guestId?: number; decision: "reject"; reason: string | null };

export type ReviewOutcome =
  { preferenceId: number; guestId: number; outcome: ObservationOutcome } | { preferenceId: number; outcome: "skipped" };

/**
 * Applies the decisions in one transaction. One no longer waiting for review
 * (someone else decided it first, or it is gone) is an error when `skipDecided`
 * is false (a single item on the profile) and is reported as skipped when true
 * (a bulk selection made a minute ago).
 */
export async function reviewObservations(
  db: Db,
  actor: Actor,
  decisions: ReviewDecision[],
  { skipDecided = false, now = new Date() }: { skipDecided?: boolean; now?: Date } = {},
): Promise<ReviewOutcome[]> {
  return db.$transaction(async (tx) => {
    const outcomes: ReviewOutcome[] = [];
    for (const decision of decisions) {
      const outcome = await reviewOne(tx, actor, decision, now);
      if (!outcome) {
        if (!skipDecided) throw new NotFoundError("Preference awaiting review");
        outcomes.push({ preferenceId: decision.preferenceId, outcome: "skipped" });
      } else outcomes.push(outcome);
    }
    return outcomes;
  });
}

async function reviewOne(tx: DbTx, actor: Actor, decision: ReviewDecision, now: Date) {
  const preference = await tx.preference.findFirst({
    where: {
      id: decision.preferenceId,
      ...(decision.guestId ? { guestId: decision.guestId } : {}),
      status: { in: ["PENDING_REVIEW", "PROPOSED"] },
      guest: { deletedAt: null },
    },
    include: { guest: { select: { profileNumber: true } } },
  });
  if (!preference) return null;
  const accept = decision.decision === "accept";
  const edit = accept && decision.edit ? decision.edit : undefined;
  const edited = !!edit && (edit.value !== preference.value || edit.category !== preference.category);
  const status = accept ? "ACTIVE" : "REJECTED";
  const reason = decision.decision === "reject" ? decision.reason : null;
  // Guarded by the status it was read with: of two reviewers deciding at once, one wins.
  const { count } = await tx.preference.updateMany({
    where: { id: preference.id, status: preference.status },
    data: {
      status,
      reviewedById: actor.staffId,
      reviewedAt: now,
      ...(accept ? { lastConfirmedAt: now } : { rejectReason: reason }),
      ...(edited ? { category: edit.category, value: edit.value } : {}),
    },
  });
  if (count === 0) return null;
  const outcome: ObservationOutcome = !accept ? "rejected" : edited ? "edited" : "accepted";
  await recordAudit(tx, actor, {
    action: "UPDATE",
    entity: "Preference",
    entityId: preference.id,
    guestId: preference.guestId,
    changes: {
      status: [preference.status, status],
      ...(edited && edit.value !== preference.value ? { value: [preference.value, edit.value] } : {}),
      ...(edited && edit.category !== preference.category ? { category: [preference.category, edit.category] } : {}),
      ...(reason ? { rejectReason: reason } : {}),
    },
  });
  await addTimelineEvent(tx, actor, {
    guestId: preference.guestId,
    name: accept ? "preference.accepted" : "preference.rejected",
    properties: {
      category: edit?.category ?? preference.category,
      value: edit?.value ?? preference.value,
      ...(edited ? { observedValue: preference.value } : {}),
      ...(reason ? { reason } : {}),
    },
    ...(preference.stayId ? { stayId: preference.stayId } : {}),
  });
  if (accept && preference.observedKind === "SPECIAL_DAY" && preference.occasionMonth && preference.occasionDay) {
    await createObservedSpecialDate(tx, actor, preference.guestId, edit?.value ?? preference.value, {
      month: preference.occasionMonth,
      day: preference.occasionDay,
    });
  }
  if (preference.status === "PENDING_REVIEW" && preference.createdById && preference.createdById !== actor.staffId) {
    const params: ObservationReviewedParams = {
      outcome,
      category: preference.category,
      value: preference.value,
      ...(edited ? { acceptedValue: edit.value } : {}),
      ...(reason ? { reason } : {}),
      profileNumber: preference.guest.profileNumber,
    };
    await notifyOnce(
      tx,
      {
        recipientId: preference.createdById,
        kind: "observation.reviewed",
        subjectKey: subjectKeyOf("preference", preference.id),
        params,
        link: `/guests/${preference.guestId}`,
      },
      now,
    );
  }
  return { preferenceId: preference.id, guestId: preference.guestId, outcome };
}

/** An accepted special-day observation becomes one of the guest's special dates. */
export async function createObservedSpecialDate(
  tx: DbTx,
  actor: Actor,
  guestId: number,
  label: string,
  occasion: { month: number; day: number },
) {
  const date = await tx.specialDate.create({
    data: { guestId, kind: "CUSTOM", label: label.slice(0, 80), calendar: "GREGORIAN", month: occasion.month, day: occasion.day },
  });
  await recordAudit(tx, actor, { action: "CREATE", entity: "SpecialDate", entityId: date.id, guestId, changes: { kind: "CUSTOM", label } });
  await addTimelineEvent(tx, actor, { guestId, name: "specialDate.added", properties: { kind: "CUSTOM", label } });
  return date;
}

/** The decisions a submitted inbox form stands for. */
export function decisionsOf(input: ReviewFormInput): ReviewDecision[] {
  switch (input.intent) {
    case "accept":
      return [{ preferenceId: input.preferenceId, decision: "accept" }];
    case "acceptEdited":
      return [{ preferenceId: input.preferenceId, decision: "accept", edit: { category: input.category, value: input.value } }];
    case "reject":
      return [{ preferenceId: input.preferenceId, decision: "reject", reason: input.reason }];
    case "bulkAccept":
      return input.preferenceId.map((preferenceId) => ({ preferenceId, decision: "accept" as const }));
    case "bulkReject":
      return input.preferenceId.map((preferenceId) => ({ preferenceId, decision: "reject" as const, reason: input.reason }));
  }
}
