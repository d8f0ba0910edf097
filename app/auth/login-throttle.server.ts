// Slows down password guessing: after a few failures for a username or from an
// address within the window, further attempts are refused for a growing delay.
import type { DbTx } from "~/db/client.server";

export const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;

/** Seconds the caller must wait before trying again (0 = may try now). */
export async function loginDelaySeconds(db: DbTx, username: string, ip: string, now = new Date()): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const failures = await db.loginAttempt.findMany({
    where: { success: false, at: { gte: since }, OR: [{ username }, { ip }] },
    orderBy: { at: "desc" },
    take: 50,
    select: { at: true },
  });
  if (failures.length < FREE_FAILURES) return 0;
  // 5 failures → 2 s, 6 → 4 s, 7 → 8 s … capped at 15 minutes.
  const delayMs = Math.min(2 ** (failures.length - FREE_FAILURES + 1) * 1000, WINDOW_MS);
  const waitMs = failures[0].at.getTime() + delayMs - now.getTime();
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

export async function recordLoginAttempt(db: DbTx, username: string, ip: string, success: boolean) {
  await db.loginAttempt.create({ data: { username, ip, success } });
  if (success) {
    // A successful sign-in clears that user's slate.
    await db.loginAttempt.deleteMany({ where: { username, success: false } });
  }
}
