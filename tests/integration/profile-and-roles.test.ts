// The profile as each role sees it, the access register it writes, the
// consumption summary and the alerts the desk must not miss.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { RoleName } from "~/auth/permissions";
import type { Actor } from "~/domain/actor";
import { getGuestProfile } from "~/domain/guests/get-guest-profile.server";
import { addPreference, addSpecialDate, reviewPreference } from "~/domain/preferences/save-preferences.server";
import { preferenceFormSchema, specialDateFormSchema } from "~/domain/preferences/preference-form";
import { handleComplaint, recordFeedback } from "~/domain/complaints/record-feedback.server";
import { feedbackFormSchema, handlingFormSchema } from "~/domain/complaints/feedback-form";
import { plantCharge, plantGuest, plantProperty, plantStaffMember, plantStay } from "../support/fixtures";

type RoleActor = Actor & { role: RoleName };
const actors = {} as Record<RoleName, RoleActor>;
let sha: number;
let hkg: number;
let profileGuest: number;
const ID_NUMBER = "110101199001011234";
const TODAY = "2026-11-27";
const DAY = 86_400_000;

beforeAll(async () => {
  for (const role of ["FRONT_DESK", "MARKETING", "MANAGER", "ARCHIVIST", "ADMIN"] as const) {
    actors[role] = (await plantStaffMember(role)).actor as RoleActor;
  }
  sha = (await plantProperty("PSH", "Asia/Shanghai", "CNY")).id;
  hkg = (await plantProperty("PHK", "Asia/Hong_Kong", "HKD")).id;

  const desk = actors.FRONT_DESK;
  ({ guestId: profileGuest } = await plantGuest(desk, {
    fullName: "档案客人",
    phone: "13900002468",
    idDocumentType: "RESIDENT_ID",
    idDocumentNumber: ID_NUMBER,
  }));
  // Room revenue: only checked-out and in-house stays count.
  await plantStay(desk, profileGuest, {
    propertyId: sha,
    roomNumber: "1501",
    arrivalDate: "2026-10-01",
    departureDate: "2026-10-04",
    status: "CHECKED_OUT",
    rateAmount: "800",
  });
  await plantStay(desk, profileGuest, {
    propertyId: sha,
    roomNumber: "1808",
    arrivalDate: "2026-11-25",
    departureDate: "2026-11-29",
    status: "IN_HOUSE",
    rateAmount: "1000",
  });
  await plantStay(desk, profileGuest, {
    propertyId: sha,
    arrivalDate: "2026-09-01",
    departureDate: "2026-09-03",
    status: "CANCELLED",
    rateAmount: "700",
  });
  await plantStay(desk, profileGuest, {
    propertyId: sha,
    arrivalDate: "2027-01-10",
    departureDate: "2027-01-12",
    status: "RESERVED",
    rateAmount: "500",
  });
  await plantStay(desk, profileGuest, {
    propertyId: hkg,
    roomNumber: "2201",
    arrivalDate: "2026-06-01",
    departureDate: "2026-06-03",
    status: "CHECKED_OUT",
    rateAmount: "1200",
  });

  const charges: [number, string, string, string, string, string][] = [
    // property, outlet, gross, discount %, covers, payment
    [sha, "Chinese Restaurant", "600", "10", "3", "WECHAT_PAY"],
    [sha, "Chinese Restaurant", "300", "0", "2", "WECHAT_PAY"],
    [sha, "Chinese Restaurant", "200", "0", "1", "CARD"],
    [sha, "Lobby Bar", "100", "20", "1", "CARD"],
    [sha, "Lobby Bar", "50", "0", "1", "CARD"],
    [sha, "Spa", "800", "0", "1", "ROOM_ACCOUNT"],
    [hkg, "Tea House", "500", "0", "2", "CARD"],
  ];
  for (const [propertyId, outlet, grossAmount, discountPercent, covers, paymentMethod] of charges) {
    await plantCharge(desk, profileGuest, { propertyId, outlet, grossAmount, discountPercent, covers, paymentMethod });
  }
  await recordFeedback(
    db(),
    desk,
    profileGuest,
    feedbackFormSchema.parse({
      kind: "COMPLAINT",
      propertyId: String(sha),
      category: "FOOD",
      department: "FOOD_BEVERAGE",
      description: "Cold soup",
    }),
  );
  const complaint = await db().feedback.findFirstOrThrow({ where: { guestId: profileGuest } });
  await handleComplaint(
    db(),
    desk,
    profileGuest,
    handlingFormSchema.parse({
      feedbackId: String(complaint.id),
      status: "RESOLVED",
      handling: "Replaced the dish",
      compensation: "Free dessert",
    }),
  );
});

