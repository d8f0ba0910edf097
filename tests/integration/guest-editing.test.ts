// Creating and editing guests: profile numbers, duplicate warnings, optimistic
// versions, and that a failure leaves nothing half-saved.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { ConflictError, NotFoundError } from "~/domain/errors";
import { createGuest, updateGuest } from "~/domain/guests/save-guest.server";
import { deleteGuest } from "~/domain/guests/recycle-bin.server";
import { searchGuests } from "~/domain/guests/search-guests.server";
import { guestInput, plantGuest, plantStaffMember } from "../support/fixtures";

let actor: Actor;

beforeAll(async () => {
  ({ actor } = await plantStaffMember("FRONT_DESK"));
  await db().identityMarker.createMany({
    data: [
      { code: "VIP", labelEn: "VIP", labelZh: "贵宾", color: "gold", icon: "star" },
      { code: "CORP", labelEn: "Corporate", labelZh: "协议客户", color: "blue", icon: "briefcase" },
    ],
  });
});

async function guestRow(id: number) {
  return db().guest.findUniqueOrThrow({ where: { id }, include: { markers: { include: { marker: true } } } });
}

const foundIds = async (query: string) => (await searchGuests(db(), query)).map((r) => r.id);

async function rowCounts() {
  const [guests, keys, audit, timeline, markers] = await Promise.all([
    db().guest.count(),
    db().guestSearchKey.count(),
    db().auditEntry.count(),
    db().timelineEvent.count(),
    db().guestMarker.count(),
  ]);
  return { guests, keys, audit, timeline, markers };
}

describe("profile numbers", () => {
  // First test of the file: the sequence starts at 1 here.
  it("are handed out in sequence and never reused after a delete or a purge", async () => {
    const first = await plantGuest(actor, { fullName: "First Guest" });
    const second = await plantGuest(actor, { fullName: "Second Guest" });
    const third = await plantGuest(actor, { fullName: "Third Guest" });
    expect([first.profileNumber, second.profileNumber, third.profileNumber]).toEqual(["G00000001", "G00000002", "G00000003"]);

    await deleteGuest(db(), actor, third.guestId);
    const fourth = await plantGuest(actor, { fullName: "Fourth Guest" });
    expect(fourth.profileNumber).toBe("G00000004");

    // Even a guest removed for good (a purge) does not give its number back.
    await db().guest.delete({ where: { id: fourth.guestId } });
    const fifth = await plantGuest(actor, { fullName: "Fifth Guest" });
    expect(fifth.profileNumber).toBe("G00000005");
    expect((await guestRow(fifth.guestId)).profileNumber).toBe("G00000005");
  });
});

