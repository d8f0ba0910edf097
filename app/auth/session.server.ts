// The session cookie and the checks every route makes: who is signed in, and
// may their role do this? The cookie holds only a random id; the session
// itself is a row in the database (staff-sessions.server.ts, docs/decisions/010).
import { createCookie, redirect } from "@remix-run/node";
import { db } from "~/db/client.server";
import { clientAddress } from "~/http/client-address.server";
import { can, type Permission, type RoleName } from "./permissions";
import { findLiveSession } from "./staff-sessions.server";

export const CHANGE_PASSWORD_PATH = "/account/password";

// No Max-Age here: each Set-Cookie carries the session's own absolute expiry.
const sessionCookie = createCookie("ga_session", { httpOnly: true, sameSite: "lax", path: "/" });

export type SignedInStaff = {
  id: number;
  username: string;
  displayName: string;
  role: RoleName;
  department: string;
  propertyId: number | null;
  /** Signed in with a one-time password: must choose their own before anything else. */
  mustChangePassword: boolean;
  sessionId: number;
  /** This request's client address when the server told us, else the one the session signed in from. */
  address: string;
};

export type AuthOptions = {
  /** Remix's load context: carries the socket's address (see clientAddress). */
  context?: unknown;
  /** The clock (tests). */
  now?: Date;
  /** The change-password page itself (and sign-out) stay reachable with a one-time password. */
  allowPasswordChange?: boolean;
};

/** The session id the browser sent, if any. */
export async function sessionTokenOf(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value ? value : null;
}

export async function getStaff(request: Request, options: AuthOptions = {}): Promise<SignedInStaff | null> {
  const token = await sessionTokenOf(request);
  if (!token) return null;
  const session = await findLiveSession(db(), token, options.now);
  if (!session) return null;
  const { staff } = session;
  return {
    id: staff.id,
    username: staff.username,
    displayName: staff.displayName,
    role: staff.role,
    department: staff.department,
    propertyId: staff.propertyId,
    mustChangePassword: staff.mustChangePassword,
    sessionId: session.id,
    address: options.context ? clientAddress(request, options.context) : (session.ipAddress ?? clientAddress(request)),
  };
}

/**
 * The signed-in staff member, or a redirect to the login page (a stale cookie
 * is cleared on the way). With a one-time password, every page but the
 * change-password page redirects there.
 */
export async function requireStaff(request: Request, permission?: Permission, options: AuthOptions = {}): Promise<SignedInStaff> {
  const staff = await getStaff(request, options);
  if (!staff) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    const stale = await sessionTokenOf(request);
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`, {
      headers: stale ? { "Set-Cookie": await clearSessionCookie() } : undefined,
    });
  }
  if (staff.mustChangePassword && !options.allowPasswordChange) throw redirect(changePasswordUrl(request));
  if (permission && !can(staff.role, permission)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return staff;
}

/** The change-password page, coming back to where the user wanted to go. */
export function changePasswordUrl(request: Request): string {
  const url = new URL(request.url);
  const back = safeRedirect(url.searchParams.get("redirectTo") ?? url.pathname + url.search, "/guests");
  return back === CHANGE_PASSWORD_PATH || back === "/guests"
    ? CHANGE_PASSWORD_PATH
    : `${CHANGE_PASSWORD_PATH}?redirectTo=${encodeURIComponent(back)}`;
}

/**
 * Whether the session cookie is marked Secure: whenever the request came over
 * HTTPS (directly, or behind a proxy sending X-Forwarded-Proto: https);
 * COOKIE_SECURE=true/false overrides. A Secure cookie sent back over plain
 * HTTP is dropped by browsers, and nobody could sign in to a local install.
 */
export function secureCookies(request: Request): boolean {
  if (process.env.COOKIE_SECURE === "true") return true;
  if (process.env.COOKIE_SECURE === "false") return false;
  const https = new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto")?.split(",")[0].trim() === "https";
  return https;
}

/** Set-Cookie for a new session id, expiring with the session. */
export async function sessionCookieHeader(request: Request, token: string, expiresAt: Date): Promise<string> {
  return sessionCookie.serialize(token, { expires: expiresAt, secure: secureCookies(request) });
}

export async function clearSessionCookie(): Promise<string> {
  return sessionCookie.serialize("", { expires: new Date(0), maxAge: 0 });
}

/**
 * Only paths of this site: never `//host`, `/\host`, a backslash or control
 * character anywhere, or anything that resolves to another origin.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  // Browsers read "\" as "/" (so "/\evil.example" is another host) and drop tabs and newlines.
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(to)) return fallback;
  const base = "http://guest-archive.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return url.pathname + url.search + url.hash;
}

/** The staff member as the domain sees an actor (for audit rows). */
export function actorOf(staff: SignedInStaff, _request?: Request) {
  return { staffId: staff.id, role: staff.role, ip: staff.address };
}
