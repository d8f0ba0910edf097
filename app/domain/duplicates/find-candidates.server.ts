// Finding candidate pairs: a guest's blocking keys are kept in GuestMatchKey,
// the guests sharing a key are scored against it, and DuplicateCandidate holds
// the pairs in the review band. A decided pair (NOT_SAME, MERGED) is never
// touched again; an open pair that no longer scores is withdrawn. Used by the
// check on every save (refreshDuplicateCandidates) and the nightly scan
// (scanDuplicates), so both apply one rule.
import type { Db, DbTx } from "~/db/client.server";
import { insertJsonRows, sqlDialect, type ColumnType, type SqlDialect } from "~/db/sql.server";
import { releaseMemory } from "../jobs/release-memory.server";
import { idDigestOfCipher } from "./id-blind-index.server";
import { matchKeysFor, MAX_BLOCK_SIZE } from "./match-keys";
import { scorePair, type FieldEvidence, type MatchProfile, type PairScore } from "./score-pair";

export const MATCH_SELECT = {
  id: true,
  fullName: true,
  birthDate: true,
  phone: true,
  email: true,
  address: true,
  company: true,
  idDocumentCipher: true,
} as const;

type MatchRow = {
  id: number;
  fullName: string;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  company: string | null;
  idDocumentCipher: string | null;
};

/** Guests the matcher looks at: not in the recycle bin, not anonymised. */
export const MATCHABLE = { deletedAt: null, anonymizedAt: null } as const;

export function matchProfileOf(row: MatchRow): MatchProfile {
  const { idDocumentCipher, ...rest } = row;
  return { ...rest, idDigest: idDigestOfCipher(idDocumentCipher) };
}

type ScoredPair = { low: number; high: number; result: PairScore };
export type CandidateCounts = { found: number; rescored: number; withdrawn: number };

/** PostgreSQL's jsonb reorders an object's keys: compare the values. */
function sameEvidence(stored: unknown, scored: FieldEvidence[]): boolean {
  const list = Array.isArray(stored) ? (stored as FieldEvidence[]) : [];
  return (
    list.length === scored.length &&
    list.every((e, i) => e.field === scored[i].field && e.verdict === scored[i].verdict && e.weight === scored[i].weight)
  );
}

const pairKey = (low: number, high: number) => `${low}:${high}`;
const IN_CHUNK = 2000;

async function chunked<T, R>(items: T[], size: number, run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await run(items.slice(i, i + size))));
  return out;
}

/** Replaces a guest's stored keys by `keys`, writing only the difference. */
async function syncMatchKeys(tx: DbTx, guestId: number, stored: string[], keys: string[]) {
  const want = new Set(keys);
  const have = new Set(stored);
  const stale = stored.filter((k) => !want.has(k));
  const added = keys.filter((k) => !have.has(k));
  if (stale.length) await tx.guestMatchKey.deleteMany({ where: { guestId, key: { in: stale } } });
  if (added.length) await tx.guestMatchKey.createMany({ data: added.map((key) => ({ guestId, key })) });
  return stale.length + added.length;
}

/** Guest ids per key, for keys shared by at most MAX_BLOCK_SIZE guests. */
async function blocksOf(tx: DbTx, keys: string[]): Promise<Map<string, number[]>> {
  const rows = await chunked(keys, IN_CHUNK, (chunk) =>
    tx.guestMatchKey.findMany({ where: { key: { in: chunk } }, select: { key: true, guestId: true } }),
  );
  const blocks = new Map<string, number[]>();
  for (const r of rows) {
    const block = blocks.get(r.key);
    if (block) block.push(r.guestId);
    else blocks.set(r.key, [r.guestId]);
  }
  for (const [key, ids] of blocks) if (ids.length > MAX_BLOCK_SIZE) blocks.delete(key);
  return blocks;
}

/**
 * Brings DuplicateCandidate in line with `scored` for the pairs in `existing`'s
 * scope: new pairs in the band are added, open ones rescored or withdrawn,
 * decided ones left alone.
 */
