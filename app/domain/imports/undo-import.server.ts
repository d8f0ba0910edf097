// Undoing an import as one action, within IMPORT_UNDO_DAYS of its end: what it
// created is deleted, what it updated is put back as it was — exactly, from
// its row outcomes. A record someone changed since (a newer version, a stay or
// charge added to an imported guest) is not the import's to take back: the
// undo is then refused whole, naming the lines, and nothing is changed.
import type { Db, DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { DomainError } from "../errors";
import { applyGuestEdit } from "../guests/save-guest.server";
import type { GuestBefore } from "./apply-guest-row.server";

export class ImportUndoRefusedError extends DomainError {
  constructor(
    messageKey: "imports.error.notUndoable" | "imports.error.undoWindow" | "imports.error.changedSince",
    readonly lines: number[] = [],
  ) {
    super(messageKey, lines.length ? `Changed since the import: lines ${lines.slice(0, 20).join(", ")}` : messageKey);
  }
}

type Outcome = {
  id: number;
  line: number;
  outcome: string;
  entity: string | null;
  entityId: number | null;
  version: number | null;
  before: unknown;
};

async function changedSince(tx: DbTx, o: Outcome): Promise<boolean> {
  if (o.entity === "Guest") {
    const guest = await tx.guest.findUnique({
      where: { id: o.entityId! },
      select: { version: true, deletedAt: true, _count: { select: { stays: true, charges: true } } },
    });
    if (!guest) return o.outcome !== "CREATED" && o.outcome !== "REVIEW";
    const created = o.outcome === "CREATED" || o.outcome === "REVIEW";
    return guest.version !== o.version || guest.deletedAt !== null || (created && guest._count.stays + guest._count.charges > 0);
  }
  return false;
}

async function undoOne(tx: DbTx, actor: Actor, runId: number, o: Outcome) {
  const reason = { reason: "import undone", importRunId: runId };
  if (o.entity === "Guest") {
    if (o.outcome === "CREATED" || o.outcome === "REVIEW") {
      const gone = await tx.guest.deleteMany({ where: { id: o.entityId! } });
      if (gone.count)
        await recordAudit(tx, actor, { action: "DELETE", entity: "Guest", entityId: o.entityId, guestId: o.entityId, changes: reason });
      return;
    }
    const before = o.before as GuestBefore;
    await applyGuestEdit(tx, actor, o.entityId!, { ...before.input, version: o.version! });
    await tx.guest.update({
      where: { id: o.entityId! },
      data: {
        source: before.source,
        externalId: before.externalId,
        sourceModifiedAt: before.sourceModifiedAt ? new Date(before.sourceModifiedAt) : null,
        ...(before.hadIdDocument ? {} : { idDocumentType: null, idDocumentCipher: null, idDocumentLast4: null }),
      },
    });
    return;
  }
  if (o.entity === "Stay") {
    const stay = await tx.stay.findUnique({ where: { id: o.entityId! }, select: { guestId: true } });
    if (!stay) return;
    if (o.outcome === "CREATED") await tx.stay.delete({ where: { id: o.entityId! } });
    else await tx.stay.update({ where: { id: o.entityId! }, data: o.before as object });
    await recordAudit(tx, actor, {
      action: o.outcome === "CREATED" ? "DELETE" : "UPDATE",
      entity: "Stay",
      entityId: o.entityId,
      guestId: stay.guestId,
      changes: reason,
    });
    return;
  }
  const charge = await tx.charge.findUnique({ where: { id: o.entityId! }, select: { guestId: true } });
  if (!charge) return;
  await tx.charge.delete({ where: { id: o.entityId! } });
  await recordAudit(tx, actor, { action: "DELETE", entity: "Charge", entityId: o.entityId, guestId: charge.guestId, changes: reason });
}

export async function undoImport(db: Db, actor: Actor, runId: number, now: Date = new Date()) {
  return db.$transaction(
    async (tx) => {
      const run = await tx.importRun.findUnique({ where: { id: runId } });
      if (!run || run.dryRun || run.status !== "DONE") throw new ImportUndoRefusedError("imports.error.notUndoable");
      if (!run.undoUntil || run.undoUntil < now) throw new ImportUndoRefusedError("imports.error.undoWindow");
      const outcomes: Outcome[] = await tx.importRowOutcome.findMany({
        where: { runId, entityId: { not: null }, outcome: { in: ["CREATED", "REVIEW", "UPDATED", "LINKED"] } },
        orderBy: { line: "desc" },
        select: { id: true, line: true, outcome: true, entity: true, entityId: true, version: true, before: true },
      });
      const undoable = outcomes.filter((o) => o.outcome === "CREATED" || o.outcome === "REVIEW" || o.before != null);
      const changed: number[] = [];
      for (const o of undoable) if (await changedSince(tx, o)) changed.push(o.line);
      if (changed.length)
        throw new ImportUndoRefusedError(
          "imports.error.changedSince",
          changed.sort((a, b) => a - b),
        );
      for (const o of undoable) await undoOne(tx, actor, runId, o);
      await tx.importRun.update({ where: { id: runId }, data: { status: "UNDONE", undoneAt: now, undoneById: actor.staffId } });
      await recordAudit(tx, actor, { action: "DELETE", entity: "ImportRun", entityId: runId, changes: { undone: undoable.length } });
      return { undone: undoable.length };
    },
    { timeout: 60 * 60_000, maxWait: 30_000 },
  );
}
