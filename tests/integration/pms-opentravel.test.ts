// OpenTravel XML at /api/v1/ota: a reservation's Commit, Modify and Cancel
// through the same rules as the JSON feed (one stay, order safety), only the
// primary customer as a guest, a profile create, card numbers removed, and an
// unknown HotelCode answered with Errors and kept as a dead letter.
import fs from "node:fs";
import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import { reprocessDeadLetter } from "~/domain/feed/dead-letters.server";
import { reapplyDeadLetter } from "~/domain/feed/reapply.server";
import * as otaRoute from "~/routes/api.v1.ota";
import { plantProperty, plantStaffMember } from "../support/fixtures";
import { plantApiKey, send } from "../support/feed";

const fixture = (name: string) => fs.readFileSync(`tests/fixtures/ota/${name}`, "utf8");
const COMMIT = fixture("res-commit.xml");
const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", removeNSPrefix: true }).parse(xml);

let key: string;

beforeAll(async () => {
  await plantProperty("SHA");
  key = (await plantApiKey()).key;
});

const post = (xml: string, idempotencyKey?: string) => send(otaRoute, "/api/v1/ota", xml, { key, idempotencyKey });
const stay = () => db().stay.findUniqueOrThrow({ where: { source_externalId: { source: "OPERA-SHA", externalId: "OTA-5001" } } });

describe("OTA_HotelResNotifRQ", () => {
  it("commits a reservation for the primary customer only, answering OTA_HotelResNotifRS Success", async () => {
    const reply = await post(COMMIT);
    expect(reply.status).toBe(200);
    const rs = parse(reply.text).OTA_HotelResNotifRS;
    expect(rs).toHaveProperty("Success");
    expect(rs["@EchoToken"]).toBe("echo-1");
    expect(rs.HotelReservations.HotelReservation.UniqueID["@ID"]).toBe("OTA-5001");
    const held = await stay();
    expect(held).toMatchObject({ status: "RESERVED", roomType: "DELUXE", adults: 2, children: 1, rateAmount: 128000, nights: 2 });
    const guest = await db().guest.findUniqueOrThrow({ where: { id: held.guestId } });
    expect(guest).toMatchObject({ fullName: "张伟", externalId: "OP-7001", email: "zhang.wei.ota@example.cn" });
    expect(await db().guest.count({ where: { externalId: { in: ["CO-9", "TA-4"] } } })).toBe(0);
    expect(await db().guest.count({ where: { fullName: { in: ["Acme Trading", "Sunrise Travel"] } } })).toBe(0);
    expect(JSON.stringify(await db().auditEntry.findMany({ where: { guestId: held.guestId } }))).not.toContain("4012888888881881");
  });

  it("applies a Modify, ignores a stale one, and keeps a Cancel", async () => {
    const modify = COMMIT.replace('ResStatus="Commit"', 'ResStatus="Modify"')
      .replace('LastModifyDateTime="2026-11-20T10:05:00+08:00"', 'LastModifyDateTime="2026-11-21T09:00:00+08:00"')
      .replace('RoomTypeCode="DELUXE"', 'RoomTypeCode="SUITE"');
    expect(parse((await post(modify)).text).OTA_HotelResNotifRS).toHaveProperty("Success");
    expect((await stay()).roomType).toBe("SUITE");
    const cancel = COMMIT.replace('ResStatus="Commit"', 'ResStatus="Cancel"').replace(
      'LastModifyDateTime="2026-11-20T10:05:00+08:00"',
      'LastModifyDateTime="2026-11-22T09:00:00+08:00"',
    );
    await post(cancel);
    const staleModify = modify
      .replace("2026-11-21T09:00:00+08:00", "2026-11-21T12:00:00+08:00")
      .replace('RoomTypeCode="SUITE"', 'RoomTypeCode="FAMILY"');
    expect(parse((await post(staleModify)).text).OTA_HotelResNotifRS).toHaveProperty("Success");
    // The Cancel carried the room type DELUXE: the stale Modify (FAMILY) after it changed nothing.
    expect(await stay()).toMatchObject({ status: "CANCELLED", roomType: "DELUXE" });
    for (let i = 0; i < 3; i++) await post(COMMIT, "ota-commit-1");
    expect(await db().stay.count({ where: { externalId: "OTA-5001" } })).toBe(1);
  });

  it("answers an unknown HotelCode with Errors (392) and keeps the message, applied once the property exists", async () => {
    const elsewhere = COMMIT.replace('HotelCode="SHA"', 'HotelCode="XMN"').replace('ID="OTA-5001"', 'ID="OTA-5002"');
    const rs = parse((await post(elsewhere)).text).OTA_HotelResNotifRS;
    expect(rs.Success).toBeUndefined();
    expect(rs.Errors.Error["@Code"]).toBe("392");
    expect(rs.Errors.Error["@Type"]).toBe("3");
    const letter = await db().deadLetter.findFirstOrThrow({ where: { kind: "ota", errorCode: "unknownProperty" } });
    expect(letter.payload).not.toContain("4012888888881881");
    expect(letter.payload).toContain("[card number removed]");
    const admin = await plantStaffMember("ADMIN");
    await plantProperty("XMN");
    expect(
      await reprocessDeadLetter(db(), admin.actor, letter.id, (kind, payload) => reapplyDeadLetter(db(), admin.actor, kind, payload)),
    ).toMatchObject({
      resolved: true,
    });
    expect(await db().stay.count({ where: { externalId: "OTA-5002" } })).toBe(1);
  });

  it("answers a message without required parts with Errors, writing nothing", async () => {
    const broken = COMMIT.replace('<TimeSpan Start="2026-12-01" End="2026-12-03"/>', "").replace('ID="OTA-5001"', 'ID="OTA-5003"');
    const rs = parse((await post(broken)).text).OTA_HotelResNotifRS;
    expect(rs.Errors).toBeDefined();
    expect(await db().stay.count({ where: { externalId: "OTA-5003" } })).toBe(0);
    const unknown = parse((await post("<OTA_ReadRQ/>")).text);
    expect(JSON.stringify(unknown)).toContain("Errors");
    expect((await post("<not xml")).status).toBe(200);
  });
});

describe("OTA_ProfileCreateRQ", () => {
  it("creates the guest profile and answers OTA_ProfileCreateRS with its id", async () => {
    const rs = parse((await post(fixture("profile-create.xml"))).text).OTA_ProfileCreateRS;
    expect(rs).toHaveProperty("Success");
    const guest = await db().guest.findFirstOrThrow({ where: { externalId: "OP-7002" } });
    expect(rs.UniqueID["@ID"]).toBe(String(guest.id));
    expect(guest).toMatchObject({ fullName: "Anna Berg", gender: "FEMALE", birthDate: "1988-04-12" });
  });
});
