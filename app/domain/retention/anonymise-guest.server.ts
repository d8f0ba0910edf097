// Erasing a guest's personal data while keeping the anonymous facts analytics
// need (stays, nights, revenue, charges by outlet and month, complaint
// categories). Runs inside the caller's transaction: all or nothing.
import type { DbTx } from "~/db/client.server";
import { asEnum, asTimestamp } from "~/db/sql.server";
import { Prisma } from "../../../generated/prisma/client";
import { deleteNotificationsAboutGuests } from "../notifications/notifications.server";

/** What an erasure removes; the certificate lists these with their counts. */
export const ERASED_CATEGORIES = [
  "name",
  "contacts",
  "idDocument",
  "birthDate",
  "address",
  "personalDetails",
  "freeText",
  "markers",
  "preferences",
  "specialDates",
  "timelineDetails",
  "searchKeys",
] as const;
export type ErasedCategory = (typeof ERASED_CATEGORIES)[number];

export const ANONYMISED_NAME = "Anonymised guest";

export type ErasedCounts = Record<ErasedCategory, number>;

export async function anonymiseGuest(tx: DbTx, guestId: number, at: Date): Promise<ErasedCounts> {
  const erased = await anonymiseGuests(tx, [guestId], at);
  const counts = erased.get(guestId);
  if (!counts) throw new Error(`Guest ${guestId} not found`);
  return counts;
}

/**
 * Anonymise several guests with set-based statements (a purge batch costs a
 * fixed number of statements, not a dozen per guest). Returns what was erased
 * per guest.
 */
export async function anonymiseGuests(tx: DbTx, guestIds: number[], at: Date): Promise<Map<number, ErasedCounts>> {
  const result = new Map<number, ErasedCounts>();
  if (!guestIds.length) return result;
  // Raw, set-based SQL: a purge batch of hundreds of guests is a fixed number
  // of statements, and large IN lists skip the ORM's per-query compilation.
  const ids = Prisma.join(guestIds);
  const guests = await tx.$queryRaw<
    {
      id: number;
      phone: string | null;
      email: string | null;
      company: string | null;
      idDocumentCipher: string | null;
      birthDate: string | null;
      lunarBirthMonth: number | null;
      address: string | null;
      ethnicity: string | null;
      nativePlace: string | null;
      nationality: string | null;
      notes: string | null;
    }[]
  >`
    SELECT "id", "phone", "email", "company", "idDocumentCipher", "birthDate", "lunarBirthMonth", "address", "ethnicity", "nativePlace", "nationality", "notes"
    FROM "Guest" WHERE "id" IN (${ids})`;
  const perGuest = async (table: string, extra: Prisma.Sql = Prisma.empty) => {
    const rows = await tx.$queryRaw<{ guestId: number; n: number | bigint }[]>`
      SELECT "guestId", COUNT(*) AS "n" FROM ${Prisma.raw(`"${table}"`)} WHERE "guestId" IN (${ids}) ${extra} GROUP BY "guestId"`;
    return new Map(rows.map((r) => [Number(r.guestId), Number(r.n)]));
  };
  const auditWithValues = Prisma.sql`AND "action" IN ('CREATE', 'UPDATE') AND "changes" IS NOT NULL`;
  const markers = await perGuest("GuestMarker");
  const preferences = await perGuest("Preference");
  const specialDates = await perGuest("SpecialDate");
  const searchKeys = await perGuest("GuestSearchKey");
  const timeline = await perGuest("TimelineEvent");
  const audit = await perGuest("AuditEntry", auditWithValues);
  const feedback = await perGuest("Feedback");
  const chargeText = await perGuest("Charge", Prisma.sql`AND "description" IS NOT NULL`);

  await tx.$executeRaw`
    UPDATE "Guest" SET "fullName" = ${ANONYMISED_NAME}, "familyName" = NULL, "givenName" = NULL, "namePinyin" = NULL,
      "phone" = NULL, "email" = NULL, "company" = NULL, "address" = NULL,
      "idDocumentType" = NULL, "idDocumentCipher" = NULL, "idDocumentLast4" = NULL,
      "birthDate" = NULL, "lunarBirthMonth" = NULL, "lunarBirthDay" = NULL, "lunarBirthLeap" = FALSE, "birthdayCalendar" = ${asEnum("GREGORIAN", "BirthdayCalendar")},
      "ethnicity" = NULL, "nativePlace" = NULL, "nationality" = NULL, "gender" = ${asEnum("UNDISCLOSED", "Gender")}, "notes" = NULL, "legalHoldReason" = NULL,
      "consentEmail" = FALSE, "consentSms" = FALSE, "consentPhone" = FALSE, "consentMail" = FALSE,
      "anonymizedAt" = ${asTimestamp(at)}, "updatedAt" = ${asTimestamp(at)}, "version" = "version" + 1
    WHERE "id" IN (${ids})`;
  await tx.$executeRaw`DELETE FROM "GuestMarker" WHERE "guestId" IN (${ids})`;
  await tx.$executeRaw`DELETE FROM "Preference" WHERE "guestId" IN (${ids})`;
  await tx.$executeRaw`DELETE FROM "SpecialDate" WHERE "guestId" IN (${ids})`;
  // Notifications quote what was observed about the guest.
  await deleteNotificationsAboutGuests(tx, guestIds);
  await tx.$executeRaw`DELETE FROM "GuestSearchKey" WHERE "guestId" IN (${ids})`;
  // Blocking keys are normalised contact data; an anonymised guest is no duplicate of anyone.
  await tx.$executeRaw`DELETE FROM "GuestMatchKey" WHERE "guestId" IN (${ids})`;
  await tx.$executeRaw`DELETE FROM "DuplicateCandidate" WHERE "status" = 'OPEN' AND ("lowGuestId" IN (${ids}) OR "highGuestId" IN (${ids}))`;
  // Keep that something happened and when; drop what it said.
  await tx.$executeRaw`UPDATE "TimelineEvent" SET "properties" = NULL WHERE "guestId" IN (${ids})`;
  // Likewise the access register keeps who created or changed which record,
  // and when, but not the values it noted (an edit's before and after, a
  // preference's text). Rows written after this (PURGE) keep theirs.
  await tx.$executeRaw`UPDATE "AuditEntry" SET "changes" = NULL WHERE "guestId" IN (${ids}) ${auditWithValues}`;
  await tx.$executeRaw`UPDATE "Feedback" SET "description" = '(erased)', "handling" = NULL, "compensation" = NULL, "guestReactionNote" = NULL WHERE "guestId" IN (${ids})`;
  await tx.$executeRaw`UPDATE "Charge" SET "description" = NULL WHERE "guestId" IN (${ids}) AND "description" IS NOT NULL`;

  const present = (v: unknown) => (v == null || v === "" ? 0 : 1);
  for (const guest of guests) {
    const id = Number(guest.id);
    const n = (m: Map<number, number>) => m.get(id) ?? 0;
    result.set(id, {
      name: 1,
      contacts: present(guest.phone) + present(guest.email) + present(guest.company),
      idDocument: present(guest.idDocumentCipher),
      birthDate: present(guest.birthDate) + present(guest.lunarBirthMonth),
      address: present(guest.address),
      personalDetails: present(guest.ethnicity) + present(guest.nativePlace) + present(guest.nationality),
      freeText: present(guest.notes) + n(feedback) + n(chargeText),
      markers: n(markers),
      preferences: n(preferences),
      specialDates: n(specialDates),
      timelineDetails: n(timeline) + n(audit),
      searchKeys: n(searchKeys),
    });
  }
  return result;
}
