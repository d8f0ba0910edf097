// The SQLite driver adapter shares one connection per process and only makes
// transactions wait for each other: a plain query that arrives while an
// interactive transaction is open runs inside it — it sees uncommitted rows
// and is rolled back with it. This wrapper makes every query and every
// transaction take turns on the connection (SQLite has one writer anyway).
// Delete it when the adapter serialises its connection itself.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

class TurnTaking {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once it is this caller's turn. */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    return release;
  }
}

function serialiseAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const turns = new TurnTaking();
  const oneQuery =
    <T>(run: () => Promise<T>) =>
    async () => {
      const release = await turns.acquire();
      try {
        return await run();
      } finally {
        release();
      }
    };
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === "queryRaw" || property === "executeRaw") {
        return (query: Parameters<SqlDriverAdapter["queryRaw"]>[0]) =>
          oneQuery(() => (target[property] as (q: typeof query) => Promise<unknown>).call(target, query))();
      }
      if (property === "executeScript") {
        return (script: string) => oneQuery(() => target.executeScript(script))();
      }
      if (property === "startTransaction") {
        return async (...args: Parameters<SqlDriverAdapter["startTransaction"]>): Promise<Transaction> => {
          const release = await turns.acquire();
          let transaction: Transaction;
          try {
            transaction = await target.startTransaction(...args);
          } catch (error) {
            release();
            throw error;
          }
          let released = false;
          const end = () => {
            if (!released) {
              released = true;
              release();
            }
          };
          return new Proxy(transaction, {
            get(tx, txProperty, txReceiver) {
              if (txProperty === "commit" || txProperty === "rollback") {
                return async () => {
                  try {
                    await (tx[txProperty] as () => Promise<void>).call(tx);
                  } finally {
                    end();
                  }
                };
              }
              const value = Reflect.get(tx, txProperty, txReceiver);
              return typeof value === "function" ? value.bind(tx) : value;
            },
          });
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * Interactive transactions start with `BEGIN IMMEDIATE`, taking the write lock
 * at once (waiting up to the busy timeout for another process to finish).
 * The adapter's plain `BEGIN` is deferred: a transaction that reads first and
 * writes later tries to upgrade its lock mid-way, and when another process
 * (a second app instance, a jobs process) wrote in between SQLite refuses the
 * upgrade at once with SQLITE_BUSY — the busy timeout cannot help, as waiting
 * could deadlock. Taking the lock at the start turns that into a short wait.
 * Within one process the turn-taking below already serialises transactions,
 * so this only orders this process against the others on the same file.
 */
function beginImmediately(adapter: SqlDriverAdapter) {
  const client = (adapter as unknown as { client?: { prepare: (sql: string) => unknown } }).client;
  if (!client || typeof client.prepare !== "function") {
    throw new Error(
      "The SQLite driver adapter changed: it no longer exposes its better-sqlite3 client (app/db/serialize-sqlite.server.ts).",
    );
  }
  const prepare = client.prepare.bind(client);
  client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
}

export function serialiseSqlite<F extends SqlDriverAdapterFactory>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    // Deleted and overwritten content is zeroed in the file, not left in free
    // pages: an erased guest's e-mail must not survive in the database or in a
    // later backup (with a checkpoint after erasure, app/db/sql.server.ts).
    await adapter.executeScript("PRAGMA secure_delete = ON;");
    beginImmediately(adapter);
    return serialiseAdapter(adapter);
  };
  return factory;
}
