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

export function serialiseSqlite<F extends SqlDriverAdapterFactory>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    // Deleted and overwritten content is zeroed in the file, not left in free
    // pages: an erased guest's e-mail must not survive in the database or in a
    // later backup (with a checkpoint after erasure, app/db/sql.server.ts).
    await adapter.executeScript("PRAGMA secure_delete = ON;");
    return serialiseAdapter(adapter);
  };
  return factory;
}
