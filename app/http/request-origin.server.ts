// This request's own origin (scheme, host, port) as the browser addressed it:
// the Host header and the socket's TLS — and, only when TRUST_PROXY trusts
// the peer that connected, the proxy's X-Forwarded-Proto and X-Forwarded-Host.
// Anyone can send X-Forwarded-* headers; from anyone else they mean nothing.
import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { NextFunction, Request, Response } from "express";
import { isTrustedProxy } from "./client-address.server";

/** A host header value: name or IP literal, optional port; nothing that could smuggle a path or user. */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const first = value?.split(",")[0]?.trim();
  return first || undefined;
}

function viaTrustedProxy(req: IncomingMessage): boolean {
  return isTrustedProxy(req.socket.remoteAddress);
}

/** "https" when the browser spoke HTTPS: to us directly, or to a trusted proxy that says so. */
export function requestScheme(req: IncomingMessage): "http" | "https" {
  const forwarded = viaTrustedProxy(req) ? firstValue(req.headers["x-forwarded-proto"])?.toLowerCase() : undefined;
  if (forwarded === "https" || forwarded === "http") return forwarded;
  return (req.socket as TLSSocket).encrypted ? "https" : "http";
}

/** The origin the browser sent this request to ("http://localhost:3000"), or null without a usable Host. */
export function ownOrigin(req: IncomingMessage): string | null {
  const host = (viaTrustedProxy(req) ? firstValue(req.headers["x-forwarded-host"]) : undefined) ?? firstValue(req.headers.host);
  if (!host || !HOST.test(host)) return null;
  try {
    return new URL(`${requestScheme(req)}://${host}`).origin;
  } catch {
    return null;
  }
}

/**
 * Drops X-Forwarded-Host unless a trusted proxy sent it. Remix reads it
 * unconditionally — for the request URL's port and for its own Origin check
 * of document POSTs, whose refusal is a 500 — so a client must not be able to
 * make Remix disagree with ownOrigin().
 */
export function ignoreUntrustedForwardedHost(req: Request, _res: Response, next: NextFunction) {
  if (req.headers["x-forwarded-host"] !== undefined && !viaTrustedProxy(req)) delete req.headers["x-forwarded-host"];
  next();
}
