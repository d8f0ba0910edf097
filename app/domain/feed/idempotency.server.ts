// Idempotency-Key (docs/decisions/019): the answer to a request is stored with
// the key in the request's own transaction, so a repeat with the same body gets
// the same answer, a repeat with another body a conflict, and a failed request
// leaves nothing behind (not even its key: the sender may retry it).
import { createHash } from "node:crypto";
import type { DbTx } from "~/db/client.server";

export type StoredAnswer = { status: number; body: string };

export function requestHashOf(method: string, path: string, cleanedBody: string): string {
  return createHash("sha256").update(`${method.toUpperCase()} ${path}\n${cleanedBody}`, "utf8").digest("hex");
}

/** Printable ASCII, as the IETF draft's examples (a UUID, a hash). */
export function isIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e]{1,200}$/.test(key);
}

export async function storedAnswer(
  tx: DbTx,
  apiKeyId: number,
  key: string,
  requestHash: string,
): Promise<{ kind: "none" } | { kind: "replay"; answer: StoredAnswer } | { kind: "conflict" }> {
  const held = await tx.idempotentRequest.findUnique({ where: { apiKeyId_key: { apiKeyId, key } } });
  if (!held) return { kind: "none" };
  if (held.requestHash !== requestHash) return { kind: "conflict" };
  return { kind: "replay", answer: { status: held.status, body: held.responseBody } };
}

export async function storeAnswer(tx: DbTx, apiKeyId: number, key: string, requestHash: string, answer: StoredAnswer) {
  await tx.idempotentRequest.create({
    data: { apiKeyId, key, requestHash, status: answer.status, responseBody: answer.body },
    select: { id: true },
  });
}
