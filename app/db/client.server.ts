// The one Prisma client of the process, connected through the driver adapter
// that DATABASE_URL chooses. Created lazily so tests can set DATABASE_URL first.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../generated/prisma/client";
import { databaseUrl, providerOf, sqliteFilePath, type Provider } from "./provider";
import { serialiseSqlite } from "./serialize-sqlite.server";

export type Db = PrismaClient;
/** A client or an interactive transaction: what domain functions accept. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForDb = globalThis as unknown as { guestArchiveDb?: PrismaClient; guestArchiveProvider?: Provider; guestArchivePool?: pg.Pool };

export function createDb(url = databaseUrl(), pools: { onPool?: (pool: pg.Pool) => void } = {}): PrismaClient {
  const provider = providerOf(url);
  let adapter;
  if (provider === "sqlite") adapter = serialiseSqlite(new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: 10_000 }));
  else {
    const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    // An idle connection the server ends (a restart, a failover, an administrator) is dropped from
    // the pool and replaced on the next query; without a listener it would end the whole process.
    pool.on("error", (error) => console.warn(`[db] idle PostgreSQL connection lost: ${error.message}`));
    pools.onPool?.(pool);
    adapter = new PrismaPg(pool);
  }
  // Jobs write in short batches; a desk transaction may wait behind one.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 20_000 } });
}

export function db(): PrismaClient {
  if (!globalForDb.guestArchiveDb) {
    globalForDb.guestArchiveDb = createDb(databaseUrl(), { onPool: (pool) => (globalForDb.guestArchivePool = pool) });
    globalForDb.guestArchiveProvider = providerOf(databaseUrl());
  }
  return globalForDb.guestArchiveDb;
}

export function dbProvider(): Provider {
  return globalForDb.guestArchiveProvider ?? providerOf(databaseUrl());
}

/** The PostgreSQL pool's use (null on SQLite, or before the first query). */
export function dbPoolStats(): { total: number; idle: number; waiting: number; max: number } | null {
  const pool = globalForDb.guestArchivePool;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 } : null;
}

export async function disconnectDb() {
  await globalForDb.guestArchiveDb?.$disconnect();
  globalForDb.guestArchiveDb = undefined;
  const pool = globalForDb.guestArchivePool;
  globalForDb.guestArchivePool = undefined;
  if (pool && !pool.ended) await pool.end();
}
