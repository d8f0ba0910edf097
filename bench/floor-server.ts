// The bare baseline of `npm run bench -- floor`: Node's http module and the
// database driver, nothing else — no framework, no ORM, no sessions library.
// It answers what the app answers, on the same database file (or PostgreSQL
// database), with the same SQL as app/domain/guests/search-guests.server.ts:
//
//   GET /healthz                 one SELECT 1
//   GET /search?q=…              the desk search's reads (key ranges, room, the
//                                capped count when a range is full, the page's
//                                guests and their markers), ranked the same way
//   GET /signed-search?q=…       the same plus what the app's signed-in request
//                                also does in SQL: the session row by its token
//                                hash with its staff, the rate-limit counter and
//                                the access-register row
//
// Usage: DATABASE_URL=file:… PORT=… node --import tsx bench/floor-server.ts
import { createHash } from "node:crypto";
import http from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { prefixUpperBound, queryPrefixes, SEARCH_PAGE_SIZE } from "../app/domain/guests/search-keys";

type Row = Record<string, unknown>;
/** One statement with positional parameters, answered by whichever driver DATABASE_URL names. */
type Query = (sql: string, params?: unknown[]) => Promise<Row[]>;

const RANKED_PER_KEY = 200;
const COUNT_CAP = 1000;
const KIND_WEIGHT: Record<string, number> = {
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
const byName = new Intl.Collator();

function sqliteQuery(file: string): Query {
  const sqlite = new Database(file, { timeout: 10_000 });
  sqlite.pragma("journal_mode = WAL");
  // Prepared once per distinct SQL text, as a hand-written data layer would.
  const statements = new Map<string, Database.Statement>();
  return async (sql, params = []) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = sqlite.prepare(sql.replace(/\$\d+/g, "?"))));
    if (statement.reader) return statement.all(...params) as Row[];
    statement.run(...params);
    return [];
  };
}

function postgresQuery(url: string): Query {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return async (sql, params = []) => (await pool.query(sql, params)).rows as Row[];
}

