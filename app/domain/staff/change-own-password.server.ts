// Everyone changes their own password with the current one. Every other
// session of the account ends; the one in use is replaced by a new id.
import type { Db } from "~/db/client.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { endSessionsOf, startSession, type SessionClient } from "~/auth/staff-sessions.server";
import { recordFailedSignIn, signInRefusal } from "~/auth/login-throttle.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { DomainError, NotFoundError } from "../errors";
import { passwordProblem } from "./password-policy.server";
import type { ChangePasswordInput } from "./staff-form";

/** A password the rules refuse, with the field and translation key to show. */
export class PasswordRefusedError extends DomainError {
  constructor(
    public readonly field: "currentPassword" | "newPassword",
    messageKey: string,
    public readonly retryAfter = 0,
  ) {
    super(messageKey);
  }
}

export async function changeOwnPassword(db: Db, actor: Actor, input: ChangePasswordInput, client: SessionClient, now = new Date()) {
  if (!actor.staffId) throw new NotFoundError("Staff");
  const staff = await db.staff.findUnique({ where: { id: actor.staffId } });
  if (!staff || !staff.active) throw new NotFoundError("Staff");
  // The current password is guessed no faster here than at the sign-in form.
  const refusal = await signInRefusal(db, staff.username, client.ipAddress, now);
  if (refusal) throw new PasswordRefusedError("currentPassword", "login.tooMany", refusal.retryAfter);
  if (!(await verifyPassword(input.currentPassword, staff.passwordHash))) {
    await recordFailedSignIn(db, staff.username, client.ipAddress);
    throw new PasswordRefusedError("currentPassword", "password.currentWrong");
  }
  const problem = await passwordProblem(input.newPassword, staff);
  if (problem) throw new PasswordRefusedError("newPassword", problem);
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    await tx.staff.update({ where: { id: staff.id }, data: { passwordHash, mustChangePassword: false, passwordChangedAt: now } });
    const sessionsEnded = await endSessionsOf(tx, staff.id, "passwordChanged", { now });
    const started = await startSession(tx, staff.id, client, now);
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "Staff",
      entityId: staff.id,
      changes: { password: staff.mustChangePassword ? "one-time replaced" : "changed", sessionsEnded },
    });
    return { token: started.token, expiresAt: started.session.expiresAt, sessionsEnded };
  });
}
