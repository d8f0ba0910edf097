// Slows down password guessing without letting a guesser lock a person out.
// Three counters of wrong passwords (limits in rate-limits.server.ts):
//  - per account and address: the tight one — the address that guesses is the
//    one that waits;
//  - per address, any accounts: stops one address spraying many accounts;
//  - per account, any addresses: looser than what one address can add on its
//    own (4 windows × 5 < 30), so it only trips in a distributed attack, and
//    even then an address the person has signed in from before may still try.
// Reasons in docs/decisions/010.
import type { Db } from "~/db/client.server";
import { hasSignedInFrom } from "./staff-sessions.server";
import { limiterFor, limitRules, secondsUntil } from "./rate-limits.server";

export type SignInRefusal = { retryAfter: number; reason: "accountAddress" | "address" | "account" };

const pairKey = (username: string, address: string) => JSON.stringify([username, address]);

/** Null when this address may try this account now, else how long it must wait. */
export async function signInRefusal(db: Db, username: string, address: string, now = new Date()): Promise<SignInRefusal | null> {
  const rules = limitRules();
  const [pair, byAddress, byAccount] = await Promise.all([
    limiterFor(db, "login-account-address").get(pairKey(username, address)),
    limiterFor(db, "login-address").get(address),
    limiterFor(db, "login-account").get(username),
  ]);
  if (pair && pair.consumedPoints >= rules["login-account-address"].points)
    return { retryAfter: secondsUntil(pair), reason: "accountAddress" };
  if (byAddress && byAddress.consumedPoints >= rules["login-address"].points)
    return { retryAfter: secondsUntil(byAddress), reason: "address" };
  if (byAccount && byAccount.consumedPoints >= rules["login-account"].points) {
    const staff = await db.staff.findUnique({ where: { username }, select: { id: true } });
    if (!staff || !(await hasSignedInFrom(db, staff.id, address, now))) return { retryAfter: secondsUntil(byAccount), reason: "account" };
  }
  return null;
}

/** A wrong password (or an unknown username): counted on all three counters. */
export async function recordFailedSignIn(db: Db, username: string, address: string) {
  await Promise.all([
    limiterFor(db, "login-account-address").penalty(pairKey(username, address)),
    limiterFor(db, "login-address").penalty(address),
    limiterFor(db, "login-account").penalty(username),
  ]);
}

/** The right password: this address starts afresh for this account (the other counters keep counting). */
export async function recordSuccessfulSignIn(db: Db, username: string, address: string) {
  await limiterFor(db, "login-account-address").delete(pairKey(username, address));
}
