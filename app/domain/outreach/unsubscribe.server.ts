// Unsubscribe links: a signed token naming the guest and the channel, so the
// link works without signing in and cannot be forged for another guest.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "~/db/client.server";
import { recordAudit } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import type { Channel } from "./campaign-form";

function secret(): string {
  const key = process.env.UNSUBSCRIBE_SECRET ?? process.env.SESSION_SECRET;
  if (!key && process.env.NODE_ENV === "production") throw new Error("UNSUBSCRIBE_SECRET or SESSION_SECRET must be set in production.");
  return key ?? "dev-only-unsubscribe-secret";
}

function sign(payload: string) {
  return createHmac("sha256", secret()).update(payload).digest("base64url").slice(0, 32);
}

export function unsubscribeToken(guestId: number, channel: Channel): string {
  const payload = `${guestId}.${channel}`;
  return `${Buffer.from(payload).toString("base64url")}.${sign(payload)}`;
}

export function readUnsubscribeToken(token: string): { guestId: number; channel: Channel } | null {
  const [encoded, signature] = token.split(".");
  if (!encoded || !signature) return null;
  const payload = Buffer.from(encoded, "base64url").toString("utf8");
  const expected = sign(payload);
  if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return null;
  const [id, channel] = payload.split(".");
  if (!/^\d+$/.test(id) || !["EMAIL", "SMS", "MAIL", "PHONE"].includes(channel)) return null;
  return { guestId: Number(id), channel: channel as Channel };
}

export function unsubscribeUrl(guestId: number, channel: Channel): string {
  const base = (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
  return `${base}/unsubscribe/${unsubscribeToken(guestId, channel)}`;
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
