// The door of /api/v1 (docs/decisions/019): bearer API keys only — these
// routes never read the session cookie, so a browser's cookies cannot reach a
// write here (the CSRF middleware lets /api/v1 through for that reason). Every
// answer is JSON and never cached.
import { db } from "~/db/client.server";
import { apiKeyActor } from "~/domain/actor";
import { authenticateApiKey, type ApiPrincipal, type ApiScope } from "~/domain/feed/api-keys.server";
import type { FeedCaller } from "~/domain/feed/apply-feed.server";
import { isIdempotencyKey } from "~/domain/feed/idempotency.server";
import { processFeedMessage, type FeedAnswer, type RestFeedKind } from "~/domain/feed/process-message.server";
import { clientAddress } from "./client-address.server";

/** Larger bodies are refused (413) before they are read whole. */
export const MAX_BODY_BYTES = 256 * 1024;

const HEADERS = { "Cache-Control": "no-store" };

export function apiJson(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...HEADERS, ...headers },
  });
}

export function apiError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return apiJson(status, { error: { code, message } }, headers);
}

export function answerResponse(answer: FeedAnswer, contentType = "application/json; charset=utf-8") {
  return new Response(answer.body, {
    status: answer.status,
    headers: { "Content-Type": contentType, ...HEADERS, ...(answer.replayed ? { "Idempotent-Replayed": "true" } : {}) },
  });
}

/** The caller of an /api/v1 request with `scope`, or the 401/403 Response to throw. */
export async function requireApiKey(
  request: Request,
  scope: ApiScope,
  context?: unknown,
): Promise<FeedCaller & { principal: ApiPrincipal }> {
  const principal = await authenticateApiKey(db(), request.headers.get("Authorization"));
  if (!principal)
    throw apiError(401, "unauthorized", "Send a live API key: Authorization: Bearer <key>.", {
      "WWW-Authenticate": 'Bearer realm="api/v1"',
    });
  if (!principal.scopes.includes(scope)) throw apiError(403, "missingScope", `This API key lacks the scope ${scope}.`);
  return { principal, actor: apiKeyActor(principal.apiKeyId, clientAddress(request, context)) };
}

/** The body as text, at most MAX_BODY_BYTES; the Idempotency-Key, checked. */
export async function readApiRequest(request: Request): Promise<{ body: string; idempotencyKey: string | null }> {
  if (request.method !== "POST" && request.method !== "PUT")
    throw apiError(405, "methodNotAllowed", "Use POST or PUT.", { Allow: "POST, PUT" });
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw apiError(413, "tooLarge", `Bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  const body = await request.text();
  if (Buffer.byteLength(body, "utf8") > MAX_BODY_BYTES) throw apiError(413, "tooLarge", `Bodies are limited to ${MAX_BODY_BYTES} bytes.`);
  const idempotencyKey = request.headers.get("Idempotency-Key");
  if (idempotencyKey !== null && !isIdempotencyKey(idempotencyKey))
    throw apiError(400, "badIdempotencyKey", "Idempotency-Key: 1–200 printable ASCII characters.");
  return { body, idempotencyKey };
}

/** A REST feed route's action: key and scope, body, then the message. */
export async function feedRoute(request: Request, context: unknown, kind: RestFeedKind): Promise<Response> {
  try {
    const caller = await requireApiKey(request, "pms:write", context);
    const { body, idempotencyKey } = await readApiRequest(request);
    const answer = await processFeedMessage(db(), caller, kind, {
      method: request.method,
      path: new URL(request.url).pathname,
      body,
      idempotencyKey,
    });
    return answerResponse(answer);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** GET on a write-only resource. */
export function onlyWrites() {
  return apiError(405, "methodNotAllowed", "Use POST or PUT.", { Allow: "POST, PUT" });
}
