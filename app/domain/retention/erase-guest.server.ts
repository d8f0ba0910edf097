// A guest's right to erasure: anonymise now, and hand over a certificate that
// says what was erased, when and by whom — holding no personal data itself.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { NotFoundError } from "../errors";
import { anonymiseGuest, profilesMergedInto } from "./anonymise-guest.server";
import { forgetErasedPages } from "~/db/sql.server";

export async function eraseGuest(db: Db, actor: Actor, guestId: number, reason = "guest request", now = new Date()) {
  const certificate = await db.$transaction(async (tx) => {
    const guest = await tx.guest.findFirst({
      where: { id: guestId, anonymizedAt: null },
      select: { id: true, profileNumber: true, deletedAt: true },
    });
    if (!guest) throw new NotFoundError("Guest");
    const mergedAway = await profilesMergedInto(tx, [guestId]);
    const erased = await anonymiseGuest(tx, guestId, now);
    await tx.guest.update({
      where: { id: guestId },
      data: { deletedAt: guest.deletedAt ?? now, deletedReason: "erasure", deletedById: actor.staffId },
    });
    const seq = await tx.profileNumberSequence.upsert({
      where: { name: "erasure" },
      create: { name: "erasure", value: 1 },
      update: { value: { increment: 1 } },
    });
    const number = `ER-${now.getUTCFullYear()}-${String(seq.value).padStart(6, "0")}`;
    const certificate = await tx.erasureCertificate.create({
      data: { number, guestId, profileNumber: guest.profileNumber, reason, categories: erased, erasedAt: now, erasedById: actor.staffId },
    });
    await recordAudit(tx, actor, {
      action: "PURGE",
      entity: "Guest",
      entityId: guestId,
      guestId,
      changes: { reason, certificate: number, erased },
    });
    // The profiles merged into this one were erased with it: each has its own row in the register.
    for (const mergedId of mergedAway.keys())
      await recordAudit(tx, actor, {
        action: "PURGE",
        entity: "Guest",
        entityId: mergedId,
        guestId: mergedId,
        changes: { reason, certificate: number, mergedInto: guest.profileNumber },
      });
    return certificate;
  });
  await forgetErasedPages(db);
  return certificate;
}

export async function getErasureCertificate(db: Db, number: string) {
  const certificate = await db.erasureCertificate.findUnique({ where: { number } });
  if (!certificate) return null;
  const by = certificate.erasedById
    ? await db.staff.findUnique({ where: { id: certificate.erasedById }, select: { displayName: true, role: true } })
    : null;
  return { ...certificate, erasedBy: by };
}
