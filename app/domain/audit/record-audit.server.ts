// The access register (借阅登记): one row per view, change, export, delete,
// restore, merge or purge, written in the same transaction as the change.
import type { DbTx } from "~/db/client.server";
import type { AuditAction } from "~/db/schema";
import type { Actor } from "../actor";

export type AuditRecord = {
  action: AuditAction;
  entity: string;
  entityId?: number | null;
  guestId?: number | null;
  changes?: Record<string, unknown> | null;
};

export async function recordAudit(tx: DbTx, actor: Actor | null, record: AuditRecord) {
  await tx.auditEntry.create({
    data: {
      staffId: actor?.staffId ?? null,
      ip: actor?.ip ?? null,
      action: record.action,
      entity: record.entity,
      entityId: record.entityId ?? null,
      guestId: record.guestId ?? null,
      changes: (record.changes ?? undefined) as object | undefined,
    },
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