describe("creating a guest", () => {
  it("saves the normalised columns, markers and search keys", async () => {
    const created = await plantGuest(actor, {
      fullName: "林晓",
      email: "Lin.Xiao@Example.COM",
      phone: "+86 139 2222 3333",
      birthdayCalendar: "LUNAR",
      birthDate: "1990-10-03",
      markers: ["VIP", "NO_SUCH_MARKER"],
      vipLevel: "2",
      idDocumentType: "RESIDENT_ID",
      idDocumentNumber: "11010119901003123X",
    });
    const row = await guestRow(created.guestId);
    expect(row).toMatchObject({
      fullName: "林晓",
      namePinyin: "lin xiao",
      email: "lin.xiao@example.com",
      vipLevel: 2,
      version: 1,
      // 1990-10-03 was the Mid-Autumn Festival: lunar 8/15.
      birthdayCalendar: "LUNAR",
      lunarBirthMonth: 8,
      lunarBirthDay: 15,
      lunarBirthLeap: false,
      idDocumentType: "RESIDENT_ID",
      idDocumentLast4: "123X",
    });
    // The ID number is stored encrypted, never in the clear.
    expect(row.idDocumentCipher).toBeTruthy();
    expect(row.idDocumentCipher).not.toContain("11010119901003123X");
    expect(row.markers.map((m) => m.marker.code)).toEqual(["VIP"]);
    const keys = (await db().guestSearchKey.findMany({ where: { guestId: created.guestId } })).map((k) => k.key);
    expect(keys).toEqual(expect.arrayContaining(["n:林晓", "p:linxiao", "i:lx", "t:3333222293168", "e:lin.xiao@example.com"]));
    expect(keys).toContain(`g:${Number(created.profileNumber.slice(1))}`);
  });

  it("warns about a guest with the same phone in another format, or the same e-mail, unless confirmed", async () => {
    const existing = await plantGuest(actor, { fullName: "Dup Original", phone: "138 0013 8000", email: "Dup@Hotel.test" });
    const before = await rowCounts();
    const sequenceBefore = await db().profileNumberSequence.findUnique({ where: { name: "guest" } });

    const byPhone = await createGuest(db(), actor, guestInput({ fullName: "Dup By Phone", phone: "(138) 0013-8000" }));
    expect(byPhone).toEqual({
      status: "possibleDuplicate",
      duplicates: [{ id: existing.guestId, profileNumber: existing.profileNumber, fullName: "Dup Original", matchedOn: "phone" }],
    });
    const withCountryCode = await createGuest(db(), actor, guestInput({ fullName: "Dup With Country Code", phone: "+86 138 0013 8000" }));
    expect(withCountryCode).toMatchObject({ status: "possibleDuplicate", duplicates: [{ id: existing.guestId, matchedOn: "phone" }] });
    const byEmail = await createGuest(db(), actor, guestInput({ fullName: "Dup By Email", email: "dup@HOTEL.test" }));
    expect(byEmail).toMatchObject({ status: "possibleDuplicate", duplicates: [{ id: existing.guestId, matchedOn: "email" }] });
    const byBoth = await createGuest(db(), actor, guestInput({ fullName: "Dup By Both", phone: "13800138000", email: "dup@hotel.test" }));
    expect(byBoth).toMatchObject({ status: "possibleDuplicate", duplicates: [{ id: existing.guestId }] });
    expect(byBoth.status === "possibleDuplicate" && byBoth.duplicates).toHaveLength(1);

    // A warning writes nothing but its row in the access register (it names the guests it found) and uses no profile number.
    expect(await rowCounts()).toEqual({ ...before, audit: before.audit + 4 });
    const warnings = await db().auditEntry.findMany({ where: { entity: "DuplicateWarning" }, orderBy: { id: "asc" } });
    expect(warnings.slice(-4).map((w) => w.changes)).toEqual(
      ["phone", "phone", "email", "phone"].map((kind) => ({ form: "new", matchedOn: [kind], found: 1, shownGuestIds: [existing.guestId] })),
    );
    expect(await db().profileNumberSequence.findUnique({ where: { name: "guest" } })).toEqual(sequenceBefore);

    const confirmed = await createGuest(
      db(),
      actor,
      guestInput({ fullName: "Dup Confirmed", phone: "138-0013-8000", confirmDuplicate: "on" }),
    );
    expect(confirmed.status).toBe("created");
  });

  it("does not warn about a different phone, or a guest in the recycle bin", async () => {
    const binned = await plantGuest(actor, { fullName: "Binned Dup", phone: "13511112222", email: "binned@hotel.test" });
    await deleteGuest(db(), actor, binned.guestId);
    const result = await createGuest(
      db(),
      actor,
      guestInput({ fullName: "Not A Dup", phone: "135 1111 2222", email: "binned@hotel.test" }),
    );
    expect(result.status).toBe("created");
    const other = await createGuest(db(), actor, guestInput({ fullName: "Other Phone", phone: "13511112223" }));
    expect(other.status).toBe("created");
  });
});

