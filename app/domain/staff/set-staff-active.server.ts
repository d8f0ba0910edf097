// Deactivating an account ends its sessions at once (in the same
// transaction); reactivating lets it sign in again with its password.
import type { Db } from "~/db/client.server";
import { endSessionsOf } from "~/auth/staff-sessions.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { DomainError, NotFoundError } from "../errors";
import { assertAnotherActiveAdmin } from "./update-staff.server";

export async function deactivateStaff(db: Db, actor: Actor, staffId: number, now = new Date()) {
  if (actor.staffId === staffId) throw new DomainError("staff.notYourself");
  return db.$transaction(async (tx) => {
    const staff = await tx.staff.findUnique({ where: { id: staffId } });
    if (!staff) throw new NotFoundError("Staff");
    if (!staff.active) return { sessionsEnded: 0 };
    if (staff.role === "ADMIN") await assertAnotherActiveAdmin(tx, staffId);
    await tx.staff.update({ where: { id: staffId }, data: { active: false } });
    const sessionsEnded = await endSessionsOf(tx, staffId, "deactivated", { now });
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "Staff",
      entityId: staffId,
      changes: { active: [true, false], sessionsEnded },
    });
    return { sessionsEnded };
  });
}

export async function reactivateStaff(db: Db, actor: Actor, staffId: number) {
  return db.$transaction(async (tx) => {
    const staff = await tx.staff.findUnique({ where: { id: staffId } });
    if (!staff) throw new NotFoundError("Staff");
    if (staff.active) return;
    await tx.staff.update({ where: { id: staffId }, data: { active: true } });
    await recordAudit(tx, actor, { action: "UPDATE", entity: "Staff", entityId: staffId, changes: { active: [false, true] } });
  });
}
