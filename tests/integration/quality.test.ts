// Data quality: every rule has a fixture that produces exactly one finding and
// a clean guest produces none; the nightly job is idempotent (a re-run adds
// nothing, a dry run writes nothing), fixed data closes its finding, an
// accepted finding is never raised again unless its data changes, and the
// save path checks at once (phones stored in E.164, ID numbers never kept in
// the clear in a finding).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { createGuest, updateGuest } from "~/domain/guests/save-guest.server";
import { searchGuests } from "~/domain/guests/search-guests.server";
import { residentIdCheckCharacter } from "~/domain/quality/resident-id";
import { acceptFinding, openFindings, qualityOfGuest } from "~/domain/quality/review-findings.server";
import { QUALITY_RULE_IDS, type QualityRuleId } from "~/domain/quality/rules";
import { runQualityChecks } from "~/domain/quality/run-quality-checks.server";
import { action as qualityAction, loader as qualityLoader } from "~/routes/quality";
import { guestInput, plantGuest, plantProperty, plantStaff, plantStaffMember, TODAY } from "../support/fixtures";
import { requestWith, responseOf, signIn } from "../support/sign-in";

let archivist: Actor;
let propertyId: number;
let serial = 0;

/** A resident ID number with a correct check character, born on `birth` ("YYYY-MM-DD"). */
function residentId(birth: string, sequence = "123"): string {
  const first17 = `310101${birth.replaceAll("-", "")}${sequence}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** A guest no rule finds anything on: own phone and e-mail, pinyin, no VIP level, no consent. */
async function cleanGuest(fields: Record<string, unknown> = {}) {
  serial += 1;
  const { guestId } = await plantGuest(archivist, {
    fullName: `王清${"一二三四五六七八九十"[serial % 10]}${serial}`,
    phone: `139${String(10_000_000 + serial * 7919).slice(0, 8)}`,
    email: `clean${serial}@example.com`,
    birthDate: "1980-05-01",
    ...fields,
  });
  return guestId;
}

const stay = (guestId: number, arrivalDate: string, departureDate: string, nights: number) =>
  db().stay.create({
    data: {
      guestId,
      propertyId,
      roomType: "DELUXE",
      arrivalDate,
      departureDate,
      nights,
      bookingChannel: "DIRECT",
      purpose: "BUSINESS",
      status: "CHECKED_OUT",
    },
  });

/** One fixture per rule: plants a guest (or a pair) and returns the guest the one finding must be on. */
const FIXTURES: Record<QualityRuleId, () => Promise<number>> = {
  "birth-date-future": async () => {
    const id = await cleanGuest();
    await db().guest.update({ where: { id }, data: { birthDate: "2099-03-01" } });
    return id;
  },
  "birth-date-too-early": async () => {
    const id = await cleanGuest();
    await db().guest.update({ where: { id }, data: { birthDate: "1850-03-01" } });
    return id;
  },
  "stay-checkout-before-checkin": async () => {
    const id = await cleanGuest();
    await stay(id, "2026-10-10", "2026-10-08", 0);
    return id;
  },
  "stay-nights-exceed-dates": async () => {
    const id = await cleanGuest();
    await stay(id, "2026-10-10", "2026-10-12", 9);
    return id;
  },
  "stay-overlap": async () => {
    const id = await cleanGuest();
    await stay(id, "2026-09-01", "2026-09-05", 4);
    await stay(id, "2026-09-03", "2026-09-06", 3);
    await stay(id, "2026-09-10", "2026-09-12", 2);
    return id;
  },
  "charge-negative": async () => {
    const id = await cleanGuest();
    const charge = { guestId: id, propertyId, outlet: "Spa", paymentMethod: "CARD", chargedAt: new Date("2026-10-01T10:00:00Z") };
    await db().charge.create({ data: { ...charge, grossAmount: -5000, netAmount: -5000, description: "Adjustment" } });
    // A refund is meant to be negative: not a finding.
    await db().charge.create({
      data: { ...charge, grossAmount: -3000, netAmount: -3000, description: "Refund of a duplicate charge 退款" },
    });
    return id;
  },
  "vip-no-contact": async () => {
    const id = await cleanGuest({ vipLevel: "3" });
    await db().guest.update({ where: { id }, data: { phone: null, email: null, address: null } });
    return id;
  },
  "phone-shared": async () => {
    const first = await cleanGuest({ phone: "13877665544" });
    const second = await cleanGuest({ phone: "+86 138 7766 5544" });
    expect(second).toBeGreaterThan(first);
    return second;
  },
  "email-shared": async () => {
    await cleanGuest({ email: "shared.box@example.org" });
    return cleanGuest({ email: "Shared.Box@example.org" });
  },
  "phone-invalid": async () => {
    const id = await cleanGuest();
    await db().guest.update({ where: { id }, data: { phone: "+86 1234" } });
    return id;
  },
  "email-domain": async () => cleanGuest({ email: "li.na@gmial.com" }),
  "resident-id-checksum": async () => {
    const good = residentId("1980-05-01");
    const bad = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
    return cleanGuest({ birthDate: "", idDocumentType: "RESIDENT_ID", idDocumentNumber: bad });
  },
  "resident-id-birth-date": async () =>
    cleanGuest({ birthDate: "1981-05-01", idDocumentType: "RESIDENT_ID", idDocumentNumber: residentId("1980-05-01") }),
  "name-without-pinyin": async () => {
    const id = await cleanGuest();
    await db().guest.update({ where: { id }, data: { namePinyin: null } });
    return id;
  },
  "liking-clashes-allergy": async () => {
    const id = await cleanGuest();
    const pref = { guestId: id, source: "GUEST_STATED" as const, status: "ACTIVE" as const };
    await db().preference.create({ data: { ...pref, category: "ALLERGY", value: "feathers 羽毛" } });
    await db().preference.create({ data: { ...pref, category: "PILLOW", value: "down pillow 羽绒枕" } });
    await db().preference.create({ data: { ...pref, category: "BEVERAGE", value: "green tea 绿茶" } });
    return id;
  },
  "lunar-birthday-mismatch": async () => {
    const id = await cleanGuest({ birthDate: "1985-03-10", birthdayCalendar: "LUNAR" });
    await db().guest.update({ where: { id }, data: { lunarBirthMonth: 7, lunarBirthDay: 7 } });
    return id;
  },
  "consent-without-address": async () => {
    const id = await cleanGuest({ consentSms: "on" });
    await db().guest.update({ where: { id }, data: { phone: null } });
    return id;
  },
  "complaint-closed-without-reaction": async () => {
    const id = await cleanGuest();
    const feedback = { guestId: id, propertyId, category: "NOISE", department: "FRONT_OFFICE", description: "Noisy corridor" };
    await db().feedback.create({ data: { ...feedback, kind: "COMPLAINT", status: "CLOSED" } });
    await db().feedback.create({ data: { ...feedback, kind: "COMPLAINT", status: "CLOSED", guestReaction: "SATISFIED" } });
    await db().feedback.create({ data: { ...feedback, kind: "SUGGESTION", status: "CLOSED" } });
    return id;
  },
  "profile-not-confirmed": async () => {
    const id = await cleanGuest();
    await stay(id, "2026-06-01", "2026-06-03", 2);
    await db().guest.update({ where: { id }, data: { updatedAt: new Date("2021-01-15T08:00:00Z") } });
    return id;
  },
};

const planted = new Map<QualityRuleId, number>();
let clean: number;
let firstRun: Awaited<ReturnType<typeof runQualityChecks>>;

const findingsOf = (guestId: number) => db().qualityFinding.findMany({ where: { guestId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  archivist = (await plantStaffMember("ARCHIVIST")).actor;
  propertyId = (await plantProperty("QLT")).id;
  clean = await cleanGuest({
    idDocumentType: "RESIDENT_ID",
    idDocumentNumber: residentId("1980-05-01", "456"),
    vipLevel: "2",
    consentEmail: "on",
  });
  await stay(clean, "2026-10-01", "2026-10-03", 2);
  await stay(clean, "2026-10-03", "2026-10-05", 2);
  for (const ruleId of QUALITY_RULE_IDS) planted.set(ruleId, await FIXTURES[ruleId]());
  firstRun = await runQualityChecks(db(), { asOf: TODAY, dryRun: false });
}, 120_000);

describe("the rule registry", () => {
  it("has at least 16 rules, each with a fixture", () => {
    expect(QUALITY_RULE_IDS.length).toBeGreaterThanOrEqual(16);
    expect(Object.keys(FIXTURES).sort()).toEqual([...QUALITY_RULE_IDS].sort());
  });

  it.each(Object.keys(FIXTURES) as QualityRuleId[])("%s: its fixture produces exactly one finding", async (ruleId) => {
    const findings = await findingsOf(planted.get(ruleId)!);
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([[ruleId, "OPEN"]]);
  });

  it("finds nothing on a clean guest, and nothing on the other guest of a shared contact", async () => {
    expect(await findingsOf(clean)).toEqual([]);
    // Those planted through the form were found on save already; the job found the rest.
    expect(firstRun.raised).toBeGreaterThan(0);
    expect(await db().qualityFinding.count()).toBe(QUALITY_RULE_IDS.length);
  });

  it("keeps no ID number in the clear in a finding", async () => {
    for (const ruleId of ["resident-id-checksum", "resident-id-birth-date"] as const) {
      const [finding] = await findingsOf(planted.get(ruleId)!);
      const guest = await db().guest.findUniqueOrThrow({ where: { id: planted.get(ruleId)! } });
      expect(JSON.stringify(finding)).not.toMatch(/\d{17}/);
      expect(JSON.stringify(finding)).not.toContain(guest.idDocumentLast4);
    }
  });
});

describe("the nightly job", () => {
  it("adds and changes nothing when run again", async () => {
    const before = await db().qualityFinding.findMany({ orderBy: { id: "asc" } });
    const again = await runQualityChecks(db(), { asOf: TODAY, dryRun: false });
    expect(again).toMatchObject({ raised: 0, reopened: 0, updated: 0, fixed: 0, goneClosed: 0 });
    expect(await db().qualityFinding.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("writes nothing on a dry run, and says what it would raise", async () => {
    const id = await cleanGuest();
    await db().guest.update({ where: { id }, data: { birthDate: "2098-01-01" } });
    const count = await db().qualityFinding.count();
    const dry = await runQualityChecks(db(), { asOf: TODAY, dryRun: true });
    expect(dry).toMatchObject({ raised: 1, fixed: 0 });
    expect(await db().qualityFinding.count()).toBe(count);
    await db().guest.update({ where: { id }, data: { birthDate: "1990-01-01" } });
  });

  it("closes a finding as fixed when the data is fixed, and closes those of a guest who is gone", async () => {
    const id = await cleanGuest();
    await db().guest.update({ where: { id }, data: { birthDate: "1800-01-01" } });
    const gone = await cleanGuest();
    await db().guest.update({ where: { id: gone }, data: { phone: "12" } });
    await runQualityChecks(db(), { asOf: TODAY, dryRun: false });
    expect((await findingsOf(id)).map((f) => f.status)).toEqual(["OPEN"]);
    await db().guest.update({ where: { id }, data: { birthDate: "1950-01-01" } });
    await db().guest.update({ where: { id: gone }, data: { deletedAt: new Date(), deletedReason: "test" } });
    const run = await runQualityChecks(db(), { asOf: TODAY, dryRun: false });
    expect(run).toMatchObject({ fixed: 1, goneClosed: 1 });
    expect((await findingsOf(id)).map((f) => [f.status, f.resolvedAt !== null])).toEqual([["FIXED", true]]);
    expect((await findingsOf(gone)).map((f) => f.status)).toEqual(["FIXED"]);
  });
});

describe("accept as correct", () => {
  it("is remembered: never raised again unless the data changes", async () => {
    const id = await cleanGuest({ email: "real.person@gmial.com" });
    const [finding] = await findingsOf(id);
    expect(finding).toMatchObject({ ruleId: "email-domain", status: "OPEN" });
    await acceptFinding(db(), archivist, finding.id);
    const register = await db().auditEntry.findFirst({ where: { entity: "QualityFinding", entityId: finding.id } });
    expect(register).toMatchObject({ action: "UPDATE", guestId: id, staffId: archivist.staffId });
    await runQualityChecks(db(), { asOf: TODAY, dryRun: false });
    expect((await findingsOf(id)).map((f) => f.status)).toEqual(["ACCEPTED"]);
    await expect(acceptFinding(db(), archivist, finding.id)).rejects.toThrow();
    // Another misspelling is another finding.
    await db().guest.update({ where: { id }, data: { email: "real.person@gmaill.com" } });
    await runQualityChecks(db(), { asOf: TODAY, dryRun: false });
    expect((await findingsOf(id)).map((f) => f.status)).toEqual(["OPEN"]);
    // Back to the accepted value: accepted again, without a new acceptance.
    await db().guest.update({ where: { id }, data: { email: "real.person@gmial.com" } });
    await runQualityChecks(db(), { asOf: TODAY, dryRun: false });
    expect((await findingsOf(id)).map((f) => f.status)).toEqual(["ACCEPTED"]);
  });
});

describe("on every save", () => {
  it("raises a finding at once, and a fix through the form closes it", async () => {
    const created = await createGuest(
      db(),
      archivist,
      guestInput({ fullName: "Save Check", email: "save.check@gmial.com", phone: "13566778899" }),
    );
    expect(created.status).toBe("created");
    const guestId = created.status === "created" ? created.guestId : 0;
    expect((await findingsOf(guestId)).map((f) => [f.ruleId, f.status, f.detail])).toEqual([
      ["email-domain", "OPEN", { problem: "misspelt", suggestion: "gmail.com" }],
    ]);
    const quality = await qualityOfGuest(db(), guestId);
    expect(quality?.findings.map((f) => f.fix)).toEqual([{ field: "email" }]);
    await updateGuest(
      db(),
      archivist,
      guestId,
      guestInput({ fullName: "Save Check", email: "save.check@gmail.com", phone: "13566778899", version: 1 }),
    );
    expect((await findingsOf(guestId)).map((f) => f.status)).toEqual(["FIXED"]);
  });

  it("checks the resident ID typed in, and the sharing guest when a phone is changed", async () => {
    const first17 = "31010119800501777";
    const wrong = first17 + (residentIdCheckCharacter(first17) === "0" ? "1" : "0");
    const owner = await cleanGuest({ phone: "13711223344" });
    const id = await cleanGuest({ idDocumentType: "RESIDENT_ID", idDocumentNumber: wrong, phone: "13711223355" });
    expect((await findingsOf(id)).map((f) => f.ruleId)).toEqual(["resident-id-checksum"]);
    // The newer guest takes the older one's phone: the finding sits on the newer one; changing it back closes it.
    const guest = await db().guest.findUniqueOrThrow({ where: { id } });
    const base = { fullName: guest.fullName, email: guest.email, birthDate: guest.birthDate, idDocumentType: "RESIDENT_ID" };
    await updateGuest(
      db(),
      archivist,
      id,
      guestInput({
        ...base,
        phone: "137 1122 3344",
        idDocumentNumber: first17 + residentIdCheckCharacter(first17),
        version: guest.version,
      }),
    );
    expect((await openFindings(db(), { guestIds: [id, owner] })).map((f) => [f.guestId, f.ruleId])).toEqual([[id, "phone-shared"]]);
    expect((await findingsOf(id)).find((f) => f.ruleId === "resident-id-checksum")?.status).toBe("FIXED");
    await updateGuest(db(), archivist, id, guestInput({ ...base, phone: "13711223355", version: guest.version + 1 }));
    expect(await openFindings(db(), { guestIds: [id, owner] })).toEqual([]);
  });

  it("stores phones in E.164 and still finds the guest by the phone's last digits", async () => {
    const id = await cleanGuest({ fullName: "Phone Format", phone: "139 8765 4321" });
    expect((await db().guest.findUniqueOrThrow({ where: { id } })).phone).toBe("+8613987654321");
    const found = await searchGuests(db(), "4321");
    expect(found.map((g) => g.id)).toContain(id);
    await expect(Promise.resolve().then(() => guestInput({ fullName: "Bad Phone", phone: "12345678" }))).rejects.toThrow(/error.phone/);
  });

  it("makes findings queryable by guest and severity", async () => {
    const vip = planted.get("vip-no-contact")!;
    const high = await openFindings(db(), { severities: ["HIGH", "CRITICAL"], guestIds: [vip] });
    expect(high.map((f) => [f.ruleId, f.severity])).toEqual([["vip-no-contact", "HIGH"]]);
    expect((await openFindings(db(), { severities: ["CRITICAL"] })).map((f) => f.guestId)).toEqual([planted.get("liking-clashes-allergy")]);
  });
});

describe("the queue page", () => {
  it("lists open findings by rule for managers and archivists, lets only archivists accept, and refuses the desk", async () => {
    const password = "correct horse battery";
    const cookie = {} as Record<"MANAGER" | "ARCHIVIST" | "FRONT_DESK", string>;
    for (const role of ["MANAGER", "ARCHIVIST", "FRONT_DESK"] as const) {
      await plantStaff(role, `quality-${role.toLowerCase()}`, password);
      cookie[role] = await signIn(`quality-${role.toLowerCase()}`, password);
    }
    const load = (who: string, path: string) =>
      responseOf(() => qualityLoader({ request: requestWith(who, path), params: {}, context: {} }));
    const post = (who: string, form: Record<string, string>) =>
      responseOf(() => qualityAction({ request: requestWith(who, "/quality", form), params: {}, context: {} }));

    expect((await load(cookie.FRONT_DESK, "/quality")).status).toBe(403);
    const page = await load(cookie.MANAGER, "/quality?rule=vip-no-contact");
    expect(page.status).toBe(200);
    const body = (await page.json()) as {
      findings: { id: number; ruleId: string; guest: { id: number }; completeness: { topMissing: string[] } }[];
      total: number;
      canAccept: boolean;
    };
    expect(body.findings.map((f) => [f.ruleId, f.guest.id])).toEqual([["vip-no-contact", planted.get("vip-no-contact")]]);
    expect(body.findings[0].completeness.topMissing).toEqual(["phone", "email", "idDocument"]);
    expect(body.canAccept).toBe(false);
    const read = await db().auditEntry.findFirst({ where: { entity: "QualityQueue" }, orderBy: { id: "desc" } });
    expect(read?.changes).toMatchObject({ ruleId: "vip-no-contact", found: 1, shownGuestIds: [planted.get("vip-no-contact")] });

    const findingId = String(body.findings[0].id);
    expect((await post(cookie.MANAGER, { intent: "accept", findingId })).status).toBe(403);
    expect((await post(cookie.ARCHIVIST, { intent: "accept", findingId: "999999" })).status).toBe(404);
    expect((await post(cookie.ARCHIVIST, { intent: "accept" })).status).toBe(404);
    expect((await post(cookie.ARCHIVIST, { intent: "nonsense", findingId })).status).toBe(400);
    expect((await post(cookie.ARCHIVIST, { intent: "accept", findingId })).status).toBe(200);
    expect((await post(cookie.ARCHIVIST, { intent: "accept", findingId })).status).toBe(409);
    const after = (await (await load(cookie.ARCHIVIST, "/quality?rule=vip-no-contact")).json()) as { total: number; canAccept: boolean };
    expect(after).toMatchObject({ total: 0, canAccept: true });
  });
});
