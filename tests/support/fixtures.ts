// Helpers to plant data in a test database through the same domain functions
// the app uses.
import { db, dbProvider } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { guestFormSchema, type GuestFormInput } from "~/domain/guests/guest-form";
import { createGuest } from "~/domain/guests/save-guest.server";
import { namePinyin, searchKeysFor } from "~/domain/guests/search-keys";
import { hashPassword } from "~/auth/password.server";
import type { RoleName } from "~/auth/permissions";
import { stayFormSchema, type StayFormInput } from "~/domain/stays/stay-form";
import { addStay } from "~/domain/stays/add-stay.server";
import { chargeFormSchema, type ChargeFormInput } from "~/domain/consumption/charge-form";
import { addCharge } from "~/domain/consumption/add-charge.server";
import { addPreference, addSpecialDate } from "~/domain/preferences/save-preferences.server";
import { preferenceFormSchema, specialDateFormSchema } from "~/domain/preferences/preference-form";
import { handleComplaint, recordFeedback } from "~/domain/complaints/record-feedback.server";
import { feedbackFormSchema, handlingFormSchema } from "~/domain/complaints/feedback-form";
import { campaignFormSchema, type CampaignFormInput } from "~/domain/outreach/campaign-form";
import { createCampaign, setCampaignStatus } from "~/domain/outreach/campaigns.server";
import { DEFAULT_TEXTS, type CampaignKind } from "~/domain/outreach/campaign-texts";
import { ensureDefaultHolidays } from "~/domain/outreach/holidays";

export const TODAY = "2026-11-27";

export async function plantProperty(code = "SHA", timeZone = "Asia/Shanghai", currency = "CNY") {
  return db().property.upsert({
    where: { code },
    create: { code, name: `Hotel ${code}`, nameZh: `${code}酒店`, timeZone, currency },
    update: {},
  });
}

export async function plantStaff(role: RoleName, username = role.toLowerCase(), password = "correct horse battery") {
  const staff = await db().staff.create({
    data: { username, displayName: `${role} user`, passwordHash: await hashPassword(password), role, department: "TEST" },
  });
  return { ...staff, actor: { staffId: staff.id, role } as Actor };
}

export function guestInput(fields: Record<string, unknown>): GuestFormInput {
  return guestFormSchema(TODAY).parse(fields);
}

export async function plantGuest(actor: Actor, fields: Record<string, unknown>) {
  const result = await createGuest(db(), actor, guestInput({ confirmDuplicate: "on", ...fields }));
  if (result.status !== "created") throw new Error("guest not created");
  return result;
}

// ---- more planting helpers (each goes through the domain function the app uses)

let staffCounter = 0;
/** A staff member with a username no other call in this file has used. */
export async function plantStaffMember(role: RoleName) {
  staffCounter += 1;
  return plantStaff(role, `${role.toLowerCase()}-${staffCounter}`);
}

export function stayInput(fields: Record<string, unknown>): StayFormInput {
  return stayFormSchema.parse({ roomType: "DELUXE", bookingChannel: "DIRECT", purpose: "BUSINESS", adults: "1", ...fields });
}

export async function plantStay(actor: Actor, guestId: number, fields: Record<string, unknown>) {
  return addStay(db(), actor, guestId, stayInput(fields));
}

export function chargeInput(fields: Record<string, unknown>): ChargeFormInput {
  return chargeFormSchema.parse({
    outlet: "Chinese Restaurant",
    covers: "1",
    paymentMethod: "CARD",
    chargedAt: "2026-11-20T19:00",
    ...fields,
  });
}

export async function plantCharge(actor: Actor, guestId: number, fields: Record<string, unknown>) {
  return addCharge(db(), actor, guestId, chargeInput(fields));
}

// ---- retention: guests whose last activity lies in the past

/** Noon UTC of a calendar day: the same date in every hotel time zone we plant. */
export function middayOf(day: string): Date {
  return new Date(`${day}T12:00:00.000Z`);
}

/**
 * Moves a guest's history back so that their last activity (profile creation,
 * timeline events) falls on `lastActive`. Stays keep their own dates: plant
 * checked-out stays that end on or before `lastActive`. Consent is dated
 * `lastActive` too unless `consentRenewedOn` says otherwise.
 */
