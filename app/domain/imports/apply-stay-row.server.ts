// One row of a stay or charge file, inside the caller's transaction: the
// profile forms' rules (stay-form.ts, charge-form.ts) and their writes
// (insertStay, insertCharge). A row names its guest by the source's profile id
// or the archive's profile number, its property by code (or the import's
// --property). A reservation or charge id makes a re-import an update; without
// one the row's values are its identity (seenBefore).
import { DateTime } from "luxon";
import type { DbTx } from "~/db/client.server";
import { chargeFormSchema, PAYMENT_METHODS } from "../consumption/charge-form";
import { insertCharge } from "../consumption/add-charge.server";
import { insertStay } from "../stays/add-stay.server";
import { nightsBetween, stayFormSchema } from "../stays/stay-form";
import { isoDateOf, type MappedRow, type RowProblem } from "./guest-rows";
import { reasonOf, seenBefore, type RowContext, type RowOutcome } from "./row-outcome";

const problemsOf = (issues: { path: PropertyKey[]; message: string }[]): RowProblem[] =>
  issues.map((i) => ({ field: String(i.path[0] ?? ""), message: i.message }));

type Found<T> = { value: T } | { reason: string };

async function propertyOf(tx: DbTx, ctx: RowContext, cells: MappedRow): Promise<Found<{ id: number; timeZone: string }>> {
  if (cells.propertyCode) {
    const property = await tx.property.findUnique({
      where: { code: cells.propertyCode.toUpperCase() },
      select: { id: true, timeZone: true },
    });
    return property ? { value: property } : { reason: `propertyCode: no property ${cells.propertyCode}` };
  }
  const property = await tx.property.findUnique({ where: { id: ctx.propertyId! }, select: { id: true, timeZone: true } });
  return { value: property! };
}

async function guestOf(tx: DbTx, ctx: RowContext, cells: MappedRow): Promise<Found<number>> {
  const guest = cells.guestExternalId
    ? await tx.guest.findUnique({ where: { source_externalId: { source: ctx.source, externalId: cells.guestExternalId } } })
    : cells.profileNumber
      ? await tx.guest.findUnique({ where: { profileNumber: cells.profileNumber.toUpperCase() } })
      : null;
  const named = cells.guestExternalId ? `guestExternalId: ${cells.guestExternalId}` : `profileNumber: ${cells.profileNumber ?? ""}`;
  if (!guest) return { reason: `${named}: no such guest` };
  if (guest.deletedAt) return { reason: `${named}: the guest is in the recycle bin` };
  return { value: guest.id };
}

const upper = (text: string | undefined) => text?.toUpperCase().replace(/[\s-]+/g, "_");

export async function applyStayRow(tx: DbTx, ctx: RowContext, cells: MappedRow, fingerprint: string): Promise<RowOutcome> {
  const property = await propertyOf(tx, ctx, cells);
  if ("reason" in property) return { outcome: "REJECTED", reason: property.reason };
  const arrivalDate = cells.arrivalDate ? isoDateOf(cells.arrivalDate) : undefined;
  const departureDate = cells.departureDate ? isoDateOf(cells.departureDate) : undefined;
  // What a guest file from an older system rarely says gets the form's plainest value.
  const parsed = stayFormSchema.safeParse({
    propertyId: String(property.value.id),
    roomNumber: cells.roomNumber,
    roomType: upper(cells.roomType) ?? "STANDARD",
    arrivalDate,
    departureDate,
    bookingChannel: upper(cells.bookingChannel) ?? "DIRECT",
    purpose: upper(cells.purpose) ?? "OTHER",
    adults: cells.adults ?? "1",
    children: cells.children,
    rateAmount: cells.rateAmount,
    status: upper(cells.status) ?? (departureDate && departureDate <= ctx.today ? "CHECKED_OUT" : "RESERVED"),
  });
  if (!parsed.success) return { outcome: "REJECTED", reason: reasonOf(problemsOf(parsed.error.issues)) };
  const guest = await guestOf(tx, ctx, cells);
  if ("reason" in guest) return { outcome: "REJECTED", reason: guest.reason };
  const input = parsed.data;

  const externalId = cells.externalId ?? null;
  const held = externalId ? await tx.stay.findUnique({ where: { source_externalId: { source: ctx.source, externalId } } }) : null;
  if (held) {
    const nights = nightsBetween(input.arrivalDate, input.departureDate);
    const rateAmount = input.rateAmount ?? 0;
    const columns = {
      arrivalDate: input.arrivalDate,
      departureDate: input.departureDate,
      nights,
      roomNumber: input.roomNumber?.toUpperCase() ?? null,
      roomType: input.roomType,
      status: input.status,
      rateAmount,
      roomRevenue: input.status === "CANCELLED" || input.status === "NO_SHOW" ? 0 : rateAmount * nights,
    };
    const before = Object.fromEntries(Object.keys(columns).map((k) => [k, held[k as keyof typeof held]]));
    if (Object.entries(columns).every(([k, v]) => before[k] === v)) return { outcome: "UNCHANGED", entity: "Stay", entityId: held.id };
    await tx.stay.update({ where: { id: held.id }, data: columns });
    return { outcome: "UPDATED", entity: "Stay", entityId: held.id, before };
  }
  const earlier = await seenBefore(tx, ctx, "Stay", fingerprint);
  if (earlier && (await tx.stay.count({ where: { id: earlier } }))) return { outcome: "UNCHANGED", entity: "Stay", entityId: earlier };
  const stay = await insertStay(tx, ctx.actor, guest.value, input, { source: ctx.source, externalId });
  return { outcome: "CREATED", entity: "Stay", entityId: stay.id };
}

