// Preferences and special dates. What the archive centre adds is part of the
// profile at once; what a department sends in waits for the centre's review
// (allergies and taboos still alert the desk while they wait).
import type { Db } from "~/db/client.server";
import { can } from "~/auth/permissions";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { requireLiveGuest } from "../guests/require-live-guest.server";
import { NotFoundError } from "../errors";
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
 * observed, with the same review, access register and timeline as any other.
 */
export async function addObservation(db: Db, actor: Actor, guestId: number, input: ObservationFormInput) {
  return addPreference(db, actor, guestId, { ...input, source: "STAFF_OBSERVED" });
}

/** The archive centre accepts or rejects a pending or proposed preference. */
export async function reviewPreference(db: Db, actor: Actor, guestId: number, preferenceId: number, accept: boolean) {
  return db.$transaction(async (tx) => {
    const preference = await tx.preference.findFirst({
      where: { id: preferenceId, guestId, status: { in: ["PENDING_REVIEW", "PROPOSED"] }, guest: { deletedAt: null } },
    });
    if (!preference) throw new NotFoundError("Preference awaiting review");
    const status = accept ? "ACTIVE" : "REJECTED";
    await tx.preference.update({ where: { id: preferenceId }, data: { status, ...(accept ? { lastConfirmedAt: new Date() } : {}) } });
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "Preference",
      entityId: preferenceId,
      guestId,
      changes: { status: [preference.status, status] },
    });
    await addTimelineEvent(tx, actor, {
      guestId,
      name: accept ? "preference.accepted" : "preference.rejected",
      properties: { category: preference.category, value: preference.value },
    });
  });
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
