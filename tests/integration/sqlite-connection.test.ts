// One SQLite connection per process: queries outside a transaction must not
// run inside it (app/db/serialize-sqlite.server.ts).
import { describe, expect, it } from "vitest";
import { db } from "~/db/client.server";

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