describe("editing a guest", () => {
  it("saves the change and bumps the version", async () => {
    const { guestId } = await plantGuest(actor, { fullName: "Edit Me", phone: "13600001234", markers: ["VIP"] });
    const result = await updateGuest(
      db(),
      actor,
      guestId,
      guestInput({
        fullName: "Edit Me",
        phone: "13600001234",
        vipLevel: "4",
        notes: "Prefers quiet rooms",
        markers: ["CORP"],
        version: "1",
      }),
    );
    expect(result.version).toBe(2);
    expect(result.changedFields.sort()).toEqual(["markers", "notes", "vipLevel"]);
    const row = await guestRow(guestId);
    expect(row).toMatchObject({ version: 2, vipLevel: 4, notes: "Prefers quiet rooms" });
    expect(row.markers.map((m) => m.marker.code)).toEqual(["CORP"]);

    const again = await updateGuest(
      db(),
      actor,
      guestId,
      guestInput({
        fullName: "Edit Me",
        phone: "13600001234",
        vipLevel: "4",
        notes: "Prefers quiet rooms",
        markers: ["CORP"],
        version: "2",
      }),
    );
    expect(again).toEqual({ version: 3, changedFields: [] });
  });

  it("refuses the second of two edits made on the same version and keeps the first", async () => {
    const { guestId } = await plantGuest(actor, { fullName: "Race Guest", phone: "13700005555", email: "race@hotel.test" });
    const formA = guestInput({
      fullName: "Race Guest",
      phone: "13700005555",
      email: "race@hotel.test",
      notes: "Edit A",
      vipLevel: "3",
      version: "1",
    });
    const formB = guestInput({
      fullName: "Race Guest Renamed",
      phone: "13700006666",
      email: "race-b@hotel.test",
      notes: "Edit B",
      version: "1",
    });

    await updateGuest(db(), actor, guestId, formA);
    const error = await updateGuest(db(), actor, guestId, formB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).currentVersion).toBe(2);
    expect((error as ConflictError).messageKey).toBe("error.conflict");

    const row = await guestRow(guestId);
    expect(row).toMatchObject({
      fullName: "Race Guest",
      phone: "+8613700005555",
      email: "race@hotel.test",
      notes: "Edit A",
      vipLevel: 3,
      version: 2,
    });
    // B's keys were never written.
    expect(await foundIds("6666")).not.toContain(guestId);
    expect(await foundIds("race-b@hotel.test")).not.toContain(guestId);
    expect(await foundIds("5555")).toContain(guestId);
    const audits = await db().auditEntry.count({ where: { guestId, action: "UPDATE" } });
    expect(audits).toBe(1);
  });

  it("lets exactly one of two simultaneous edits on the same version win", async () => {
    const { guestId } = await plantGuest(actor, { fullName: "Simultaneous" });
    const results = await Promise.allSettled([
      updateGuest(db(), actor, guestId, guestInput({ fullName: "Simultaneous", notes: "left", version: "1" })),
      updateGuest(db(), actor, guestId, guestInput({ fullName: "Simultaneous", notes: "right", version: "1" })),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(ConflictError);
    const row = await guestRow(guestId);
    expect(row.version).toBe(2);
    expect(row.notes).toBe(results[0].status === "fulfilled" ? "left" : "right");
  });

  it("refuses an edit with no version or a stale one", async () => {
    const { guestId } = await plantGuest(actor, { fullName: "Versionless" });
    await expect(updateGuest(db(), actor, guestId, guestInput({ fullName: "Versionless", notes: "x" }))).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(
      updateGuest(db(), actor, guestId, guestInput({ fullName: "Versionless", notes: "x", version: "7" })),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await guestRow(guestId)).notes).toBeNull();
  });

  it("refuses to edit a guest in the recycle bin or one that does not exist", async () => {
    const { guestId } = await plantGuest(actor, { fullName: "Deleted Before Edit" });
    await deleteGuest(db(), actor, guestId);
    await expect(updateGuest(db(), actor, guestId, guestInput({ fullName: "Zombie", version: "2" }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateGuest(db(), actor, 987_654, guestInput({ fullName: "Nobody", version: "1" }))).rejects.toBeInstanceOf(NotFoundError);
    expect((await guestRow(guestId)).fullName).toBe("Deleted Before Edit");
  });

  it("moves the search keys with the edit: the old phone, name and e-mail no longer find the guest", async () => {
    const { guestId } = await plantGuest(actor, { fullName: "欧阳娜", phone: "139 4444 1001", email: "oy@hotel.test" });
    expect(await foundIds("1001")).toContain(guestId);
    expect(await foundIds("oyn")).toContain(guestId);
    await updateGuest(
      db(),
      actor,
      guestId,
      guestInput({ fullName: "司马光", phone: "139 4444 2002", email: "sima@hotel.test", version: "1" }),
    );
    expect(await foundIds("1001")).not.toContain(guestId);
    expect(await foundIds("oy@hotel.test")).not.toContain(guestId);
    expect(await foundIds("欧阳")).not.toContain(guestId);
    expect(await foundIds("2002")).toContain(guestId);
    expect(await foundIds("sima@")).toContain(guestId);
    expect(await foundIds("司马光")).toContain(guestId);
    expect(await foundIds("simaguang")).toContain(guestId);
    expect((await guestRow(guestId)).namePinyin).toBe("si ma guang");
  });

  it("keeps the stored ID number when the form leaves it blank", async () => {
    const { guestId } = await plantGuest(actor, { fullName: "Keeps ID", idDocumentType: "PASSPORT", idDocumentNumber: "E12345678" });
    const before = await guestRow(guestId);
    await updateGuest(db(), actor, guestId, guestInput({ fullName: "Keeps ID", idDocumentType: "PASSPORT", notes: "n", version: "1" }));
    const after = await guestRow(guestId);
    expect(after.idDocumentCipher).toBe(before.idDocumentCipher);
    expect(after.idDocumentLast4).toBe("5678");
  });
});

describe("nothing is half-saved", () => {
  // An actor whose IP is not a string makes the audit row — written after the
  // guest, markers and search keys in the same transaction — fail.
  const brokenActor = () => ({ ...actor, ip: 12345 as unknown as string });

  it("leaves no guest, keys, markers, audit or timeline rows when creating fails after the insert", async () => {
    const before = await rowCounts();
    const sequenceBefore = await db().profileNumberSequence.findUnique({ where: { name: "guest" } });
    await expect(
      createGuest(
        db(),
        brokenActor(),
        guestInput({
          fullName: "Half Saved",
          phone: "13312349876",
          markers: ["VIP"],
          confirmDuplicate: "on",
        }),
      ),
    ).rejects.toThrow(/`ip`/);
    expect(await rowCounts()).toEqual(before);
    expect(await db().guest.findFirst({ where: { fullName: "Half Saved" } })).toBeNull();
    expect(await db().profileNumberSequence.findUnique({ where: { name: "guest" } })).toEqual(sequenceBefore);
    expect(await foundIds("9876")).toEqual([]);
  });

  it("leaves nothing when the insert itself fails", async () => {
    const before = await rowCounts();
    const input = { ...guestInput({ fullName: "Bad Gender", confirmDuplicate: "on" }), gender: "BOGUS" as "MALE" };
    await expect(createGuest(db(), actor, input)).rejects.toThrow();
    expect(await rowCounts()).toEqual(before);
  });

  it("leaves the guest, its markers and keys as they were when an edit fails part-way", async () => {
    const { guestId } = await plantGuest(actor, { fullName: "Stable Guest", phone: "13355557777", markers: ["VIP"] });
    const before = await guestRow(guestId);
    const keysBefore = await db().guestSearchKey.findMany({ where: { guestId }, orderBy: { key: "asc" }, select: { key: true } });
    const countsBefore = await rowCounts();

    await expect(
      updateGuest(
        db(),
        brokenActor(),
        guestId,
        guestInput({
          fullName: "Changed Guest",
          phone: "13355558888",
          markers: ["CORP"],
          vipLevel: "5",
          version: "1",
        }),
      ),
    ).rejects.toThrow(/`ip`/);

    expect(await guestRow(guestId)).toEqual(before);
    expect(await db().guestSearchKey.findMany({ where: { guestId }, orderBy: { key: "asc" }, select: { key: true } })).toEqual(keysBefore);
    expect(await rowCounts()).toEqual(countsBefore);
    expect(await foundIds("7777")).toContain(guestId);
    expect(await foundIds("8888")).not.toContain(guestId);
    // And the form's version is still good for a retry.
    await expect(updateGuest(db(), actor, guestId, guestInput({ fullName: "Changed Guest", version: "1" }))).resolves.toMatchObject({
      version: 2,
    });
  });
});
