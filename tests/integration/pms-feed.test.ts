// The PMS feed over /api/v1 as a hotel's IT would use it: API keys (scopes,
// properties, revocation), upserts of profiles and reservations through their
// life, charges and surveys posted once, Idempotency-Key, order safety, dead
// letters and their reprocessing, and every call in the access register.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { revokeApiKey } from "~/domain/feed/api-keys.server";
import { SYSTEM_ACTOR } from "~/domain/actor";
import { listDeadLetters, reprocessDeadLetter } from "~/domain/feed/dead-letters.server";
import { reapplyFeedMessage } from "~/domain/feed/process-message.server";
import * as guestsRoute from "~/routes/api.v1.guests";
import * as staysRoute from "~/routes/api.v1.stays";
import * as chargesRoute from "~/routes/api.v1.charges";
import * as surveysRoute from "~/routes/api.v1.surveys";
import { plantGuest, plantProperty, plantStaffMember } from "../support/fixtures";
import { plantApiKey, reservation, send } from "../support/feed";

let key: string;
let keyId: number;

beforeAll(async () => {
  await plantProperty("SHA");
  await plantProperty("BJS", "Asia/Shanghai");
  const created = await plantApiKey(["pms:write"]);
  key = created.key;
  keyId = created.id;
});

const stayOf = (source: string, externalId: string) =>
  db().stay.findUniqueOrThrow({ where: { source_externalId: { source, externalId } } });

describe("API keys", () => {
  it("refuses a call without a key, with a wrong key and with a revoked key (401)", async () => {
    expect((await send(staysRoute, "/api/v1/stays", reservation(), { key: null })).status).toBe(401);
    expect((await send(staysRoute, "/api/v1/stays", reservation(), { key: "ga_live_notakey" })).status).toBe(401);
    expect((await send(staysRoute, "/api/v1/stays", reservation(), { key: key.slice(0, -1) + "x" })).status).toBe(401);
    const revoked = await plantApiKey(["pms:write"], [], "old PMS");
    await revokeApiKey(db(), SYSTEM_ACTOR, revoked.id);
    const reply = await send(staysRoute, "/api/v1/stays", reservation({ externalId: "R-revoked" }), { key: revoked.key });
    expect(reply.status).toBe(401);
    expect(reply.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect(await db().stay.count({ where: { externalId: "R-revoked" } })).toBe(0);
  });

  it("refuses a key without the scope, and a key limited to another property (403)", async () => {
    const reader = await plantApiKey(["guests:read"], [], "reader");
    expect((await send(staysRoute, "/api/v1/stays", reservation({ externalId: "R-scope" }), { key: reader.key })).status).toBe(403);
    const beijing = await plantApiKey(["pms:write"], ["BJS"], "Beijing PMS");
    const refused = await send(staysRoute, "/api/v1/stays", reservation({ externalId: "R-other" }), { key: beijing.key });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("propertyNotAllowed");
    expect(await db().stay.count({ where: { externalId: "R-other" } })).toBe(0);
    expect(await db().deadLetter.count()).toBe(0);
    const allowed = await send(staysRoute, "/api/v1/stays", reservation({ externalId: "R-bjs", propertyCode: "BJS" }), {
      key: beijing.key,
    });
    expect(allowed.status).toBe(201);
  });

  it("keeps only the hash, and the last use", async () => {
    expect((await db().apiKey.findUniqueOrThrow({ where: { id: keyId } })).lastUsedAt).toBeNull();
    expect((await send(staysRoute, "/api/v1/stays", reservation({ externalId: "R-first" }), { key })).status).toBe(201);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: keyId } });
    expect(row.keyHash).not.toContain(key);
    expect(key.startsWith(row.prefix)).toBe(true);
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("never lets a session cookie stand for a key", async () => {
    const admin = await plantStaffMember("ADMIN");
    const reply = await send(staysRoute, "/api/v1/stays", reservation({ externalId: "R-cookie" }), {
      key: null,
      headers: { Cookie: `ga_session=anything; staff=${admin.id}` },
    });
    expect(reply.status).toBe(401);
  });
});

