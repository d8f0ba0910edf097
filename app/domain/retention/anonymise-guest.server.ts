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
  "mergedProfiles",
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

/** Guests per statement when following merges (under SQLite's 999 bound parameters). */
const MERGED_CHUNK = 800;

/**
 * The profiles merged into these guests, following earlier merges into those
 * (a merged-away row points at its survivor by mergedIntoId), that still hold
 * personal data: merged-away id → the guest of `guestIds` it leads to.
 */
export async function profilesMergedInto(tx: DbTx, guestIds: number[]): Promise<Map<number, number>> {
  const rootOf = new Map<number, number>();
  const seen = new Set(guestIds);
  let frontier = guestIds.map((id) => [id, id] as const);
  while (frontier.length) {
    const next: (readonly [number, number])[] = [];
    for (let i = 0; i < frontier.length; i += MERGED_CHUNK) {
      const chunk = frontier.slice(i, i + MERGED_CHUNK);
      const root = new Map(chunk);
      const rows = await tx.$queryRaw<{ id: number | bigint; mergedIntoId: number | bigint }[]>`
        SELECT "id", "mergedIntoId" FROM "Guest"
        WHERE "mergedIntoId" IN (${Prisma.join(chunk.map(([id]) => id))}) AND "deletedReason" = 'merge' AND "anonymizedAt" IS NULL`;
      for (const row of rows) {
        const id = Number(row.id);
        if (seen.has(id)) continue;
        seen.add(id);
        const to = root.get(Number(row.mergedIntoId))!;
        rootOf.set(id, to);
        next.push([id, to]);
      }
    }
    frontier = next;
  }
  return rootOf;
}

/**
 * Anonymise several guests with set-based statements (a purge batch costs a
 * fixed number of statements, not a dozen per guest). Returns what was erased
 * per guest. What a merge kept of a profile merged into one of them goes too
 * (docs/decisions/017): the merged-away rows are anonymised with their
 * survivor and counted in its figures, and every merge record involving any
 * of them keeps only profile numbers, ids and counts — so such a merge can no
 * longer be undone.
 */
export async function anonymiseGuests(tx: DbTx, guestIds: number[], at: Date): Promise<Map<number, ErasedCounts>> {
  const result = await anonymiseRows(tx, guestIds, at);
  if (!result.size) return result;
  const merged = await profilesMergedInto(tx, guestIds);
  const mergedIds = [...merged.keys()];
  for (let i = 0; i < mergedIds.length; i += MERGED_CHUNK) {
    const erased = await anonymiseRows(tx, mergedIds.slice(i, i + MERGED_CHUNK), at);
    for (const [id, counts] of erased) {
      const into = result.get(merged.get(id)!)!;
      for (const category of ERASED_CATEGORIES) into[category] += counts[category];
      into.mergedProfiles += 1;
    }
  }
  await eraseMergeRecords(tx, [...guestIds, ...mergedIds], at);
  return result;
}

/** A merge record whose personal content was erased (see eraseMergeRecords). */
export function isErasedMergeRecord(plan: unknown): boolean {
  return typeof plan === "object" && plan != null && "erasedAt" in plan;
}

/**
 * Strips the merge records of these guests to what holds no personal data:
 * who was merged into whom (profile numbers, ids), when, the counts and the
 * moved row ids. The field values, the snapshots of both rows, the kept
 * values of the other profile and the removed rows go.
 */
async function eraseMergeRecords(tx: DbTx, guestIds: number[], at: Date) {
  for (let i = 0; i < guestIds.length; i += MERGED_CHUNK / 2) {
    const chunk = guestIds.slice(i, i + MERGED_CHUNK / 2);
    const merges = await tx.guestMerge.findMany({
      where: { OR: [{ survivorId: { in: chunk } }, { mergedId: { in: chunk } }] },
      select: { id: true, plan: true },
    });
    for (const merge of merges) {
      if (isErasedMergeRecord(merge.plan)) continue;
      const plan = merge.plan as {
        survivor: { id: number; profileNumber: string; version: number; updatedAt: string };
        other: { id: number; profileNumber: string; version: number; updatedAt: string };
        counts?: unknown;
        vipLevel?: unknown;
      };
      const side = (s: typeof plan.survivor) => ({
        id: s.id,
        profileNumber: s.profileNumber,
        fullName: ANONYMISED_NAME,
        version: s.version,
        updatedAt: s.updatedAt,
      });
      const no = { survivor: false, other: false, value: false };
      await tx.guestMerge.update({
        where: { id: merge.id },
        data: {
          plan: {
            erasedAt: at.toISOString(),
            survivor: side(plan.survivor),
            other: side(plan.other),
            fields: [],
            consent: { consentEmail: no, consentSms: no, consentPhone: no, consentMail: no },
            vipLevel: { survivor: 0, other: 0, value: 0 },
            markers: { survivor: [], other: [], value: [] },
            counts: (plan.counts ?? {}) as object,
            allergiesAndTaboos: { survivor: 0, other: 0 },
            blockers: [],
          },
          before: { erasedAt: at.toISOString(), survivor: {}, other: {}, survivorSearchKeys: [], written: {} },
          removed: { markers: [], outreachTasks: [], scores: [] },
        },
      });
    }
  }
}

async function anonymiseRows(tx: DbTx, guestIds: number[], at: Date): Promise<Map<number, ErasedCounts>> {
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
  // A merge's and an undo's register rows note the field values they changed.
  const auditWithValues = Prisma.sql`AND "action" IN ('CREATE', 'UPDATE', 'MERGE', 'UNMERGE') AND "changes" IS NOT NULL`;
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
      mergedProfiles: 0,
    });
  }
  return result;
}
