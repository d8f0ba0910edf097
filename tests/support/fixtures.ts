// Helpers to plant data in a test database through the same domain functions
// the app uses.
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { guestFormSchema, type GuestFormInput } from "~/domain/guests/guest-form";
import { createGuest } from "~/domain/guests/save-guest.server";
import { hashPassword } from "~/auth/password.server";
import type { RoleName } from "~/auth/permissions";

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
