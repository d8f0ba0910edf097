// Payment card numbers in a feed message never reach the database: not the
// guest's fields, not the idempotency store, not a dead letter. Read from the
// SQLite file itself (and its write-ahead log), as a forensic search would.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { sqliteFilePath } from "~/db/provider";
import * as staysRoute from "~/routes/api.v1.stays";
import { plantProperty } from "../support/fixtures";
import { plantApiKey, reservation, send } from "../support/feed";

const CARD = "4012888888881881";
const GROUPED = "4012 8888 8888 1881";

let key: string;

beforeAll(async () => {
  await plantProperty("SHA");
  key = (await plantApiKey()).key;
});

function databaseHolds(text: string): boolean {
  const file = sqliteFilePath(process.env.DATABASE_URL!);
  return [file, `${file}-wal`].some((f) => fs.existsSync(f) && fs.readFileSync(f).includes(Buffer.from(text, "utf8")));
}

describe("card data", () => {
  it("is removed from a stored reservation, its idempotency answer and a dead letter", async () => {
    const applied = await send(
      staysRoute,
      "/api/v1/stays",
      { ...reservation({ externalId: "R-card" }, { address: `Guarantee ${GROUPED} exp 12/29` }), paymentCard: { number: CARD } },
      { key, idempotencyKey: "card-1" },
    );
    expect(applied.status).toBe(201);
    expect(applied.body.cardNumbersRemoved).toBe(2);
    const dead = await send(
      staysRoute,
      "/api/v1/stays",
      { ...reservation({ externalId: "R-card-2", propertyCode: "NOWHERE" }), remarks: `card ${CARD}` },
      { key, idempotencyKey: "card-2" },
    );
    expect(dead.status).toBe(422);
    const bare = await send(staysRoute, "/api/v1/stays", `{"source":"X","externalId":"R-3","card":${CARD}}`, { key });
    expect(bare.status).toBe(422);
    expect(bare.body.error.code).toBe("cardNumberRefused");

    const guest = await db().guest.findFirstOrThrow({ where: { externalId: "P-501" } });
    expect(guest.address).toBe("Guarantee [card number removed] exp 12/29");
    expect((await db().deadLetter.findUniqueOrThrow({ where: { id: dead.body.deadLetterId } })).payload).not.toContain(CARD);
    await db()
      .$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)")
      .catch(() => undefined);
    expect(databaseHolds(CARD)).toBe(false);
    expect(databaseHolds(GROUPED)).toBe(false);
    expect(databaseHolds("Guarantee [card number removed]")).toBe(true);
  });
});
