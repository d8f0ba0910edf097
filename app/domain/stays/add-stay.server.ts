import type { Db, DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { requireLiveGuest } from "../guests/require-live-guest.server";
import { nightsBetween, type StayFormInput } from "./stay-form";

export async function addStay(db: Db, actor: Actor, guestId: number, input: StayFormInput) {
  return db.$transaction((tx) => insertStay(tx, actor, guestId, input));
}

/** Where a stay came from when another system made it: the source and its reservation id there. */
export type StayOrigin = { source: string; externalId: string | null };

/** A stay written inside the caller's transaction (the profile's form, and an import). */
export async function insertStay(tx: DbTx, actor: Actor, guestId: number, input: StayFormInput, origin?: StayOrigin) {
  await requireLiveGuest(tx, guestId);
  const nights = nightsBetween(input.arrivalDate, input.departureDate);
  const rateAmount = input.rateAmount ?? 0;
  const stay = await tx.stay.create({
    data: {
      guestId,
      propertyId: input.propertyId,
      roomNumber: input.roomNumber?.toUpperCase() ?? null,
      roomType: input.roomType,
      arrivalDate: input.arrivalDate,
      departureDate: input.departureDate,
      nights,
      bookingChannel: input.bookingChannel,
      purpose: input.purpose,
      adults: input.adults,
      children: input.children,
      rateAmount,
      roomRevenue: input.status === "CANCELLED" || input.status === "NO_SHOW" ? 0 : rateAmount * nights,
      amenitiesUsed: input.amenitiesUsed.join(","),
      status: input.status,
      ...(origin ? { source: origin.source, externalId: origin.externalId } : {}),
    },
  });
  await recordAudit(tx, actor, {
    action: "CREATE",
    entity: "Stay",
    entityId: stay.id,
    guestId,
    changes: { arrivalDate: stay.arrivalDate, nights },
  });
  await addTimelineEvent(tx, actor, {
    guestId,
    name: "stay.added",
    stayId: stay.id,
    properties: { arrivalDate: stay.arrivalDate, nights, status: stay.status },
  });
  return stay;
}
