// Running an import (docs/decisions/020): the file streamed in batches, each
// batch one transaction holding its rows' changes, their outcomes, the run's
// counters and its checkpoint — so a crash loses only the batch in flight and
// the next run of the same file resumes after the checkpoint, never doing a
// row twice. A dry run is the same code in one transaction that is rolled back
// at the end (`inWriteScope`, the one place the two differ), so its counts are
// the import's.
import { createHash } from "node:crypto";
import type { Db, DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { todayIn } from "../calendar/occasions";
import { chainHome } from "../properties/chain-clock.server";
import { applyGuestRow } from "./apply-guest-row.server";
import { applyChargeRow, applyStayRow } from "./apply-stay-row.server";
import { mappedCells } from "./guest-rows";
import { missingFields, suggestMapping, type ImportKind, type ImportMapping } from "./import-columns";
import { inspectFile, readRows, type FileFacts, type FileRow } from "./read-file.server";
import type { RowContext, RowOutcome, RowOutcomeName } from "./row-outcome";

export const IMPORT_SOURCE = "IMPORT";
export const IMPORT_BATCH = 500;
const LEASE_MS = 60_000;
const TRANSACTION_MS = 60 * 60_000;

export type ImportCounts = { created: number; updated: number; linked: number; review: number; unchanged: number; rejected: number };
const COUNTER: Record<RowOutcomeName, keyof ImportCounts> = {
  CREATED: "created",
  UPDATED: "updated",
  LINKED: "linked",
  REVIEW: "review",
  UNCHANGED: "unchanged",
  REJECTED: "rejected",
};

export type ImportProgress = { line: number; rowsRead: number; counts: ImportCounts };

export type ImportOptions = {
  kind: ImportKind;
  path: string;
  fileName: string;
  dryRun: boolean;
  asOf: Date;
  /** {field: header}; without it the mapping the headers suggest. */
  mapping?: ImportMapping;
  /** The property of every stay and charge of a file without a property column. */
  propertyCode?: string;
  source?: string;
  batchSize?: number;
  progress?: (progress: ImportProgress) => void | Promise<void>;
  /** Called once the run is open (the upload page shows its progress from there). */
  onStart?: (runId: number) => void;
  /** The data rows of the file, when counted beforehand (for a progress bar). */
  totalRows?: number;
  /** The upload page's token of the stored file. */
  upload?: string;
  /** Fails the batch holding this line as a crash would (proves resume; never set in production). */
  failAtLine?: number;
};

export type ImportReport = {
  runId: number;
  kind: ImportKind;
  dryRun: boolean;
  format: FileFacts["format"];
  encoding: FileFacts["encoding"];
  mapping: ImportMapping;
  /** The checkpoint a resumed run started after (null: a fresh run). */
  resumedAfterLine: number | null;
  rowsRead: number;
  counts: ImportCounts;
};

/** The file cannot be imported as mapped: required fields without a column. */
export class ImportRefusedError extends Error {
  constructor(
    readonly missing: string[],
    readonly headers: string[],
  ) {
    super(`Required columns not found: ${missing.join(", ")} (the file's headers: ${headers.join(", ")})`);
    this.name = "ImportRefusedError";
  }
}

/** Another process is running this file's import right now. */
export class ImportBusyError extends Error {
  constructor(readonly runId: number) {
    super(`Import ${runId} of this file is running`);
    this.name = "ImportBusyError";
  }
}

export class UnknownPropertyError extends Error {
  constructor(readonly code: string) {
    super(`No property with code ${code}`);
    this.name = "UnknownPropertyError";
  }
}

const zeroCounts = (): ImportCounts => ({ created: 0, updated: 0, linked: 0, review: 0, unchanged: 0, rejected: 0 });

class DryRunRollback extends Error {}

/**
 * Commit: each batch in its own transaction. Dry run: all batches in one
 * transaction, rolled back after the last — every read of the run sees its
 * own earlier rows, as the real import does.
 */
async function inWriteScope<T>(
  db: Db,
  dryRun: boolean,
  work: (batch: <R>(fn: (tx: DbTx) => Promise<R>) => Promise<R>) => Promise<T>,
): Promise<T> {
  if (!dryRun) return work((fn) => db.$transaction(fn, { timeout: TRANSACTION_MS, maxWait: 30_000 }));
  let result: T | undefined;
  try {
    await db.$transaction(
      async (tx) => {
        result = await work((fn) => fn(tx));
        throw new DryRunRollback();
      },
      { timeout: TRANSACTION_MS, maxWait: 30_000 },
    );
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  return result!;
}

const fingerprintOf = (kind: ImportKind, cells: Record<string, string>) =>
  createHash("sha256")
    .update(kind)
    .update(JSON.stringify(Object.entries(cells).sort(([a], [b]) => a.localeCompare(b))))
    .digest("base64url");

function applyRow(tx: DbTx, kind: ImportKind, ctx: RowContext, cells: Record<string, string>, fingerprint: string) {
  if (kind === "guests") return applyGuestRow(tx, ctx, cells, fingerprint);
  if (kind === "stays") return applyStayRow(tx, ctx, cells, fingerprint);
  return applyChargeRow(tx, ctx, cells, fingerprint);
}

/** The run to write into: an unfinished run of this file is resumed (its lease expired or it failed). */
async function openRun(
  db: Db,
  actor: Actor,
  options: ImportOptions,
  facts: FileFacts,
  mapping: ImportMapping,
  header: string[],
  propertyId: number | null,
  source: string,
) {
  const now = options.asOf;
  if (!options.dryRun) {
    const unfinished = await db.importRun.findFirst({
      where: { fileHash: facts.sha256, kind: options.kind, dryRun: false, status: { in: ["RUNNING", "FAILED"] } },
      orderBy: { id: "desc" },
    });
    if (unfinished) {
      const taken = await db.importRun.updateMany({
        where: { id: unfinished.id, OR: [{ status: "FAILED" }, { leaseUntil: null }, { leaseUntil: { lt: new Date() } }] },
        data: { status: "RUNNING", leaseUntil: new Date(Date.now() + LEASE_MS), error: null },
      });
      if (taken.count !== 1) throw new ImportBusyError(unfinished.id);
      await recordAudit(db, actor, {
        action: "UPDATE",
        entity: "ImportRun",
        entityId: unfinished.id,
        changes: { resumedAfterLine: unfinished.checkpointLine, fileName: options.fileName },
      });
      return { run: unfinished, resumed: true };
    }
  }
  const run = await db.importRun.create({
    data: {
      kind: options.kind,
      fileName: options.fileName,
      fileHash: facts.sha256,
      source,
      propertyId,
      mapping,
      header,
      dryRun: options.dryRun,
      startedById: actor.staffId,
      startedAt: now,
      leaseUntil: new Date(Date.now() + LEASE_MS),
      totalRows: options.totalRows ?? null,
      upload: options.upload ?? null,
    },
  });
  await recordAudit(db, actor, {
    action: "CREATE",
    entity: "ImportRun",
    entityId: run.id,
    changes: { kind: options.kind, fileName: options.fileName, dryRun: options.dryRun, format: facts.format, encoding: facts.encoding },
  });
  return { run, resumed: false };
}

/** The header of the file (its first row). */
async function headerOf(path: string, facts: FileFacts): Promise<string[]> {
  const rows = readRows(path, facts);
  const first = await rows.next();
  await rows.return(undefined);
  return first.done ? [] : first.value.cells;
}

export async function runImport(db: Db, actor: Actor, options: ImportOptions): Promise<ImportReport> {
  const facts = await inspectFile(options.path);
  const header = await headerOf(options.path, facts);
  const mapping = options.mapping ?? suggestMapping(options.kind, header);
  const missing = missingFields(options.kind, mapping, header, Boolean(options.propertyCode));
  if (missing.length) throw new ImportRefusedError(missing, header);

  let propertyId: number | null = null;
  let timeZone = (await chainHome(db)).timeZone;
  if (options.propertyCode) {
    const property = await db.property.findUnique({ where: { code: options.propertyCode.toUpperCase() } });
    if (!property) throw new UnknownPropertyError(options.propertyCode);
    propertyId = property.id;
    timeZone = property.timeZone;
  }
  const source = options.source ?? IMPORT_SOURCE;
  const { run, resumed } = await openRun(db, actor, options, facts, mapping, header, propertyId, source);
  options.onStart?.(run.id);
  // A resumed run goes on with the mapping it started with, whatever this call suggests.
  const columns = resumed ? (run.mapping as ImportMapping) : mapping;
  const ctx: RowContext = { actor, runId: run.id, source, asOf: options.asOf, today: todayIn(timeZone, options.asOf), propertyId };
  const batchSize = options.batchSize ?? IMPORT_BATCH;
  const checkpoint = run.checkpointLine;
  let counts: ImportCounts = resumed
    ? {
        created: run.created,
        updated: run.updated,
        linked: run.linked,
        review: run.review,
        unchanged: run.unchanged,
        rejected: run.rejected,
      }
    : zeroCounts();
  let rowsRead = resumed ? run.rowsRead : 0;
  const dryRejected: { line: number; reason: string; cells: string[] }[] = [];

  try {
    await inWriteScope(db, options.dryRun, async (batch) => {
      const flush = async (rows: FileRow[]) => {
        if (!rows.length) return;
        const next = { ...counts };
        await batch(async (tx) => {
          for (const row of rows) {
            if (row.line === options.failAtLine) throw new Error(`Injected failure at line ${row.line}`);
            const cells = mappedCells(header, row.cells, columns);
            const fingerprint = fingerprintOf(options.kind, cells);
            const outcome: RowOutcome = await applyRow(tx, options.kind, ctx, cells, fingerprint);
            next[COUNTER[outcome.outcome]]++;
            const rejected = outcome.outcome === "REJECTED";
            await tx.importRowOutcome.create({
              data: {
                runId: run.id,
                line: row.line,
                outcome: outcome.outcome,
                entity: outcome.entity ?? null,
                entityId: outcome.entityId ?? null,
                fingerprint: rejected ? null : fingerprint,
                version: outcome.version ?? null,
                before: (outcome.before ?? undefined) as object | undefined,
                reason: outcome.reason ?? null,
                cells: rejected ? row.cells : undefined,
              },
            });
            if (rejected && options.dryRun) dryRejected.push({ line: row.line, reason: outcome.reason ?? "", cells: row.cells });
          }
          await tx.importRun.update({
            where: { id: run.id },
            data: {
              ...next,
              rowsRead: rowsRead + rows.length,
              checkpointLine: rows.at(-1)!.line,
              leaseUntil: new Date(Date.now() + LEASE_MS),
            },
          });
        });
        counts = next;
        rowsRead += rows.length;
        await options.progress?.({ line: rows.at(-1)!.line, rowsRead, counts });
      };
      let pending: FileRow[] = [];
      let first = true;
      for await (const row of readRows(options.path, facts)) {
        if (first) {
          first = false;
          continue;
        }
        if (row.line <= checkpoint) continue;
        pending.push(row);
        if (pending.length >= batchSize) {
          await flush(pending);
          pending = [];
        }
      }
      await flush(pending);
    });
  } catch (error) {
    await db.importRun.update({ where: { id: run.id }, data: { status: "FAILED", leaseUntil: null, error: String(error).slice(0, 500) } });
    throw error;
  }

  const undoDays = Number(process.env.IMPORT_UNDO_DAYS ?? 7);
  const finishedAt = new Date();
  await db.$transaction(async (tx) => {
    if (options.dryRun)
      // The dry run's rows were rolled back: its rejected rows are kept for the rejected-rows file.
      for (let i = 0; i < dryRejected.length; i += 1000)
        await tx.importRowOutcome.createMany({
          data: dryRejected
            .slice(i, i + 1000)
            .map((r) => ({ runId: run.id, line: r.line, outcome: "REJECTED", reason: r.reason, cells: r.cells })),
        });
    await tx.importRun.update({
      where: { id: run.id },
      data: {
        ...counts,
        rowsRead,
        status: "DONE",
        finishedAt,
        leaseUntil: null,
        undoUntil: options.dryRun ? null : new Date(finishedAt.getTime() + undoDays * 86_400_000),
      },
    });
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "ImportRun",
      entityId: run.id,
      changes: { status: "DONE", rowsRead, ...counts },
    });
  });
  return {
    runId: run.id,
    kind: options.kind,
    dryRun: options.dryRun,
    format: facts.format,
    encoding: facts.encoding,
    mapping: columns,
    resumedAfterLine: resumed ? checkpoint : null,
    rowsRead,
    counts,
  };
}
