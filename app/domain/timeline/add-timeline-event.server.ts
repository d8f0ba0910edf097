import type { DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import type { TimelineEventName } from "./timeline-events";

export type TimelineEventInput = {
  guestId: number;
  name: TimelineEventName;
  properties?: Record<string, unknown>;
  stayId?: number;
  feedbackId?: number;
  happensAt?: Date;
};

export async function addTimelineEvent(tx: DbTx, actor: Actor | null, event: TimelineEventInput) {
  await tx.timelineEvent.create({
    data: {
      guestId: event.guestId,
      name: event.name,
      properties: event.properties as object | undefined,
      actorId: actor?.staffId ?? null,
      stayId: event.stayId ?? null,
      feedbackId: event.feedbackId ?? null,
      happensAt: event.happensAt ?? new Date(),
    },
  });
}
