// Erasing a guest's personal data while keeping the anonymous facts analytics
// need (stays, nights, revenue, charges by outlet and month, complaint
// categories). Runs inside the caller's transaction: all or nothing.
import type { DbTx } from "~/db/client.server";
import { Prisma } from "../../../generated/prisma/client";

/** What an erasure removes; the certificate lists these with their counts. */
export const ERASED_CATEGORIES = [
  "name", "contacts", "idDocument", "birthDate", "address", "personalDetails", "freeText",
  "markers", "preferences", "specialDates", "timelineDetails", "searchKeys",
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
  const inIds = { in: guestIds };
  const guests = await tx.guest.findMany({
    where: { id: inIds },
    select: { id: true, phone: true, email: true, company: true, idDocumentCipher: true, birthDate: true, lunarBirthMonth: true, address: true, ethnicity: true, nativePlace: true, nationality: true, notes: true },
  });
  const perGuest = async (rows: Promise<{ guestId: number; _count: { _all: number } }[]>) => new Map((await rows).map((r) => [r.guestId, r._count._all]));
  const auditWithValues = { guestId: inIds, action: { in: ["CREATE", "UPDATE"] as ("CREATE" | "UPDATE")[] }, NOT: { changes: { equals: Prisma.AnyNull } } };
  const [markers, preferences, specialDates, searchKeys, timeline, audit, feedback, chargeText] = await Promise.all([
    perGuest(tx.guestMarker.groupBy({ by: ["guestId"], where: { guestId: inIds }, _count: { _all: true } }) as never),
    perGuest(tx.preference.groupBy({ by: ["guestId"], where: { guestId: inIds }, _count: { _all: true } }) as never),
    perGuest(tx.specialDate.groupBy({ by: ["guestId"], where: { guestId: inIds }, _count: { _all: true } }) as never),
    perGuest(tx.guestSearchKey.groupBy({ by: ["guestId"], where: { guestId: inIds }, _count: { _all: true } }) as never),
    perGuest(tx.timelineEvent.groupBy({ by: ["guestId"], where: { guestId: inIds }, _count: { _all: true } }) as never),
    perGuest(tx.auditEntry.groupBy({ by: ["guestId"], where: auditWithValues, _count: { _all: true } }) as never),
    perGuest(tx.feedback.groupBy({ by: ["guestId"], where: { guestId: inIds }, _count: { _all: true } }) as never),
    perGuest(tx.charge.groupBy({ by: ["guestId"], where: { guestId: inIds, description: { not: null } }, _count: { _all: true } }) as never),
  ]);

  await tx.guest.updateMany({
    where: { id: inIds },
    data: {
      fullName: ANONYMISED_NAME, familyName: null, givenName: null, namePinyin: null,
      phone: null, email: null, company: null, address: null,
      idDocumentType: null, idDocumentCipher: null, idDocumentLast4: null,
      birthDate: null, lunarBirthMonth: null, lunarBirthDay: null, lunarBirthLeap: false, birthdayCalendar: "GREGORIAN",
      ethnicity: null, nativePlace: null, nationality: null, gender: "UNDISCLOSED", notes: null, legalHoldReason: null,
      consentEmail: false, consentSms: false, consentPhone: false, consentMail: false,
      anonymizedAt: at, version: { increment: 1 },
    },
  });
  await tx.guestMarker.deleteMany({ where: { guestId: inIds } });
  await tx.preference.deleteMany({ where: { guestId: inIds } });
  await tx.specialDate.deleteMany({ where: { guestId: inIds } });
  await tx.guestSearchKey.deleteMany({ where: { guestId: inIds } });
  // Keep that something happened and when; drop what it said.
  await tx.$executeRaw`UPDATE "TimelineEvent" SET "properties" = NULL WHERE "guestId" IN (${Prisma.join(guestIds)})`;
  // Likewise the access register keeps who created or changed which record,
  // and when, but not the values it noted (an edit's before and after, a
  // preference's text). Rows written after this (PURGE) keep theirs.
  await tx.auditEntry.updateMany({ where: auditWithValues, data: { changes: Prisma.DbNull } });
  await tx.feedback.updateMany({ where: { guestId: inIds }, data: { description: "(erased)", handling: null, compensation: null, guestReactionNote: null } });
  await tx.charge.updateMany({ where: { guestId: inIds, description: { not: null } }, data: { description: null } });

  const present = (v: unknown) => (v == null || v === "" ? 0 : 1);
  for (const guest of guests) {
    const n = (m: Map<number, number>) => m.get(guest.id) ?? 0;
    result.set(guest.id, {
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
