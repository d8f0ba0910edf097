// Applying feed messages (docs/decisions/019), each inside the caller's
// transaction so a message is applied whole or not at all. Upserts go by
// (source, externalId); a message older than what is stored (the source's
// modifiedAt, then sequence) changes nothing, so messages may arrive late,
// twice or out of order and the archive still ends at the source's latest.
import type { DbTx } from "~/db/client.server";
import type { StayStatus } from "~/db/schema";
import type { Actor } from "../actor";
import { diffFields, recordAudit } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import type { GuestFormInput } from "../guests/guest-form";
import { applyGuestEdit, insertGuest } from "../guests/save-guest.server";
import { nightsBetween } from "../stays/stay-form";
import type { ApiPrincipal } from "./api-keys.server";
import { mayUseProperty } from "./api-keys.server";
import { FeedError, PropertyNotAllowedError } from "./feed-errors";
import type { ChargeMessage, GuestProfileMessage, ReservationMessage, SurveyMessage } from "./feed-schemas";
import { isRelayEmail } from "../duplicates/identity-keys";
import { resolveGuestIdentity } from "./resolve-guest.server";

/** null: an admin reprocessing a dead letter, not limited to a key's properties. */
export type FeedCaller = { actor: Actor; principal: ApiPrincipal | null };

export type FeedResult = { id: number; guestId: number; outcome: "created" | "updated" | "unchanged" | "stale" };

/** Which status a stay may go to from the one it has (a PMS reinstates cancellations and no-shows). */
const NEXT_STATUSES: Record<StayStatus, readonly StayStatus[]> = {
  RESERVED: ["RESERVED", "IN_HOUSE", "CHECKED_OUT", "CANCELLED", "NO_SHOW"],
  IN_HOUSE: ["IN_HOUSE", "CHECKED_OUT"],
  CHECKED_OUT: ["CHECKED_OUT"],
  CANCELLED: ["CANCELLED", "RESERVED"],
  NO_SHOW: ["NO_SHOW", "RESERVED", "IN_HOUSE", "CANCELLED"],
};

