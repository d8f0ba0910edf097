// The access register is tamper-evident. Rows are written as they happen,
// in the same transaction as the change (record-audit.server.ts); a sealer
// (the "audit-seal" job every few minutes, and `npm run audit -- seal`) then
// walks the unsealed rows in id order and gives each
//   digest = sha256(canonical content of the row)
//   hash   = sha256(previous sealed row's hash + digest).
// `npm run audit -- verify` recomputes both. A row removed, inserted, reordered
// or edited after sealing breaks the chain or its digest; the one lawful change
// — erasure, which blanks the `changes` of an erased guest's rows — keeps the
// stored digest in the chain and is reported as such, not as tampering.
// Rows are sealed only once they are a minute old, so that a transaction still
// in flight (its row has a lower id but commits later) is never skipped.
import { createHash } from "node:crypto";
import type { Db } from "~/db/client.server";
import { lockNamed } from "~/db/sql.server";

export const GENESIS = "guest-archive access register";
const SEAL_BATCH = 500;
const SETTLE_MS = 60_000;

type Row = {
  id: number;
  at: Date;
  staffId: number | null;
  action: string;
  entity: string;
  entityId: number | null;
  guestId: number | null;
  changes: unknown;
  ip: string | null;
  apiKeyId: number | null;
  digest: string | null;
  hash: string | null;
};

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** JSON with object keys sorted: the same text for the same value on SQLite (text) and PostgreSQL (jsonb). */
function canonical(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object")
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

export function digestOf(row: Omit<Row, "digest" | "hash">): string {
  const content: unknown[] = [
    row.id,
    row.at.toISOString(),
    row.staffId,
    row.action,
    row.entity,
    row.entityId,
    row.guestId,
    row.changes ?? null,
    row.ip,
  ];
  // An API key actor (migration 0014) is sealed too; rows without one keep the digest they were sealed with.
  if (row.apiKeyId != null) content.push(row.apiKeyId);
  return sha256(canonical(content));
}

export const chainHash = (previous: string, digest: string) => sha256(`${previous}\n${digest}`);

/** Seals every settled unsealed row; returns how many. Safe to run in several processes at once. */
export async function sealAuditRegister(db: Db, options: { now?: Date } = {}): Promise<{ sealed: number }> {
  const settledBefore = new Date((options.now ?? new Date()).getTime() - SETTLE_MS);
  let sealed = 0;
  for (;;) {
    const count = await db.$transaction(async (tx) => {
      await lockNamed(tx, "audit-chain");
      const last = await tx.auditEntry.findFirst({
        where: { hash: { not: null } },
        orderBy: { id: "desc" },
        select: { id: true, hash: true },
      });
      const rows = await tx.auditEntry.findMany({
        where: { hash: null, id: { gt: last?.id ?? 0 }, at: { lt: settledBefore } },
        orderBy: { id: "asc" },
        take: SEAL_BATCH,
      });
      let previous = last?.hash ?? GENESIS;
      for (const row of rows) {
        const digest = digestOf(row);
        const hash = chainHash(previous, digest);
        await tx.auditEntry.update({ where: { id: row.id }, data: { digest, hash } });
        previous = hash;
      }
      return rows.length;
    });
    sealed += count;
    if (count < SEAL_BATCH) return { sealed };
  }
}

export type AuditVerdict = {
  sealed: number;
  /** Rows newer than the last sealed one, waiting for the sealer. */
  unsealed: number;
  /** Sealed rows whose `changes` erasure blanked (the guest was purged or erased). */
  erased: number;
  broken: { id: number; reason: string }[];
};

/** Recomputes the chain and every digest from the first row. */
export async function verifyAuditRegister(db: Db): Promise<AuditVerdict> {
  const purged = new Set(
    (
      await db.auditEntry.findMany({ where: { action: "PURGE", guestId: { not: null } }, select: { guestId: true }, distinct: ["guestId"] })
    ).map((r) => r.guestId!),
  );
  const verdict: AuditVerdict = { sealed: 0, unsealed: 0, erased: 0, broken: [] };
  let previous = GENESIS;
  let unsealedBeforeSealed: number[] = [];
  let cursor = 0;
  for (;;) {
    const rows: Row[] = await db.auditEntry.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: 2000 });
    if (!rows.length) break;
    for (const row of rows) {
      cursor = row.id;
      if (!row.hash || !row.digest) {
        verdict.unsealed++;
        unsealedBeforeSealed.push(row.id);
        continue;
      }
      // A sealed row after unsealed ones: those were slipped in after sealing (or their seal removed).
      for (const id of unsealedBeforeSealed) verdict.broken.push({ id, reason: "not sealed, although a later row is" });
      verdict.unsealed -= unsealedBeforeSealed.length;
      unsealedBeforeSealed = [];
      verdict.sealed++;
      if (chainHash(previous, row.digest) !== row.hash)
        verdict.broken.push({
          id: row.id,
          reason: "the chain is broken here: a row before it was removed or inserted, or this row's seal was changed",
        });
      else if (digestOf(row) !== row.digest) {
        if (row.changes === null && row.guestId !== null && purged.has(row.guestId)) verdict.erased++;
        else verdict.broken.push({ id: row.id, reason: "its content was changed after it was sealed" });
      }
      previous = row.hash;
    }
  }
  return verdict;
}
