// Cross-site request forgery: a state change (any method but GET, HEAD,
// OPTIONS) is done only when the browser says it comes from this app's own
// pages. Sec-Fetch-Site decides when present (only "same-origin"; a sibling
// subdomain is "same-site" and refused); without it, Origin must be this
// request's own origin; with neither, nothing is changed. Remix checks the
// Origin of document POSTs only, and answers its own refusal with a 500.
// Design: docs/decisions/011.
import type { NextFunction, Request, Response } from "express";
import { encode } from "turbo-stream";
import { escapeHtml } from "../domain/safe-text";
import { translate, type Locale } from "../i18n/i18n";
import { localeOfHeaders } from "../i18n/locale.server";
import { ownOrigin } from "./request-origin.server";
import { log } from "./log.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Routes that authenticate by a token in the URL or header and read no cookie, so a
 * forged request gains nothing the sender did not already hold. Mail
 * providers POST to the unsubscribe link from their servers (RFC 8058
 * one-click), without Origin or Sec-Fetch-Site.
 */
const TOKEN_ROUTES = [
  /^\/unsubscribe\/[^/]+\/?$/,
  // The PMS feed: an API key in the Authorization header, which a browser never adds to a
  // cross-site request (and these routes answer no CORS preflight); the session cookie is never read.
  /^\/api\/v1\//,
];

export type CrossSiteVerdict = { allowed: true } | { allowed: false; reason: string };

/** Whether a request may change anything, from what the browser tells about where it comes from. */
export function crossSiteVerdict(request: {
  method: string;
  path: string;
  secFetchSite?: string;
  origin?: string;
  ownOrigin: string | null;
}): CrossSiteVerdict {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { allowed: true };
  if (TOKEN_ROUTES.some((route) => route.test(request.path))) return { allowed: true };
  const { secFetchSite, origin } = request;
  if (secFetchSite !== undefined) {
    // "none" is a user-typed navigation, which never POSTs; "same-site" is another origin.
    if (secFetchSite.toLowerCase() !== "same-origin") return { allowed: false, reason: `Sec-Fetch-Site: ${secFetchSite}` };
    // The browser knows where the page came from. An Origin that names another host as well is
    // a forgery or a proxy that rewrites Host — and would be Remix's 500; compare as Remix does.
    if (origin !== undefined && hostOf(origin) !== hostOf(request.ownOrigin))
      return { allowed: false, reason: `Origin ${origin} is not ${request.ownOrigin ?? "this host"}` };
    return { allowed: true };
  }
  if (origin !== undefined) {
    if (request.ownOrigin !== null && origin.toLowerCase() === request.ownOrigin) return { allowed: true };
    return { allowed: false, reason: `Origin ${origin} is not ${request.ownOrigin ?? "this host"}` };
  }
  return { allowed: false, reason: "neither Sec-Fetch-Site nor Origin" };
}

function hostOf(origin: string | null): string | null {
  if (origin === null || origin === "null") return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A request of Remix's own client (single fetch): `/guests/7.data`, `/_root.data`. */
export function isSingleFetchRequest(path: string): boolean {
  return path.endsWith(".data");
}

/** JSON for the API and clients that ask for it; a page for everyone else. */
function wantsJson(req: Request): boolean {
  return req.path.startsWith("/api/") || req.accepts(["html", "json"]) === "json";
}

/** What single fetch throws for a refused action: a 403 error response, shown by the route's error boundary. */
class Refusal {
  constructor(readonly data: { error: string; messageKey: string }) {}
}

/** The refusal as Remix's client decodes an action's answer: turbo-stream of `{ error }`. */
async function singleFetchRefusal(data: Refusal["data"]): Promise<string> {
  const stream = encode(
    { error: new Refusal(data) },
    { plugins: [(value) => (value instanceof Refusal ? ["ErrorResponse", value.data, 403, "Forbidden"] : undefined)] },
  );
  return new Response(stream).text();
}

/** Both languages, the reader's first: the refusal may come before any page told us who they are. */
function refusalPage(locale: Locale): string {
  const order: Locale[] = locale === "zh-CN" ? ["zh-CN", "en"] : ["en", "zh-CN"];
  const title = order.map((l) => translate(l, "csrf.title")).join(" · ");
  const sections = order
    .map(
      (l) =>
        `<section lang="${l}"><h1>${escapeHtml(translate(l, "csrf.title"))}</h1><p>${escapeHtml(translate(l, "csrf.refused"))}</p>` +
        `<p><a href="/guests">${escapeHtml(translate(l, "nav.backToSearch"))}</a></p></section>`,
    )
    .join("\n");
  return `<!DOCTYPE html>\n<html lang="${order[0]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>\n<body>\n${sections}\n</body></html>\n`;
}

/** Express middleware: refuses a cross-site state change with a 403 before Remix sees it. */
export async function refuseCrossSiteRequests(req: Request, res: Response, next: NextFunction) {
  const verdict = crossSiteVerdict({
    method: req.method,
    path: req.path,
    secFetchSite: header(req, "sec-fetch-site"),
    origin: header(req, "origin"),
    ownOrigin: ownOrigin(req),
  });
  if (verdict.allowed) return next();
  try {
    log.warn(
      { requestId: res.locals.requestId, method: req.method, path: req.path.slice(0, 200), reason: verdict.reason.slice(0, 300) },
      "cross-site request refused",
    );
    const locale = await localeOfHeaders(header(req, "cookie"), header(req, "accept-language"));
    res.status(403);
    const refusal = { error: translate(locale, "csrf.refused"), messageKey: "csrf.refused" };
    if (isSingleFetchRequest(req.path)) {
      res.type("text/x-script").send(await singleFetchRefusal(refusal));
    } else if (wantsJson(req)) {
      res.json(refusal);
    } else {
      res.type("html").send(refusalPage(locale));
    }
  } catch (error) {
    next(error);
  }
}
