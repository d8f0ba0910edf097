// The one Prisma client of the process, connected through the driver adapter
// that DATABASE_URL chooses. Created lazily so tests can set DATABASE_URL first.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";
import { databaseUrl, providerOf, sqliteFilePath, type Provider } from "./provider";
import { serialiseSqlite } from "./serialize-sqlite.server";

export type Db = PrismaClient;
/** A client or an interactive transaction: what domain functions accept. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const globalForDb = globalThis as unknown as { guestArchiveDb?: PrismaClient; guestArchiveProvider?: Provider };

export function createDb(url = databaseUrl()): PrismaClient {
  const provider = providerOf(url);
  const adapter =
    provider === "sqlite"
      ? serialiseSqlite(new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: 10_000 }))
      : new PrismaPg({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // Jobs write in short batches; a desk transaction may wait behind one.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 20_000 } });
}

export function db(): PrismaClient {
  if (!globalForDb.guestArchiveDb) {
    globalForDb.guestArchiveDb = createDb();
    globalForDb.guestArchiveProvider = providerOf(databaseUrl());
  }
  return globalForDb.guestArchiveDb;
}

export function dbProvider(): Provider {
  return globalForDb.guestArchiveProvider ?? providerOf(databaseUrl());
}

export async function disconnectDb() {
  await globalForDb.guestArchiveDb?.$disconnect();
  globalForDb.guestArchiveDb = undefined;
}
