// Signing out ends the session row (the cookie alone is worth nothing
// afterwards). "Sign out everywhere" — a lost phone, a shared computer left
// signed in — ends every session of the account, this one too.
import type { Db } from "~/db/client.server";
import { endSession, endSessionsOf } from "~/auth/staff-sessions.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";

type SignedInActor = Actor & { staffId: number };

export async function signOut(db: Db, actor: SignedInActor, sessionId: number, now = new Date()) {
  await db.$transaction(async (tx) => {
    await endSession(tx, sessionId, "logout", now);
    await recordAudit(tx, actor, { action: "LOGOUT", entity: "Staff", entityId: actor.staffId, changes: { sessionId } });
  });
}

export async function signOutEverywhere(db: Db, actor: SignedInActor, now = new Date()) {
  return db.$transaction(async (tx) => {
    const sessionsEnded = await endSessionsOf(tx, actor.staffId, "everywhere", { now });
    await recordAudit(tx, actor, {
      action: "LOGOUT",
      entity: "Staff",
      entityId: actor.staffId,
      changes: { everywhere: true, sessionsEnded },
    });
    return sessionsEnded;
  });
}
