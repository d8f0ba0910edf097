// The segments job's raw SQL on PostgreSQL: the generated Prisma client is
// built for one provider (SQLite in tests), so the job runs here against a
// small stand-in for the client — raw statements go to a throwaway PostgreSQL
// server through `pg`, and the few model calls the job makes are answered the
// same way. What this proves: every statement the job and the lists send
// (gathering, JSON upserts, segment changes, monthly facts, drill-down
// filters) is valid PostgreSQL and gives the scores SQLite gives.
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import type { Db } from "~/db/client.server";
import { computeSegments } from "~/domain/segments/compute-segments.server";
import { listAnalyticsGuests } from "~/domain/analytics/analytics-guests.server";
import { startThrowawayPostgres } from "../support/throwaway-postgres";

let server: Awaited<ReturnType<typeof startThrowawayPostgres>> | undefined;
let client: pg.Client;
const sqliteUrl = process.env.DATABASE_URL;

/** Just enough of the Prisma client for computeSegments and listAnalyticsGuests. */
function standIn(c: pg.Client): Db {
  const q = async (sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows;
  const whereAsOf = (where: { asOf?: unknown } = {}) => where.asOf;
  const insertMany = async (table: string, rows: Record<string, unknown>[]) => {
    for (const row of rows) {
      const keys = Object.keys(row);
      await c.query(
        `INSERT INTO "${table}" (${keys.map((k) => `"${k}"`).join(", ")}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(", ")})`,
        keys.map((k) => (typeof row[k] === "bigint" ? String(row[k]) : row[k])),
      );
    }
    return { count: rows.length };
  };
  const api = {
    $queryRawUnsafe: (sql: string, ...params: unknown[]) => q(sql, params),
    $executeRawUnsafe: async (sql: string, ...params: unknown[]) => (await c.query(sql, params)).rowCount ?? 0,
    $transaction: async (work: (tx: unknown) => Promise<unknown>) => {
      await c.query("BEGIN");
      try {
        const result = await work(api);
        await c.query("COMMIT");
        return result;
      } catch (error) {
        await c.query("ROLLBACK");
        throw error;
      }
    },
    property: {
      findMany: () => q(`SELECT "id", "code", "name", "nameZh", "currency", "timeZone" FROM "Property" ORDER BY "id"`),
      findUnique: async ({ where }: { where: { id: number } }) =>
        (await q(`SELECT * FROM "Property" WHERE "id" = $1`, [where.id]))[0] ?? null,
      findFirst: async () => (await q(`SELECT * FROM "Property" ORDER BY "id" LIMIT 1`))[0] ?? null,
    },
    stay: {
      findFirst: async ({ where }: { where: { propertyId: number } }) =>
        (await q(`SELECT MIN("arrivalDate") AS "arrivalDate" FROM "Stay" WHERE "propertyId" = $1`, [where.propertyId]))[0]?.arrivalDate
          ? (await q(`SELECT MIN("arrivalDate") AS "arrivalDate" FROM "Stay" WHERE "propertyId" = $1`, [where.propertyId]))[0]
          : null,
    },
    charge: {
      findFirst: async ({ where }: { where: { propertyId: number } }) =>
        (await q(`SELECT MIN("chargedAt") AS "chargedAt" FROM "Charge" WHERE "propertyId" = $1`, [where.propertyId]))[0]?.chargedAt
          ? (await q(`SELECT MIN("chargedAt") AS "chargedAt" FROM "Charge" WHERE "propertyId" = $1`, [where.propertyId]))[0]
          : null,
    },
    segmentSnapshot: {
      count: async ({ where }: { where: { asOf: { lt: string } } }) =>
        Number((await q(`SELECT COUNT(*) AS n FROM "SegmentSnapshot" WHERE "asOf" < $1`, [where.asOf.lt]))[0].n),
      deleteMany: async ({ where }: { where: { asOf: string } }) => ({
        count: (await c.query(`DELETE FROM "SegmentSnapshot" WHERE "asOf" = $1`, [where.asOf])).rowCount,
      }),
      createMany: ({ data }: { data: Record<string, unknown>[] }) => insertMany("SegmentSnapshot", data),
    },
    segmentChange: {
      deleteMany: async ({ where }: { where: { asOf: string; guestId: { in: number[] } } }) => ({
        count: (await c.query(`DELETE FROM "SegmentChange" WHERE "asOf" = $1 AND "guestId" = ANY($2)`, [where.asOf, where.guestId.in]))
          .rowCount,
      }),
    },
    guestScore: {
      deleteMany: async ({ where }: { where: { asOf: { not: string } } }) => ({
        count: (await c.query(`DELETE FROM "GuestScore" WHERE "asOf" <> $1`, [where.asOf.not])).rowCount,
      }),
    },
    scoreAggregate: {
      deleteMany: async ({ where }: { where: { asOf: string | { lt: string }; kind?: { in: string[] } } }) => {
        const asOf = whereAsOf(where);
        if (typeof asOf === "string") return { count: (await c.query(`DELETE FROM "ScoreAggregate" WHERE "asOf" = $1`, [asOf])).rowCount };
        return {
          count: (
            await c.query(`DELETE FROM "ScoreAggregate" WHERE "kind" = ANY($1) AND "asOf" < $2`, [
              where.kind!.in,
              (asOf as { lt: string }).lt,
            ])
          ).rowCount,
        };
      },
      createMany: ({ data }: { data: Record<string, unknown>[] }) => insertMany("ScoreAggregate", data),
      aggregate: async () => ({ _max: { asOf: (await q(`SELECT MAX("asOf") AS "asOf" FROM "ScoreAggregate"`))[0].asOf } }),
    },
    monthlyFact: {
      findMany: async ({ where }: { where: { month: { gte: string } } }) =>
        q(`SELECT "month" FROM "MonthlyFact" WHERE "metric" = 'computed' AND "propertyId" = 0 AND "month" >= $1`, [where.month.gte]),
      deleteMany: async ({ where }: { where: { month: { gte: string; lte: string } } }) => ({
        count: (await c.query(`DELETE FROM "MonthlyFact" WHERE "month" BETWEEN $1 AND $2`, [where.month.gte, where.month.lte])).rowCount,
      }),
      createMany: ({ data }: { data: Record<string, unknown>[] }) => insertMany("MonthlyFact", data),
      aggregate: async ({ where }: { where: { month: { gte: string; lte: string }; propertyId: { in: number[] } } }) => ({
        _max: {
          value: (
            await q(
              `SELECT MAX("value") AS v FROM "MonthlyFact" WHERE "metric" = 'longestStay' AND "month" BETWEEN $1 AND $2 AND "propertyId" = ANY($3)`,
              [where.month.gte, where.month.lte, where.propertyId.in],
            )
          )[0].v,
        },
      }),
      count: async ({ where }: { where: { month: { gte: string; lte: string } } }) =>
        Number(
          (
            await q(
              `SELECT COUNT(*) AS n FROM "MonthlyFact" WHERE "metric" = 'computed' AND "propertyId" = 0 AND "month" BETWEEN $1 AND $2`,
              [where.month.gte, where.month.lte],
            )
          )[0].n,
        ),
    },
  };
  return api as unknown as Db;
}

beforeAll(async () => {
  server = await startThrowawayPostgres();
  const admin = new pg.Client({ connectionString: server.url("postgres") });
  await admin.connect();
  await admin.query("CREATE DATABASE guest_archive");
  await admin.end();
  const url = server.url("guest_archive");
  const deploy = spawnSync("npx", ["tsx", "scripts/prisma.ts", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (deploy.status !== 0) throw new Error(deploy.stderr + deploy.stdout);
  client = new pg.Client({ connectionString: url });
  await client.connect();
  // A tiny archive: a Shanghai and a Hong Kong hotel; Ann stays often and loves it,
  // Bo once and complains, Cy stayed three years ago, Di has never stayed.
  await client.query(`
    INSERT INTO "Property" ("id", "code", "name", "nameZh", "timeZone", "currency") VALUES
      (1, 'SHA', 'Shanghai', '上海', 'Asia/Shanghai', 'CNY'), (2, 'HKG', 'Hong Kong', '香港', 'Asia/Hong_Kong', 'HKD');
    INSERT INTO "Guest" ("id", "profileNumber", "fullName", "createdAt", "updatedAt") VALUES
      (1, 'G1', 'Ann', '2024-01-01', '2024-01-01'), (2, 'G2', 'Bo', '2024-01-01', '2024-01-01'),
      (3, 'G3', 'Cy', '2023-01-01', '2023-01-01'), (4, 'G4', 'Di', '2026-11-01', '2026-11-01');
    INSERT INTO "Stay" ("id", "guestId", "propertyId", "roomType", "arrivalDate", "departureDate", "nights", "bookingChannel", "purpose", "roomRevenue", "status") VALUES
      (1, 1, 1, 'DELUXE', '2026-03-01', '2026-03-03', 2, 'DIRECT', 'BUSINESS', 200000, 'CHECKED_OUT'),
      (2, 1, 2, 'DELUXE', '2026-06-01', '2026-06-03', 2, 'OTA', 'BUSINESS', 300000, 'CHECKED_OUT'),
      (3, 1, 1, 'DELUXE', '2026-11-20', '2026-11-22', 2, 'DIRECT', 'BUSINESS', 200000, 'CHECKED_OUT'),
      (4, 2, 1, 'SUITE', '2026-10-10', '2026-10-12', 2, 'OTA', 'LEISURE', 900000, 'CHECKED_OUT'),
      (5, 3, 1, 'STANDARD', '2023-05-01', '2023-05-02', 1, 'DIRECT', 'LEISURE', 50000, 'CHECKED_OUT');
    INSERT INTO "Charge" ("guestId", "stayId", "propertyId", "outlet", "grossAmount", "netAmount", "paymentMethod", "chargedAt", "settlement") VALUES
      (1, 3, 1, 'Spa', 100000, 100000, 'CARD', '2026-11-21 10:00', 'SETTLED'),
      (2, 4, 1, 'Minibar', 5000, 5000, 'CARD', '2026-10-11 22:00', 'UNPAID');
    INSERT INTO "Survey" ("guestId", "stayId", "score", "answeredAt") VALUES (1, 1, 9, '2026-03-04'), (1, 3, 10, '2026-11-23'), (2, 4, 3, '2026-10-13');
    INSERT INTO "Feedback" ("guestId", "stayId", "propertyId", "kind", "category", "severity", "department", "description", "status", "guestReaction", "createdAt") VALUES
      (2, 4, 1, 'COMPLAINT', 'NOISE', 'HIGH', 'FRONT_OFFICE', 'noisy', 'RESOLVED', 'DISSATISFIED', '2026-10-11 02:00');
  `);
  process.env.DATABASE_URL = url;
}, 120_000);

afterAll(async () => {
  process.env.DATABASE_URL = sqliteUrl;
  await client?.end();
  server?.stop();
});

describe("the segments job on PostgreSQL", () => {
  it("scores the guests, writes its aggregates and facts, and re-runs without duplicating", async () => {
    const db = standIn(client);
    const counts = await computeSegments(db, { asOf: "2026-11-27", dryRun: false });
    expect(counts).toMatchObject({ guests: 4, active: 2 });
    const scores = (
      await client.query(
        `SELECT "guestId", "r", "f", "m", "satisfaction", "npsCategory", "credit", "lifecycle", "segment", "promoter" FROM "GuestScore" ORDER BY "guestId"`,
      )
    ).rows;
    expect(scores).toEqual([
      // Two active guests: the better of each pair scores 3 (1 + ⌊5 × 1/2⌋), the other 1.
      // Ann's spend: ¥2,000 + HK$3,000 × 0.92 + ¥2,000 + a ¥1,000 spa = ¥7,760.
      {
        guestId: 1,
        r: 3,
        f: 3,
        m: 1,
        satisfaction: 95,
        npsCategory: "PROMOTER",
        credit: 100,
        lifecycle: "REPEAT",
        segment: "PROMISING",
        promoter: true,
      },
      {
        guestId: 2,
        r: 1,
        f: 1,
        m: 3,
        satisfaction: 10,
        npsCategory: "DETRACTOR",
        credit: 75,
        lifecycle: "NEW",
        segment: "NEW",
        promoter: false,
      },
      {
        guestId: 3,
        r: 0,
        f: 0,
        m: 0,
        satisfaction: null,
        npsCategory: null,
        credit: null,
        lifecycle: "LAPSED",
        segment: "INACTIVE",
        promoter: false,
      },
      {
        guestId: 4,
        r: 0,
        f: 0,
        m: 0,
        satisfaction: null,
        npsCategory: null,
        credit: null,
        lifecycle: "NEW",
        segment: "NEW",
        promoter: false,
      },
    ]);
    const facts = (
      await client.query(
        `SELECT "month", "propertyId", "metric", "key", "value" FROM "MonthlyFact" WHERE "month" = '2026-10' AND "propertyId" = 1 ORDER BY "metric", "key"`,
      )
    ).rows;
    expect(facts.map((f) => `${f.metric}:${f.key}=${f.value}`)).toEqual([
      "complaints:NOISE=1",
      "complaintsResolved:NOISE=1",
      "guests:=1",
      "longestStay:=2",
      "nights:OTA=2",
      "outletPostings:Minibar=1",
      "outletRevenue:Minibar=5000",
      "roomRevenue:OTA=900000",
      "stays:OTA=1",
    ]);
    const before = (
      await client.query(
        `SELECT (SELECT COUNT(*) FROM "ScoreAggregate") AS a, (SELECT COUNT(*) FROM "MonthlyFact") AS f, (SELECT COUNT(*) FROM "SegmentSnapshot") AS s`,
      )
    ).rows[0];
    await computeSegments(db, { asOf: "2026-11-27", dryRun: false });
    expect(
      (
        await client.query(
          `SELECT (SELECT COUNT(*) FROM "ScoreAggregate") AS a, (SELECT COUNT(*) FROM "MonthlyFact") AS f, (SELECT COUNT(*) FROM "SegmentSnapshot") AS s`,
        )
      ).rows[0],
    ).toEqual(before);

    // The next night Bo's complaint has aged a day: nothing moves, and the change query runs.
    const next = await computeSegments(db, { asOf: "2026-11-28", dryRun: false });
    expect(next.changes).toBe(0);
  }, 60_000);

  it("answers the drill-down filters", async () => {
    const db = standIn(client);
    const promising = await listAnalyticsGuests(db, { segment: "PROMISING", propertyId: 2 }, { page: 1 });
    expect(promising.guests.map((g) => g.fullName)).toEqual(["Ann"]);
    const ota = await listAnalyticsGuests(db, { event: "channel", channel: "OTA", from: "2026-10", to: "2026-10" }, { page: 1 });
    expect(ota.guests.map((g) => g.fullName)).toEqual(["Bo"]);
    const complained = await listAnalyticsGuests(
      db,
      { event: "complaint", category: "NOISE", from: "2026-10", to: "2026-10", propertyId: 1 },
      { page: 1 },
    );
    expect(complained.total).toBe(1);
    const spa = await listAnalyticsGuests(db, { event: "outlet", outlet: "Spa", from: "2026-11", to: "2026-11" }, { page: 1 });
    expect(spa.guests.map((g) => g.fullName)).toEqual(["Ann"]);
    const rf = await listAnalyticsGuests(db, { r: 3, f: 3, promoter: true, band: 9 }, { page: 1 });
    expect(rf.listed).toBe(1);
  });
});