const PAYMENT_WORDS: Record<string, string> = {
  现金: "CASH",
  刷卡: "CARD",
  银行卡: "CARD",
  信用卡: "CARD",
  微信: "WECHAT_PAY",
  微信支付: "WECHAT_PAY",
  支付宝: "ALIPAY",
  挂房账: "ROOM_ACCOUNT",
  挂账: "CITY_LEDGER",
  代金券: "VOUCHER",
};

/** "2026-11-20 19:30" or "2026/11/20" at the property, as an ISO instant. */
function chargedAtOf(text: string | undefined, timeZone: string): string | undefined {
  if (!text) return undefined;
  const date = isoDateOf(text.slice(0, 10));
  const time = /[ T](\d{1,2}):(\d{2})/.exec(text);
  const local = DateTime.fromISO(`${date}T${time ? `${time[1].padStart(2, "0")}:${time[2]}` : "00:00"}`, { zone: timeZone });
  return local.isValid ? local.toISO()! : text;
}

export async function applyChargeRow(tx: DbTx, ctx: RowContext, cells: MappedRow, fingerprint: string): Promise<RowOutcome> {
  const property = await propertyOf(tx, ctx, cells);
  if ("reason" in property) return { outcome: "REJECTED", reason: property.reason };
  const payment = cells.paymentMethod ? (PAYMENT_WORDS[cells.paymentMethod] ?? upper(cells.paymentMethod)) : undefined;
  const net = Number((cells.netAmount ?? "").replace(/[,\s]/g, ""));
  const gross = cells.grossAmount ? Number(cells.grossAmount.replace(/[,\s]/g, "")) : net;
  const parsed = chargeFormSchema.safeParse({
    propertyId: String(property.value.id),
    outlet: cells.outlet ?? "Unspecified",
    mealPeriod: upper(cells.mealPeriod),
    covers: cells.covers ?? "1",
    grossAmount: cells.grossAmount ?? cells.netAmount,
    discountPercent: gross > 0 && Number.isFinite(net) ? String(Math.round((1 - net / gross) * 10_000) / 100) : "0",
    paymentMethod: payment && (PAYMENT_METHODS as readonly string[]).includes(payment) ? payment : payment ? "invalid" : undefined,
    chargedAt: chargedAtOf(cells.chargedAt, property.value.timeZone),
    description: cells.description,
  });
  if (!parsed.success) return { outcome: "REJECTED", reason: reasonOf(problemsOf(parsed.error.issues)) };
  let guestId: number;
  let stayId: number | undefined;
  if (cells.reservationExternalId && !cells.guestExternalId && !cells.profileNumber) {
    const stay = await tx.stay.findUnique({
      where: { source_externalId: { source: ctx.source, externalId: cells.reservationExternalId } },
    });
    if (!stay) return { outcome: "REJECTED", reason: `reservationExternalId: no reservation ${cells.reservationExternalId}` };
    guestId = stay.guestId;
    stayId = stay.id;
  } else {
    const guest = await guestOf(tx, ctx, cells);
    if ("reason" in guest) return { outcome: "REJECTED", reason: guest.reason };
    guestId = guest.value;
  }
  const externalId = cells.externalId ?? null;
  const held = externalId
    ? await tx.charge.findUnique({ where: { source_externalId: { source: ctx.source, externalId } }, select: { id: true } })
    : null;
  // A charge is posted once: its id (or its values) again changes nothing.
  if (held) return { outcome: "UNCHANGED", entity: "Charge", entityId: held.id };
  const earlier = await seenBefore(tx, ctx, "Charge", fingerprint);
  if (earlier && (await tx.charge.count({ where: { id: earlier } }))) return { outcome: "UNCHANGED", entity: "Charge", entityId: earlier };
  const charge = await insertCharge(tx, ctx.actor, guestId, { ...parsed.data, stayId }, { source: ctx.source, externalId });
  return { outcome: "CREATED", entity: "Charge", entityId: charge.id };
}