describe("a reservation through its life", () => {
  it("goes reserved → in house → room move → checked out as one stay, each change in the register as the key", async () => {
    const id = "R-life";
    const at = (hour: number) => `2026-12-01T${String(hour).padStart(2, "0")}:00:00+08:00`;
    const first = await send(staysRoute, "/api/v1/stays", reservation({ externalId: id, modifiedAt: at(8) }), { key });
    expect(first.status).toBe(201);
    expect(first.body.outcome).toBe("created");
    await send(staysRoute, "/api/v1/stays", reservation({ externalId: id, modifiedAt: at(9), status: "IN_HOUSE", roomNumber: "1201" }), {
      key,
    });
    const moved = await send(
      staysRoute,
      "/api/v1/stays",
      reservation({ externalId: id, modifiedAt: at(10), status: "IN_HOUSE", roomNumber: "1502" }),
      { key, method: "PUT" },
    );
    expect(moved.body.outcome).toBe("updated");
    await send(
      staysRoute,
      "/api/v1/stays",
      reservation({ externalId: id, modifiedAt: at(11), status: "CHECKED_OUT", roomNumber: "1502" }),
      { key },
    );

    const stay = await stayOf("OPERA-SHA", id);
    expect(stay).toMatchObject({ status: "CHECKED_OUT", roomNumber: "1502", nights: 3, roomRevenue: 3 * 98000 });
    expect(await db().stay.count({ where: { externalId: id } })).toBe(1);
    const events = await db().timelineEvent.findMany({ where: { stayId: stay.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.name)).toEqual(["stay.added", "stay.updated", "stay.updated", "stay.updated"]);
    expect(events[2].properties).toMatchObject({ roomMove: ["1201", "1502"] });
    const register = await db().auditEntry.findMany({ where: { entity: "Stay", entityId: stay.id }, orderBy: { id: "asc" } });
    expect(register.map((r) => r.action)).toEqual(["CREATE", "UPDATE", "UPDATE", "UPDATE"]);
    expect(register.every((r) => r.apiKeyId === keyId && r.staffId === null && r.ip === "203.0.113.7")).toBe(true);
  });

  it("identifies the guest by the source's profile id, and never by a booking site's relay e-mail", async () => {
    const a = await send(
      staysRoute,
      "/api/v1/stays",
      reservation(
        { externalId: "R-relay-1" },
        { externalId: "P-relay-1", fullName: "Anna Berg", phone: undefined, email: "abc123@guest.booking.com" },
      ),
      { key },
    );
    const b = await send(
      staysRoute,
      "/api/v1/stays",
      reservation(
        { externalId: "R-relay-2" },
        { externalId: undefined, fullName: "Jon Berg", phone: undefined, email: "abc123@guest.booking.com" },
      ),
      { key },
    );
    expect(a.body.guestId).not.toBe(b.body.guestId);
    const again = await send(
      staysRoute,
      "/api/v1/stays",
      reservation(
        { externalId: "R-relay-3" },
        { externalId: "P-relay-1", fullName: "Anna Berg", phone: undefined, email: "other@m.expediapartnercentral.com" },
      ),
      { key },
    );
    expect(again.body.guestId).toBe(a.body.guestId);
  });

  it("links a reservation without a profile id to the one guest with the same phone", async () => {
    const desk = await plantStaffMember("FRONT_DESK");
    const guest = await plantGuest(desk.actor, { fullName: "李静", phone: "13700001111" });
    const reply = await send(
      staysRoute,
      "/api/v1/stays",
      reservation({ externalId: "R-phone" }, { externalId: undefined, fullName: "李静", phone: "+86 137 0000 1111", email: undefined }),
      { key },
    );
    expect(reply.body.guestId).toBe(guest.guestId);
  });

  it("answers 422 with field errors for an invalid body, and writes nothing", async () => {
    const before = await db().stay.count();
    const reply = await send(
      staysRoute,
      "/api/v1/stays",
      reservation(
        { externalId: "R-bad", status: "CHECKING", departureDate: "2026-11-30" },
        { email: "not-an-address", fullName: "a\u0007b" },
      ),
      { key },
    );
    expect(reply.status).toBe(422);
    const paths = reply.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["status", "guest.email", "guest.fullName"]));
    expect((await send(staysRoute, "/api/v1/stays", "{not json", { key })).status).toBe(400);
    expect(await db().stay.count()).toBe(before);
  });
});