async function reconcile(
  tx: DbTx,
  scored: ScoredPair[],
  existing: { id: number; lowGuestId: number; highGuestId: number; status: string; score: number; band: string; evidence: unknown }[],
  dryRun: boolean,
): Promise<CandidateCounts> {
  const counts: CandidateCounts = { found: 0, rescored: 0, withdrawn: 0 };
  const byPair = new Map(existing.map((c) => [pairKey(c.lowGuestId, c.highGuestId), c]));
  const inBand = new Set<string>();
  const creates: ScoredPair[] = [];
  for (const pair of scored) {
    if (pair.result.band === "BELOW") continue;
    const key = pairKey(pair.low, pair.high);
    inBand.add(key);
    const current = byPair.get(key);
    if (!current) creates.push(pair);
    else if (current.status === "OPEN") {
      const same =
        current.score === pair.result.score && current.band === pair.result.band && sameEvidence(current.evidence, pair.result.evidence);
      if (!same) {
        counts.rescored++;
        if (!dryRun)
          await tx.duplicateCandidate.update({
            where: { id: current.id },
            data: { score: pair.result.score, band: pair.result.band, evidence: pair.result.evidence },
          });
      }
    }
  }
  const withdrawn = existing.filter((c) => c.status === "OPEN" && !inBand.has(pairKey(c.lowGuestId, c.highGuestId)));
  counts.withdrawn = withdrawn.length;
  counts.found = creates.length;
  if (!dryRun) {
    if (withdrawn.length) await tx.duplicateCandidate.deleteMany({ where: { id: { in: withdrawn.map((c) => c.id) }, status: "OPEN" } });
    if (creates.length)
      await tx.duplicateCandidate.createMany({
        data: creates.map((p) => ({
          lowGuestId: p.low,
          highGuestId: p.high,
          score: p.result.score,
          band: p.result.band,
          evidence: p.result.evidence,
        })),
      });
  }
  return counts;
}

const CANDIDATE_SELECT = { id: true, lowGuestId: true, highGuestId: true, status: true, score: true, band: true, evidence: true } as const;

/**
 * The check on save: the guest's keys rewritten and its pairs with every guest
 * sharing a key rescored, in the caller's transaction. A guest that left the
 * archive (recycle bin, anonymised) loses its keys and open pairs.
 */
export async function refreshDuplicateCandidates(tx: DbTx, guestId: number): Promise<CandidateCounts> {
  const row = await tx.guest.findFirst({ where: { id: guestId, ...MATCHABLE }, select: MATCH_SELECT });
  const stored = (await tx.guestMatchKey.findMany({ where: { guestId }, select: { key: true } })).map((k) => k.key);
  const existing = await tx.duplicateCandidate.findMany({
    where: { OR: [{ lowGuestId: guestId }, { highGuestId: guestId }] },
    select: CANDIDATE_SELECT,
  });
  if (!row) {
    await syncMatchKeys(tx, guestId, stored, []);
    return reconcile(tx, [], existing, false);
  }
  const profile = matchProfileOf(row);
  const keys = matchKeysFor(profile);
  await syncMatchKeys(tx, guestId, stored, keys);
  const others = new Set<number>();
  for (const ids of (await blocksOf(tx, keys)).values()) for (const id of ids) if (id !== guestId) others.add(id);
  const rows = others.size
    ? await chunked([...others], IN_CHUNK, (ids) => tx.guest.findMany({ where: { id: { in: ids }, ...MATCHABLE }, select: MATCH_SELECT }))
    : [];
  const scored = rows.map((other) => {
    const [low, high] = other.id < guestId ? [other.id, guestId] : [guestId, other.id];
    return { low, high, result: scorePair(profile, matchProfileOf(other)) };
  });
  return reconcile(tx, scored, existing, false);
}

export const SCAN_BATCH = 1000;
/** Release memory every this many guests: each batch leaves a few MB of young garbage. */
const RELEASE_EVERY = 50_000;

export type ScanOptions = {
  asOf: string;
  dryRun: boolean;
  progress?: (text: string, counts?: Record<string, number>) => Promise<void>;
  batchSize?: number;
};

const MATCH_COLUMNS = `"id", "fullName", "birthDate", "phone", "email", "address", "company", "idDocumentCipher"`;
const MATCHABLE_SQL = `"deletedAt" IS NULL AND "anonymizedAt" IS NULL`;

/**
 * The scan's look-ups as raw, set-based SQL: a list of keys or ids travels as
 * one JSON parameter (no statement with thousands of bound values, no ORM
 * query compilation per batch), and ranges walk the guestId indexes.
 */