/** The desk search's SQL, as the app runs it, with $n placeholders (SQLite gets ? instead). */
async function search(query: Query, q: string) {
  const { prefixes, roomNumber, refinement } = queryPrefixes(q);
  if (prefixes.length === 0 && !roomNumber) return { results: [], total: 0, totalCapped: false, more: 0, refined: refinement !== null };
  const narrowing = (first: number) => {
    if (!refinement) return { sql: "", params: [] as unknown[] };
    const ownKey = `EXISTS (SELECT 1 FROM "GuestSearchKey" t WHERE t."guestId" = k."guestId" AND t."key" >= $${first} AND t."key" < $${first + 1})`;
    if (refinement.companyPrefix !== undefined)
      return { sql: ` AND ${ownKey}`, params: [refinement.companyPrefix, prefixUpperBound(refinement.companyPrefix)] as unknown[] };
    const phone = ownKey;
    const params: unknown[] = [refinement.phoneTailPrefix, prefixUpperBound(refinement.phoneTailPrefix)];
    if (refinement.birthYear === null) return { sql: ` AND ${phone}`, params };
    params.push(String(refinement.birthYear), String(refinement.birthYear + 1));
    return { sql: ` AND (${phone} OR (g."birthDate" >= $${first + 2} AND g."birthDate" < $${first + 3}))`, params };
  };
  const best = new Map<number, { score: number; kind: string; exact: boolean; vipLevel: number; fullName: string }>();
  const consider = (row: Row, kind: string, exact: boolean) => {
    const id = Number(row.guestId);
    const score = KIND_WEIGHT[kind] + (exact ? EXACT_BONUS : 0);
    const current = best.get(id);
    if (!current || current.score < score)
      best.set(id, { score, kind, exact, vipLevel: Number(row.vipLevel), fullName: String(row.fullName) });
  };
  let windowFull = false;
  for (const { kind, prefix } of prefixes) {
    const n = narrowing(3);
    const rows = await query(
      `SELECT k."guestId" AS "guestId", k."key" AS "key", g."vipLevel" AS "vipLevel", g."fullName" AS "fullName"
      FROM "GuestSearchKey" k CROSS JOIN "Guest" g
      WHERE g."id" = k."guestId" AND k."key" >= $1 AND k."key" < $2 AND g."deletedAt" IS NULL${n.sql}
      ORDER BY k."key", k."guestId" LIMIT ${RANKED_PER_KEY}`,
      [prefix, prefixUpperBound(prefix), ...n.params],
    );
    if (rows.length === RANKED_PER_KEY) windowFull = true;
    for (const row of rows) consider(row, kind, row.key === prefix);
  }
  if (roomNumber) {
    const rows = await query(
      `SELECT s."guestId" AS "guestId", g."vipLevel" AS "vipLevel", g."fullName" AS "fullName"
      FROM "Stay" s JOIN "Guest" g ON g."id" = s."guestId"
      WHERE s."status" = 'IN_HOUSE' AND s."roomNumber" = $1 AND g."deletedAt" IS NULL LIMIT 5`,
      [roomNumber],
    );
    for (const row of rows) consider(row, "room", true);
  }
  if (best.size === 0) return { results: [], total: 0, totalCapped: false, more: 0, refined: refinement !== null };
  const ranked = [...best.entries()]
    .map(([id, match]) => ({ id, ...match }))
    .sort((a, b) => b.score - a.score || b.vipLevel - a.vipLevel || byName.compare(a.fullName, b.fullName) || a.id - b.id);
  const page = ranked.slice(0, SEARCH_PAGE_SIZE);

  let total = ranked.length;
  if (windowFull) {
    const params: unknown[] = [];
    const ranges = prefixes.map(({ prefix }, i) => {
      const n = narrowing(params.length + 3);
      const sql = `SELECT "guestId" FROM (
        SELECT DISTINCT k."guestId" AS "guestId" FROM "GuestSearchKey" k CROSS JOIN "Guest" g
        WHERE g."id" = k."guestId" AND k."key" >= $${params.length + 1} AND k."key" < $${params.length + 2} AND g."deletedAt" IS NULL${n.sql}
        LIMIT ${COUNT_CAP + 1}) r${i}`;
      params.push(prefix, prefixUpperBound(prefix), ...n.params);
      return sql;
    });
    if (roomNumber) {
      params.push(roomNumber);
      ranges.push(`SELECT s."guestId" AS "guestId" FROM "Stay" s JOIN "Guest" g ON g."id" = s."guestId"
        WHERE s."status" = 'IN_HOUSE' AND s."roomNumber" = $${params.length} AND g."deletedAt" IS NULL`);
    }
    const [row] = await query(`SELECT COUNT(*) AS "matches" FROM (${ranges.join(" UNION ")}) m`, params);
    total = Number(row?.matches ?? 0);
  }

  // One statement per page size (the id list is the only parameter list that varies).
  const ids = page.map((m) => m.id);
  const placeholders = ids.map((_, i) => `$${i + 1}`).join(", ");
  const guests = await query(
    `SELECT "id", "profileNumber", "fullName", "namePinyin", "vipLevel", "company", "phone", "birthDate"
    FROM "Guest" WHERE "id" IN (${placeholders}) AND "deletedAt" IS NULL`,
    ids,
  );
  const markers = await query(
    `SELECT gm."guestId" AS "guestId", m."code" AS "code", m."labelEn" AS "labelEn", m."labelZh" AS "labelZh", m."color" AS "color", m."icon" AS "icon"
    FROM "GuestMarker" gm JOIN "IdentityMarker" m ON m."id" = gm."markerId" WHERE gm."guestId" IN (${placeholders})`,
    ids,
  );
  const byId = new Map(guests.map((g) => [Number(g.id), g]));
  const results = page.flatMap((match) => {
    const g = byId.get(match.id);
    if (!g) return [];
    const phone = g.phone as string | null;
    const birthDate = g.birthDate as string | null;
    return [
      {
        id: match.id,
        profileNumber: g.profileNumber,
        fullName: g.fullName,
        namePinyin: g.namePinyin,
        vipLevel: Number(g.vipLevel),
        company: g.company,
        phoneTail: phone ? phone.replace(/\D/g, "").slice(-4) : null,
        birthYear: birthDate ? Number(String(birthDate).slice(0, 4)) : null,
        markers: markers
          .filter((m) => Number(m.guestId) === match.id)
          .map(({ code, labelEn, labelZh, color, icon }) => ({ code, labelEn, labelZh, color, icon })),
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

/** What else the app's signed-in search does in SQL: the session and its staff, the rate-limit counter, the register row. */
async function signedSearch(query: Query, q: string, cookie: string | undefined, ip: string) {
  const token = /(?:^|;\s*)ga_session=([^;]+)/.exec(cookie ?? "")?.[1];
  if (!token) return null;
  // The app's cookie value is a signed-cookie-less, URI-encoded JSON string: '"<token>"' (Remix createCookie).
  const raw = JSON.parse(Buffer.from(decodeURIComponent(token), "base64").toString("utf8")) as string;
  const [session] = await query(
    `SELECT s."id" AS "id", s."endedAt" AS "endedAt", s."expiresAt" AS "expiresAt", st."id" AS "staffId", st."role" AS "role", st."active" AS "active"
    FROM "StaffSession" s JOIN "Staff" st ON st."id" = s."staffId" WHERE s."tokenHash" = $1`,
    [createHash("sha256").update(raw).digest("hex")],
  );
  if (!session || session.endedAt || !session.active) return null;
  const now = new Date();
  // The app's adapter writes DateTime as ISO text with +00:00.
  const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
  await query(
    `INSERT INTO "RateLimitCounter" ("key", "points", "expire") VALUES ($1, 1, $2)
    ON CONFLICT ("key") DO UPDATE SET "points" = "RateLimitCounter"."points" + 1`,
    [`bare-search:${session.id}`, iso(new Date(now.getTime() + 60_000))],
  );
  const found = await search(query, q);
  await query(
    `INSERT INTO "AuditEntry" ("at", "staffId", "action", "entity", "changes", "ip") VALUES ($1, $2, 'VIEW', 'GuestSearch', $3, $4)`,
    [
      iso(now),
      Number(session.staffId),
      JSON.stringify({ query: q, via: "typeahead", page: 1, found: found.total, shownGuestIds: found.results.map((r) => r.id) }),
      ip,
    ],
  );
  return found;
}

export function startFloorServer(url: string, port: number, host = "127.0.0.1") {
  const query = url.startsWith("file:") ? sqliteQuery(url.slice("file:".length)) : postgresQuery(url);
  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
    res.end(text);
  };
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://bare");
    try {
      if (url.pathname === "/healthz") {
        await query("SELECT 1");
        return answer(res, 200, { status: "ok" });
      }
      const q = (url.searchParams.get("q") ?? "").slice(0, 100);
      if (url.pathname === "/search") return answer(res, 200, { q, ...(await search(query, q)) });
      if (url.pathname === "/signed-search") {
        const found = await signedSearch(query, q, req.headers.cookie, req.socket.remoteAddress ?? "");
        return found ? answer(res, 200, { q, ...found }) : answer(res, 401, { error: "not signed in" });
      }
      answer(res, 404, { error: "not found" });
    } catch (error) {
      answer(res, 500, { error: (error as Error).message });
    }
  });
  server.keepAliveTimeout = 60_000;
  server.listen(port, host, () => console.log(`[bare] listening on http://${host}:${port} (pid ${process.pid})`));
  return server;
}

if (process.argv[1]?.endsWith("floor-server.ts")) {
  const server = startFloorServer(process.env.DATABASE_URL ?? "", Number(process.env.PORT ?? 3000));
  process.once("SIGTERM", () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
}