describe("idempotency", () => {
  it("answers a repeat with the same key and body as the first time, and refuses the key with another body (409)", async () => {
    const message = reservation({ externalId: "R-idem" });
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await send(staysRoute, "/api/v1/stays", message, { key, idempotencyKey: "msg-0001" }));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(replies[1].text).toBe(replies[0].text);
    expect(replies[2].headers.get("Idempotent-Replayed")).toBe("true");
    const other = await send(staysRoute, "/api/v1/stays", { ...message, roomType: "SUITE" }, { key, idempotencyKey: "msg-0001" });
    expect(other.status).toBe(409);
    expect(await db().stay.count({ where: { externalId: "R-idem" } })).toBe(1);
    expect((await stayOf("OPERA-SHA", "R-idem")).roomType).toBe("DELUXE");
  });

  it("gives one stay for a message replayed three times without a key", async () => {
    const message = reservation({ externalId: "R-thrice" });
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push((await send(staysRoute, "/api/v1/stays", message, { key })).body.outcome);
    expect(outcomes).toEqual(["created", "stale", "stale"]);
    expect(await db().stay.count({ where: { externalId: "R-thrice" } })).toBe(1);
  });

  it("gives one stay and one guest when eight senders post the same new reservation at once", async () => {
    const message = reservation({ externalId: "R-race" }, { externalId: "P-race", phone: "+86 135 5555 0000", email: "race@example.cn" });
    const replies = await Promise.all(Array.from({ length: 8 }, () => send(staysRoute, "/api/v1/stays", message, { key })));
    expect(replies.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(await db().stay.count({ where: { externalId: "R-race" } })).toBe(1);
    expect(await db().guest.count({ where: { externalId: "P-race" } })).toBe(1);
  });

  it("writes nothing of a request that fails — neither the guest's new details nor its key", async () => {
    const id = "R-fails";
    await send(
      staysRoute,
      "/api/v1/stays",
      reservation({ externalId: id, status: "CHECKED_OUT" }, { externalId: "P-fails", email: "before@example.cn" }),
      { key },
    );
    const reply = await send(
      staysRoute,
      "/api/v1/stays",
      reservation(
        { externalId: id, status: "IN_HOUSE", modifiedAt: "2026-11-21T10:00:00+08:00" },
        { externalId: "P-fails", email: "after@example.cn" },
      ),
      { key, idempotencyKey: "msg-fails" },
    );
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("invalidTransition");
    const guest = await db().guest.findFirstOrThrow({ where: { externalId: "P-fails" } });
    expect(guest.email).toBe("before@example.cn");
    expect((await stayOf("OPERA-SHA", id)).status).toBe("CHECKED_OUT");
    expect(await db().idempotentRequest.count({ where: { key: "msg-fails" } })).toBe(0);
  });
});

describe("order safety", () => {
  it("keeps a cancellation when a stale modification arrives after it", async () => {
    const id = "R-cancel";
    await send(staysRoute, "/api/v1/stays", reservation({ externalId: id, modifiedAt: "2026-11-20T10:00:00+08:00" }), { key });
    const cancel = await send(
      staysRoute,
      "/api/v1/stays",
      reservation({ externalId: id, modifiedAt: "2026-11-22T10:00:00+08:00", status: "CANCELLED" }),
      { key },
    );
    expect(cancel.body.outcome).toBe("updated");
    const stale = await send(
      staysRoute,
      "/api/v1/stays",
      reservation({ externalId: id, modifiedAt: "2026-11-21T10:00:00+08:00", roomType: "SUITE" }),
      { key },
    );
    expect(stale.status).toBe(200);
    expect(stale.body.outcome).toBe("stale");
    expect(await stayOf("OPERA-SHA", id)).toMatchObject({ status: "CANCELLED", roomType: "DELUXE", roomRevenue: 0 });
  });

  it("ends at the source's latest state whatever order the messages arrive in", async () => {
    const versions = [
      reservation({ externalId: "R-order", modifiedAt: "2026-11-20T10:00:00+08:00", sequence: 1, roomType: "STANDARD" }),
      reservation({ externalId: "R-order", modifiedAt: "2026-11-20T10:00:00+08:00", sequence: 2, roomType: "SUPERIOR" }),
      reservation({
        externalId: "R-order",
        modifiedAt: "2026-11-20T11:00:00+08:00",
        sequence: 0,
        roomType: "SUITE",
        status: "IN_HOUSE",
        roomNumber: "808",
      }),
      reservation({
        externalId: "R-order",
        modifiedAt: "2026-11-20T12:00:00+08:00",
        sequence: 0,
        roomType: "SUITE",
        status: "CHECKED_OUT",
        roomNumber: "808",
      }),
    ];
    for (const index of [3, 0, 2, 1]) await send(staysRoute, "/api/v1/stays", versions[index], { key });
    expect(await stayOf("OPERA-SHA", "R-order")).toMatchObject({ status: "CHECKED_OUT", roomType: "SUITE", roomNumber: "808" });
    for (const index of [1, 0]) await send(staysRoute, "/api/v1/stays", { ...versions[index], externalId: "R-order-2" }, { key });
    expect((await stayOf("OPERA-SHA", "R-order-2")).roomType).toBe("SUPERIOR");
  });

  it("never lets an older profile overwrite a newer one", async () => {
    const profile = { source: "OPERA-SHA", externalId: "P-900", fullName: "陈一", phone: "+86 136 0000 9000" };
    await send(
      guestsRoute,
      "/api/v1/guests",
      { ...profile, modifiedAt: "2026-11-20T10:00:00Z", email: "new@example.cn" },
      { key, method: "PUT" },
    );
    const older = await send(
      guestsRoute,
      "/api/v1/guests",
      { ...profile, modifiedAt: "2026-11-19T10:00:00Z", email: "old@example.cn" },
      { key },
    );
    expect(older.body.outcome).toBe("stale");
    expect((await db().guest.findFirstOrThrow({ where: { externalId: "P-900" } })).email).toBe("new@example.cn");
    const register = await db().auditEntry.findMany({ where: { guestId: older.body.guestId, apiKeyId: keyId }, orderBy: { id: "asc" } });
    expect(register.map((r) => r.action)).toEqual(["CREATE", "VIEW"]);
  });
});

