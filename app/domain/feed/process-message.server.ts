// One feed message from its text to its answer: card numbers out, JSON parsed,
// validated by its schema, applied in one transaction with its Idempotency-Key
// answer; a message that cannot be applied becomes a dead letter. The REST
// routes, the OpenTravel route and the reprocessing of dead letters all go
// through here.
import type { Db, DbTx } from "~/db/client.server";
import { translate } from "~/i18n/i18n";
import type { z } from "zod/v4";
import { recordAudit } from "../audit/record-audit.server";
import type { AuditEntity } from "../audit/audit-entities";
import { removeCardNumbers } from "./card-numbers";
import { keepDeadLetter } from "./dead-letters.server";
import { FeedError, PropertyNotAllowedError } from "./feed-errors";
import { chargeMessage, guestProfileMessage, reservationMessage, surveyMessage } from "./feed-schemas";
import { postCharge, postSurvey, upsertGuestProfile, upsertReservation, type FeedCaller, type FeedResult } from "./apply-feed.server";
import { storeAnswer, storedAnswer, requestHashOf, type StoredAnswer } from "./idempotency.server";

type Handler<S extends z.ZodType> = {
  schema: S;
  entity: AuditEntity;
  apply: (tx: DbTx, caller: FeedCaller, message: z.output<S>) => Promise<FeedResult>;
};
const handler = <S extends z.ZodType>(h: Handler<S>) => h;

export const FEED_HANDLERS = {
  guest: handler({ schema: guestProfileMessage, entity: "Guest", apply: upsertGuestProfile }),
  stay: handler({ schema: reservationMessage, entity: "Stay", apply: upsertReservation }),
  charge: handler({ schema: chargeMessage, entity: "Charge", apply: postCharge }),
  survey: handler({ schema: surveyMessage, entity: "Survey", apply: postSurvey }),
};
export type RestFeedKind = keyof typeof FEED_HANDLERS;

export type FieldIssue = { path: string; message: string };

export type FeedAnswer = StoredAnswer & { replayed?: boolean };

const json = (status: number, body: unknown): FeedAnswer => ({ status, body: JSON.stringify(body) });

export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.join(".") || "(body)",
    message: issue.message.startsWith("error.") ? translate("en", issue.message) : issue.message,
  }));
}

/** Parses and validates; an answer (400/422) when the message is not one of its kind. */
export function parseFeedMessage(kind: RestFeedKind, text: string, cardNumbersRemoved = 0): { message: unknown } | { answer: FeedAnswer } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    // A card number sent as a bare JSON number leaves no valid JSON once removed: refused, not stored.
    if (cardNumbersRemoved)
      return { answer: json(422, { error: { code: "cardNumberRefused", message: "The body holds a payment card number as a number." } }) };
    return { answer: json(400, { error: { code: "malformedJson", message: "The body is not JSON." } }) };
  }
  const parsed = FEED_HANDLERS[kind].schema.safeParse(body);
  if (!parsed.success)
    return {
      answer: json(422, { error: { code: "invalid", message: "The message has invalid fields.", issues: fieldIssuesOf(parsed.error) } }),
    };
  return { message: parsed.data };
}

const MAX_ATTEMPTS = 4;
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

/**
 * Runs `apply` in one transaction with the Idempotency-Key's answer. Two
 * senders creating the same record at once: one wins the unique key, the other
 * is run again and finds it.
 */
export async function applyOnce(
  db: Db,
  caller: FeedCaller,
  idempotency: { key: string; requestHash: string } | null,
  apply: (tx: DbTx) => Promise<FeedAnswer>,
): Promise<FeedAnswer> {
  const apiKeyId = caller.principal?.apiKeyId ?? null;
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        if (idempotency && apiKeyId !== null) {
          const held = await storedAnswer(tx, apiKeyId, idempotency.key, idempotency.requestHash);
          if (held.kind === "replay") return { ...held.answer, replayed: true };
          if (held.kind === "conflict")
            return json(409, { error: { code: "idempotencyKeyReused", message: "This Idempotency-Key was used with another request." } });
        }
        const answer = await apply(tx);
        if (idempotency && apiKeyId !== null) await storeAnswer(tx, apiKeyId, idempotency.key, idempotency.requestHash, answer);
        return answer;
      });
    } catch (error) {
      if (isUniqueViolation(error) && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}

/** What a refused message is answered; a FeedError also becomes a dead letter. */
export async function refusalOf(db: Db, caller: FeedCaller, kind: string, cleaned: string, error: unknown): Promise<FeedAnswer> {
  if (error instanceof PropertyNotAllowedError) return json(403, { error: { code: "propertyNotAllowed", message: error.message } });
  if (!(error instanceof FeedError)) throw error;
  const deadLetterId = await keepDeadLetter(db, {
    apiKeyId: caller.principal?.apiKeyId ?? null,
    kind,
    payload: cleaned,
    errorCode: error.code,
    error: error.message,
  });
  return json(422, { error: { code: error.code, message: error.message }, deadLetterId });
}

/** A REST message of `kind` (its body as received) to its answer. */
export async function processFeedMessage(
  db: Db,
  caller: FeedCaller,
  kind: RestFeedKind,
  request: { method: string; path: string; body: string; idempotencyKey: string | null },
): Promise<FeedAnswer> {
  const { text: cleaned, removed } = removeCardNumbers(request.body);
  const parsed = parseFeedMessage(kind, cleaned, removed);
  if ("answer" in parsed) return parsed.answer;
  const idempotency = request.idempotencyKey
    ? { key: request.idempotencyKey, requestHash: requestHashOf(request.method, request.path, cleaned) }
    : null;
  const { apply, entity } = FEED_HANDLERS[kind] as Handler<z.ZodType>;
  try {
    return await applyOnce(db, caller, idempotency, async (tx) => {
      const result = await apply(tx, caller, parsed.message);
      if (result.outcome === "stale" || result.outcome === "unchanged")
        // Nothing changed, but the answer names the guest's record: the call is in the register as a read.
        await recordAudit(tx, caller.actor, {
          action: "VIEW",
          entity,
          entityId: result.id,
          guestId: result.guestId,
          changes: { feed: kind, outcome: result.outcome },
        });
      return json(result.outcome === "created" ? 201 : 200, {
        ...result,
        ...(removed ? { cardNumbersRemoved: removed } : {}),
      });
    });
  } catch (error) {
    return refusalOf(db, caller, kind, cleaned, error);
  }
}

/** Applies a dead letter's message again (by an admin: no key's property limit). */
export async function reapplyFeedMessage(db: Db, caller: FeedCaller, kind: string, payload: string) {
  if (!(kind in FEED_HANDLERS)) throw new FeedError("unsupportedMessage", `No handler for ${kind} messages`);
  const parsed = parseFeedMessage(kind as RestFeedKind, payload);
  if ("answer" in parsed) throw new FeedError("unsupportedMessage", parsed.answer.body);
  const { apply } = FEED_HANDLERS[kind as RestFeedKind] as Handler<z.ZodType>;
  return db.$transaction((tx) => apply(tx, caller, parsed.message));
}
