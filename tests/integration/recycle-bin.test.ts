// Mistaken deletion is recoverable: a deleted guest goes to the recycle bin
// with its whole archive, and comes back exactly as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { NotFoundError } from "~/domain/errors";
import { deleteGuest, listRecycleBin, restoreGuest } from "~/domain/guests/recycle-bin.server";
import { searchGuests } from "~/domain/guests/search-guests.server";
import { getGuestProfile } from "~/domain/guests/get-guest-profile.server";
import { addPreference, addSpecialDate } from "~/domain/preferences/save-preferences.server";
import { preferenceFormSchema, specialDateFormSchema } from "~/domain/preferences/preference-form";
import { recordFeedback } from "~/domain/complaints/record-feedback.server";
import { feedbackFormSchema } from "~/domain/complaints/feedback-form";
import { updateGuest } from "~/domain/guests/save-guest.server";
import { guestInput, plantCharge, plantGuest, plantProperty, plantStaffMember, plantStay, TODAY } from "../support/fixtures";

type StaffActor = Actor & { role: "FRONT_DESK" | "ARCHIVIST" };
let desk: StaffActor;
let archivist: StaffActor;
let archivistName: string;
let propertyId: number;

beforeAll(async () => {
  desk = (await plantStaffMember("FRONT_DESK")).actor as StaffActor;
  const a = await plantStaffMember("ARCHIVIST");
  archivist = a.actor as StaffActor;
  archivistName = a.displayName;
  propertyId = (await plantProperty("BIN")).id;
});

/** A guest with something in every part of the archive. */
async function plantFullArchive(name: string, phone: string) {
  const { guestId, profileNumber } = await plantGuest(desk, {
    fullName: name,
    phone,
    email: `${phone}@bin.test`,
    vipLevel: "3",
    idDocumentType: "PASSPORT",
    idDocumentNumber: `P${phone}`,
  });
  const stay = await plantStay(desk, guestId, {
    propertyId,
    roomNumber: "808",
    arrivalDate: "2026-11-25",
    departureDate: "2026-11-29",
    status: "IN_HOUSE",
    rateAmount: "900",
  });
  await plantCharge(desk, guestId, { propertyId, stayId: String(stay.id), grossAmount: "420", discountPercent: "10", covers: "2" });
  await addPreference(db(), desk, guestId, preferenceFormSchema.parse({ category: "PILLOW", value: "buckwheat" }));
  await addPreference(db(), archivist, guestId, preferenceFormSchema.parse({ category: "ALLERGY", value: "peanuts" }));
  await addSpecialDate(db(), desk, guestId, specialDateFormSchema.parse({ kind: "ANNIVERSARY", label: "Wedding", month: "5", day: "20" }));
  await recordFeedback(
    db(),
    desk,
    guestId,
    feedbackFormSchema.parse({
      kind: "COMPLAINT",
      propertyId: String(propertyId),
      category: "NOISE",
      department: "HOUSEKEEPING",
      description: "Noisy corridor",
    }),
  );
  return { guestId, profileNumber };
}

/** Every row of the guest's archive except the timeline, which records the delete and restore themselves. */
async function archiveOf(guestId: number) {
  const d = db();
  const orderById = { orderBy: { id: "asc" as const } };
  const [guest, stays, charges, preferences, specialDates, feedback, markers, searchKeys] = await Promise.all([
    d.guest.findUniqueOrThrow({ where: { id: guestId } }),
    d.stay.findMany({ where: { guestId }, ...orderById }),
    d.charge.findMany({ where: { guestId }, ...orderById }),
    d.preference.findMany({ where: { guestId }, ...orderById }),
    d.specialDate.findMany({ where: { guestId }, ...orderById }),
    d.feedback.findMany({ where: { guestId }, ...orderById }),
    d.guestMarker.findMany({ where: { guestId }, orderBy: { markerId: "asc" } }),
    d.guestSearchKey.findMany({ where: { guestId }, ...orderById }),
  ]);
  return { guest, stays, charges, preferences, specialDates, feedback, markers, searchKeys };
}

function withoutBinFields<
  T extends { version: number; deletedAt: Date | null; deletedReason: string | null; deletedById: number | null; updatedAt: Date },
>(guest: T) {
  const { version: _v, deletedAt: _d, deletedReason: _r, deletedById: _b, updatedAt: _u, ...rest } = guest;
  return rest;
}

const foundIds = async (query: string) => (await searchGuests(db(), query)).map((r) => r.id);

