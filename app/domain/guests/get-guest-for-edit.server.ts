// The edit form's copy of a profile: every field, so a read of personal data
// like the profile — written to the access register as a VIEW of the guest
// with the context {form: "edit"}. The encrypted ID number never leaves.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { NotFoundError } from "../errors";

export async function getGuestForEdit(db: Db, actor: Actor, guestId: number) {
  const guest = await db.guest.findFirst({ where: { id: guestId, deletedAt: null }, include: { markers: { include: { marker: true } } } });
  if (!guest) throw new NotFoundError("Guest");
  await recordAudit(db, actor, { action: "VIEW", entity: "Guest", entityId: guestId, guestId, changes: { form: "edit" } });
  const { idDocumentCipher: _cipher, markers, ...fields } = guest;
  return { ...fields, markerCodes: markers.map((m) => m.marker.code) };
}