describe("charges and surveys", () => {
  it("posts a charge once per (source, externalId), to the reservation's guest", async () => {
    const stay = await send(staysRoute, "/api/v1/stays", reservation({ externalId: "R-folio" }), { key });
    const charge = {
      source: "OPERA-SHA",
      externalId: "F-1",
      propertyCode: "SHA",
      reservationExternalId: "R-folio",
      outlet: "Lobby Bar",
      grossAmount: 12000,
      netAmount: 10800,
      paymentMethod: "ROOM_ACCOUNT",
      chargedAt: "2026-12-02T21:15:00+08:00",
    };
    const replies = [
      await send(chargesRoute, "/api/v1/charges", charge, { key }),
      await send(chargesRoute, "/api/v1/charges", charge, { key }),
    ];
    expect(replies.map((r) => r.body.outcome)).toEqual(["created", "unchanged"]);
    const rows = await db().charge.findMany({ where: { externalId: "F-1" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ guestId: stay.body.guestId, stayId: stay.body.id, netAmount: 10800, discountRate: 0.1 });
  });

  it("posts a survey about a stay", async () => {
    await send(staysRoute, "/api/v1/stays", reservation({ externalId: "R-survey", status: "CHECKED_OUT" }), { key });
    const survey = {
      source: "OPERA-SHA",
      externalId: "S-1",
      reservationExternalId: "R-survey",
      score: 9,
      comment: "很安静",
      answeredAt: "2026-12-05T09:00:00+08:00",
    };
    const reply = await send(surveysRoute, "/api/v1/surveys", survey, { key });
    expect(reply.status).toBe(201);
    expect(await db().survey.findUniqueOrThrow({ where: { id: reply.body.id } })).toMatchObject({ score: 9, comment: "很安静" });
  });
});

describe("dead letters", () => {
  it("keeps a message for an unknown property with its error, and applies it once the property exists", async () => {
    const message = reservation({ externalId: "R-hkg", propertyCode: "HKG" });
    const first = await send(staysRoute, "/api/v1/stays", message, { key });
    expect(first.status).toBe(422);
    expect(first.body.error.code).toBe("unknownProperty");
    const retry = await send(staysRoute, "/api/v1/stays", message, { key });
    expect(retry.body.deadLetterId).toBe(first.body.deadLetterId);
    const { letters } = await listDeadLetters(db());
    const letter = letters.find((l) => l.id === first.body.deadLetterId)!;
    expect(letter).toMatchObject({ kind: "stay", errorCode: "unknownProperty", attempts: 2, resolvedAt: null });

    const admin = await plantStaffMember("ADMIN");
    const reapply = (kind: string, payload: string) => reapplyFeedMessage(db(), { actor: admin.actor, principal: null }, kind, payload);
    expect(await reprocessDeadLetter(db(), admin.actor, letter.id, reapply)).toMatchObject({
      resolved: false,
      errorCode: "unknownProperty",
    });
    await plantProperty("HKG", "Asia/Hong_Kong", "HKD");
    expect(await reprocessDeadLetter(db(), admin.actor, letter.id, reapply)).toMatchObject({ resolved: true, outcome: "created" });
    expect((await stayOf("OPERA-SHA", "R-hkg")).status).toBe("RESERVED");
    expect((await db().deadLetter.findUniqueOrThrow({ where: { id: letter.id } })).resolvedAt).not.toBeNull();
    expect(await db().auditEntry.count({ where: { entity: "DeadLetter", entityId: letter.id, staffId: admin.id } })).toBe(1);
  });

  it("keeps a charge for a reservation the archive does not know", async () => {
    const reply = await send(
      chargesRoute,
      "/api/v1/charges",
      {
        source: "OPERA-SHA",
        externalId: "F-orphan",
        propertyCode: "SHA",
        reservationExternalId: "R-nowhere",
        outlet: "Spa",
        grossAmount: 1,
        netAmount: 1,
        paymentMethod: "CASH",
        chargedAt: "2026-12-02T10:00:00Z",
      },
      { key },
    );
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe("unknownReservation");
    expect(await db().deadLetter.count({ where: { id: reply.body.deadLetterId, kind: "charge" } })).toBe(1);
  });
});
