// What the app tells one staff member (the bell in the navigation), by kind.
// A typed union: the page translates `notification.<kind>` and a rename breaks
// the build. Later kinds (deadlines, overdue reviews) add themselves here and
// use the same unique key (recipient, kind, subject) so a re-run never
// notifies twice. Browser-safe.
export const NOTIFICATION_KINDS = ["observation.reviewed", "deadline.escalated"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const OBSERVATION_OUTCOMES = ["accepted", "edited", "rejected"] as const;
export type ObservationOutcome = (typeof OBSERVATION_OUTCOMES)[number];

/** What an "observation.reviewed" message says, as data (each reader sees it in their own language). */
export type ObservationReviewedParams = {
  outcome: ObservationOutcome;
  category: string;
  value: string;
  /** The text as accepted, when the archive centre edited it. */
  acceptedValue?: string;
  reason?: string;
  profileNumber: string;
};

/** The subject key of a message about one record ("preference:42"). */
export function subjectKeyOf(entity: "preference", id: number): string {
  return `${entity}:${id}`;
}
