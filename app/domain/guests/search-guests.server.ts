// Desk search: one box, any fragment. Each applicable key prefix is an index
// range scan (ordered by key, so exact matches come first); the matches are
// merged and ranked in code. A name followed by a number ("张伟 1234",
// "张伟 1985") is narrowed to guests with that phone tail or birth year, a
// Chinese name followed by a word ("张伟 华为") to guests of that company. A
// staff member's search (deskSearchPageAs) is written to the access register:
// who searched for what, and who was shown.
import { Prisma } from "../../../generated/prisma/client";
import type { Db, DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordListRead } from "../audit/record-audit.server";
import { num } from "~/db/sql.server";
import {
  KEY_KIND,
  profileNumberKey,
  prefixUpperBound,
  queryPrefixes,
  SEARCH_PAGE_SIZE,
  type KeyKind,
  type QueryPrefix,
  type QueryRefinement,
} from "./search-keys";

export type MatchKind = KeyKind | "room";

export type GuestSearchResult = {
  id: number;
  profileNumber: string;
  fullName: string;
  namePinyin: string | null;
  vipLevel: number;
  company: string | null;
  phoneTail: string | null;
  birthYear: number | null;
  markers: { code: string; labelEn: string; labelZh: string; color: string; icon: string }[];
  matchedOn: MatchKind;
  exact: boolean;
};

// Higher wins. An exact key beats a prefix of the same kind.
// A short number at the desk is most often a room: an in-house room beats a
// profile number (profile numbers are usually typed whole, "G00001808").
// A letter query is first a name: every name match (characters, pinyin,
// initials, Latin name) ranks above an e-mail that happens to start with the
// letters ("zhangs" is 张三 before zhangsijia@…); e-mail queries with an @
// only look at e-mails anyway.
const KIND_WEIGHT: Record<MatchKind, number> = {
  room: 120,
  profileNumber: 100,
  phoneTail: 90,
  name: 80,
  pinyin: 75,
  initials: 70,
  email: 65,
  company: 40,
};
const EXACT_BONUS = 30;

/**
 * Matches read per key range and ranked together: the list the desk can page
 * through ("show more"). Ranking them all, not the first page's worth, is what
 * puts the VIP among 143 namesakes on the first page.
 */
export const RANKED_PER_KEY = 200;
/** Matches are counted up to this many; beyond it the desk reads "more than 1,000". */
export const COUNT_CAP = 1000;

export type GuestSearch = {
  /** The first `limit` of the ranked matches. */
  results: GuestSearchResult[];
  /** Guests matching the query, counted up to COUNT_CAP. */
  total: number;
  /** More than COUNT_CAP guests match (`total` is then COUNT_CAP). */
  totalCapped: boolean;
  /** Ranked matches beyond `results` that "show more" can list. */
  more: number;
  /** The query was narrowed by a phone tail or birth year. */
  refined: boolean;
};

/** Names in the order localeCompare gives, at a fraction of its cost per comparison (hundreds are ranked). */
const byName = new Intl.Collator();

export type SearchOptions = { limit?: number };

