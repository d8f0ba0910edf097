// Server-side sessions: one row per signed-in browser, all state in the
// database so every app instance sees the same sessions. The cookie carries a
// random 256-bit id; the row keeps only its SHA-256, so a copy of the
// database (or a backup) cannot be replayed as a cookie. See docs/decisions/010.
import { createHash, randomBytes } from "node:crypto";
import type { DbTx } from "~/db/client.server";

export type SessionEndReason = "logout" | "everywhere" | "idle" | "expired" | "deactivated" | "passwordReset" | "passwordChanged";

export type SessionSettings = {
  /** Signed out after this long without a request. */
  idleMs: number;
  /** Signed out this long after signing in, however busy. */
  absoluteMs: number;
  /** last-seen is written at most this often (not on every request). */
  touchMs: number;
};

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${text}".`);
  return n;
}

/** SESSION_IDLE_MINUTES (30), SESSION_MAX_HOURS (12), SESSION_TOUCH_SECONDS (60). */
export function sessionSettings(env: Record<string, string | undefined> = process.env): SessionSettings {
  const idleMs = positive(env, "SESSION_IDLE_MINUTES", 30) * 60_000;
  const absoluteMs = positive(env, "SESSION_MAX_HOURS", 12) * 3_600_000;
  // Never longer than a tenth of the idle timeout, so a busy user is never timed out early by much.
  const touchMs = Math.min(positive(env, "SESSION_TOUCH_SECONDS", 60) * 1000, idleMs / 10);
  return { idleMs, absoluteMs, touchMs };
}

export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type SessionClient = { ipAddress: string; userAgent: string | null };

/** A new session for a staff member: the token goes into the cookie and nowhere else. */
export async function startSession(db: DbTx, staffId: number, client: SessionClient, now = new Date(), settings = sessionSettings()) {
  const token = randomBytes(32).toString("base64url");
  const session = await db.staffSession.create({
    data: {
      tokenHash: hashSessionToken(token),
      staffId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + settings.absoluteMs),
      ipAddress: client.ipAddress.slice(0, 64),
      userAgent: client.userAgent?.slice(0, 256) ?? null,
    },
  });
  return { token, session };
}

const STAFF_FIELDS = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  department: true,
  propertyId: true,
  active: true,
  mustChangePassword: true,
} as const;

/**
 * The live session behind a cookie token, with its staff member, or null.
 * A session past its idle or absolute limit is ended on the spot (so the
 * account page shows why); last-seen is moved on at most every `touchMs`.
 */
export async function findLiveSession(db: DbTx, token: string, now = new Date(), settings = sessionSettings()) {
  if (!token || token.length > 100) return null;
  const session = await db.staffSession.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    include: { staff: { select: STAFF_FIELDS } },
  });
  if (!session || session.endedAt) return null;
  if (!session.staff.active) {
    await endSession(db, session.id, "deactivated", now);
    return null;
  }
  if (now.getTime() >= session.expiresAt.getTime()) {
    await endSession(db, session.id, "expired", now);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= settings.idleMs) {
    await endSession(db, session.id, "idle", now);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= settings.touchMs) {
    await db.staffSession.updateMany({ where: { id: session.id, endedAt: null }, data: { lastSeenAt: now } });
  }
  return session;
}

export async function endSession(db: DbTx, sessionId: number, reason: SessionEndReason, now = new Date()) {
  await db.staffSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endReason: reason } });
}

/** Ends every open session of a staff member (but `exceptSessionId`); returns how many. */
export async function endSessionsOf(
  db: DbTx,
  staffId: number,
  reason: SessionEndReason,
  { now = new Date(), exceptSessionId }: { now?: Date; exceptSessionId?: number } = {},
): Promise<number> {
  const ended = await db.staffSession.updateMany({
    where: { staffId, endedAt: null, ...(exceptSessionId ? { id: { not: exceptSessionId } } : {}) },
    data: { endedAt: now, endReason: reason },
  });
  return ended.count;
}

/** The open sessions of a staff member, newest first (for the account page). */
export async function listOpenSessions(db: DbTx, staffId: number, now = new Date(), settings = sessionSettings()) {
  const rows = await db.staffSession.findMany({
    where: { staffId, endedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - settings.idleMs) } },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, ipAddress: true, userAgent: true },
  });
  return rows;
}

/** Whether this staff member has signed in from this address before (within `days`). */
export async function hasSignedInFrom(db: DbTx, staffId: number, ipAddress: string, now = new Date(), days = 90) {
  const found = await db.staffSession.findFirst({
    where: { staffId, ipAddress, createdAt: { gte: new Date(now.getTime() - days * 86_400_000) } },
    select: { id: true },
  });
  return !!found;
}

/** Session rows that ended (or expired) long ago are of no further use. */
export async function forgetOldSessions(db: DbTx, staffId: number, now = new Date(), days = 90) {
  const before = new Date(now.getTime() - days * 86_400_000);
  await db.staffSession.deleteMany({ where: { staffId, expiresAt: { lt: before } } });
}