export function mayMoveStay(from: StayStatus, to: StayStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

async function propertyOf(tx: DbTx, caller: FeedCaller, code: string) {
  const property = await tx.property.findUnique({ where: { code: code.toUpperCase() }, select: { id: true, code: true } });
  if (!property) throw new FeedError("unknownProperty", `No property with code ${code}`);
  if (caller.principal && !mayUseProperty(caller.principal, property.id)) throw new PropertyNotAllowedError(property.code);
  return property;
}

type Person = Omit<GuestProfileMessage, "source" | "externalId" | "modifiedAt" | "sequence">;

/** The form input of a feed person: what the message says over what the archive holds (notes, markers, consent stay). */
async function formInputOf(tx: DbTx, person: Person, guestId: number | null): Promise<GuestFormInput> {
  const current = guestId
    ? await tx.guest.findUniqueOrThrow({ where: { id: guestId }, include: { markers: { include: { marker: true } } } })
    : null;
  const keep = <T>(value: T | undefined, held: T | null | undefined): T | undefined => value ?? held ?? undefined;
  // A relay address reaches the guest through the booking site only for this booking: never stored over a real one.
  const email = person.email && isRelayEmail(person.email) && current?.email ? current.email : person.email;
  return {
    fullName: person.fullName,
    gender: person.gender ?? current?.gender ?? "UNDISCLOSED",
    birthDate: keep(person.birthDate, current?.birthDate),
    birthdayCalendar: current?.birthdayCalendar ?? "GREGORIAN",
    lunarBirthMonth: current?.lunarBirthMonth ?? undefined,
    lunarBirthDay: current?.lunarBirthDay ?? undefined,
    lunarBirthLeap: current?.lunarBirthLeap ?? false,
    ethnicity: current?.ethnicity ?? undefined,
    nativePlace: current?.nativePlace ?? undefined,
    nationality: keep(person.nationality, current?.nationality),
    address: keep(person.address, current?.address),
    phone: keep(person.phone, current?.phone),
    email: keep(email, current?.email),
    company: keep(person.company, current?.company),
    language: (person.language ?? current?.language ?? "zh-CN") as GuestFormInput["language"],
    idDocumentType: undefined,
    idDocumentNumber: undefined,
    vipLevel: current?.vipLevel ?? 0,
    markers: current?.markers.map((m) => m.marker.code) ?? [],
    consentEmail: current?.consentEmail ?? false,
    consentSms: current?.consentSms ?? false,
    consentPhone: current?.consentPhone ?? false,
    consentMail: current?.consentMail ?? false,
    notes: current?.notes ?? undefined,
    version: current?.version,
    confirmDuplicate: true,
  };
}

/** Finds or creates the guest of a profile; updates it when the message is newer than the last one applied. */
async function upsertPerson(
  tx: DbTx,
  caller: FeedCaller,
  source: string,
  externalId: string | null,
  modifiedAt: Date,
  person: Person,
): Promise<{ guestId: number; outcome: FeedResult["outcome"] }> {
  const found = await resolveGuestIdentity(tx, caller.actor, {
    source,
    externalId,
    fullName: person.fullName,
    phone: person.phone,
    email: person.email,
    birthDate: person.birthDate,
    address: person.address,
    company: person.company,
  });
  if (found?.deleted) throw new FeedError("guestDeleted", `Guest profile ${source}/${externalId} is in the recycle bin`);
  const identity = { source, externalId, sourceModifiedAt: modifiedAt };
  if (!found) {
    const created = await insertGuest(tx, caller.actor, await formInputOf(tx, person, null), externalId ? identity : undefined);
    return { guestId: created.guestId, outcome: "created" };
  }
  const held = await tx.guest.findUniqueOrThrow({ where: { id: found.guestId } });
  if (held.sourceModifiedAt && held.sourceModifiedAt >= modifiedAt && held.source === source)
    return { guestId: found.guestId, outcome: "stale" };
  // A guest found by phone or e-mail takes the source's key when it has none yet.
  const keyed =
    externalId && !held.externalId ? identity : held.source === source ? { ...identity, externalId: held.externalId } : undefined;
  // Most reservation messages repeat the guest as it is: no edit (which would bump the version an agent's open form is on).
  const same = (Object.keys(person) as (keyof Person)[]).every((field) => {
    const value = person[field];
    if (value === undefined) return true;
    const current = held[field as keyof typeof held];
    return field === "email" ? String(value).toLowerCase() === current : value === current;
  });
  if (same && held.externalId === (keyed?.externalId ?? held.externalId)) {
    if (keyed) await tx.guest.update({ where: { id: held.id }, data: { sourceModifiedAt: modifiedAt } });
    return { guestId: found.guestId, outcome: "unchanged" };
  }
  const edit = await applyGuestEdit(tx, caller.actor, found.guestId, await formInputOf(tx, person, found.guestId), keyed);
  return { guestId: found.guestId, outcome: edit.changedFields.length ? "updated" : "unchanged" };
}

export async function upsertGuestProfile(tx: DbTx, caller: FeedCaller, message: GuestProfileMessage): Promise<FeedResult> {
  const { source, externalId, modifiedAt, sequence: _sequence, ...person } = message;
  const { guestId, outcome } = await upsertPerson(tx, caller, source, externalId, new Date(modifiedAt), person);
  return { id: guestId, guestId, outcome };
}

const isNewer = (modifiedAt: Date, sequence: number, held: { sourceModifiedAt: Date | null; sourceSequence: number }) =>
  !held.sourceModifiedAt ||
  modifiedAt.getTime() > held.sourceModifiedAt.getTime() ||
  (modifiedAt.getTime() === held.sourceModifiedAt.getTime() && sequence > held.sourceSequence);

export async function upsertReservation(tx: DbTx, caller: FeedCaller, message: ReservationMessage): Promise<FeedResult> {
  const property = await propertyOf(tx, caller, message.propertyCode);
  const modifiedAt = new Date(message.modifiedAt);
  const sequence = message.sequence ?? 0;
  const held = await tx.stay.findUnique({ where: { source_externalId: { source: message.source, externalId: message.externalId } } });
  if (held && !isNewer(modifiedAt, sequence, held)) return { id: held.id, guestId: held.guestId, outcome: "stale" };

  // The guest first: a refusal below then also takes back the guest's changes (one transaction).
  const { externalId: guestExternalId, ...person } = message.guest;
  const { guestId } = await upsertPerson(tx, caller, message.source, guestExternalId ?? null, modifiedAt, person);
  if (held && held.propertyId !== property.id)
    throw new FeedError("propertyChanged", `Reservation ${message.externalId} belongs to another property`);
  if (held && !mayMoveStay(held.status, message.status))
    throw new FeedError("invalidTransition", `Reservation ${message.externalId} cannot go from ${held.status} to ${message.status}`);
  const nights = nightsBetween(message.arrivalDate, message.departureDate);
  const columns = {
    guestId,
    roomNumber: message.roomNumber?.toUpperCase() ?? null,
    roomType: message.roomType,
    arrivalDate: message.arrivalDate,
    departureDate: message.departureDate,
    nights,
    bookingChannel: message.bookingChannel,
    purpose: message.purpose,
    adults: message.adults,
    children: message.children,
    rateAmount: message.rateAmount,
    roomRevenue: message.status === "CANCELLED" || message.status === "NO_SHOW" ? 0 : message.rateAmount * nights,
    status: message.status,
  };
  const order = { sourceModifiedAt: modifiedAt, sourceSequence: sequence };
  if (!held) {
    const stay = await tx.stay.create({
      data: { ...columns, ...order, propertyId: property.id, source: message.source, externalId: message.externalId },
    });
    await recordAudit(tx, caller.actor, {
      action: "CREATE",
      entity: "Stay",
      entityId: stay.id,
      guestId,
      changes: { source: message.source, externalId: message.externalId, arrivalDate: stay.arrivalDate, nights, status: stay.status },
    });
    await addTimelineEvent(tx, caller.actor, {
      guestId,
      name: "stay.added",
      stayId: stay.id,
      properties: { arrivalDate: stay.arrivalDate, nights, status: stay.status },
    });
    return { id: stay.id, guestId, outcome: "created" };
  }
  await tx.stay.update({ where: { id: held.id }, data: { ...columns, ...order } });
  const changes = diffFields(held as unknown as Record<string, unknown>, columns);
  if (!Object.keys(changes).length) return { id: held.id, guestId, outcome: "unchanged" };
  await recordAudit(tx, caller.actor, { action: "UPDATE", entity: "Stay", entityId: held.id, guestId, changes });
  const roomMoved = held.status === "IN_HOUSE" && message.status === "IN_HOUSE" && held.roomNumber !== columns.roomNumber;
  await addTimelineEvent(tx, caller.actor, {
    guestId,
    name: "stay.updated",
    stayId: held.id,
    properties: {
      fields: Object.keys(changes),
      ...(held.status !== message.status ? { status: [held.status, message.status] } : {}),
      ...(roomMoved ? { roomMove: [held.roomNumber, columns.roomNumber] } : {}),
    },
  });
  return { id: held.id, guestId, outcome: "updated" };
}

async function stayOfReservation(tx: DbTx, source: string, externalId: string) {
  const stay = await tx.stay.findUnique({
    where: { source_externalId: { source, externalId } },
    select: { id: true, guestId: true, propertyId: true },
  });
  if (!stay) throw new FeedError("unknownReservation", `No reservation ${source}/${externalId}`);
  return stay;
}

/** A folio charge is posted once: a repeat of its (source, externalId) changes nothing. */
export async function postCharge(tx: DbTx, caller: FeedCaller, message: ChargeMessage): Promise<FeedResult> {
  const property = await propertyOf(tx, caller, message.propertyCode);
  const held = await tx.charge.findUnique({
    where: { source_externalId: { source: message.source, externalId: message.externalId } },
    select: { id: true, guestId: true },
  });
  if (held) return { id: held.id, guestId: held.guestId, outcome: "unchanged" };
  let guestId: number;
  let stayId: number | null = null;
  if (message.reservationExternalId) {
    const stay = await stayOfReservation(tx, message.source, message.reservationExternalId);
    guestId = stay.guestId;
    stayId = stay.id;
  } else {
    const guest = await tx.guest.findUnique({
      where: { source_externalId: { source: message.source, externalId: message.guestExternalId! } },
      select: { id: true, deletedAt: true },
    });
    if (!guest) throw new FeedError("unknownGuest", `No guest profile ${message.source}/${message.guestExternalId}`);
    if (guest.deletedAt)
      throw new FeedError("guestDeleted", `Guest profile ${message.source}/${message.guestExternalId} is in the recycle bin`);
    guestId = guest.id;
  }
  const discountRate = message.grossAmount ? Math.round((1 - message.netAmount / message.grossAmount) * 10_000) / 10_000 : 0;
  const charge = await tx.charge.create({
    data: {
      guestId,
      stayId,
      propertyId: property.id,
      outlet: message.outlet,
      mealPeriod: message.mealPeriod,
      covers: message.covers,
      grossAmount: message.grossAmount,
      discountRate,
      netAmount: message.netAmount,
      paymentMethod: message.paymentMethod,
      chargedAt: new Date(message.chargedAt),
      description: message.description ?? null,
      source: message.source,
      externalId: message.externalId,
    },
  });
  await recordAudit(tx, caller.actor, {
    action: "CREATE",
    entity: "Charge",
    entityId: charge.id,
    guestId,
    changes: { source: message.source, externalId: message.externalId, netAmount: charge.netAmount, outlet: charge.outlet },
  });
  await addTimelineEvent(tx, caller.actor, {
    guestId,
    name: "charge.added",
    stayId: stayId ?? undefined,
    properties: { outlet: charge.outlet, netAmount: charge.netAmount },
  });
  return { id: charge.id, guestId, outcome: "created" };
}

export async function postSurvey(tx: DbTx, caller: FeedCaller, message: SurveyMessage): Promise<FeedResult> {
  const held = await tx.survey.findUnique({
    where: { source_externalId: { source: message.source, externalId: message.externalId } },
    select: { id: true, guestId: true },
  });
  if (held) return { id: held.id, guestId: held.guestId, outcome: "unchanged" };
  const stay = await stayOfReservation(tx, message.source, message.reservationExternalId);
  if (caller.principal && !mayUseProperty(caller.principal, stay.propertyId)) {
    const property = await tx.property.findUniqueOrThrow({ where: { id: stay.propertyId }, select: { code: true } });
    throw new PropertyNotAllowedError(property.code);
  }
  if (await tx.survey.findUnique({ where: { stayId: stay.id }, select: { id: true } }))
    throw new FeedError("surveyExists", `Reservation ${message.reservationExternalId} already has a survey`);
  const survey = await tx.survey.create({
    data: {
      guestId: stay.guestId,
      stayId: stay.id,
      score: message.score,
      comment: message.comment ?? null,
      answeredAt: new Date(message.answeredAt),
      source: message.source,
      externalId: message.externalId,
    },
  });
  await recordAudit(tx, caller.actor, {
    action: "CREATE",
    entity: "Survey",
    entityId: survey.id,
    guestId: stay.guestId,
    changes: { score: survey.score, stayId: stay.id },
  });
  await addTimelineEvent(tx, caller.actor, {
    guestId: stay.guestId,
    name: "survey.answered",
    stayId: stay.id,
    properties: { score: survey.score },
  });
  return { id: survey.id, guestId: stay.guestId, outcome: "created" };
}
