// What an access-register row is about: the record types, and the lists of
// guests whose reads are registered (one row per read, record-list-read.server.ts).
// One typed home, so the register's labels (i18n `auditEntity.*`) cannot drift.

/** Lists of guests: a read is one row holding the query or filters and the ids of the guests shown. */
export const LIST_READS = [
  "GuestSearch",
  "DuplicateWarning",
  "ArrivalsList",
  "AnalyticsGuestList",
  "PromoterList",
  "RetentionPreview",
  "RecycleBinList",
  "OutreachQueue",
  "CampaignPreview",
  "DuplicateQueue",
  "ObservationInbox",
  "OverdueBoard",
  "QualityQueue",
] as const;
export type ListRead = (typeof LIST_READS)[number];

export const AUDIT_ENTITIES = [
  "Guest",
  "Stay",
  "Charge",
  "Preference",
  "SpecialDate",
  "Feedback",
  "Survey",
  "Referral",
  "RewardPointsEntry",
  "Campaign",
  "OutreachTask",
  "Holiday",
  "RetentionPolicy",
  "Staff",
  "IdKey",
  "DuplicateCandidate",
  "GuestMerge",
  "ApiKey",
  "DeadLetter",
  "ImportRun",
  "QualityFinding",
  ...LIST_READS,
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export function isListRead(entity: string): entity is ListRead {
  return (LIST_READS as readonly string[]).includes(entity);
}
