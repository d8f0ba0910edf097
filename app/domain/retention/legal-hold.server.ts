import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { NotFoundError } from "../errors";

/** A guest on legal hold is never purged, whatever the policy says. */
export async function setLegalHold(db: Db, actor: Actor, guestId: number, hold: boolean, reason: string | null) {
  return db.$transaction(async (tx) => {
    const guest = await tx.guest.findFirst({
      where: { id: guestId, anonymizedAt: null },
      select: { legalHold: true, legalHoldReason: true },
    });
    if (!guest) throw new NotFoundError("Guest");
    await tx.guest.update({
      where: { id: guestId },
      data: { legalHold: hold, legalHoldReason: hold ? reason : null, version: { increment: 1 } },
    });
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "Guest",
      entityId: guestId,
      guestId,
      changes: { legalHold: [guest.legalHold, hold] },
    });
    await addTimelineEvent(tx, actor, { guestId, name: hold ? "guest.legalHoldOn" : "guest.legalHoldOff" });
  });
}
