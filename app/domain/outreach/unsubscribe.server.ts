// Unsubscribe links: a signed token naming the guest and the channel, so the
// link works without signing in and cannot be forged for another guest.
import type { Db } from "~/db/client.server";
import { recordAudit } from "../audit/record-audit.server";
import { publicUrl, readSignedToken, signedToken } from "../links/signed-links.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import type { Channel } from "./campaign-form";

export function unsubscribeToken(guestId: number, channel: Channel): string {
  return signedToken(`${guestId}.${channel}`);
}

export function readUnsubscribeToken(token: string): { guestId: number; channel: Channel } | null {
  const payload = readSignedToken(token);
  if (payload === null) return null;
  const [id, channel] = payload.split(".");
  if (!/^\d+$/.test(id) || !["EMAIL", "SMS", "MAIL", "PHONE"].includes(channel)) return null;
  return { guestId: Number(id), channel: channel as Channel };
}

export function unsubscribeUrl(guestId: number, channel: Channel): string {
  return publicUrl(`/unsubscribe/${unsubscribeToken(guestId, channel)}`);
}

const CONSENT_FIELD = { EMAIL: "consentEmail", SMS: "consentSms", PHONE: "consentPhone", MAIL: "consentMail" } as const;

/** Record the opt-out; open tasks on that channel are skipped. Safe to call twice. */
/** Whether the guest already gets nothing on this channel (an erased or unknown guest gets nothing either). */
export async function isOptedOut(db: Db, guestId: number, channel: Exclude<Channel, "IN_PERSON">): Promise<boolean> {
  const guest = await db.guest.findUnique({ where: { id: guestId }, select: { [CONSENT_FIELD[channel]]: true } });
  return !guest || !guest[CONSENT_FIELD[channel]];
}

export async function recordOptOut(db: Db, guestId: number, channel: Exclude<Channel, "IN_PERSON">, now = new Date()) {
  return db.$transaction(async (tx) => {
    const field = CONSENT_FIELD[channel];
    const guest = await tx.guest.findUnique({
      where: { id: guestId },
      select: { consentEmail: true, consentSms: true, consentPhone: true, consentMail: true },
    });
    if (!guest) return { changed: false };
    const had = guest[field];
    if (had) {
      await tx.guest.update({ where: { id: guestId }, data: { [field]: false, consentUpdatedAt: now, version: { increment: 1 } } });
      await recordAudit(tx, null, {
        action: "UPDATE",
        entity: "Guest",
        entityId: guestId,
        guestId,
        changes: { [field]: [true, false], via: "unsubscribe link" },
      });
      await addTimelineEvent(tx, null, { guestId, name: "outreach.unsubscribed", properties: { channel }, happensAt: now });
    }
    await tx.outreachTask.updateMany({
      where: { guestId, channel, status: "PLANNED" },
      data: { status: "SKIPPED", outcome: "unsubscribed" },
    });
    return { changed: had };
  });
}
