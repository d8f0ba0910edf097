// Who an incoming record (a PMS message, a row of an import file) is about —
// the one identity rule at ingest (docs/decisions/020). The source system's
// own profile id is a hard key; otherwise the duplicate matcher decides, with
// its own blocking keys and scores (docs/decisions/016): a certain match is the
// guest, the review band is the archivist's question, below it nobody. A relay
// address of a booking site is no key and no evidence (canonicalEmail drops it).
import type { DbTx } from "~/db/client.server";
import { idBlindIndex } from "./id-blind-index.server";
import { MATCH_SELECT, MATCHABLE, matchProfileOf } from "./find-candidates.server";
import { matchKeysFor, MAX_BLOCK_SIZE } from "./match-keys";
import { scorePair, type MatchProfile } from "./score-pair";

export type IdentityClaim = {
  source: string;
  externalId?: string | null;
  fullName: string;
  phone?: string | null;
  email?: string | null;
  birthDate?: string | null;
  address?: string | null;
  company?: string | null;
  /** In the clear as received; only its blind index is compared. */
  idNumber?: string | null;
};

export type IdentityResolution =
  | { kind: "externalId"; guestId: number; deleted: boolean }
  | { kind: "certain"; guestId: number; score: number }
  /** Best first. */
  | { kind: "review"; guestIds: number[]; score: number }
  | { kind: "none" };

export async function resolveIdentity(tx: DbTx, claim: IdentityClaim): Promise<IdentityResolution> {
  if (claim.externalId) {
    const held = await tx.guest.findUnique({
      where: { source_externalId: { source: claim.source, externalId: claim.externalId } },
      select: { id: true, deletedAt: true },
    });
    if (held) return { kind: "externalId", guestId: held.id, deleted: held.deletedAt !== null };
  }
  const profile: MatchProfile = {
    id: 0,
    fullName: claim.fullName,
    birthDate: claim.birthDate,
    phone: claim.phone,
    email: claim.email,
    address: claim.address,
    company: claim.company,
    idDigest: claim.idNumber ? idBlindIndex(claim.idNumber) : null,
  };
  const keys = matchKeysFor(profile);
  if (!keys.length) return { kind: "none" };
  const rows = await tx.guestMatchKey.findMany({ where: { key: { in: keys } }, select: { key: true, guestId: true } });
  const blocks = new Map<string, number[]>();
  for (const r of rows) blocks.set(r.key, [...(blocks.get(r.key) ?? []), r.guestId]);
  const ids = new Set<number>();
  for (const block of blocks.values()) if (block.length <= MAX_BLOCK_SIZE) for (const id of block) ids.add(id);
  if (!ids.size) return { kind: "none" };
  const guests = await tx.guest.findMany({
    where: { id: { in: [...ids] }, ...MATCHABLE },
    select: { ...MATCH_SELECT, source: true, externalId: true },
  });
  const scored = guests
    // Another profile of the same source is another person, whatever the details say.
    .filter((g) => !(claim.externalId && g.source === claim.source && g.externalId && g.externalId !== claim.externalId))
    .map((g) => ({ guestId: g.id, ...scorePair(profile, matchProfileOf(g)) }))
    .filter((s) => s.band !== "BELOW")
    .sort((a, b) => b.score - a.score || a.guestId - b.guestId);
  if (!scored.length) return { kind: "none" };
  // Two certain matches are two guests the archive already holds as one person: a question, not an answer.
  if (scored[0].band === "CERTAIN" && scored[1]?.band !== "CERTAIN")
    return { kind: "certain", guestId: scored[0].guestId, score: scored[0].score };
  return { kind: "review", guestIds: scored.map((s) => s.guestId), score: scored[0].score };
}
