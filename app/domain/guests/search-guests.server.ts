// Desk search: one box, any fragment. Each applicable key prefix is an index
// range scan (ordered by key, so exact matches come first); the matches are
// merged and ranked in code. A staff member's search (searchGuestsAs) is
// written to the access register: who searched for what, and who was shown.
import type { Db, DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordListRead } from "../audit/record-audit.server";
import { KEY_KIND, prefixUpperBound, queryPrefixes, type KeyKind } from "./search-keys";

export type MatchKind = KeyKind | "room";

export type GuestSearchResult = {
  id: number;
  profileNumber: string;
  fullName: string;
  namePinyin: string | null;
  vipLevel: number;
  company: string | null;
  phoneTail: string | null;
  markers: { code: string; labelEn: string; labelZh: string; color: string; icon: string }[];
  matchedOn: MatchKind;
  exact: boolean;
};

// Higher wins. An exact key beats a prefix of the same kind.
// A short number at the desk is most often a room: an in-house room beats a
// profile number (profile numbers are usually typed whole, "G00001808").
const KIND_WEIGHT: Record<MatchKind, number> = {
  room: 120,
  profileNumber: 100,
  phoneTail: 90,
  email: 85,
  name: 80,
  pinyin: 75,
  initials: 70,
  company: 40,
};
const EXACT_BONUS = 30;
const PER_PREFIX = 25;

export async function searchGuests(db: DbTx, query: string, limit = 20): Promise<GuestSearchResult[]> {
  const { prefixes, roomNumber } = queryPrefixes(query);
  if (prefixes.length === 0 && !roomNumber) return [];

  const best = new Map<number, { score: number; kind: MatchKind; exact: boolean }>();
  const consider = (guestId: number, kind: MatchKind, exact: boolean) => {
    const score = KIND_WEIGHT[kind] + (exact ? EXACT_BONUS : 0);
    const current = best.get(guestId);
    if (!current || current.score < score) best.set(guestId, { score, kind, exact });
  };

  for (const { kind, prefix } of prefixes) {
    // CROSS JOIN: SQLite always makes its left table the outer loop. With a plain
    // JOIN and no ANALYZE statistics the planner walks Guest_deletedAt_idx (every
    // live guest) and sorts, instead of range-scanning the key index
    // (tests/integration/search.test.ts checks the plan). Valid SQL on PostgreSQL too.
    const rows = await db.$queryRaw<{ guestId: number; key: string }[]>`
      SELECT k."guestId" AS "guestId", k."key" AS "key"
      FROM "GuestSearchKey" k CROSS JOIN "Guest" g
      WHERE g."id" = k."guestId" AND k."key" >= ${prefix} AND k."key" < ${prefixUpperBound(prefix)} AND g."deletedAt" IS NULL
      ORDER BY k."key" LIMIT ${PER_PREFIX}`;
    for (const row of rows) consider(Number(row.guestId), kind, row.key === prefix);
  }
  if (roomNumber) {
    const rows = await db.$queryRaw<{ guestId: number }[]>`
      SELECT s."guestId" AS "guestId" FROM "Stay" s JOIN "Guest" g ON g."id" = s."guestId"
      WHERE s."status" = 'IN_HOUSE' AND s."roomNumber" = ${roomNumber} AND g."deletedAt" IS NULL
      LIMIT 5`;
    for (const row of rows) consider(Number(row.guestId), "room", true);
  }
  if (best.size === 0) return [];

  const guests = await db.guest.findMany({
    where: { id: { in: [...best.keys()] }, deletedAt: null },
    select: {
      id: true,
      profileNumber: true,
      fullName: true,
      namePinyin: true,
      vipLevel: true,
      company: true,
      phone: true,
      markers: { select: { marker: { select: { code: true, labelEn: true, labelZh: true, color: true, icon: true } } } },
    },
  });
  return guests
    .map((g) => {
      const match = best.get(g.id)!;
      return {
        id: g.id,
        profileNumber: g.profileNumber,
        fullName: g.fullName,
        namePinyin: g.namePinyin,
        vipLevel: g.vipLevel,
        company: g.company,
        phoneTail: g.phone ? g.phone.replace(/\D/g, "").slice(-4) : null,
        markers: g.markers.map((m) => m.marker),
        matchedOn: match.kind,
        exact: match.exact,
        score: match.score,
      };
    })
    .sort((a, b) => b.score - a.score || b.vipLevel - a.vipLevel || a.fullName.localeCompare(b.fullName) || a.id - b.id)
    .slice(0, limit)
    .map(({ score: _score, ...result }) => result);
}

/**
 * The desk's search as `actor` runs it — the search page (`via: "page"`) or
 * each typeahead request (`via: "typeahead"`) — registered as one row: the
 * query as typed (itself personal data; the register is for archivists and
 * admins only), the kinds of key it matched, the result count and the ids
 * shown. An empty query searches nothing and registers nothing.
 */
export async function searchGuestsAs(db: Db, actor: Actor, query: string, via: "page" | "typeahead"): Promise<GuestSearchResult[]> {
  if (!query.trim()) return [];
  const results = await searchGuests(db, query);
  await recordListRead(db, actor, "GuestSearch", {
    context: { query, via, matchedOn: [...new Set(results.map((r) => r.matchedOn))] },
    found: results.length,
    shownGuestIds: results.map((r) => r.id),
  });
  return results;
}

/** Rebuild a guest's keys after a change to anything searchable. */
export async function writeSearchKeys(db: DbTx, guestId: number, keys: string[]) {
  await db.guestSearchKey.deleteMany({ where: { guestId } });
  if (keys.length) await db.guestSearchKey.createMany({ data: keys.map((key) => ({ guestId, key })) });
}

export { KEY_KIND };
