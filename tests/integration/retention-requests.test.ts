// Requests from guests: erasure now, with a certificate that holds no
// personal data; and an access request answered with everything held, as
// JSON and as a spreadsheet-safe CSV. Both are written to the access register.
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { NotFoundError } from "~/domain/errors";
import { deleteGuest, listRecycleBin, restoreGuest } from "~/domain/guests/recycle-bin.server";
import { searchGuests } from "~/domain/guests/search-guests.server";
import { ERASED_CATEGORIES } from "~/domain/retention/anonymise-guest.server";
import { eraseGuest, getErasureCertificate } from "~/domain/retention/erase-guest.server";
import { exportGuestData } from "~/domain/retention/export-guest-data.server";
import { addPreference } from "~/domain/preferences/save-preferences.server";
import { preferenceFormSchema } from "~/domain/preferences/preference-form";
import { updateGuest } from "~/domain/guests/save-guest.server";
import {
  analyticsTotals,
  guestInput,
  personalDataLeft,
  plantGuest,
  plantProperty,
  plantRichInactiveGuest,
  plantStaffMember,
} from "../support/fixtures";

let desk: Actor;
let archivist: Actor;
let archivistName: string;
let propertyId: number;

beforeAll(async () => {
  desk = (await plantStaffMember("FRONT_DESK")).actor;
  const a = await plantStaffMember("ARCHIVIST");
  archivist = a.actor;
  archivistName = a.displayName;
  propertyId = (await plantProperty("REQ")).id;
  await db().identityMarker.create({ data: { code: "REQ_VIP", labelEn: "VIP", labelZh: "贵宾", color: "#a00", icon: "star" } });
});

const foundIds = async (query: string) => (await searchGuests(db(), query)).map((r) => r.id);
const ERASED_AT = new Date("2026-11-27T09:30:00.000Z");

