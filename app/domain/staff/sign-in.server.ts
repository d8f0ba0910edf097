// Signing in: throttled per account and address, a new session (and a new
// id) every time, last sign-in and the access register written with it.
import type { Db } from "~/db/client.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { recordFailedSignIn, recordSuccessfulSignIn, signInRefusal } from "~/auth/login-throttle.server";
import { endSession, forgetOldSessions, startSession, type SessionClient } from "~/auth/staff-sessions.server";
import { DEMO_PASSWORD } from "~/config/demo-logins";
import { isDemoMode } from "~/config/demo-mode.server";
import { recordAudit } from "../audit/record-audit.server";

// An unknown username costs as much time as a wrong password: no probing for who has an account.
let dummyHash: Promise<string> | undefined;

export type SignInResult =
  | { status: "signedIn"; staffId: number; token: string; expiresAt: Date; mustChangePassword: boolean }
  | { status: "refused"; retryAfter: number }
  | { status: "invalid" };

/**
 * `username` is already trimmed, lower-cased and bounded (signInSchema).
 * `previousSessionId` is the session the browser still carried, ended on success.
 */
export async function signInStaff(
  db: Db,
  input: { username: string; password: string; client: SessionClient; previousSessionId?: number | null },
  now = new Date(),
): Promise<SignInResult> {
  const { username, password, client } = input;
  const address = client.ipAddress;
  const refusal = await signInRefusal(db, username, address, now);
  if (refusal) return { status: "refused", retryAfter: refusal.retryAfter };

  const staff = await db.staff.findUnique({ where: { username } });
  const ok = staff
    ? (await verifyPassword(password, staff.passwordHash)) && staff.active
    : await verifyPassword(password, await (dummyHash ??= hashPassword("no such account"))).then(() => false);
  // Outside the demo the shared demo password opens nothing, even where an old demo account still has it.
  const demoPasswordRefused = ok && !isDemoMode() && password === DEMO_PASSWORD;
  if (!ok || !staff || demoPasswordRefused) {
    await recordFailedSignIn(db, username, address);
    await recordAudit(
      db,
      { staffId: null, role: "SYSTEM", ip: address },
      { action: "LOGIN_FAILED", entity: "Staff", changes: demoPasswordRefused ? { username, reason: "demo password" } : { username } },
    );
    return { status: "invalid" };
  }
  await recordSuccessfulSignIn(db, username, address);
  const { mustChangePassword } = staff;

  const { token, session } = await db.$transaction(async (tx) => {
    if (input.previousSessionId) await endSession(tx, input.previousSessionId, "logout", now);
    const started = await startSession(tx, staff.id, client, now);
    await tx.staff.update({ where: { id: staff.id }, data: { lastSignInAt: now } });
    await recordAudit(
      tx,
      { staffId: staff.id, role: staff.role, ip: address },
      { action: "LOGIN", entity: "Staff", entityId: staff.id, changes: { sessionId: started.session.id } },
    );
    return started;
  });
  await forgetOldSessions(db, staff.id, now);
  return { status: "signedIn", staffId: staff.id, token, expiresAt: session.expiresAt, mustChangePassword };
}