const profileAs = (role: RoleName, guestId = profileGuest, today = TODAY) => getGuestProfile(db(), actors[role], guestId, today);

describe("what each role sees", () => {
  it("shows the front desk a masked ID number, no spend and no rates", async () => {
    const profile = await profileAs("FRONT_DESK");
    expect(profile.basics.idDocument).toMatch(/^•{4,}1234$/);
    expect(profile.basics.idDocumentType).toBe("RESIDENT_ID");
    expect(profile.consumption).toBeNull();
    expect(profile.stays).toHaveLength(5);
    for (const stay of profile.stays) expect(stay).toMatchObject({ rateAmount: null, roomRevenue: null });
    // The stay shown at the top (in house) is no exception.
    expect(profile.currentStay).toMatchObject({ roomNumber: "1808", rateAmount: null, roomRevenue: null });
    // The desk handles complaints, so it reads them and sees what was offered.
    expect(profile.feedback[0]).toMatchObject({
      description: "Cold soup",
      handling: "Replaced the dish",
      compensation: "Free dessert",
      textsHidden: false,
    });
  });

  it("shows marketing a complaint's kind, category and status but none of its texts", async () => {
    const [complaint] = (await profileAs("MARKETING")).feedback;
    expect(complaint).toMatchObject({ kind: "COMPLAINT", category: "FOOD", status: "RESOLVED", textsHidden: true });
    expect(complaint).toMatchObject({ description: null, handling: null, compensation: null, guestReactionNote: null });
    expect((await profileAs("MANAGER")).feedback[0]).toMatchObject({ description: "Cold soup", textsHidden: false });
  });

  it("shows marketing spend but no ID document at all", async () => {
    const profile = await profileAs("MARKETING");
    expect(profile.basics.idDocument).toBeNull();
    expect(profile.basics.idDocumentType).toBeNull();
    expect(profile.consumption).not.toBeNull();
    expect(profile.stays.find((s) => s.status === "IN_HOUSE")).toMatchObject({ rateAmount: 100000, roomRevenue: 400000 });
  });

  it("shows a manager the masked ID number and the spend", async () => {
    const profile = await profileAs("MANAGER");
    expect(profile.basics.idDocument).toMatch(/^•+1234$/);
    expect(profile.consumption).not.toBeNull();
  });

  it("shows archivists and admins the full, decrypted ID number", async () => {
    for (const role of ["ARCHIVIST", "ADMIN"] as const) {
      const profile = await profileAs(role);
      expect(profile.basics.idDocument, role).toBe(ID_NUMBER);
      expect(profile.basics.idDocumentType, role).toBe("RESIDENT_ID");
    }
  });

  it("never hands out the cipher text or the stored last four", async () => {
    for (const role of ["FRONT_DESK", "MARKETING", "ARCHIVIST"] as const) {
      const profile = await profileAs(role);
      expect(profile.basics).not.toHaveProperty("idDocumentCipher");
      expect(profile.basics).not.toHaveProperty("idDocumentLast4");
      if (role !== "ARCHIVIST") expect(JSON.stringify(profile)).not.toContain(ID_NUMBER);
    }
  });

  it("writes a VIEW row to the access register for every look, with who looked", async () => {
    const before = await db().auditEntry.count({ where: { guestId: profileGuest, action: "VIEW" } });
    await profileAs("FRONT_DESK");
    await profileAs("MARKETING");
    await profileAs("FRONT_DESK");
    const views = await db().auditEntry.findMany({ where: { guestId: profileGuest, action: "VIEW" }, orderBy: { id: "asc" } });
    expect(views).toHaveLength(before + 3);
    expect(views.slice(-3)).toMatchObject([
      { staffId: actors.FRONT_DESK.staffId, entity: "Guest", entityId: profileGuest },
      { staffId: actors.MARKETING.staffId, entity: "Guest", entityId: profileGuest },
      { staffId: actors.FRONT_DESK.staffId, entity: "Guest", entityId: profileGuest },
    ]);
  });
});

