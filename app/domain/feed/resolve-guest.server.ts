// Who a feed message is about, through the one identity rule at ingest
// (duplicates/resolve-identity.server.ts): the source's profile id, else the
// duplicate matcher. The feed's policy on top: a certain match is the guest,
// and so is a single guest in the review band when the message shares its
// phone or e-mail — a reservation made with the guest's own contact details.
// Several candidates, or agreement on softer fields only, make a new profile
// that the matcher's check on save puts in the archivist's review queue.
import type { DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import { canonicalEmail, nationalPhone } from "../duplicates/identity-keys";
import { resolveIdentity, type IdentityClaim } from "../duplicates/resolve-identity.server";

export type { IdentityClaim };
export type ResolvedIdentity = { guestId: number; matchedOn: "externalId" | "matcher"; deleted: boolean };

export async function resolveGuestIdentity(tx: DbTx, _actor: Actor, claim: IdentityClaim): Promise<ResolvedIdentity | null> {
  const found = await resolveIdentity(tx, claim);
  if (found.kind === "externalId") return { guestId: found.guestId, matchedOn: "externalId", deleted: found.deleted };
  if (found.kind === "certain") return { guestId: found.guestId, matchedOn: "matcher", deleted: false };
  if (found.kind !== "review" || found.guestIds.length !== 1) return null;
  const guest = await tx.guest.findUniqueOrThrow({ where: { id: found.guestIds[0] }, select: { phone: true, email: true } });
  const phone = nationalPhone(claim.phone);
  const email = canonicalEmail(claim.email);
  const sharesContact = (phone && phone === nationalPhone(guest.phone)) || (email && email === canonicalEmail(guest.email));
  return sharesContact ? { guestId: found.guestIds[0], matchedOn: "matcher", deleted: false } : null;
}
