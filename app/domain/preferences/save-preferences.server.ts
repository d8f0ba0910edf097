// Preferences and special dates. What the archive centre adds is part of the
// profile at once; what a department sends in waits for the centre's review
// (allergies and taboos still alert the desk while they wait).
import type { Db, DbTx } from "~/db/client.server";
import { can } from "~/auth/permissions";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { requireLiveGuest } from "../guests/require-live-guest.server";
import { NotFoundError } from "../errors";
import { clockOf } from "../properties/chain-clock.server";
import { createObservedSpecialDate, reviewObservations } from "./review-observations.server";
import type { ObservationFormInput, PreferenceFormInput, SpecialDateFormInput } from "./preference-form";

export async function addPreference(db: Db, actor: Actor, guestId: number, input: PreferenceFormInput) {
  return db.$transaction(async (tx) => {
    await requireLiveGuest(tx, guestId);
    const status = actor.role !== "SYSTEM" && can(actor.role, "preference:review") ? "ACTIVE" : "PENDING_REVIEW";
    const preference = await tx.preference.create({
      data: {
        guestId,
        category: input.category,
        value: input.value,
        note: input.note ?? null,
        source: input.source,
        confidence: 1,
        status,
        lastConfirmedAt: new Date(),
        createdById: actor.staffId,
      },
    });
    await recordAudit(tx, actor, {
      action: "CREATE",
      entity: "Preference",
      entityId: preference.id,
      guestId,
      changes: { category: input.category, value: input.value, status },
    });
    await addTimelineEvent(tx, actor, {
      guestId,
      name: "preference.added",
      properties: { category: input.category, value: input.value, status },
    });
    return preference;
  });
}

/**
 * An observation from the desk or a department: a preference the staff member
 * observed, with the department it came from (the sender's unless the form
 * names another) and the stay (the guest's current or last unless named), and
 * the same review, access register and timeline as any other preference.
 */
export async function addObservation(db: Db, actor: Actor, guestId: number, input: ObservationFormInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    await requireLiveGuest(tx, guestId);
    const sender = actor.staffId
      ? await tx.staff.findUnique({ where: { id: actor.staffId }, select: { department: true, propertyId: true } })
      : null;
    const stay = await stayOfObservation(tx, guestId, input.stayId, sender?.propertyId ?? null, now);
    const status = actor.role !== "SYSTEM" && can(actor.role, "preference:review") ? "ACTIVE" : "PENDING_REVIEW";
    const preference = await tx.preference.create({
      data: {
        guestId,
        category: input.category,
        value: input.value,
        source: "STAFF_OBSERVED",
        confidence: 1,
        status,
        lastConfirmedAt: now,
        createdById: actor.staffId,
        observedKind: input.kind,
        department: input.department ?? sender?.department ?? null,
        stayId: stay?.id ?? null,
        propertyId: stay?.propertyId ?? sender?.propertyId ?? null,
        occasionMonth: input.occasion?.month ?? null,
        occasionDay: input.occasion?.day ?? null,
        ...(status === "ACTIVE" ? { reviewedById: actor.staffId, reviewedAt: now } : {}),
      },
    });
    await recordAudit(tx, actor, {
      action: "CREATE",
      entity: "Preference",
      entityId: preference.id,
      guestId,
      changes: { category: input.category, value: input.value, status, kind: input.kind, department: preference.department },
    });
    await addTimelineEvent(tx, actor, {
      guestId,
      name: "preference.added",
      properties: { category: input.category, value: input.value, status, kind: input.kind },
      ...(stay ? { stayId: stay.id } : {}),
    });
    if (status === "ACTIVE" && input.kind === "SPECIAL_DAY" && input.occasion) {
      await createObservedSpecialDate(tx, actor, guestId, input.value, input.occasion);
    }
    return preference;
  });
}

/** The stay an observation came from: the one named (it must be the guest's), else the current or last one. */
async function stayOfObservation(tx: DbTx, guestId: number, stayId: number | undefined, propertyId: number | null, now: Date) {
  if (stayId) {
    const named = await tx.stay.findFirst({ where: { id: stayId, guestId }, select: { id: true, propertyId: true } });
    if (!named) throw new NotFoundError("Stay");
    return named;
  }
  const inHouse = await tx.stay.findFirst({
    where: { guestId, status: "IN_HOUSE" },
    orderBy: { arrivalDate: "desc" },
    select: { id: true, propertyId: true },
  });
  if (inHouse) return inHouse;
  const { today } = await clockOf(tx, propertyId, now);
  return tx.stay.findFirst({
    where: { guestId, status: { in: ["RESERVED", "CHECKED_OUT"] }, arrivalDate: { lte: today } },
    orderBy: [{ arrivalDate: "desc" }, { id: "desc" }],
    select: { id: true, propertyId: true },
  });
}

/** The archive centre accepts or rejects a pending or proposed preference (from the profile; the inbox reviews many). */
export async function reviewPreference(db: Db, actor: Actor, guestId: number, preferenceId: number, accept: boolean) {
  const [outcome] = await reviewObservations(db, actor, [
    accept ? { preferenceId, guestId, decision: "accept" } : { preferenceId, guestId, decision: "reject", reason: null },
  ]);
  return outcome;
}

export async function addSpecialDate(db: Db, actor: Actor, guestId: number, input: SpecialDateFormInput) {
  return db.$transaction(async (tx) => {
    await requireLiveGuest(tx, guestId);
    const date = await tx.specialDate.create({
      data: {
        guestId,
        kind: input.kind,
        label: input.label,
        calendar: input.calendar,
        month: input.month,
        day: input.day,
        isLeapMonth: input.isLeapMonth,
        year: input.year ?? null,
        note: input.note ?? null,
      },
    });
    await recordAudit(tx, actor, {
      action: "CREATE",
      entity: "SpecialDate",
      entityId: date.id,
      guestId,
      changes: { kind: input.kind, label: input.label },
    });
    await addTimelineEvent(tx, actor, { guestId, name: "specialDate.added", properties: { kind: input.kind, label: input.label } });
    return date;
  });
}
