// Cookie sessions and the checks every route makes: who is signed in, and may
// their role do this?
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { db } from "~/db/client.server";
import { can, type Permission, type RoleName } from "./permissions";

const isProduction = process.env.NODE_ENV === "production";

function sessionSecret(): string {
  const secret = process.env.SESSION_SECRET;
  if (secret && secret.length >= 16) return secret;
  if (isProduction) {
    throw new Error("SESSION_SECRET (at least 16 characters) must be set in production.");
  }
  return "dev-only-secret-not-for-production";
}

type SessionData = { staffId: number };
let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined;
function sessionStorage() {
  storage ??= createCookieSessionStorage<SessionData>({
    cookie: {
      name: "ga_session",
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      // Per request, see secureCookies(): Secure over HTTPS (or behind a proxy that says so).
      secure: false,
      secrets: [sessionSecret()],
      maxAge: 60 * 60 * 12,
    },
  });
  return storage;
}

export type SignedInStaff = {
  id: number;
  username: string;
  displayName: string;
  role: RoleName;
  department: string;
  propertyId: number | null;
};

export function clientIp(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0].trim() || "local";
}

export async function getSession(request: Request) {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

export async function getStaff(request: Request): Promise<SignedInStaff | null> {
  const session = await getSession(request);
  const staffId = session.get("staffId");
  if (typeof staffId !== "number") return null;
  const staff = await db().staff.findFirst({
    where: { id: staffId, active: true },
    select: { id: true, username: true, displayName: true, role: true, department: true, propertyId: true },
  });
  return staff;
}

/** The signed-in staff member, or a redirect to the login page. */
export async function requireStaff(request: Request, permission?: Permission): Promise<SignedInStaff> {
  const staff = await getStaff(request);
  if (!staff) {
    const url = new URL(request.url);
    const redirectTo = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  }
  if (permission && !can(staff.role, permission)) {
    throw new Response("Forbidden", { status: 403 });
  }
  return staff;
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

export async function createStaffSession(request: Request, staffId: number, redirectTo: string) {
  const session = await getSession(request);
  session.set("staffId", staffId);
  return redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": await sessionStorage().commitSession(session, { secure: secureCookies(request) }) },
  });
}

export async function destroyStaffSession(request: Request) {
  const session = await getSession(request);
  return redirect("/login", {
    headers: { "Set-Cookie": await sessionStorage().destroySession(session) },
  });
}

/** Only same-site paths: never redirect to another host after login. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  return to;
}

/** The staff member as the domain sees an actor (for audit rows). */
export function actorOf(staff: SignedInStaff, request: Request) {
  return { staffId: staff.id, role: staff.role, ip: clientIp(request) };
}
