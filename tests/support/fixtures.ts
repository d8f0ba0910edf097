// Helpers to plant data in a test database through the same domain functions
// the app uses.
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { guestFormSchema, type GuestFormInput } from "~/domain/guests/guest-form";
import { createGuest } from "~/domain/guests/save-guest.server";
import { hashPassword } from "~/auth/password.server";
import type { RoleName } from "~/auth/permissions";
import { stayFormSchema, type StayFormInput } from "~/domain/stays/stay-form";
import { addStay } from "~/domain/stays/add-stay.server";
import { chargeFormSchema, type ChargeFormInput } from "~/domain/consumption/charge-form";
import { addCharge } from "~/domain/consumption/add-charge.server";

export const TODAY = "2026-11-27";

export async function plantProperty(code = "SHA", timeZone = "Asia/Shanghai", currency = "CNY") {
  return db().property.upsert({
    where: { code },
    create: { code, name: `Hotel ${code}`, nameZh: `${code}酒店`, timeZone, currency },
    update: {},
  });
}

export async function plantStaff(role: RoleName, username = role.toLowerCase(), password = "correct horse battery") {
  const staff = await db().staff.create({
    data: { username, displayName: `${role} user`, passwordHash: await hashPassword(password), role, department: "TEST" },
  });
  return { ...staff, actor: { staffId: staff.id, role } as Actor };
}

export function guestInput(fields: Record<string, unknown>): GuestFormInput {
  return guestFormSchema(TODAY).parse(fields);
}

export async function plantGuest(actor: Actor, fields: Record<string, unknown>) {
  const result = await createGuest(db(), actor, guestInput({ confirmDuplicate: "on", ...fields }));
  if (result.status !== "created") throw new Error("guest not created");
  return result;
}

// ---- more planting helpers (each goes through the domain function the app uses)


let staffCounter = 0;
/** A staff member with a username no other call in this file has used. */
export async function plantStaffMember(role: RoleName) {
  staffCounter += 1;
  return plantStaff(role, `${role.toLowerCase()}-${staffCounter}`);
}

export function stayInput(fields: Record<string, unknown>): StayFormInput {
  return stayFormSchema.parse({ roomType: "DELUXE", bookingChannel: "DIRECT", purpose: "BUSINESS", adults: "1", ...fields });
}

export async function plantStay(actor: Actor, guestId: number, fields: Record<string, unknown>) {
  return addStay(db(), actor, guestId, stayInput(fields));
}

export function chargeInput(fields: Record<string, unknown>): ChargeFormInput {
  return chargeFormSchema.parse({ outlet: "Chinese Restaurant", covers: "1", paymentMethod: "CARD", chargedAt: "2026-11-20T19:00", ...fields });
}

export async function plantCharge(actor: Actor, guestId: number, fields: Record<string, unknown>) {
  return addCharge(db(), actor, guestId, chargeInput(fields));
}
