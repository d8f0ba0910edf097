import type { Db, DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { requireLiveGuest } from "../guests/require-live-guest.server";
import { DomainError } from "../errors";
import { netAmountOf, type ChargeFormInput } from "./charge-form";

export async function addCharge(db: Db, actor: Actor, guestId: number, input: ChargeFormInput) {
  return db.$transaction((tx) => insertCharge(tx, actor, guestId, input));
}

/** A charge written inside the caller's transaction (the profile's form, and an import). */
export async function insertCharge(
  tx: DbTx,
  actor: Actor,
  guestId: number,
  input: ChargeFormInput,
  origin?: { source: string; externalId: string | null },
) {
  await requireLiveGuest(tx, guestId);
  if (input.stayId) {
    const stay = await tx.stay.findFirst({ where: { id: input.stayId, guestId }, select: { id: true } });
    if (!stay) throw new DomainError("error.stayNotOfGuest");
  }
  const netAmount = netAmountOf(input.grossAmount, input.discountPercent);
  const charge = await tx.charge.create({
    data: {
      guestId,
      stayId: input.stayId ?? null,
      propertyId: input.propertyId,
      outlet: input.outlet,
      mealPeriod: input.mealPeriod,
      covers: input.covers,
      grossAmount: input.grossAmount,
      discountRate: input.discountPercent / 100,
      netAmount,
      paymentMethod: input.paymentMethod,
      chargedAt: new Date(input.chargedAt),
      description: input.description ?? null,
      ...(origin ? { source: origin.source, externalId: origin.externalId } : {}),
    },
  });
  await recordAudit(tx, actor, {
    action: "CREATE",
    entity: "Charge",
    entityId: charge.id,
    guestId,
    changes: { outlet: charge.outlet, netAmount },
  });
  await addTimelineEvent(tx, actor, {
    guestId,
    name: "charge.added",
    stayId: charge.stayId ?? undefined,
    properties: { outlet: charge.outlet, covers: charge.covers },
  });
  return charge;
}
