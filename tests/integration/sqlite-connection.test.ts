// One SQLite connection per process: queries outside a transaction must not
// run inside it (app/db/serialize-sqlite.server.ts). And a start while another
// process writes to the file waits for it and says so.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { sqliteFilePath } from "~/db/provider";

const property = (code: string) => ({ code, name: code, nameZh: code, timeZone: "UTC", currency: "CNY" });

/** What a query did within a moment: finished (with what), or still waiting. */
function withinAMoment<T>(query: Promise<T>) {
  return Promise.race([
    query.then((value) => ({ finished: true, value })),
    new Promise<{ finished: false }>((resolve) => setTimeout(() => resolve({ finished: false }), 300)),
  ]);
}

describe("the shared SQLite connection", () => {
  it("makes outside queries wait for an open transaction: they never see its rows nor roll back with it", async () => {
    let insideWrote!: () => void;
    const wroteInside = new Promise<void>((resolve) => (insideWrote = resolve));
    let finish!: () => void;
    const mayFinish = new Promise<void>((resolve) => (finish = resolve));
    const failing = db().$transaction(async (tx) => {
      await tx.property.create({ data: property("UNCOMMITTED") });
      insideWrote();
      await mayFinish;
      throw new Error("conflict");
    });
    await wroteInside;

    const read = db().property.findUnique({ where: { code: "UNCOMMITTED" } });
    const write = db().property.create({ data: property("OUTSIDE") });
    expect(await withinAMoment(read)).toEqual({ finished: false });
    expect((await withinAMoment(write)).finished).toBe(false);

    finish();
    await expect(failing).rejects.toThrow("conflict");
    expect(await read).toBeNull();
    await write;
    expect(await db().property.findUnique({ where: { code: "OUTSIDE" } })).not.toBeNull();
    expect(await db().property.findUnique({ where: { code: "UNCOMMITTED" } })).toBeNull();
  });
});

describe("npm start while another process writes to the database file", () => {
  it("waits, saying the database is busy and why, and gives up with a plain message", async () => {
    const file = sqliteFilePath(process.env.DATABASE_URL!);
    const other = new Database(file);
    other.exec("BEGIN IMMEDIATE"); // a seed or a restore in another process, holding the write lock
    try {
      const started = spawnSync(process.execPath, [createRequire(import.meta.url).resolve("tsx/cli"), "scripts/start.ts"], {
        env: {
          ...process.env,
          SQLITE_BUSY_WAIT_SECONDS: "1",
          SESSION_SECRET: "busy-test-session-secret-01234",
          ID_ENCRYPTION_KEY: "busy-test-key",
        },
        encoding: "utf8",
      });
      expect(started.status).toBe(1);
      expect(started.stdout).toContain(`The database ${file} is busy: another process is writing to it`);
      expect(started.stderr).toContain(`The database ${file} stayed busy for 1 s. Stop the other process that writes to it`);
      expect(started.stdout + started.stderr).not.toMatch(/WASM_ERROR|SocketTimeout/);
    } finally {
      other.exec("ROLLBACK");
      other.close();
    }
  });
});
