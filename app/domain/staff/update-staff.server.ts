// An administrator changes where someone works and what their role may do.
import type { Db, DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import { diffFields, recordAudit } from "../audit/record-audit.server";
import { DomainError, NotFoundError } from "../errors";
import type { UpdateStaffInput } from "./staff-form";

/** Someone must always be able to administer staff: the last active administrator stays one. */
export async function assertAnotherActiveAdmin(tx: DbTx, staffId: number) {
  const others = await tx.staff.count({ where: { role: "ADMIN", active: true, id: { not: staffId } } });
  if (others === 0) throw new DomainError("staff.lastAdmin");
}

export async function updateStaff(db: Db, actor: Actor, staffId: number, input: UpdateStaffInput) {
  return db.$transaction(async (tx) => {
    const before = await tx.staff.findUnique({ where: { id: staffId } });
    if (!before) throw new NotFoundError("Staff");
    if (before.role === "ADMIN" && input.role !== "ADMIN" && before.active) await assertAnotherActiveAdmin(tx, staffId);
    if (input.propertyId && !(await tx.property.findUnique({ where: { id: input.propertyId }, select: { id: true } })))
      throw new DomainError("staff.noSuchProperty");
    const after = { role: input.role, department: input.department, email: input.email ?? null, propertyId: input.propertyId ?? null };
    const changes = diffFields(before, after);
    if (Object.keys(changes).length === 0) return { changed: false };
    await tx.staff.update({ where: { id: staffId }, data: after });
    await recordAudit(tx, actor, { action: "UPDATE", entity: "Staff", entityId: staffId, changes });
    return { changed: true };
  });
}
