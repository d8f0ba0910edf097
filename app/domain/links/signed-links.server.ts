// Links that work without signing in (unsubscribe, post-stay survey): a
// payload and its HMAC, so a link cannot be forged or altered for another
// guest. Each kind of link has its own payload shape, so one kind's token is
// never read as another's.
import { createHmac, timingSafeEqual } from "node:crypto";

function secret(): string {
  const key = process.env.UNSUBSCRIBE_SECRET ?? process.env.SESSION_SECRET;
  if (!key && process.env.NODE_ENV === "production") throw new Error("UNSUBSCRIBE_SECRET or SESSION_SECRET must be set in production.");
  return key ?? "dev-only-unsubscribe-secret";
}

function sign(payload: string) {
  return createHmac("sha256", secret()).update(payload).digest("base64url").slice(0, 32);
}

/** `<payload in base64url>.<signature>` */
export function signedToken(payload: string): string {
  return `${Buffer.from(payload).toString("base64url")}.${sign(payload)}`;
}

/** The payload of a token whose signature holds, or null. */
export function readSignedToken(token: string): string | null {
  const [encoded, signature, extra] = token.split(".");
  if (!encoded || !signature || extra !== undefined) return null;
  const payload = Buffer.from(encoded, "base64url").toString("utf8");
  const expected = sign(payload);
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return null;
  return payload;
}

/** The app's public address for links in e-mails (APP_URL, else this host and port). */
export function publicUrl(path: string): string {
  const base = (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
  return `${base}${path}`;
}
