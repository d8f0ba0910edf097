// Headers every response carries — pages, single-fetch `.data`, CSV, static
// assets, errors, the CSRF refusal — set once, before anything answers.
// The Content-Security-Policy lets only scripts from this origin run, and the
// inline scripts Remix and React write into a page with this request's nonce
// (app/entry.server.tsx, app/root.tsx). Design: docs/decisions/011.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { requestScheme } from "./request-origin.server";

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    // Style *attributes* only (no <style>, no foreign sheets): the colours of markers and segments, and the
    // sizes recharts writes on its wrappers. An attribute cannot run script nor select what to read.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A year of HTTPS only, once the browser has reached us over HTTPS. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

export type ResponseLocals = { cspNonce: string };

export function securityHeaders(req: Request, res: Response<unknown, ResponseLocals>, next: NextFunction) {
  const nonce = randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
  // Over plain HTTP the header means nothing (and a proxy's word counts only with TRUST_PROXY).
  if (requestScheme(req) === "https") res.setHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  next();
}

/**
 * What the app's own answers (pages, `.data` answers, CSV, redirects, errors)
 * may be cached: nowhere. They carry guests' personal data, and a shared desk
 * PC's back button or disk cache must not show it to the next person. Only
 * Remix's route manifest (no data, versioned) keeps its own long cache.
 */
export function cacheControlFor(pathname: string, routeSaid: string | null): string {
  if (pathname === "/__manifest" && routeSaid) return routeSaid;
  return "no-store";
}

/**
 * Express middleware for everything but the static files: sets Cache-Control
 * as the headers go out, over whatever the route appended (Remix's adapter
 * appends, so a default set earlier would become a second header).
 */
export function noStore(req: Request, res: Response, next: NextFunction) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
    const routeSaid = res.getHeader("Cache-Control");
    res.setHeader("Cache-Control", cacheControlFor(req.path, routeSaid === undefined ? null : String(routeSaid)));
    return writeHead.apply(this, args);
  } as Response["writeHead"];
  next();
}