function scanSql(d: SqlDialect) {
  const textList = d.provider === "sqlite" ? "SELECT value FROM json_each(?)" : "SELECT jsonb_array_elements_text(CAST($1 AS jsonb))";
  const intList =
    d.provider === "sqlite" ? "SELECT value FROM json_each(?)" : "SELECT CAST(jsonb_array_elements_text(CAST($1 AS jsonb)) AS integer)";
  return {
    guestsAfter: `SELECT ${MATCH_COLUMNS} FROM "Guest" WHERE "id" > ${d.param(1)} AND ${MATCHABLE_SQL} ORDER BY "id" LIMIT ${d.param(2)}`,
    guestsIn: `SELECT ${MATCH_COLUMNS} FROM "Guest" WHERE "id" IN (${intList}) AND ${MATCHABLE_SQL}`,
    keysBetween: `SELECT "id", "guestId", "key" FROM "GuestMatchKey" WHERE "guestId" BETWEEN ${d.param(1)} AND ${d.param(2)}`,
    blocks: `SELECT "key", "guestId" FROM "GuestMatchKey" WHERE "key" IN (${textList})`,
    deleteKeys: `DELETE FROM "GuestMatchKey" WHERE "id" IN (${intList})`,
    /** Every key two to MAX_BLOCK_SIZE guests share, with their ids: one pass over the key index. */
    sharedKeys: `SELECT ${d.list(`CAST("guestId" AS TEXT)`)} AS "ids" FROM "GuestMatchKey" GROUP BY "key" HAVING COUNT(*) BETWEEN 2 AND ${MAX_BLOCK_SIZE}`,
  };
}

const KEY_COLUMNS = [
  ["guestId", "int"],
  ["key", "text"],
] as const satisfies readonly (readonly [string, ColumnType])[];

const matchRow = (r: Record<string, unknown>): MatchRow => ({
  id: Number(r.id),
  fullName: String(r.fullName),
  birthDate: (r.birthDate as string | null) ?? null,
  phone: (r.phone as string | null) ?? null,
  email: (r.email as string | null) ?? null,
  address: (r.address as string | null) ?? null,
  company: (r.company as string | null) ?? null,
  idDocumentCipher: (r.idDocumentCipher as string | null) ?? null,
});

/** Brings the batch's stored keys in line with `keysOf` (stale rows out, new rows in); answers the guests whose keys changed. */
async function syncBatchKeys(
  tx: DbTx,
  sql: ReturnType<typeof scanSql>,
  dialect: SqlDialect,
  range: { first: number; last: number },
  keysOf: Map<number, string[]>,
  dryRun: boolean,
): Promise<number> {
  const stored = new Map<number, { id: number; key: string }[]>();
  for (const r of await tx.$queryRawUnsafe<{ id: unknown; guestId: unknown; key: string }[]>(sql.keysBetween, range.first, range.last)) {
    const k = { id: Number(r.id), key: r.key };
    const guestId = Number(r.guestId);
    const list = stored.get(guestId);
    if (list) list.push(k);
    else stored.set(guestId, [k]);
  }
  let keysChanged = 0;
  const staleIds: number[] = [];
  const added: string[] = [];
  for (const [id, keys] of keysOf) {
    const have = stored.get(id) ?? [];
    const want = new Set(keys);
    const haveKeys = new Set(have.map((k) => k.key));
    const stale = have.filter((k) => !want.has(k.key));
    const fresh = [...want].filter((k) => !haveKeys.has(k));
    if (!stale.length && !fresh.length) continue;
    keysChanged++;
    staleIds.push(...stale.map((k) => k.id));
    for (const key of fresh) added.push(JSON.stringify([id, key]));
  }
  if (!dryRun) {
    if (staleIds.length) await tx.$executeRawUnsafe(sql.deleteKeys, JSON.stringify(staleIds));
    if (added.length) await insertJsonRows(tx, dialect, "GuestMatchKey", KEY_COLUMNS, added);
  }
  return keysChanged;
}

type ScanTotals = { guests: number; keysChanged: number; pairsScored: number; found: number; rescored: number; withdrawn: number };