export async function backdateGuest(guestId: number, lastActive: string, options: { consentRenewedOn?: string } = {}) {
  const at = middayOf(lastActive);
  await db().timelineEvent.updateMany({ where: { guestId }, data: { happensAt: at } });
  await db().guest.update({
    where: { id: guestId },
    data: { createdAt: at, consentUpdatedAt: middayOf(options.consentRenewedOn ?? lastActive) },
  });
}

/**
 * A guest (through the app's createGuest) last active on `lastActive`
 * ("YYYY-MM-DD"). `setup` may add stays, complaints … before the history is
 * moved back in time.
 */
export async function plantInactiveGuest(
  actor: Actor,
  { lastActive, consentRenewedOn, ...fields }: { lastActive: string; consentRenewedOn?: string } & Record<string, unknown>,
  setup?: (guestId: number) => Promise<unknown>,
) {
  const planted = await plantGuest(actor, fields);
  await setup?.(planted.guestId);
  await backdateGuest(planted.guestId, lastActive, { consentRenewedOn });
  return planted;
}

let bulkCounter = 0;
/**
 * Many inactive guests at once, written directly (createMany), each with
 * personal data, a search key, a preference and a timeline event, all dated
 * `lastActive`. Profile numbers start with "B" so they never meet the
 * app's sequence. Returns the new ids.
 */
export async function plantInactiveGuestsInBulk(count: number, lastActive: string): Promise<number[]> {
  bulkCounter += 1;
  const at = middayOf(lastActive);
  const tag = `B${String(bulkCounter).padStart(3, "0")}`;
  const rows = Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(6, "0");
    return {
      profileNumber: `${tag}${n}`,
      fullName: `Bulk ${tag} ${n}`,
      phone: `139${bulkCounter % 10}${n}0`,
      email: `bulk-${tag}-${n}@example.test`,
      address: `${i} Bulk Road`,
      birthDate: "1980-01-01",
      notes: `Bulk note ${n}`,
      createdAt: at,
      updatedAt: at,
    };
  });
  await db().guest.createMany({ data: rows });
  const guests = await db().guest.findMany({
    where: { profileNumber: { startsWith: tag } },
    select: { id: true, fullName: true },
    orderBy: { id: "asc" },
  });
  const ids = guests.map((g) => g.id);
  await db().guestSearchKey.createMany({ data: guests.map((g) => ({ guestId: g.id, key: `n:${g.fullName.toLowerCase()}` })) });
  await db().preference.createMany({
    data: ids.map((guestId) => ({ guestId, category: "PILLOW" as const, value: "feather", source: "GUEST_STATED" as const })),
  });
  await db().timelineEvent.createMany({
    data: ids.map((guestId) => ({ guestId, name: "guest.created", happensAt: at, properties: { note: "bulk" } })),
  });
  return ids;
}

let namesakeCounter = 0;
/**
 * `count` guests all called `fullName`, in bulk (createMany), each with every
 * search key the app would write (searchKeysFor) and what `fields(i)` gives the
 * i-th (phone, birth date, VIP level). Profile numbers start with "N" so they
 * never meet the app's sequence. Returns the new ids in order.
 */
export async function plantNamesakesInBulk(
  fullName: string,
  count: number,
  fields: (i: number) => { phone?: string; birthDate?: string; vipLevel?: number; company?: string } = () => ({}),
): Promise<number[]> {
  namesakeCounter += 1;
  const tag = `N${String(namesakeCounter).padStart(3, "0")}`;
  const rows = Array.from({ length: count }, (_, i) => ({
    profileNumber: `${tag}${String(i).padStart(6, "0")}`,
    fullName,
    namePinyin: namePinyin(fullName),
    ...fields(i),
  }));
  await db().guest.createMany({ data: rows });
  const guests = await db().guest.findMany({ where: { profileNumber: { startsWith: tag } }, orderBy: { id: "asc" } });
  await db().guestSearchKey.createMany({ data: guests.flatMap((g) => searchKeysFor(g).map((key) => ({ guestId: g.id, key }))) });
  return guests.map((g) => g.id);
}