describe("deleting a guest", () => {
  it("moves the guest to the bin with its archive untouched, and out of search and the profile", async () => {
    const { guestId, profileNumber } = await plantFullArchive("回收站客人", "13811110001");
    const before = await archiveOf(guestId);
    expect(before.stays).toHaveLength(1);
    expect(before.charges).toHaveLength(1);
    expect(before.preferences).toHaveLength(2);
    expect(before.specialDates).toHaveLength(1);
    expect(before.feedback).toHaveLength(1);
    expect(await foundIds("0001")).toContain(guestId);

    const deleted = await deleteGuest(db(), archivist, guestId, "mistaken duplicate");
    expect(deleted).toEqual({ id: guestId, profileNumber });

    const during = await archiveOf(guestId);
    expect(during.guest.deletedAt).toBeInstanceOf(Date);
    expect(during.guest).toMatchObject({
      deletedReason: "mistaken duplicate",
      deletedById: archivist.staffId,
      version: before.guest.version + 1,
    });
    expect(withoutBinFields(during.guest)).toEqual(withoutBinFields(before.guest));
    const { guest: _g1, ...restDuring } = during;
    const { guest: _g2, ...restBefore } = before;
    expect(restDuring).toEqual(restBefore);

    const bin = await listRecycleBin(db());
    const entry = bin.guests.find((g) => g.id === guestId);
    expect(entry).toMatchObject({
      profileNumber,
      fullName: "回收站客人",
      deletedReason: "mistaken duplicate",
      deletedById: archivist.staffId,
      deletedBy: archivistName,
    });
    expect(bin.total).toBeGreaterThanOrEqual(1);

    for (const query of ["回收站客人", "huishouzhan", "0001", "13811110001@bin.test", profileNumber, "808"]) {
      expect(await foundIds(query), query).not.toContain(guestId);
    }
    await expect(getGuestProfile(db(), archivist, guestId, TODAY)).rejects.toBeInstanceOf(NotFoundError);
    // Nothing can be added to a guest in the bin.
    await expect(plantStay(desk, guestId, { propertyId, arrivalDate: "2026-12-01", departureDate: "2026-12-02" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(plantCharge(desk, guestId, { propertyId, grossAmount: "10" })).rejects.toBeInstanceOf(NotFoundError);
    expect(await archiveOf(guestId)).toEqual(during);
  });

  it("restores the guest and everything attached exactly as it was", async () => {
    const { guestId } = await plantFullArchive("Restore Guest", "13811110002");
    const before = await archiveOf(guestId);
    await deleteGuest(db(), archivist, guestId, "oops");
    const restored = await restoreGuest(db(), archivist, guestId);
    expect(restored).toMatchObject({ id: guestId, deletedReason: "oops" });

    const after = await archiveOf(guestId);
    expect(after.guest).toMatchObject({ deletedAt: null, deletedReason: null, deletedById: null, version: before.guest.version + 2 });
    expect(withoutBinFields(after.guest)).toEqual(withoutBinFields(before.guest));
    const { guest: _g1, ...restAfter } = after;
    const { guest: _g2, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);

    expect((await listRecycleBin(db())).guests.map((g) => g.id)).not.toContain(guestId);
    expect(await foundIds("0002")).toContain(guestId);
    expect(await foundIds("808")).toContain(guestId);
    const profile = await getGuestProfile(db(), archivist, guestId, TODAY);
    expect(profile.basics.idDocument).toBe("P13811110002");
    expect(profile.stays).toHaveLength(1);
    // An edit form opened before the delete is now stale.
    await expect(
      updateGuest(db(), desk, guestId, guestInput({ fullName: "Stale Form", version: String(before.guest.version) })),
    ).rejects.toThrow(/conflict/i);
  });

  it("refuses to delete twice or restore a guest who is not in the bin", async () => {
    const { guestId } = await plantGuest(desk, { fullName: "Twice Deleted" });
    await expect(restoreGuest(db(), archivist, guestId)).rejects.toBeInstanceOf(NotFoundError);
    await deleteGuest(db(), archivist, guestId);
    await expect(deleteGuest(db(), archivist, guestId)).rejects.toBeInstanceOf(NotFoundError);
    await restoreGuest(db(), archivist, guestId);
    await expect(restoreGuest(db(), archivist, guestId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteGuest(db(), archivist, 999_999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(restoreGuest(db(), archivist, 999_999)).rejects.toBeInstanceOf(NotFoundError);
    // Only the successful delete and restore were registered.
    const actions = (
      await db().auditEntry.findMany({ where: { guestId, action: { in: ["DELETE", "RESTORE"] } }, orderBy: { id: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(["DELETE", "RESTORE"]);
  });

  it("registers who deleted and restored, with the reason, in the audit log and the timeline", async () => {
    const { guestId } = await plantGuest(desk, { fullName: "Audited Bin Guest" });
    await deleteGuest(db(), archivist, guestId, "requested by guest");
    await restoreGuest(db(), { ...archivist, ip: "10.0.0.7" }, guestId);
    const audit = await db().auditEntry.findMany({ where: { guestId, action: { in: ["DELETE", "RESTORE"] } }, orderBy: { id: "asc" } });
    expect(audit).toMatchObject([
      { action: "DELETE", entity: "Guest", entityId: guestId, staffId: archivist.staffId, changes: { reason: "requested by guest" } },
      {
        action: "RESTORE",
        entity: "Guest",
        entityId: guestId,
        staffId: archivist.staffId,
        ip: "10.0.0.7",
        changes: { reason: "requested by guest" },
      },
    ]);
    const timeline = await db().timelineEvent.findMany({
      where: { guestId, name: { in: ["guest.deleted", "guest.restored"] } },
      orderBy: { id: "asc" },
    });
    expect(timeline).toMatchObject([
      { name: "guest.deleted", actorId: archivist.staffId, properties: { reason: "requested by guest" } },
      { name: "guest.restored", actorId: archivist.staffId },
    ]);
  });

  it("counts and pages the bin", async () => {
    const before = await listRecycleBin(db());
    const { guestId } = await plantGuest(desk, { fullName: "Paged Bin Guest" });
    await deleteGuest(db(), archivist, guestId);
    const after = await listRecycleBin(db());
    expect(after.total).toBe(before.total + 1);
    expect(after).toMatchObject({ page: 1, pageCount: 1 });
    expect(after.guests[0].id).toBe(guestId);
    const beyond = await listRecycleBin(db(), 2);
    expect(beyond.guests).toEqual([]);
  });
});