describe("consumption summary", () => {
  it("adds up room revenue and outlet spend per currency, per capita, favourites, payment and discount", async () => {
    const { consumption } = await profileAs("MANAGER");
    expect(consumption).not.toBeNull();
    const c = consumption!;
    const byCurrency = Object.fromEntries(c.perCurrency.map((p) => [p.currency, p]));
    // CNY: room 3 × 800 + 4 × 1000 (cancelled and future stays excluded); outlets 540 + 300 + 200 + 80 + 50 + 800.
    expect(byCurrency.CNY).toEqual({ currency: "CNY", roomRevenue: 640_000, outletSpend: 197_000, total: 837_000 });
    expect(byCurrency.HKD).toEqual({ currency: "HKD", roomRevenue: 240_000, outletSpend: 50_000, total: 290_000 });
    // Per capita = outlet spend / covers: 1970.00 / 9 and 500.00 / 2.
    expect(Object.fromEntries(c.perCapita.map((p) => [p.currency, p.amount]))).toEqual({ CNY: 21_889, HKD: 25_000 });
    expect(c.favouriteOutlets).toHaveLength(3);
    expect(c.favouriteOutlets.slice(0, 2)).toEqual([
      { outlet: "Chinese Restaurant", visits: 3 },
      { outlet: "Lobby Bar", visits: 2 },
    ]);
    expect(c.paymentMethods).toEqual([
      { method: "CARD", count: 4 },
      { method: "WECHAT_PAY", count: 2 },
      { method: "ROOM_ACCOUNT", count: 1 },
    ]);
    expect(c.averageDiscount).toBeCloseTo(0.3 / 7, 6);
    expect(c.chargeCount).toBe(7);
  });

  it("is empty, not zero-filled with made-up numbers, for a guest with no charges", async () => {
    const { guestId } = await plantGuest(actors.FRONT_DESK, { fullName: "No Spend Guest" });
    const { consumption } = await profileAs("MARKETING", guestId);
    expect(consumption).toEqual({
      perCurrency: [],
      perCapita: [],
      favouriteOutlets: [],
      paymentMethods: [],
      averageDiscount: null,
      chargeCount: 0,
    });
  });
});