/**
 * Empties the archive: every guest (and through the cascades everything
 * attached), the access register, job runs and leases, erasure certificates,
 * and the retention policy (back to its defaults). Staff and properties stay.
 */
export async function wipeArchive() {
  const d = db();
  await d.guest.deleteMany();
  await d.auditEntry.deleteMany();
  await d.jobLease.deleteMany();
  await d.jobRun.deleteMany();
  await d.erasureCertificate.deleteMany();
  await d.retentionPolicy.deleteMany();
}

/**
 * A guest with something in every part of the archive — ID document, birth
 * date, address, notes, a marker, checked-out stays with charges, preferences,
 * a special date, a handled complaint — last active on `lastActive`. The
 * stays end on `lastActive`; property, marker code and the personal strings
 * come from `o`.
 */
export async function plantRichInactiveGuest(
  actor: Actor,
  o: {
    lastActive: string;
    propertyId: number;
    fullName: string;
    phone: string;
    idNumber: string;
    markerCode?: string;
    fields?: Record<string, unknown>;
  },
) {
  const departure = o.lastActive;
  const arrival = new Date(Date.parse(`${departure}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
  const earlier = new Date(Date.parse(`${departure}T00:00:00Z`) - 200 * 86_400_000).toISOString().slice(0, 10);
  const propertyId = String(o.propertyId);
  return plantInactiveGuest(
    actor,
    {
      lastActive: o.lastActive,
      fullName: o.fullName,
      phone: o.phone,
      email: `${o.phone}@guest.test`,
      company: `${o.fullName} Trading Co.`,
      gender: "FEMALE",
      birthDate: "1979-03-14",
      ethnicity: "汉族",
      nativePlace: "Hangzhou",
      nationality: "CN",
      address: `88 ${o.fullName} Lane, Hangzhou`,
      idDocumentType: "PASSPORT",
      idDocumentNumber: o.idNumber,
      notes: `${o.fullName} prefers a quiet room`,
      consentEmail: "on",
      markers: o.markerCode ? [o.markerCode] : [],
      ...o.fields,
    },
    async (guestId) => {
      const first = await plantStay(actor, guestId, {
        propertyId,
        roomNumber: "1201",
        arrivalDate: earlier,
        departureDate: addDaysIso(earlier, 2),
        status: "CHECKED_OUT",
        rateAmount: "880",
      });
      const last = await plantStay(actor, guestId, {
        propertyId,
        roomNumber: "1508",
        arrivalDate: arrival,
        departureDate: departure,
        status: "CHECKED_OUT",
        rateAmount: "1,280.50",
        bookingChannel: "OTA",
      });
      await plantCharge(actor, guestId, {
        propertyId,
        stayId: String(first.id),
        grossAmount: "356",
        discountPercent: "10",
        chargedAt: `${earlier}T19:30`,
        description: `Dinner for ${o.fullName}`,
      });
      await plantCharge(actor, guestId, {
        propertyId,
        stayId: String(last.id),
        grossAmount: "1,024.40",
        outlet: "Spa",
        chargedAt: `${arrival}T15:00`,
      });
      await addPreference(
        db(),
        actor,
        guestId,
        preferenceFormSchema.parse({ category: "PILLOW", value: "buckwheat", note: "from her own words" }),
      );
      await addPreference(db(), actor, guestId, preferenceFormSchema.parse({ category: "ALLERGY", value: "peanuts" }));
      await addSpecialDate(
        db(),
        actor,
        guestId,
        specialDateFormSchema.parse({ kind: "ANNIVERSARY", label: "Wedding", month: "5", day: "20", note: "husband Li" }),
      );
      const complaint = await recordFeedback(
        db(),
        actor,
        guestId,
        feedbackFormSchema.parse({
          kind: "COMPLAINT",
          propertyId,
          stayId: String(last.id),
          category: "NOISE",
          department: "HOUSEKEEPING",
          description: `${o.fullName} heard drilling at 7am`,
        }),
      );
      await handleComplaint(
        db(),
        actor,
        guestId,
        handlingFormSchema.parse({
          feedbackId: String(complaint.id),
          status: "RESOLVED",
          handling: "Moved to a quiet floor",
          compensation: "Free breakfast",
          guestReaction: "SATISFIED",
          guestReactionNote: `${o.fullName} was happy`,
        }),
      );
    },
  );
}

function addDaysIso(day: string, days: number) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Analytics totals computed straight from the tables: stays, nights and room revenue by month of arrival, charges by month, guests by VIP level, feedback by category. */
export async function analyticsTotals() {
  const d = db();
  const [stays, charges, segments, feedback] = await Promise.all([
    d.$queryRaw`SELECT substr(CAST("arrivalDate" AS TEXT), 1, 7) AS "month", "propertyId", COUNT(*) AS "stays", SUM("nights") AS "nights", SUM("roomRevenue") AS "roomRevenue"
      FROM "Stay" GROUP BY 1, 2 ORDER BY 1, 2`,
    d.$queryRaw`SELECT substr(CAST("chargedAt" AS TEXT), 1, 7) AS "month", "outlet", COUNT(*) AS "charges", SUM("grossAmount") AS "gross", SUM("netAmount") AS "net"
      FROM "Charge" GROUP BY 1, 2 ORDER BY 1, 2`,
    d.$queryRaw`SELECT "vipLevel", COUNT(*) AS "guests" FROM "Guest" GROUP BY 1 ORDER BY 1`,
    d.$queryRaw`SELECT "kind", "category", "severity", COUNT(*) AS "n" FROM "Feedback" GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  ]);
  return { stays, charges, segments, feedback };
}