/**
 * The nightly scan, streaming by id. Phase 1: each batch's keys are brought
 * up to date (self-healing after a bulk load, a restore or a key change).
 * Phase 2: one grouped pass over the key index lists every key two to
 * MAX_BLOCK_SIZE guests share — set-based blocking instead of a look-up per
 * key. Phase 3: per batch of guests, each is paired with the lower-numbered
 * guests it shares a key with (every pair seen once, from its higher guest),
 * scored, and the batch's pairs reconciled. A dry run writes nothing: it looks
 * up each batch's keys as they would be among the stored keys of the others,
 * so after a bulk load it finds only what those keys show.
 */
export async function scanDuplicates(db: Db, options: ScanOptions): Promise<ScanTotals> {
  if (options.dryRun) return scanWithLookups(db, options);
  const batchSize = options.batchSize ?? SCAN_BATCH;
  const dialect = sqlDialect();
  const sql = scanSql(dialect);
  const totals: ScanTotals = { guests: 0, keysChanged: 0, pairsScored: 0, found: 0, rescored: 0, withdrawn: 0 };

  // Phase 1: keys. The matchable guests of each batch are kept (4 bytes a guest) for phase 3.
  const batches: { first: number; last: number; ids: Int32Array }[] = [];
  let cursor = 0;
  for (;;) {
    const rows = (await db.$queryRawUnsafe<Record<string, unknown>[]>(sql.guestsAfter, cursor, batchSize)).map(matchRow);
    if (!rows.length) break;
    const range = { first: rows[0].id, last: rows[rows.length - 1].id };
    cursor = range.last;
    const keysOf = new Map(rows.map((r) => [r.id, matchKeysFor(matchProfileOf(r))]));
    totals.keysChanged += await db.$transaction((tx) => syncBatchKeys(tx, sql, dialect, range, keysOf, false), { timeout: 120_000 });
    batches.push({ ...range, ids: Int32Array.from(rows.map((r) => r.id)) });
    totals.guests += rows.length;
    if (Math.floor(totals.guests / RELEASE_EVERY) !== Math.floor((totals.guests - rows.length) / RELEASE_EVERY)) releaseMemory();
    await options.progress?.(`${totals.guests} guests' keys up to date`, totals);
  }

  // Phase 2: the blocks, as lower guests per higher guest.
  const lowerOf = new Map<number, Set<number>>();
  for (const row of await db.$queryRawUnsafe<{ ids: string }[]>(sql.sharedKeys)) {
    const ids = row.ids
      .split(",")
      .map(Number)
      .sort((a, b) => a - b);
    for (let j = 1; j < ids.length; j++) {
      let lows = lowerOf.get(ids[j]);
      if (!lows) lowerOf.set(ids[j], (lows = new Set()));
      for (let i = 0; i < j; i++) if (ids[i] !== ids[j]) lows.add(ids[i]);
    }
  }
  const existingByHigh = new Map<number, Awaited<ReturnType<typeof candidatesOf>>>();
  for (const c of await candidatesOf(db)) {
    const list = existingByHigh.get(c.highGuestId);
    if (list) list.push(c);
    else existingByHigh.set(c.highGuestId, [c]);
  }
  releaseMemory();

  // Phase 3: score and reconcile, batch by batch.
  let done = 0;
  for (const batch of batches) {
    done += batch.ids.length;
    const highs = [...batch.ids].filter((id) => lowerOf.has(id));
    const existing = [...batch.ids].flatMap((id) => existingByHigh.get(id) ?? []);
    if (!highs.length && !existing.length) continue;
    const needed = new Set<number>(highs);
    for (const high of highs) for (const low of lowerOf.get(high)!) needed.add(low);
    const profiles = new Map<number, MatchProfile>();
    if (needed.size)
      for (const r of await db.$queryRawUnsafe<Record<string, unknown>[]>(sql.guestsIn, JSON.stringify([...needed])))
        profiles.set(Number(r.id), matchProfileOf(matchRow(r)));
    const scored: ScoredPair[] = [];
    for (const high of highs) {
      const b = profiles.get(high);
      if (!b) continue;
      for (const low of lowerOf.get(high)!) {
        const a = profiles.get(low);
        if (a) scored.push({ low, high, result: scorePair(a, b) });
      }
    }
    const counts = await db.$transaction((tx) => reconcile(tx, scored, existing, false), { timeout: 120_000 });
    totals.pairsScored += scored.length;
    totals.found += counts.found;
    totals.rescored += counts.rescored;
    totals.withdrawn += counts.withdrawn;
    if (Math.floor(done / RELEASE_EVERY) !== Math.floor((done - batch.ids.length) / RELEASE_EVERY))
      await options.progress?.(`${done} guests paired`, totals);
  }
  await options.progress?.(`${totals.guests} guests scanned`, totals);
  return totals;
}

