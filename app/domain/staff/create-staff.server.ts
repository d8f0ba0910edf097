// A new staff account: it starts with a one-time password, shown once to the
// administrator who created it and changed by its owner at the first sign-in.
import type { Db } from "~/db/client.server";
import { hashPassword } from "~/auth/password.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { DomainError } from "../errors";
import { generateOneTimePassword } from "./password-policy.server";
import type { CreateStaffInput } from "./staff-form";

export class UsernameTakenError extends DomainError {
  constructor(username: string) {
    super("staff.usernameTaken", `Username ${username} is taken`);
  }
}

export async function createStaff(db: Db, actor: Actor, input: CreateStaffInput) {
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const staff = await db.$transaction(async (tx) => {
    if (await tx.staff.findUnique({ where: { username: input.username }, select: { id: true } }))
      throw new UsernameTakenError(input.username);
    if (input.propertyId && !(await tx.property.findUnique({ where: { id: input.propertyId }, select: { id: true } })))
      throw new DomainError("staff.noSuchProperty");
    const created = await tx.staff.create({
      data: {
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        department: input.department,
        email: input.email ?? null,
        propertyId: input.propertyId ?? null,
        passwordHash,
        mustChangePassword: true,
      },
    });
    await recordAudit(tx, actor, {
      action: "CREATE",
      entity: "Staff",
      entityId: created.id,
      changes: {
        username: created.username,
        displayName: created.displayName,
        role: created.role,
        department: created.department,
        propertyId: created.propertyId,
        password: "one-time",
      },
    });
    return created;
  });
  return { staffId: staff.id, username: staff.username, oneTimePassword };
}