/**
 * What personal data a guest still holds, by category ([] when none): the
 * test of "fully anonymised".
 */
export async function personalDataLeft(guestId: number): Promise<string[]> {
  return (await personalDataLeftOf([guestId])).get(guestId)!;
}

/** personalDataLeft for many guests in a few queries. */
export async function personalDataLeftOf(guestIds: number[]): Promise<Map<number, string[]>> {
  const d = db();
  const guests = await d.guest.findMany({
    where: { id: { in: guestIds } },
    include: { preferences: true, specialDates: true, searchKeys: true, markers: true, timeline: true, feedback: true, charges: true },
  });
  const noted = await d.auditEntry.findMany({
    where: { guestId: { in: guestIds }, action: { in: ["CREATE", "UPDATE"] } },
    select: { guestId: true, changes: true },
  });
  const result = new Map<number, string[]>();
  for (const g of guests) {
    const left: string[] = [];
    if (g.fullName !== "Anonymised guest" || g.familyName || g.givenName || g.namePinyin) left.push("name");
    for (const field of [
      "phone",
      "email",
      "company",
      "address",
      "birthDate",
      "lunarBirthMonth",
      "lunarBirthDay",
      "ethnicity",
      "nativePlace",
      "nationality",
      "notes",
      "idDocumentType",
      "idDocumentCipher",
      "idDocumentLast4",
      "legalHoldReason",
    ] as const) {
      if (g[field] != null) left.push(field);
    }
    if (g.consentEmail || g.consentSms || g.consentPhone || g.consentMail) left.push("consents");
    if (g.preferences.length) left.push("preferences");
    if (g.specialDates.length) left.push("specialDates");
    if (g.searchKeys.length) left.push("searchKeys");
    if (g.markers.length) left.push("markers");
    if (g.timeline.some((e) => e.properties != null)) left.push("timelineDetails");
    if (g.feedback.some((f) => f.description !== "(erased)" || f.handling || f.compensation || f.guestReactionNote))
      left.push("feedbackText");
    if (g.charges.some((c) => c.description != null)) left.push("chargeText");
    if (noted.some((a) => a.guestId === g.id && a.changes != null)) left.push("auditDetails");
    result.set(g.id, left);
  }
  for (const id of guestIds) if (!result.has(id)) throw new Error(`No guest ${id}`);
  return result;
}

// ---- outreach: campaigns and guests to reach

