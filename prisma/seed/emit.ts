// Turns a planned guest into table rows: assigns ids, writes the search keys
// the app's own `searchKeysFor` gives (search finds nothing without them),
// encrypts the ID document as the app does, and records the timeline.
import { encryptIdNumber } from "../../app/domain/guests/id-document.server";
import { namePinyin, searchKeysFor } from "../../app/domain/guests/search-keys";
import { isoOf } from "./dates";
import { roomRevenueOf } from "./hotel";
import type { GuestPlan } from "./plan";
import type { MarkerCode, PropertyCode } from "./reference";
import type { Batch } from "./tables";
import { feedbackRecordedEvent, type TimelineEventName } from "../../app/domain/timeline/timeline-events";

/** Timeline event names are checked against the app's vocabulary. */
const event = (name: TimelineEventName) => name;

export type ReferenceIds = {
  propertyIds: Record<PropertyCode, number>;
  markerIds: Record<MarkerCode, number>;
};

/** Next free id per table whose ids the seed assigns. */
export type IdCursor = { Guest: number; Stay: number; Feedback: number; Referral: number };

export type EmitCounts = { guests: number; stays: number; charges: number; keys: number; timeline: number };

export function emitGuest(plan: GuestPlan, refs: ReferenceIds, ids: IdCursor, batch: Batch, counts: EmitCounts) {
  const guestId = ids.Guest++;
  const timelineBefore = batch.TimelineEvent.length;
  // The profile's last save: its creation, preferences, feedback — and each booking, which confirms it at the desk.
  const lastActivity =
    plan.lastConfirmedAt ??
    Math.max(
      plan.createdAt,
      ...plan.preferences.map((p) => p.createdAt),
      ...plan.feedback.map((f) => f.resolvedAt ?? f.createdAt),
      ...plan.stays.filter((s) => s.status !== "CANCELLED" && s.status !== "NO_SHOW").map((s) => Math.min(s.bookedAt, Date.now())),
    );
  const lunar = plan.lunarBirthday;
  batch.Guest.push([
    guestId,
    plan.profileNumber,
    plan.fullName,
    plan.familyName,
    plan.givenName,
    plan.namePinyinMissing ? null : namePinyin(plan.fullName),
    plan.gender,
    plan.birthDate,
    lunar ? "LUNAR" : "GREGORIAN",
    lunar?.month ?? null,
    lunar?.day ?? null,
    lunar?.leap ?? false,
    plan.ethnicity,
    plan.nativePlace,
    plan.nationality,
    plan.address,
    plan.phone,
    plan.email,
    plan.company,
    plan.language,
    plan.idDocument?.type ?? null,
    plan.idDocument ? encryptIdNumber(plan.idDocument.number) : null,
    plan.idDocument ? plan.idDocument.number.slice(-4) : null,
    plan.vipLevel,
    plan.consents.email,
    plan.consents.sms,
    plan.consents.phone,
    plan.consents.mail,
    plan.createdAt,
    plan.notes,
    1,
    plan.createdAt,
    lastActivity,
  ]);
  for (const code of plan.markers) batch.GuestMarker.push([guestId, refs.markerIds[code]]);
  const keys = searchKeysFor(plan);
  for (const key of keys) batch.GuestSearchKey.push([guestId, key]);
  batch.TimelineEvent.push([
    guestId,
    plan.createdAt,
    event("guest.created"),
    JSON.stringify({ profileNumber: plan.profileNumber }),
    null,
    null,
  ]);

  const stayIds: number[] = [];
  for (const stay of plan.stays) {
    const stayId = ids.Stay++;
    stayIds.push(stayId);
    const propertyId = refs.propertyIds[stay.property];
    const arrivalDate = isoOf(stay.arrivalDay);
    batch.Stay.push([
      stayId,
      guestId,
      propertyId,
      stay.roomNumber,
      stay.roomType,
      arrivalDate,
      isoOf(stay.departureDay ?? stay.arrivalDay + stay.nights),
      stay.nights,
      stay.bookingChannel,
      stay.purpose,
      stay.adults,
      stay.children,
      stay.rateAmount,
      roomRevenueOf(stay),
      stay.amenities.join(","),
      stay.status,
      stay.bookedAt,
    ]);
    batch.TimelineEvent.push([
      guestId,
      stay.bookedAt,
      event("stay.added"),
      JSON.stringify({ arrivalDate, nights: stay.nights, status: stay.status }),
      stayId,
      null,
    ]);
    for (const c of stay.charges) {
      batch.Charge.push([
        guestId,
        stayId,
        propertyId,
        c.outlet,
        c.mealPeriod,
        c.covers,
        c.grossAmount,
        c.discountRate,
        Math.round(c.grossAmount * (1 - c.discountRate)),
        c.paymentMethod,
        c.chargedAt,
        c.description,
        c.chargedAt,
        c.settlement ?? "SETTLED",
      ]);
    }
    counts.charges += stay.charges.length;
    if (stay.survey) batch.Survey.push([guestId, stayId, stay.survey.score, stay.survey.comment, stay.survey.answeredAt]);
  }
  for (const p of plan.preferences) {
    batch.Preference.push([
      guestId,
      p.category,
      p.value,
      p.note,
      p.source,
      p.confidence,
      p.evidence,
      p.status,
      p.status === "ACTIVE" ? p.createdAt : null,
      p.createdAt,
      p.createdAt,
    ]);
    if (p.status === "ACTIVE" || p.status === "PENDING_REVIEW") {
      batch.TimelineEvent.push([
        guestId,
        p.createdAt,
        event("preference.added"),
        JSON.stringify({ category: p.category, value: p.value, status: p.status }),
        null,
        null,
      ]);
    }
  }
  for (const d of plan.specialDates) {
    batch.SpecialDate.push([guestId, d.kind, d.label, d.calendar, d.month, d.day, d.isLeapMonth, d.year, d.note, d.createdAt]);
  }
  for (const f of plan.feedback) {
    const feedbackId = ids.Feedback++;
    const stay = plan.stays[f.stayIndex];
    batch.Feedback.push([
      feedbackId,
      guestId,
      stayIds[f.stayIndex],
      refs.propertyIds[stay.property],
      f.kind,
      f.category,
      f.severity,
      f.department,
      f.description,
      f.status,
      f.handling,
      f.compensation,
      f.guestReaction,
      f.guestReactionNote,
      f.deadline,
      f.resolvedAt,
      f.createdAt,
    ]);
    batch.TimelineEvent.push([
      guestId,
      f.createdAt,
      feedbackRecordedEvent(f.kind),
      JSON.stringify({ category: f.category, severity: f.severity }),
      stayIds[f.stayIndex],
      feedbackId,
    ]);
    if (f.kind === "COMPLAINT" && f.resolvedAt !== null) {
      batch.TimelineEvent.push([
        guestId,
        f.resolvedAt,
        event("complaint.handled"),
        JSON.stringify({ status: f.status, guestReaction: f.guestReaction }),
        null,
        feedbackId,
      ]);
    }
  }
  for (const r of plan.referrals ?? []) {
    const referralId = ids.Referral++;
    batch.Referral.push([referralId, guestId, r.referredName, r.note, r.createdAt]);
    batch.RewardPointsEntry.push([guestId, r.points, "referral", referralId, r.createdAt]);
    if (r.redemption) batch.RewardPointsEntry.push([guestId, r.redemption.points, r.redemption.reason, null, r.redemption.at]);
    batch.TimelineEvent.push([
      guestId,
      r.createdAt,
      event("referral.recorded"),
      JSON.stringify({ referralId, points: r.points }),
      null,
      null,
    ]);
  }
  counts.guests++;
  counts.stays += plan.stays.length;
  counts.keys += keys.length;
  counts.timeline += batch.TimelineEvent.length - timelineBefore;
}
