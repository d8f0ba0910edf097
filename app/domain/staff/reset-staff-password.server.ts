// An administrator resets a forgotten password: a new one-time password,
// shown once, to be changed at the next sign-in; every session of the
// account ends at once (whoever had the old password is out).
import type { Db } from "~/db/client.server";
import { hashPassword } from "~/auth/password.server";
import { endSessionsOf } from "~/auth/staff-sessions.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { DomainError, NotFoundError } from "../errors";
import { generateOneTimePassword } from "./password-policy.server";

export async function resetStaffPassword(db: Db, actor: Actor, staffId: number, now = new Date()) {
  // Your own password is changed with the current one (the account page), never reset.
  if (actor.staffId === staffId) throw new DomainError("staff.notYourself");
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  const sessionsEnded = await db.$transaction(async (tx) => {
    const staff = await tx.staff.findUnique({ where: { id: staffId }, select: { id: true } });
    if (!staff) throw new NotFoundError("Staff");
    await tx.staff.update({ where: { id: staffId }, data: { passwordHash, mustChangePassword: true, passwordChangedAt: now } });
    const ended = await endSessionsOf(tx, staffId, "passwordReset", { now });
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "Staff",
      entityId: staffId,
      changes: { password: "reset", sessionsEnded: ended },
    });
    return ended;
  });
  return { oneTimePassword, sessionsEnded };
}