/** A campaign form as marketing would fill it in (e-mail, 7 lead days, bilingual birthday texts), overridden by `fields`. */
/** A campaign form: birthday texts for a birthday campaign, the kind's default texts for another kind. */
export function campaignInput(fields: Record<string, unknown>): CampaignFormInput {
  const kind = (fields.kind as CampaignKind | undefined) ?? "BIRTHDAY";
  return campaignFormSchema.parse({
    name: "Test campaign",
    kind,
    channel: "EMAIL",
    leadDays: "7",
    ...(kind === "BIRTHDAY"
      ? {
          subjectEn: "Happy birthday, {name}!",
          subjectZh: "{name}，生日快乐！",
          templateEn: "Dear {name},\n{hotel} wishes you a wonderful {date}. {gift} is waiting for you. {offer}",
          templateZh: "尊敬的{name}：\n{hotel}祝您{date}快乐！我们为您准备了{gift}。{offer}",
        }
      : DEFAULT_TEXTS[kind]),
    ...fields,
  });
}

/**
 * A campaign created and (unless `status` says otherwise) activated through the
 * app's domain functions, confirming any warnings (other campaigns greeting the
 * same guests) as marketing would.
 */
export async function plantCampaign(
  actor: Actor,
  fields: Record<string, unknown>,
  status: "DRAFT" | "ACTIVE" | "PAUSED" | "ARCHIVED" = "ACTIVE",
) {
  const campaign = await createCampaign(db(), actor, campaignInput(fields));
  const asOf = new Date().toISOString().slice(0, 10);
  if (status === "PAUSED" || status === "ARCHIVED") await setCampaignStatus(db(), actor, campaign.id, "ACTIVE", { confirm: true, asOf });
  if (status !== "DRAFT") await setCampaignStatus(db(), actor, campaign.id, status, { confirm: true, asOf });
  return db().campaign.findUniqueOrThrow({ where: { id: campaign.id } });
}

/** The id of a holiday by code (the defaults are planted first). */
export async function holidayIdOf(code: string) {
  await ensureDefaultHolidays(db());
  return (await db().holiday.findUniqueOrThrow({ where: { code } })).id;
}

let reachableCounter = 0;
/**
 * Many guests written directly (createMany, no search keys), all with e-mail
 * consent and an address, born on `birthDate`. Returns their ids in order.
 */
export async function plantReachableGuestsInBulk(
  count: number,
  fields: { birthDate?: string; language?: string; vipLevel?: number } = {},
): Promise<number[]> {
  reachableCounter += 1;
  const tag = `R${String(reachableCounter).padStart(3, "0")}`;
  const rows = Array.from({ length: count }, (_, i) => {
    const n = String(i).padStart(6, "0");
    return {
      profileNumber: `${tag}${n}`,
      fullName: `Reachable ${tag} ${n}`,
      email: `reach-${tag}-${n}@example.test`,
      consentEmail: true,
      language: "en",
      ...fields,
    };
  });
  await db().guest.createMany({ data: rows });
  const guests = await db().guest.findMany({ where: { profileNumber: { startsWith: tag } }, select: { id: true }, orderBy: { id: "asc" } });
  return guests.map((g) => g.id);
}

/** Everything outreach leaves behind: guests (and their tasks), campaigns, job runs. Holidays stay. */
export async function wipeOutreach() {
  await wipeArchive();
  await db().outreachTask.deleteMany();
  await db().campaign.deleteMany();
}

/**
 * Makes the database refuse to delete one guest's rows from a table, as a
 * failing disk would, until the returned function is called.
 */
export async function failDeletesOfGuest(table: string, guestId: number, message: string): Promise<() => Promise<void>> {
  const d = db();
  if (dbProvider() === "postgres") {
    await d.$executeRawUnsafe(
      `CREATE FUNCTION "fail_midway"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF OLD."guestId" = ${Number(guestId)} THEN RAISE EXCEPTION '${message}'; END IF; RETURN OLD; END $$`,
    );
    await d.$executeRawUnsafe(`CREATE TRIGGER "fail_midway" BEFORE DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "fail_midway"()`);
    return async () => {
      await d.$executeRawUnsafe(`DROP TRIGGER "fail_midway" ON "${table}"`);
      await d.$executeRawUnsafe(`DROP FUNCTION "fail_midway"()`);
    };
  }
  await d.$executeRawUnsafe(
    `CREATE TRIGGER "fail_midway" BEFORE DELETE ON "${table}" WHEN old."guestId" = ${Number(guestId)} BEGIN SELECT RAISE(ABORT, '${message}'); END`,
  );
  return async () => {
    await d.$executeRawUnsafe(`DROP TRIGGER "fail_midway"`);
  };
}