/** The desk search: ranked results, how many guests match, and whether more can be shown. */
export async function findGuests(db: DbTx, query: string, { limit = SEARCH_PAGE_SIZE }: SearchOptions = {}): Promise<GuestSearch> {
  const { prefixes, roomNumber, refinement } = queryPrefixes(query);
  const none: GuestSearch = { ...NO_RESULTS, refined: refinement !== null };
  if (prefixes.length === 0 && !roomNumber) return none;
  const narrowing = refinementSql(refinement);

  const best = new Map<number, { score: number; kind: MatchKind; exact: boolean; vipLevel: number; fullName: string }>();
  const consider = (row: { guestId: number; vipLevel: number; fullName: string }, kind: MatchKind, exact: boolean) => {
    const score = KIND_WEIGHT[kind] + (exact ? EXACT_BONUS : 0);
    const current = best.get(row.guestId);
    if (!current || current.score < score) best.set(row.guestId, { score, kind, exact, vipLevel: row.vipLevel, fullName: row.fullName });
  };

  let windowFull = false;
  for (const { kind, prefix } of prefixes) {
    // CROSS JOIN: SQLite always makes its left table the outer loop. With a plain
    // JOIN and no ANALYZE statistics the planner walks Guest_deletedAt_idx (every
    // live guest) and sorts, instead of range-scanning the key index
    // (tests/integration/search.test.ts checks the plan). Valid SQL on PostgreSQL too.
    // (key, guestId) is the index's order: the same guests are read on both databases.
    const rows = await db.$queryRaw<{ guestId: number; key: string; vipLevel: number; fullName: string }[]>`
      SELECT k."guestId" AS "guestId", k."key" AS "key", g."vipLevel" AS "vipLevel", g."fullName" AS "fullName"
      FROM "GuestSearchKey" k CROSS JOIN "Guest" g
      WHERE g."id" = k."guestId" AND k."key" >= ${prefix} AND k."key" < ${prefixUpperBound(prefix)} AND g."deletedAt" IS NULL${narrowing}
      ORDER BY k."key", k."guestId" LIMIT ${RANKED_PER_KEY}`;
    if (rows.length === RANKED_PER_KEY) windowFull = true;
    for (const row of rows) consider(guestRow(row), kind, row.key === prefix);
  }
  if (roomNumber) {
    const rows = await db.$queryRaw<{ guestId: number; vipLevel: number; fullName: string }[]>`
      SELECT s."guestId" AS "guestId", g."vipLevel" AS "vipLevel", g."fullName" AS "fullName"
      FROM "Stay" s JOIN "Guest" g ON g."id" = s."guestId"
      WHERE s."status" = 'IN_HOUSE' AND s."roomNumber" = ${roomNumber} AND g."deletedAt" IS NULL
      LIMIT 5`;
    for (const row of rows) consider(guestRow(row), "room", true);
  }
  if (best.size === 0) return none;

  const ranked = [...best.entries()]
    .map(([id, match]) => ({ id, ...match }))
    .sort((a, b) => b.score - a.score || b.vipLevel - a.vipLevel || byName.compare(a.fullName, b.fullName) || a.id - b.id);
  const page = ranked.slice(0, Math.max(0, limit));
  // Every range was read whole: the ranked list is every match. Otherwise count them (capped).
  const total = windowFull ? await countMatches(db, prefixes, roomNumber, narrowing) : ranked.length;

  const guests = await db.guest.findMany({
    where: { id: { in: page.map((m) => m.id) }, deletedAt: null },
    select: {
      id: true,
      profileNumber: true,
      fullName: true,
      namePinyin: true,
      vipLevel: true,
      company: true,
      phone: true,
      birthDate: true,
      markers: { select: { marker: { select: { code: true, labelEn: true, labelZh: true, color: true, icon: true } } } },
    },
  });
  const byId = new Map(guests.map((g) => [g.id, g]));
  const results = page.flatMap((match) => {
    const g = byId.get(match.id);
    if (!g) return [];
    return [
      {
        id: g.id,
        profileNumber: g.profileNumber,
        fullName: g.fullName,
        namePinyin: g.namePinyin,
        vipLevel: g.vipLevel,
        company: g.company,
        phoneTail: g.phone ? g.phone.replace(/\D/g, "").slice(-4) : null,
        birthYear: g.birthDate ? Number(g.birthDate.slice(0, 4)) : null,
        markers: g.markers.map((m) => m.marker),
        matchedOn: match.kind,
        exact: match.exact,
      },
    ];
  });
  return {
    results,
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
    more: ranked.length - page.length,
    refined: refinement !== null,
  };
}

/** A search that found nothing (a blank query). */
export const NO_RESULTS: GuestSearch = { results: [], total: 0, totalCapped: false, more: 0, refined: false };

/** "Show more" as pages: page n lists the first n pages of results (as far as the ranked list goes). */
export async function deskSearchPage(db: DbTx, query: string, page: number): Promise<GuestSearch> {
  return findGuests(db, query, { limit: Math.min(page, Math.ceil(RANKED_PER_KEY / SEARCH_PAGE_SIZE)) * SEARCH_PAGE_SIZE });
}

/** The first `limit` results of the desk search (see findGuests for totals and paging). */
export async function searchGuests(db: DbTx, query: string, limit = SEARCH_PAGE_SIZE): Promise<GuestSearchResult[]> {
  return (await findGuests(db, query, { limit })).results;
}

function guestRow(row: { guestId: unknown; vipLevel: unknown; fullName: string }) {
  return { guestId: Number(row.guestId), vipLevel: Number(row.vipLevel), fullName: row.fullName };
}

/**
 * "张伟 1234": the guest also has a phone ending in 1234 (a probe of their own
 * keys by guestId), or was born in 1234's year when it can be one. "张伟 华为":
 * the guest's company starts with 华为 (a company key, probed the same way).
 */