function candidatesOf(db: Db) {
  return db.duplicateCandidate.findMany({ select: CANDIDATE_SELECT, orderBy: { id: "asc" } });
}

/** The dry run: each batch's would-be keys looked up among the stored keys, nothing written. */
async function scanWithLookups(db: Db, options: ScanOptions): Promise<ScanTotals> {
  const batchSize = options.batchSize ?? SCAN_BATCH;
  const dialect = sqlDialect();
  const sql = scanSql(dialect);
  const totals: ScanTotals = { guests: 0, keysChanged: 0, pairsScored: 0, found: 0, rescored: 0, withdrawn: 0 };
  let cursor = 0;
  for (;;) {
    const rows = (await db.$queryRawUnsafe<Record<string, unknown>[]>(sql.guestsAfter, cursor, batchSize)).map(matchRow);
    if (!rows.length) break;
    const first = rows[0].id;
    cursor = rows[rows.length - 1].id;
    const profiles = new Map(rows.map((r) => [r.id, matchProfileOf(r)]));
    const keysOf = new Map([...profiles].map(([id, p]) => [id, matchKeysFor(p)]));

    const counts = await db.$transaction(
      async (tx) => {
        const keysChanged = await syncBatchKeys(tx, sql, dialect, { first, last: cursor }, keysOf, true);
        const allKeys = [...new Set([...keysOf.values()].flat())];
        const blocks = new Map<string, number[]>();
        for (const r of await tx.$queryRawUnsafe<{ key: string; guestId: unknown }[]>(sql.blocks, JSON.stringify(allKeys))) {
          const block = blocks.get(r.key);
          if (block) block.push(Number(r.guestId));
          else blocks.set(r.key, [Number(r.guestId)]);
        }
        // Nothing was written: the batch's own keys as they would be.
        for (const [id, keys] of keysOf)
          for (const key of keys) {
            const block = blocks.get(key) ?? [];
            if (!block.includes(id)) blocks.set(key, [...block, id]);
          }
        const pairs = new Set<string>();
        const lowerIds = new Set<number>();
        for (const [id, keys] of keysOf)
          for (const key of keys) {
            const block = blocks.get(key);
            if (!block || block.length > MAX_BLOCK_SIZE) continue;
            for (const other of block)
              if (other < id && !pairs.has(pairKey(other, id))) {
                pairs.add(pairKey(other, id));
                if (!profiles.has(other)) lowerIds.add(other);
              }
          }
        const lowerRows = lowerIds.size
          ? (await tx.$queryRawUnsafe<Record<string, unknown>[]>(sql.guestsIn, JSON.stringify([...lowerIds]))).map(matchRow)
          : [];
        for (const r of lowerRows) profiles.set(r.id, matchProfileOf(r));
        const scored: ScoredPair[] = [];
        for (const pair of pairs) {
          const [low, high] = pair.split(":").map(Number);
          const a = profiles.get(low);
          if (a) scored.push({ low, high, result: scorePair(a, profiles.get(high)!) });
        }
        const existing = (
          await tx.duplicateCandidate.findMany({ where: { highGuestId: { gte: first, lte: cursor } }, select: CANDIDATE_SELECT })
        ).filter((c) => keysOf.has(c.highGuestId));
        const reconciled = await reconcile(tx, scored, existing, true);
        return { keysChanged, pairsScored: scored.length, ...reconciled };
      },
      { timeout: 120_000 },
    );
    totals.guests += rows.length;
    totals.keysChanged += counts.keysChanged;
    totals.pairsScored += counts.pairsScored;
    totals.found += counts.found;
    totals.rescored += counts.rescored;
    totals.withdrawn += counts.withdrawn;
    if (Math.floor(totals.guests / RELEASE_EVERY) !== Math.floor((totals.guests - rows.length) / RELEASE_EVERY)) releaseMemory();
    await options.progress?.(`${totals.guests} guests scanned`, totals);
  }
  return totals;
}
