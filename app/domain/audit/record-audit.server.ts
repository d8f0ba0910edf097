// The access register (借阅登记): one row per view, change, export, delete,
// restore, merge or purge, written in the same transaction as the change —
// and one row per read of a list of guests (recordListRead), written before
// the list is served.
import type { DbTx } from "~/db/client.server";
import type { AuditAction } from "~/db/schema";
import type { Actor } from "../actor";
import type { AuditEntity, ListRead } from "./audit-entities";

export type AuditRecord = {
  action: AuditAction;
  entity: AuditEntity;
  entityId?: number | null;
  guestId?: number | null;
  changes?: Record<string, unknown> | null;
  /**
   * The guests a list read showed, stored in `changes.shownGuestIds` (sealed
   * with the row). The database derives the AuditEntryGuest index from them
   * in the same INSERT (a trigger, migration 0010): one statement per read.
   */
  shownGuestIds?: number[];
};

export async function recordAudit(tx: DbTx, actor: Actor | null, record: AuditRecord) {
  const changes = record.shownGuestIds ? { ...record.changes, shownGuestIds: [...new Set(record.shownGuestIds)] } : record.changes;
  await tx.auditEntry.create({
    data: {
      staffId: actor?.staffId ?? null,
      ip: actor?.ip ?? null,
      apiKeyId: actor?.apiKeyId ?? null,
      action: record.action,
      entity: record.entity,
      entityId: record.entityId ?? null,
      guestId: record.guestId ?? null,
      changes: (changes ?? undefined) as object | undefined,
    },
    select: { id: true },
  });
}

/**
 * A read of a list of guests (a search, the arrivals, a page of an analytics
 * or retention list) is one VIEW row, not one per guest: what was asked (the
 * query as typed, the filters, the page) in `context`, how many guests it
 * found, and the ids of those it showed — at most a page.
 */
export async function recordListRead(
  tx: DbTx,
  actor: Actor,
  entity: ListRead,
  read: { context: Record<string, unknown>; found: number; shownGuestIds: number[] },
) {
  await recordAudit(tx, actor, {
    action: "VIEW",
    entity,
    changes: { ...read.context, found: read.found },
    shownGuestIds: read.shownGuestIds,
  });
}

/** {field: [before, after]} for the fields that differ. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>, redact: string[] = []) {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [field, next] of Object.entries(after)) {
    const prev = before[field];
    const same = JSON.stringify(prev ?? null) === JSON.stringify(next ?? null);
    if (!same) changes[field] = redact.includes(field) ? ["(redacted)", "(redacted)"] : [prev ?? null, next ?? null];
  }
  return changes;
}