describe("erasure on a guest's request", () => {
  it("anonymises at once and issues a certificate ER-YYYY-NNNNNN that holds no personal data", async () => {
    const personal = { fullName: "王熙凤", phone: "13977778888", idNumber: "E77889900" };
    const { guestId, profileNumber } = await plantRichInactiveGuest(desk, {
      lastActive: "2026-06-30",
      propertyId,
      ...personal,
      markerCode: "REQ_VIP",
    });
    const secrets = [
      personal.fullName,
      "wang xifeng",
      "wxf",
      personal.phone,
      "7778888",
      `${personal.phone}@guest.test`,
      personal.idNumber,
      "88 王熙凤 Lane",
      "1979-03-14",
      "王熙凤 Trading",
      "buckwheat",
      "peanuts",
      "Wedding",
      "husband Li",
      "drilling",
      "Moved to a quiet floor",
    ];
    // An edit puts the old and new values in the register.
    const current = await db().guest.findUniqueOrThrow({ where: { id: guestId } });
    await updateGuest(
      db(),
      desk,
      guestId,
      guestInput({
        fullName: personal.fullName,
        phone: "13977776666",
        email: current.email,
        address: current.address,
        birthDate: current.birthDate,
        notes: "Allergic to lilies",
        company: current.company,
        gender: current.gender,
        ethnicity: current.ethnicity,
        nativePlace: current.nativePlace,
        nationality: current.nationality,
        idDocumentType: current.idDocumentType,
        consentEmail: current.consentEmail ? "on" : "",
        markers: ["REQ_VIP"],
        version: String(current.version),
      }),
    );
    secrets.push("13977776666", "Allergic to lilies");
    const totalsBefore = await analyticsTotals();
    const lastAudit = (await db().auditEntry.findFirst({ orderBy: { id: "desc" } }))!.id;

    const certificate = await eraseGuest(db(), archivist, guestId, "guest request by e-mail", ERASED_AT);
    expect(certificate).toMatchObject({
      number: expect.stringMatching(/^ER-2026-\d{6}$/),
      guestId,
      profileNumber,
      reason: "guest request by e-mail",
      erasedAt: ERASED_AT,
      erasedById: archivist.staffId,
    });
    const categories = certificate.categories as Record<string, number>;
    expect(Object.keys(categories).sort()).toEqual([...ERASED_CATEGORIES].sort());
    expect(categories).toMatchObject({
      name: 1,
      contacts: 3,
      idDocument: 1,
      birthDate: 1,
      address: 1,
      personalDetails: 3,
      markers: 1,
      preferences: 2,
      specialDates: 1,
    });
    expect(categories.freeText).toBeGreaterThanOrEqual(3); // notes, the complaint, the charge description
    expect(categories.timelineDetails).toBeGreaterThan(0);
    expect(categories.searchKeys).toBeGreaterThan(0);

    const shown = await getErasureCertificate(db(), certificate.number);
    expect(shown).toMatchObject({ number: certificate.number, erasedBy: { displayName: archivistName, role: "ARCHIVIST" } });
    const asJson = JSON.stringify(shown);
    for (const secret of secrets) expect(asJson, secret).not.toContain(secret);

    // The guest holds nothing personal any more, and is gone from every list.
    expect(await personalDataLeft(guestId)).toEqual([]);
    expect(await db().guest.findUniqueOrThrow({ where: { id: guestId } })).toMatchObject({
      deletedReason: "erasure",
      deletedAt: ERASED_AT,
      deletedById: archivist.staffId,
      anonymizedAt: ERASED_AT,
    });
    for (const q of [personal.fullName, "wangxifeng", "8888", profileNumber]) expect(await foundIds(q), q).not.toContain(guestId);
    expect((await listRecycleBin(db())).guests.map((g) => g.id)).not.toContain(guestId);
    await expect(restoreGuest(db(), archivist, guestId)).rejects.toBeInstanceOf(NotFoundError);
    expect(await analyticsTotals()).toEqual(totalsBefore);

    // One PURGE row in the register, naming the certificate and holding nothing personal either.
    const audit = await db().auditEntry.findMany({ where: { id: { gt: lastAudit } } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "PURGE",
        entity: "Guest",
        entityId: guestId,
        guestId,
        staffId: archivist.staffId,
        changes: { reason: "guest request by e-mail", certificate: certificate.number, erased: categories },
      }),
    ]);
    // Nor does anything else kept about the guest: the register still says who did what and when, not the values.
    const kept = JSON.stringify(
      await Promise.all([
        db().auditEntry.findMany({ where: { guestId } }),
        db().timelineEvent.findMany({ where: { guestId } }),
        db().guest.findUnique({ where: { id: guestId }, include: { stays: true, charges: true, feedback: true } }),
      ]),
    );
    for (const secret of secrets) expect(kept, secret).not.toContain(secret);
    expect(await db().auditEntry.count({ where: { guestId, action: "CREATE", entity: "Preference" } })).toBe(2);
  });

  it("numbers certificates in sequence, refuses to erase twice, and erases a guest already in the recycle bin", async () => {
    const first = await plantGuest(desk, { fullName: "Erase One", phone: "13977770001" });
    const second = await plantGuest(desk, { fullName: "Erase Two", phone: "13977770002" });
    await deleteGuest(db(), archivist, second.guestId, "duplicate");
    const binnedAt = (await db().guest.findUniqueOrThrow({ where: { id: second.guestId } })).deletedAt;

    const a = await eraseGuest(db(), archivist, first.guestId, "guest request", ERASED_AT);
    const b = await eraseGuest(db(), archivist, second.guestId, "guest request", ERASED_AT);
    expect(Number(b.number.slice(-6))).toBe(Number(a.number.slice(-6)) + 1);
    expect(await db().guest.findUniqueOrThrow({ where: { id: second.guestId } })).toMatchObject({
      deletedAt: binnedAt,
      deletedReason: "erasure",
    });
    expect(await personalDataLeft(second.guestId)).toEqual([]);

    await expect(eraseGuest(db(), archivist, first.guestId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(eraseGuest(db(), archivist, 999_999)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().erasureCertificate.count({ where: { guestId: first.guestId } })).toBe(1);
    expect(await db().auditEntry.count({ where: { guestId: first.guestId, action: "PURGE" } })).toBe(1);
    expect(await getErasureCertificate(db(), "ER-2026-999999")).toBeNull();
  });
});

