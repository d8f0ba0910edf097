// Complaints, suggestions and compliments, and the handling of complaints
// (with a deadline set by severity, so overdue ones can be chased).
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { feedbackRecordedEvent } from "../timeline/timeline-events";
import { requireLiveGuest } from "../guests/require-live-guest.server";
import { NotFoundError } from "../errors";
import { checkOutTime, complaintDeadlines, deadlinePolicy, departureMoment } from "./deadlines";
import type { FeedbackFormInput, HandlingFormInput } from "./feedback-form";

export async function recordFeedback(db: Db, actor: Actor, guestId: number, input: FeedbackFormInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    await requireLiveGuest(tx, guestId);
    const isComplaint = input.kind === "COMPLAINT";
    let deadlines = null;
    if (isComplaint) {
      // The guest in house at this property leaves at the standard check-out time of the departure date.
      const inHouse = await tx.stay.findFirst({
        where: { guestId, propertyId: input.propertyId, status: "IN_HOUSE" },
        orderBy: { departureDate: "asc" },
        select: { departureDate: true, property: { select: { timeZone: true } } },
      });
      const leavesAt = inHouse
        ? departureMoment(inHouse.departureDate, inHouse.property.timeZone, checkOutTime(process.env.CHECK_OUT_TIME))
        : null;
      deadlines = complaintDeadlines(input.severity, now, deadlinePolicy(process.env.COMPLAINT_DEADLINES), leavesAt);
    }
    const feedback = await tx.feedback.create({
      data: {
        guestId,
        propertyId: input.propertyId,
        stayId: input.stayId ?? null,
        kind: input.kind,
        category: input.category,
        severity: isComplaint ? input.severity : "LOW",
        department: input.department,
        description: input.description,
        status: isComplaint ? "OPEN" : "CLOSED",
        deadline: deadlines?.resolveBy ?? null,
        acknowledgeBy: deadlines?.acknowledgeBy ?? null,
        createdById: actor.staffId,
        createdAt: now,
      },
    });
    const name = feedbackRecordedEvent(input.kind);
    await recordAudit(tx, actor, {
      action: "CREATE",
      entity: "Feedback",
      entityId: feedback.id,
      guestId,
      changes: { kind: input.kind, category: input.category, severity: feedback.severity },
    });
    await addTimelineEvent(tx, actor, {
      guestId,
      name,
      feedbackId: feedback.id,
      properties: { category: input.category, severity: feedback.severity },
    });
    return feedback;
  });
}

export async function handleComplaint(db: Db, actor: Actor, guestId: number, input: HandlingFormInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    const current = await tx.feedback.findFirst({ where: { id: input.feedbackId, guestId, guest: { deletedAt: null } } });
    if (!current) throw new NotFoundError("Complaint");
    const resolving = (input.status === "RESOLVED" || input.status === "CLOSED") && !current.resolvedAt;
    const data = {
      status: input.status,
      handling: input.handling ?? null,
      compensation: input.compensation ?? null,
      guestReaction: input.guestReaction ?? null,
      guestReactionNote: input.guestReactionNote ?? null,
      ...(resolving ? { resolvedAt: now } : {}),
      // The first handling acknowledges the complaint (its acknowledge-by is met or missed here).
      ...(current.acknowledgedAt ? {} : { acknowledgedAt: now }),
    };
    await tx.feedback.update({ where: { id: current.id }, data });
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "Feedback",
      entityId: current.id,
      guestId,
      changes: { status: [current.status, input.status] },
    });
    await addTimelineEvent(tx, actor, {
      guestId,
      name: "complaint.handled",
      feedbackId: current.id,
      properties: { status: input.status, guestReaction: input.guestReaction ?? null },
    });
  });
}
