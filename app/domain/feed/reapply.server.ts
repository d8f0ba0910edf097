// Reprocessing a dead letter: the handler of its kind — a REST message or an
// OpenTravel document — as the admin who asked, not limited to a key's properties.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { FeedError } from "./feed-errors";
import { processOtaMessage } from "./opentravel.server";
import { reapplyFeedMessage } from "./process-message.server";

export async function reapplyDeadLetter(db: Db, actor: Actor, kind: string, payload: string) {
  const caller = { actor, principal: null };
  if (kind !== "ota") return reapplyFeedMessage(db, caller, kind, payload);
  const answer = await processOtaMessage(db, caller, { body: payload, idempotencyKey: null, reapply: true });
  if (!answer.outcome) throw new FeedError("unsupportedMessage", answer.xml.slice(0, 500));
  return { id: 0, guestId: answer.guestId ?? null, outcome: answer.outcome };
}
