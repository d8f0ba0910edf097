// Every event a guest's timeline can hold, by name. The name is written by the
// domain function that did the thing and read by the profile (translated as
// "event.<name>") and by retention (what counts as the guest's activity).
// A typed union: renaming an event breaks the build, not the policy.
import type { FeedbackKind, OutreachStatus } from "~/db/schema";

export const TIMELINE_EVENTS = [
  "guest.created",
  "guest.updated",
  "guest.deleted",
  "guest.restored",
  "guest.merged",
  "guest.mergedAway",
  "guest.unmerged",
  "guest.legalHoldOn",
  "guest.legalHoldOff",
  "stay.added",
  "stay.updated",
  "charge.added",
  "preference.added",
  "preference.accepted",
  "preference.rejected",
  "specialDate.added",
  "complaint.created",
  "suggestion.created",
  "compliment.created",
  "complaint.handled",
  "outreach.planned",
  "outreach.sent",
  "outreach.done",
  "outreach.skipped",
  "outreach.failed",
  "outreach.unsubscribed",
  "survey.invited",
  "survey.answered",
  "referral.recorded",
  "points.awarded",
  "points.redeemed",
  "duplicate.notSame",
] as const;

export type TimelineEventName = (typeof TIMELINE_EVENTS)[number];

/**
 * What the hotel does without the guest taking part — greetings the jobs plan
 * or send, and tasks staff skip or send out themselves. Retention does not
 * count these as the guest's activity (a yearly greeting would otherwise keep
 * every guest forever); "outreach.done" (staff reached the guest) counts.
 * An archivist's duplicate decision is the hotel's housekeeping, not the guest's.
 */
export const NOT_GUEST_ACTIVITY = [
  "outreach.planned",
  "outreach.sent",
  "outreach.failed",
  "outreach.skipped",
  // A survey link the hotel e-mails after check-out; answering it is the guest's doing.
  "survey.invited",
  "duplicate.notSame",
  // An archivist's merge or its undo is archive keeping, not the guest's doing.
  "guest.merged",
  "guest.mergedAway",
  "guest.unmerged",
] as const satisfies readonly TimelineEventName[];

/** "complaint.created", "suggestion.created", "compliment.created". */
export function feedbackRecordedEvent(kind: FeedbackKind): TimelineEventName {
  return `${kind.toLowerCase() as Lowercase<FeedbackKind>}.created`;
}

/** The event of a task's outcome recorded by staff. */
export function outreachOutcomeEvent(status: Extract<OutreachStatus, "SENT" | "DONE" | "SKIPPED">): TimelineEventName {
  return `outreach.${status.toLowerCase() as Lowercase<typeof status>}`;
}
