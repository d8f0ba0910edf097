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

export async function anonymiseGuest(tx: DbTx, guestId: number, at: Date): Promise<Record<ErasedCategory, number>> {
  const guest = await tx.guest.findUniqueOrThrow({ where: { id: guestId } });
  await tx.guest.update({
    where: { id: guestId },
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
  const markers = await tx.guestMarker.deleteMany({ where: { guestId } });
  const preferences = await tx.preference.deleteMany({ where: { guestId } });
  const specialDates = await tx.specialDate.deleteMany({ where: { guestId } });
  const searchKeys = await tx.guestSearchKey.deleteMany({ where: { guestId } });
  // Keep that something happened and when; drop what it said.
  const timelineDetails = await tx.$executeRaw`UPDATE "TimelineEvent" SET "properties" = NULL WHERE "guestId" = ${guestId}`;
  // Likewise the access register keeps who created or changed which record,
  // and when, but not the values it noted (an edit's before and after, a
  // preference's text). Rows written after this (PURGE) keep theirs.
  const auditDetails = await tx.auditEntry.updateMany({
    where: { guestId, action: { in: ["CREATE", "UPDATE"] }, NOT: { changes: { equals: Prisma.AnyNull } } },
    data: { changes: Prisma.DbNull },
  });
  const feedbackText = await tx.feedback.updateMany({
    where: { guestId },
    data: { description: "(erased)", handling: null, compensation: null, guestReactionNote: null },
  });
  const chargeText = await tx.charge.updateMany({ where: { guestId, description: { not: null } }, data: { description: null } });
  const present = (v: unknown) => (v == null || v === "" ? 0 : 1);
  return {
    name: 1,
    contacts: present(guest.phone) + present(guest.email) + present(guest.company),
    idDocument: present(guest.idDocumentCipher),
    birthDate: present(guest.birthDate) + present(guest.lunarBirthMonth),
    address: present(guest.address),
    personalDetails: present(guest.ethnicity) + present(guest.nativePlace) + present(guest.nationality),
    freeText: present(guest.notes) + feedbackText.count + chargeText.count,
    markers: markers.count,
    preferences: preferences.count,
    specialDates: specialDates.count,
    timelineDetails: timelineDetails + auditDetails.count,
    searchKeys: searchKeys.count,
  };
}
