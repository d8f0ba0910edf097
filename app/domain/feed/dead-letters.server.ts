// Feed messages that could not be applied, kept with their error (card numbers
// already removed) until an admin has fixed the cause and reprocesses them.
// A sender retrying the same message adds an attempt, not another letter.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { NotFoundError } from "../errors";
import { FeedError, type FeedErrorCode } from "./feed-errors";

export type DeadLetterInput = { apiKeyId: number | null; kind: string; payload: string; errorCode: FeedErrorCode; error: string };

export async function keepDeadLetter(db: Db, letter: DeadLetterInput): Promise<number> {
  return db.$transaction(async (tx) => {
    const same = await tx.deadLetter.findFirst({
      where: { resolvedAt: null, kind: letter.kind, payload: letter.payload, apiKeyId: letter.apiKeyId },
      select: { id: true },
    });
    if (same) {
      await tx.deadLetter.update({
        where: { id: same.id },
        data: { attempts: { increment: 1 }, errorCode: letter.errorCode, error: letter.error },
      });
      return same.id;
    }
    const created = await tx.deadLetter.create({ data: letter, select: { id: true } });
    return created.id;
  });
}

const PAGE = 50;

export async function listDeadLetters(db: Db, { resolved = false, page = 1 }: { resolved?: boolean; page?: number } = {}) {
  const where = resolved ? { resolvedAt: { not: null } } : { resolvedAt: null };
  const [letters, total] = await Promise.all([
    db.deadLetter.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * PAGE, take: PAGE }),
    db.deadLetter.count({ where }),
  ]);
  return { letters, total, page, pageSize: PAGE };
}

/** Applies a message again: `apply` is the feed handler of its kind. Resolves it, or records the new error. */
export async function reprocessDeadLetter(
  db: Db,
  actor: Actor,
  deadLetterId: number,
  apply: (kind: string, payload: string) => Promise<{ id: number; guestId: number | null; outcome: string }>,
): Promise<{ resolved: true; outcome: string } | { resolved: false; errorCode: FeedErrorCode; error: string }> {
  const letter = await db.deadLetter.findUnique({ where: { id: deadLetterId } });
  if (!letter) throw new NotFoundError("Dead letter");
  if (letter.resolvedAt) return { resolved: true, outcome: "unchanged" };
  try {
    const result = await apply(letter.kind, letter.payload);
    await db.$transaction(async (tx) => {
      await tx.deadLetter.update({ where: { id: letter.id }, data: { resolvedAt: new Date() } });
      await recordAudit(tx, actor, {
        action: "UPDATE",
        entity: "DeadLetter",
        entityId: letter.id,
        guestId: result.guestId,
        changes: { reprocessed: true, outcome: result.outcome, kind: letter.kind },
      });
    });
    return { resolved: true, outcome: result.outcome };
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    await db.deadLetter.update({
      where: { id: letter.id },
      data: { attempts: { increment: 1 }, errorCode: error.code, error: error.message },
    });
    return { resolved: false, errorCode: error.code, error: error.message };
  }
}
