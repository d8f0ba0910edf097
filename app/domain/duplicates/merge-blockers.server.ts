// Why two profiles may not be merged, each reason with its message key
// (i18n `mergeBlocker.*`). The merge preview shows them; mergeGuests refuses
// while any holds (docs/decisions/017).
import type { DbTx } from "~/db/client.server";
import { readIdNumber } from "../guests/id-document.server";

export type MergeBlockerCode =
  "sameGuest" | "notFound" | "deleted" | "merged" | "anonymised" | "legalHold" | "differentIdNumbers" | "overlappingStays";

export type MergeBlocker = {
  code: MergeBlockerCode;
  messageKey: `mergeBlocker.${MergeBlockerCode}`;
  /** The profile the reason is about (null: both). */
  guestId: number | null;
  /** What the message names: a profile number, a stay's dates and properties. */
  detail?: Record<string, string>;
};

const blocker = (code: MergeBlockerCode, guestId: number | null, detail?: Record<string, string>): MergeBlocker => ({
  code,
  messageKey: `mergeBlocker.${code}`,
  guestId,
  ...(detail ? { detail } : {}),
});

/** Stays that put a guest in a room (a cancelled or no-show booking does not). */
const OCCUPYING = ["RESERVED", "IN_HOUSE", "CHECKED_OUT"] as const;

/** An ID number as compared: upper case, without spaces and dashes. */
export function idNumberKey(number: string): string {
  return number.toUpperCase().replace(/[\s-]+/g, "");
}

export async function mergeBlockers(db: DbTx, survivorId: number, otherId: number): Promise<MergeBlocker[]> {
  if (survivorId === otherId) return [blocker("sameGuest", null)];
  const guests = await db.guest.findMany({
    where: { id: { in: [survivorId, otherId] } },
    select: {
      id: true,
      profileNumber: true,
      deletedAt: true,
      mergedIntoId: true,
      anonymizedAt: true,
      legalHold: true,
      idDocumentCipher: true,
    },
  });
  const blockers: MergeBlocker[] = [];
  const byId = new Map(guests.map((g) => [g.id, g]));
  for (const id of [survivorId, otherId]) {
    const g = byId.get(id);
    if (!g) blockers.push(blocker("notFound", id, { id: String(id) }));
    else if (g.anonymizedAt) blockers.push(blocker("anonymised", id, { profileNumber: g.profileNumber }));
    else if (g.mergedIntoId != null) blockers.push(blocker("merged", id, { profileNumber: g.profileNumber }));
    else if (g.deletedAt) blockers.push(blocker("deleted", id, { profileNumber: g.profileNumber }));
    if (g?.legalHold) blockers.push(blocker("legalHold", id, { profileNumber: g.profileNumber }));
  }
  const a = byId.get(survivorId);
  const b = byId.get(otherId);
  if (!a || !b) return blockers;

  if (a.idDocumentCipher && b.idDocumentCipher) {
    const numberA = readIdNumber(a.idDocumentCipher);
    const numberB = readIdNumber(b.idDocumentCipher);
    // An unreadable number (a key no longer configured) cannot be shown to match: refused too.
    if (numberA == null || numberB == null || idNumberKey(numberA) !== idNumberKey(numberB))
      blockers.push(blocker("differentIdNumbers", null));
  }

  const stays = await db.stay.findMany({
    where: { guestId: { in: [survivorId, otherId] }, status: { in: [...OCCUPYING] } },
    select: { guestId: true, propertyId: true, arrivalDate: true, departureDate: true, property: { select: { code: true } } },
    orderBy: { arrivalDate: "asc" },
  });
  const mine = stays.filter((s) => s.guestId === survivorId);
  const theirs = stays.filter((s) => s.guestId === otherId);
  // Both sorted by arrival: a sweep finds an overlapping pair at different properties without comparing all pairs.
  let j = 0;
  outer: for (const s of mine) {
    while (j < theirs.length && theirs[j].departureDate <= s.arrivalDate) j++;
    for (let k = j; k < theirs.length && theirs[k].arrivalDate < s.departureDate; k++) {
      const t = theirs[k];
      if (t.propertyId !== s.propertyId && t.departureDate > s.arrivalDate) {
        blockers.push(
          blocker("overlappingStays", null, {
            from: s.arrivalDate > t.arrivalDate ? s.arrivalDate : t.arrivalDate,
            to: s.departureDate < t.departureDate ? s.departureDate : t.departureDate,
            propertyA: s.property.code,
            propertyB: t.property.code,
          }),
        );
        break outer;
      }
    }
  }
  return blockers;
}