describe("check-in alerts on the profile", () => {
  it("shows allergies and taboos (pending ones too), and open complaints with the overdue ones", async () => {
    const desk = actors.FRONT_DESK;
    const { guestId } = await plantGuest(desk, { fullName: "Alert Guest", birthDate: "1980-11-30" });
    await addPreference(db(), desk, guestId, preferenceFormSchema.parse({ category: "ALLERGY", value: "peanuts" }));
    await addPreference(db(), actors.ARCHIVIST, guestId, preferenceFormSchema.parse({ category: "TABOO", value: "no room number 4" }));
    await addPreference(db(), actors.ARCHIVIST, guestId, preferenceFormSchema.parse({ category: "PILLOW", value: "buckwheat" }));
    const rejected = await addPreference(db(), desk, guestId, preferenceFormSchema.parse({ category: "ALLERGY", value: "cats" }));
    await reviewPreference(db(), actors.ARCHIVIST, guestId, rejected.id, false);

    const complaint = (description: string, severity = "LOW") =>
      feedbackFormSchema.parse({
        kind: "COMPLAINT",
        propertyId: String(sha),
        category: "NOISE",
        severity,
        department: "HOUSEKEEPING",
        description,
      });
    // Ten days old with a 72-hour deadline: overdue.
    await recordFeedback(db(), desk, guestId, complaint("Old noise"), new Date(Date.now() - 10 * DAY));
    await recordFeedback(db(), desk, guestId, complaint("New noise", "MEDIUM"));
    const resolved = await recordFeedback(db(), desk, guestId, complaint("Fixed noise"), new Date(Date.now() - 10 * DAY));
    await handleComplaint(
      db(),
      desk,
      guestId,
      handlingFormSchema.parse({ feedbackId: String(resolved.id), status: "RESOLVED", handling: "Moved room" }),
    );
    await recordFeedback(
      db(),
      desk,
      guestId,
      feedbackFormSchema.parse({
        kind: "SUGGESTION",
        propertyId: String(sha),
        category: "FOOD",
        department: "FOOD_BEVERAGE",
        description: "More tea",
      }),
    );

    const { alerts } = await profileAs("FRONT_DESK", guestId);
    expect(alerts).toEqual(
      expect.arrayContaining([
        { kind: "allergy", text: "peanuts", pending: true },
        { kind: "taboo", text: "no room number 4", pending: false },
        { kind: "openComplaint", count: 2, overdue: 1 },
        { kind: "occasion", label: "", occasion: "birthday", date: "2026-11-30", duringStay: false },
      ]),
    );
    expect(alerts).toHaveLength(4);
  });

  it("shows a birthday only within the next seven days", async () => {
    const { guestId } = await plantGuest(actors.FRONT_DESK, { fullName: "Window Guest", birthDate: "1985-12-04" });
    const birthdays = async (today: string) => (await profileAs("FRONT_DESK", guestId, today)).alerts.filter((a) => a.kind === "occasion");
    expect(await birthdays("2026-11-27")).toEqual([
      { kind: "occasion", label: "", occasion: "birthday", date: "2026-12-04", duringStay: false },
    ]);
    expect(await birthdays("2026-11-26")).toEqual([]);
    expect(await birthdays("2026-12-05")).toEqual([]);
    // Across the new year.
    expect(await birthdays("2027-11-30")).toMatchObject([{ date: "2027-12-04" }]);
  });

  it("shows a lunar birthday on its Gregorian date of the year", async () => {
    const { guestId } = await plantGuest(actors.FRONT_DESK, {
      fullName: "中秋客人",
      birthdayCalendar: "LUNAR",
      lunarBirthMonth: "8",
      lunarBirthDay: "15",
      birthDate: "1975-06-01",
    });
    const occasions = async (today: string) => (await profileAs("FRONT_DESK", guestId, today)).alerts.filter((a) => a.kind === "occasion");
    // Mid-Autumn 2027 is 15 September; the Gregorian birth date (1 June) is not the one celebrated.
    expect(await occasions("2027-09-10")).toEqual([
      { kind: "occasion", label: "", occasion: "birthday", date: "2027-09-15", duringStay: false },
    ]);
    expect(await occasions("2026-09-20")).toMatchObject([{ date: "2026-09-25" }]);
    expect(await occasions("2027-05-28")).toEqual([]);
  });

  it("celebrates a 29 February birthday on 28 February in a common year", async () => {
    const { guestId } = await plantGuest(actors.FRONT_DESK, { fullName: "Leap Day Guest", birthDate: "1992-02-29" });
    const occasions = async (today: string) => (await profileAs("FRONT_DESK", guestId, today)).alerts.filter((a) => a.kind === "occasion");
    expect(await occasions("2027-02-25")).toMatchObject([{ occasion: "birthday", date: "2027-02-28" }]);
    expect(await occasions("2028-02-25")).toMatchObject([{ occasion: "birthday", date: "2028-02-29" }]);
  });

  it("shows a special date that falls during the current stay, even beyond the seven days", async () => {
    const desk = actors.FRONT_DESK;
    const { guestId } = await plantGuest(desk, { fullName: "Long Stay Guest" });
    await plantStay(desk, guestId, {
      propertyId: sha,
      roomNumber: "606",
      arrivalDate: "2026-11-20",
      departureDate: "2026-12-10",
      status: "IN_HOUSE",
    });
    await addSpecialDate(
      db(),
      desk,
      guestId,
      specialDateFormSchema.parse({ kind: "ANNIVERSARY", label: "Wedding anniversary", month: "12", day: "8" }),
    );
    await addSpecialDate(
      db(),
      desk,
      guestId,
      specialDateFormSchema.parse({ kind: "CUSTOM", label: "After the stay", month: "12", day: "20" }),
    );
    const profile = await profileAs("FRONT_DESK", guestId);
    expect(profile.currentStay).toMatchObject({ roomNumber: "606", status: "IN_HOUSE" });
    expect(profile.alerts).toEqual([
      { kind: "occasion", label: "Wedding anniversary", occasion: "anniversary", date: "2026-12-08", duringStay: true },
    ]);
  });

  it("takes the next reservation as the stay when the guest is not in house", async () => {
    const desk = actors.FRONT_DESK;
    const { guestId } = await plantGuest(desk, { fullName: "Arriving Guest" });
    await plantStay(desk, guestId, { propertyId: sha, arrivalDate: "2027-03-01", departureDate: "2027-03-05", status: "RESERVED" });
    await plantStay(desk, guestId, { propertyId: sha, arrivalDate: "2026-12-20", departureDate: "2026-12-24", status: "RESERVED" });
    await plantStay(desk, guestId, { propertyId: sha, arrivalDate: "2026-10-01", departureDate: "2026-10-02", status: "CHECKED_OUT" });
    await addSpecialDate(
      db(),
      desk,
      guestId,
      specialDateFormSchema.parse({ kind: "BIRTHDAY", label: "Daughter's birthday", month: "12", day: "22" }),
    );
    const profile = await profileAs("FRONT_DESK", guestId);
    expect(profile.currentStay).toMatchObject({ arrivalDate: "2026-12-20", status: "RESERVED" });
    expect(profile.stayCount).toBe(3);
    expect(profile.alerts).toEqual([
      { kind: "occasion", label: "Daughter's birthday", occasion: "birthday", date: "2026-12-22", duringStay: true },
    ]);
  });
});
