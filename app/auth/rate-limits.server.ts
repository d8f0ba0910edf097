// Counters that slow down guessing and scraping, kept in the database by
// rate-limiter-flexible's Prisma store (table RateLimitCounter) so that every
// app instance on one database counts together. Fixed windows: a key's row
// holds its points and when its window ends.
import { json } from "@remix-run/node";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "~/db/client.server";

export type LimitName = "login-account-address" | "login-address" | "login-account" | "search" | "export";

export type LimitRule = { points: number; durationSeconds: number };

function perWindow(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${text}".`);
  return n;
}

/**
 * The limits. Sign-in: 5 wrong passwords per account and address in 15
 * minutes; 100 per address (any accounts) in an hour; 30 per account (any
 * addresses) in an hour, after which only addresses the person has signed in
 * from before may try (docs/decisions/010). Per session: searches per minute
 * and exports per hour, configurable.
 */
export function limitRules(env: Record<string, string | undefined> = process.env): Record<LimitName, LimitRule> {
  return {
    "login-account-address": { points: 5, durationSeconds: 15 * 60 },
    "login-address": { points: 100, durationSeconds: 60 * 60 },
    "login-account": { points: 30, durationSeconds: 60 * 60 },
    search: { points: perWindow(env, "SEARCH_RATE_LIMIT_PER_MINUTE", 120), durationSeconds: 60 },
    export: { points: perWindow(env, "EXPORT_RATE_LIMIT_PER_HOUR", 30), durationSeconds: 60 * 60 },
  };
}

const limiters = new WeakMap<Db, Map<string, RateLimiterPrisma>>();

/** The limiter of one rule on one database client (made once per client and rule). */
export function limiterFor(db: Db, name: LimitName, rule: LimitRule = limitRules()[name]): RateLimiterPrisma {
  let byName = limiters.get(db);
  if (!byName) limiters.set(db, (byName = new Map()));
  const cacheKey = `${name}:${rule.points}:${rule.durationSeconds}`;
  let limiter = byName.get(cacheKey);
  if (!limiter) {
    limiter = new RateLimiterPrisma({
      storeClient: db,
      tableName: "rateLimitCounter",
      keyPrefix: name,
      points: rule.points,
      duration: rule.durationSeconds,
      // One sweeper of expired rows per client is enough.
      clearExpiredByTimeout: byName.size === 0,
    });
    byName.set(cacheKey, limiter);
  }
  return limiter;
}

/** Whole seconds until a window ends (at least 1), for Retry-After. */
export function secondsUntil(res: RateLimiterRes | null): number {
  return Math.max(1, Math.ceil((res?.msBeforeNext ?? 0) / 1000));
}

/**
 * Counts one request against a per-session limit; returns the seconds to wait
 * when the limit is used up (the request is then refused), else 0.
 */
export async function consumeRequest(db: Db, name: "search" | "export", sessionKey: string): Promise<number> {
  try {
    await limiterFor(db, name).consume(sessionKey);
    return 0;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return secondsUntil(rejection);
    throw rejection;
  }
}

/**
 * Refuses a search or an export past the session's limit with a 429 that says
 * when to try again (Retry-After) and a translatable message.
 */
export async function limitRequests(db: Db, name: "search" | "export", session: { sessionId: number }) {
  const wait = await consumeRequest(db, name, String(session.sessionId));
  if (wait > 0)
    throw json(
      { messageKey: `rateLimit.${name}`, retryAfter: wait },
      { status: 429, statusText: "Too Many Requests", headers: { "Retry-After": String(wait), "Cache-Control": "no-store" } },
    );
}
