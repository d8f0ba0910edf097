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

/**
 * The nightly scan, streaming by id: each batch's keys are brought up to date
 * (self-healing after a bulk load, a restore or a key change), then each guest
 * is paired with the lower-numbered guests sharing a key — every pair is seen
 * once, from its higher guest. A dry run writes nothing; it reads the stored
 * keys of other batches, so after a bulk load it finds only what those keys show.
 */
export async function scanDuplicates(db: Db, options: ScanOptions) {
  const batchSize = options.batchSize ?? SCAN_BATCH;
  const dialect = sqlDialect();
  const sql = scanSql(dialect);
  const totals = { guests: 0, keysChanged: 0, pairsScored: 0, found: 0, rescored: 0, withdrawn: 0 };
  let cursor = 0;
  for (;;) {
    const rows = (await db.$queryRawUnsafe<Record<string, unknown>[]>(sql.guestsAfter, cursor, batchSize)).map(matchRow);
    if (!rows.length) break;
    const first = rows[0].id;
    cursor = rows[rows.length - 1].id;
    const ids = rows.map((r) => r.id);
    const profiles = new Map(rows.map((r) => [r.id, matchProfileOf(r)]));
    const keysOf = new Map([...profiles].map(([id, p]) => [id, matchKeysFor(p)]));

    const counts = await db.$transaction(
      async (tx) => {
        const stored = new Map<number, { id: number; key: string }[]>();
        for (const r of await tx.$queryRawUnsafe<{ id: unknown; guestId: unknown; key: string }[]>(sql.keysBetween, first, cursor)) {
          const k = { id: Number(r.id), key: r.key };
          const guestId = Number(r.guestId);
          const list = stored.get(guestId);
          if (list) list.push(k);
          else stored.set(guestId, [k]);
        }
        // The batch's keys in a few statements: stale rows out, new rows in.
        let keysChanged = 0;
        const staleIds: number[] = [];
        const added: string[] = [];
        for (const id of ids) {
          const have = stored.get(id) ?? [];
          const want = new Set(keysOf.get(id)!);
          const haveKeys = new Set(have.map((k) => k.key));
          const stale = have.filter((k) => !want.has(k.key));
          const fresh = [...want].filter((k) => !haveKeys.has(k));
          if (!stale.length && !fresh.length) continue;
          keysChanged++;
          staleIds.push(...stale.map((k) => k.id));
          for (const key of fresh) added.push(JSON.stringify([id, key]));
        }
        if (!options.dryRun) {
          if (staleIds.length) await tx.$executeRawUnsafe(sql.deleteKeys, JSON.stringify(staleIds));
          if (added.length) await insertJsonRows(tx, dialect, "GuestMatchKey", KEY_COLUMNS, added);
        }
        const allKeys = [...new Set([...keysOf.values()].flat())];
        const blocks = new Map<string, number[]>();
        for (const r of await tx.$queryRawUnsafe<{ key: string; guestId: unknown }[]>(sql.blocks, JSON.stringify(allKeys))) {
          const block = blocks.get(r.key);
          if (block) block.push(Number(r.guestId));
          else blocks.set(r.key, [Number(r.guestId)]);
        }
        if (options.dryRun) {
          // Nothing was written: the batch's own keys as they would be.
          for (const [id, keys] of keysOf)
            for (const key of keys) {
              const block = blocks.get(key) ?? [];
              if (!block.includes(id)) blocks.set(key, [...block, id]);
            }
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
        const reconciled = await reconcile(tx, scored, existing, options.dryRun);
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