function refinementSql(refinement: QueryRefinement | null): Prisma.Sql {
  if (!refinement) return Prisma.empty;
  const ownKey = (prefix: string) =>
    Prisma.sql`EXISTS (SELECT 1 FROM "GuestSearchKey" t WHERE t."guestId" = k."guestId" AND t."key" >= ${prefix} AND t."key" < ${prefixUpperBound(prefix)})`;
  if (refinement.companyPrefix !== undefined) return Prisma.sql` AND ${ownKey(refinement.companyPrefix)}`;
  const { phoneTailPrefix, birthYear } = refinement;
  const phone = ownKey(phoneTailPrefix);
  if (birthYear === null) return Prisma.sql` AND ${phone}`;
  // Birth dates are ISO text ("1985-03-14"): the year is a text range.
  const born = Prisma.sql`(g."birthDate" >= ${String(birthYear)} AND g."birthDate" < ${String(birthYear + 1)})`;
  return Prisma.sql` AND (${phone} OR ${born})`;
}

/**
 * How many guests match, up to COUNT_CAP + 1, without reading more: each key
 * range yields at most COUNT_CAP + 1 distinct guests (an index range scan that
 * stops there), and the union of those is exact whenever it is at most COUNT_CAP
 * (a range cut short alone already holds more). Portable SQL.
 */
async function countMatches(db: DbTx, prefixes: QueryPrefix[], roomNumber: string | null, narrowing: Prisma.Sql): Promise<number> {
  const ranges = prefixes.map(
    ({ prefix }, i) => Prisma.sql`SELECT "guestId" FROM (
      SELECT DISTINCT k."guestId" AS "guestId" FROM "GuestSearchKey" k CROSS JOIN "Guest" g
      WHERE g."id" = k."guestId" AND k."key" >= ${prefix} AND k."key" < ${prefixUpperBound(prefix)} AND g."deletedAt" IS NULL${narrowing}
      LIMIT ${COUNT_CAP + 1}) ${Prisma.raw(`r${i}`)}`,
  );
  if (roomNumber)
    ranges.push(Prisma.sql`SELECT s."guestId" AS "guestId" FROM "Stay" s JOIN "Guest" g ON g."id" = s."guestId"
      WHERE s."status" = 'IN_HOUSE' AND s."roomNumber" = ${roomNumber} AND g."deletedAt" IS NULL`);
  const [row] = await db.$queryRaw<{ matches: unknown }[]>`
    SELECT COUNT(*) AS "matches" FROM (${Prisma.join(ranges, " UNION ")}) m`;
  return num(row?.matches);
}

/**
 * The desk's search as `actor` runs it — the search page (`via: "page"`) or
 * each typeahead request (`via: "typeahead"`) — registered as one row: the
 * query as typed (itself personal data; the register is for archivists and
 * admins only), the kinds of key it matched, how many matched, the page and
 * the ids shown. An empty query searches nothing and registers nothing.
 */
export async function deskSearchPageAs(db: Db, actor: Actor, query: string, page: number, via: "page" | "typeahead"): Promise<GuestSearch> {
  if (!query.trim()) return NO_RESULTS;
  const search = await deskSearchPage(db, query, page);
  await recordListRead(db, actor, "GuestSearch", {
    context: {
      query,
      via,
      page,
      matchedOn: [...new Set(search.results.map((r) => r.matchedOn))],
      ...(search.totalCapped ? { totalCapped: true } : {}),
    },
    found: search.total,
    shownGuestIds: search.results.map((r) => r.id),
  });
  return search;
}

/** Rebuild a guest's keys after a change to anything searchable. */
/**
 * Replaces a guest's search keys. A survivor of merges keeps a profile-number
 * key for every profile merged into it (and into those, in turn): the old
 * number finds the survivor forever (docs/decisions/017).
 */
export async function writeSearchKeys(db: DbTx, guestId: number, guestKeys: string[]) {
  const keys = [...new Set([...guestKeys, ...(await formerNumberKeys(db, guestId))])];
  await db.guestSearchKey.deleteMany({ where: { guestId } });
  if (keys.length) await db.guestSearchKey.createMany({ data: keys.map((key) => ({ guestId, key })) });
}

/** Profile-number keys of the profiles merged into this one, transitively. */
async function formerNumberKeys(db: DbTx, guestId: number): Promise<string[]> {
  const keys: string[] = [];
  let ids = [guestId];
  for (let depth = 0; ids.length && depth < 100; depth++) {
    const merged = await db.guest.findMany({ where: { mergedIntoId: { in: ids } }, select: { id: true, profileNumber: true } });
    for (const m of merged) keys.push(KEY_KIND.profileNumber + profileNumberKey(m.profileNumber));
    ids = merged.map((m) => m.id);
  }
  return keys;
}

export { KEY_KIND };
