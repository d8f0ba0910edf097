// Who a feed message is about — the one home of identity at ingest, so the
// duplicate matcher can take over its body later. For now: the source's own
// profile id is a hard key; without one (or without a guest holding it), the
// exact phone/e-mail look-up of the guest form, if it names exactly one guest.
// Relay addresses of booking sites are per reservation, never a person's key.
import type { DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import { isRelayEmail } from "../duplicates/identity-keys";
import { findLikelyDuplicates } from "../guests/save-guest.server";

export type IdentityClaim = { source: string; externalId?: string | null; phone?: string | null; email?: string | null };
export type ResolvedIdentity = { guestId: number; matchedOn: "externalId" | "phone" | "email"; deleted: boolean };

export async function resolveGuestIdentity(tx: DbTx, actor: Actor, claim: IdentityClaim): Promise<ResolvedIdentity | null> {
  if (claim.externalId) {
    const held = await tx.guest.findUnique({
      where: { source_externalId: { source: claim.source, externalId: claim.externalId } },
      select: { id: true, deletedAt: true },
    });
    if (held) return { guestId: held.id, matchedOn: "externalId", deleted: held.deletedAt !== null };
  }
  const email = claim.email && !isRelayEmail(claim.email) ? claim.email : null;
  if (!claim.phone && !email) return null;
  const candidates = await findLikelyDuplicates(tx, actor, { phone: claim.phone, email });
  if (candidates.length !== 1) return null;
  const candidate = await tx.guest.findUnique({ where: { id: candidates[0].id }, select: { source: true, externalId: true } });
  // Another profile of the same source is another person, whatever the contact details say.
  if (claim.externalId && candidate?.source === claim.source && candidate.externalId && candidate.externalId !== claim.externalId)
    return null;
  return { guestId: candidates[0].id, matchedOn: candidates[0].matchedOn, deleted: false };
}
