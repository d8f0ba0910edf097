// Finding candidate pairs: a guest's blocking keys are kept in GuestMatchKey,
// the guests sharing a key are scored against it, and DuplicateCandidate holds
// the pairs in the review band. A decided pair (NOT_SAME, MERGED) is never
// touched again; an open pair that no longer scores is withdrawn. Used by the
// check on every save (refreshDuplicateCandidates) and the nightly scan
// (scanDuplicates), so both apply one rule.
import type { Db, DbTx } from "~/db/client.server";
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

export type ScanOptions = {
  asOf: string;
  dryRun: boolean;
  progress?: (text: string, counts?: Record<string, number>) => Promise<void>;
  batchSize?: number;
};

/**
 * The nightly scan, streaming by id: each batch's keys are brought up to date
 * (self-healing after a bulk load, a restore or a key change), then each guest
 * is paired with the lower-numbered guests sharing a key — every pair is seen
 * once, from its higher guest. A dry run writes nothing; it reads the stored
 * keys of other batches, so after a bulk load it finds only what those keys show.
 */
export async function scanDuplicates(db: Db, options: ScanOptions) {
  const batchSize = options.batchSize ?? SCAN_BATCH;
  const totals = { guests: 0, keysChanged: 0, pairsScored: 0, found: 0, rescored: 0, withdrawn: 0 };
  let cursor = 0;
  for (;;) {
    const rows = await db.guest.findMany({
      where: { id: { gt: cursor }, ...MATCHABLE },
      orderBy: { id: "asc" },
      take: batchSize,
      select: MATCH_SELECT,
    });
    if (!rows.length) break;
    cursor = rows[rows.length - 1].id;
    const ids = rows.map((r) => r.id);
    const profiles = new Map(rows.map((r) => [r.id, matchProfileOf(r)]));
    const keysOf = new Map([...profiles].map(([id, p]) => [id, matchKeysFor(p)]));

    const counts = await db.$transaction(
      async (tx) => {
        const stored = new Map<number, { id: number; key: string }[]>();
        for (const k of await tx.guestMatchKey.findMany({
          where: { guestId: { in: ids } },
          select: { id: true, guestId: true, key: true },
        })) {
          const list = stored.get(k.guestId);
          if (list) list.push(k);
          else stored.set(k.guestId, [k]);
        }
        // The batch's keys in two statements: stale rows out, new rows in.
        let keysChanged = 0;
        const staleIds: number[] = [];
        const added: { guestId: number; key: string }[] = [];
        for (const id of ids) {
          const have = stored.get(id) ?? [];
          const want = new Set(keysOf.get(id)!);
          const haveKeys = new Set(have.map((k) => k.key));
          const stale = have.filter((k) => !want.has(k.key));
          const fresh = [...want].filter((k) => !haveKeys.has(k));
          if (!stale.length && !fresh.length) continue;
          keysChanged++;
          staleIds.push(...stale.map((k) => k.id));
          added.push(...fresh.map((key) => ({ guestId: id, key })));
        }
        if (!options.dryRun) {
          if (staleIds.length) await tx.guestMatchKey.deleteMany({ where: { id: { in: staleIds } } });
          if (added.length) await tx.guestMatchKey.createMany({ data: added });
        }
        const allKeys = [...new Set([...keysOf.values()].flat())];
        const blocks = await blocksOf(tx, allKeys);
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
          ? await chunked([...lowerIds], IN_CHUNK, (chunk) =>
              tx.guest.findMany({ where: { id: { in: chunk }, ...MATCHABLE }, select: MATCH_SELECT }),
            )
          : [];
        for (const r of lowerRows) profiles.set(r.id, matchProfileOf(r));
        const scored: ScoredPair[] = [];
        for (const pair of pairs) {
          const [low, high] = pair.split(":").map(Number);
          const a = profiles.get(low);
          if (a) scored.push({ low, high, result: scorePair(a, profiles.get(high)!) });
        }
        const existing = await tx.duplicateCandidate.findMany({ where: { highGuestId: { in: ids } }, select: CANDIDATE_SELECT });
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
    await options.progress?.(`${totals.guests} guests scanned`, totals);
  }
  return totals;
}