/** The export read back as a spreadsheet would: RFC 4180, the BOM required. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parse(text, { bom: true, record_delimiter: "\r\n", relax_column_count: true });
}

describe("an access request", () => {
  // An address is one line; notes may hold line breaks (and a formula, to be neutralised).
  const address = 'Flat 3, "Plum Garden", Lane 5, Suzhou';
  const notes = '=HYPERLINK("http://evil.test","Click me")\r\nSecond line, with "quotes"';

  async function plantRequester() {
    const planted = await plantRichInactiveGuest(desk, {
      lastActive: "2026-08-15",
      propertyId,
      fullName: "Zoë O'Hara",
      phone: "13988889999",
      idNumber: "P11112222",
      markerCode: "REQ_VIP",
      fields: { address, notes, company: "+86 Tea, Ltd" },
    });
    await addPreference(db(), desk, planted.guestId, preferenceFormSchema.parse({ category: "BEVERAGE", value: "@green tea, no sugar" }));
    return planted;
  }

  it("exports everything as JSON, the ID number decrypted, and registers the export", async () => {
    const { guestId, profileNumber } = await plantRequester();
    const lastAudit = (await db().auditEntry.findFirst({ orderBy: { id: "desc" } }))!.id;
    const data = JSON.parse(await exportGuestData(db(), archivist, guestId, "json"));

    expect(Object.keys(data).sort()).toEqual([
      "accessLog",
      "charges",
      "exportedAt",
      "feedback",
      "guest",
      "markers",
      "preferences",
      "specialDates",
      "stays",
      "timeline",
    ]);
    expect(data.guest).toMatchObject({
      id: guestId,
      profileNumber,
      fullName: "Zoë O'Hara",
      phone: "+8613988889999", // stored in E.164
      email: "13988889999@guest.test",
      address,
      notes,
      birthDate: "1979-03-14",
      company: "+86 Tea, Ltd",
      idDocumentType: "PASSPORT",
      idDocumentNumber: "P11112222",
    });
    expect(data.guest).not.toHaveProperty("idDocumentCipher");
    expect(data.guest).not.toHaveProperty("idDocumentLast4");
    expect(data.markers).toEqual([{ code: "REQ_VIP", labelEn: "VIP", labelZh: "贵宾" }]);
    expect(data.stays).toHaveLength(2);
    expect(data.charges).toHaveLength(2);
    expect(data.preferences.map((p: { value: string }) => p.value)).toEqual(["buckwheat", "peanuts", "@green tea, no sugar"]);
    expect(data.specialDates).toMatchObject([{ label: "Wedding", note: "husband Li" }]);
    expect(data.feedback).toMatchObject([
      { kind: "COMPLAINT", description: "Zoë O'Hara heard drilling at 7am", handling: "Moved to a quiet floor" },
    ]);
    expect(data.timeline.length).toBeGreaterThanOrEqual(8);
    expect(data.accessLog.map((a: { action: string }) => a.action)).toContain("CREATE");
    expect(data.accessLog[0]).toEqual({ at: expect.any(String), action: "CREATE", record: "Guest", by: "FRONT_DESK user (FRONT_DESK)" });

    const audit = await db().auditEntry.findMany({ where: { id: { gt: lastAudit } } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "EXPORT",
        entity: "Guest",
        entityId: guestId,
        guestId,
        staffId: archivist.staffId,
        changes: { format: "json", kind: "accessRequest" },
      }),
    ]);
    // The next export shows this one in the guest's access log.
    const again = JSON.parse(await exportGuestData(db(), archivist, guestId, "json"));
    expect(again.accessLog.filter((a: { action: string }) => a.action === "EXPORT")).toHaveLength(1);
  });

  it("exports everything as CSV: quotes, commas and line breaks escaped, formulas neutralised, the export registered", async () => {
    const { guestId, profileNumber } = await plantRequester();
    const lastAudit = (await db().auditEntry.findFirst({ orderBy: { id: "desc" } }))!.id;
    const csv = await exportGuestData(db(), archivist, guestId, "csv");

    expect(csv.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(["section", "record", "field", "value"]);
    for (const row of rows) expect(row, JSON.stringify(row)).toHaveLength(4);
    const value = (section: string, field: string, record = "1") =>
      rows.find((r) => r[0] === section && r[1] === record && r[2] === field)?.[3];

    expect(value("guest", "profileNumber")).toBe(profileNumber);
    expect(value("guest", "fullName")).toBe("Zoë O'Hara");
    expect(value("guest", "address")).toBe(address);
    expect(value("guest", "idDocumentNumber")).toBe("P11112222");
    expect(value("guest", "idDocumentCipher")).toBeUndefined();
    // A cell a spreadsheet would run as a formula is neutralised with a leading apostrophe.
    expect(value("guest", "notes")).toBe(`'${notes}`);
    expect(value("guest", "company")).toBe("'+86 Tea, Ltd");
    expect(value("preferences", "value", "3")).toBe("'@green tea, no sugar");
    for (const row of rows) expect(row[3], JSON.stringify(row)).not.toMatch(/^[=+\-@\t\r]/);
    // Every section is there.
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(
      new Set(["exportedAt", "guest", "markers", "stays", "charges", "preferences", "specialDates", "feedback", "timeline", "accessLog"]),
    );
    expect(value("stays", "roomNumber", "2")).toBe("1508");
    expect(value("markers", "code")).toBe("REQ_VIP");

    const audit = await db().auditEntry.findMany({ where: { id: { gt: lastAudit } } });
    expect(audit).toEqual([
      expect.objectContaining({ action: "EXPORT", guestId, staffId: archivist.staffId, changes: { format: "csv", kind: "accessRequest" } }),
    ]);
  });

  it("refuses a guest who does not exist, registering nothing", async () => {
    const before = await db().auditEntry.count();
    await expect(exportGuestData(db(), archivist, 999_999, "json")).rejects.toBeInstanceOf(NotFoundError);
    expect(await db().auditEntry.count()).toBe(before);
  });
});
