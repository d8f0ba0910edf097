// The bulk-loaded tables and their columns, in the order rows are emitted.
// Column kinds tell each writer how to encode a value: timestamps are carried
// as epoch milliseconds, booleans as JS booleans, JSON as a JSON string.
export type ColumnKind = "int" | "real" | "text" | "bool" | "ts" | "json";

function columns<const T extends readonly (readonly [string, ColumnKind])[]>(spec: T) {
  return spec;
}

export const TABLES = {
  Guest: columns([
    ["id", "int"],
    ["profileNumber", "text"],
    ["fullName", "text"],
    ["familyName", "text"],
    ["givenName", "text"],
    ["namePinyin", "text"],
    ["gender", "text"],
    ["birthDate", "text"],
    ["birthdayCalendar", "text"],
    ["lunarBirthMonth", "int"],
    ["lunarBirthDay", "int"],
    ["lunarBirthLeap", "bool"],
    ["ethnicity", "text"],
    ["nativePlace", "text"],
    ["nationality", "text"],
    ["address", "text"],
    ["phone", "text"],
    ["email", "text"],
    ["company", "text"],
    ["language", "text"],
    ["idDocumentType", "text"],
    ["idDocumentCipher", "text"],
    ["idDocumentLast4", "text"],
    ["vipLevel", "int"],
    ["consentEmail", "bool"],
    ["consentSms", "bool"],
    ["consentPhone", "bool"],
    ["consentMail", "bool"],
    ["consentUpdatedAt", "ts"],
    ["notes", "text"],
    ["version", "int"],
    ["createdAt", "ts"],
    ["updatedAt", "ts"],
  ]),
  GuestMarker: columns([
    ["guestId", "int"],
    ["markerId", "int"],
  ]),
  GuestSearchKey: columns([
    ["guestId", "int"],
    ["key", "text"],
  ]),
  Stay: columns([
    ["id", "int"],
    ["guestId", "int"],
    ["propertyId", "int"],
    ["roomNumber", "text"],
    ["roomType", "text"],
    ["arrivalDate", "text"],
    ["departureDate", "text"],
    ["nights", "int"],
    ["bookingChannel", "text"],
    ["purpose", "text"],
    ["adults", "int"],
    ["children", "int"],
    ["rateAmount", "int"],
    ["roomRevenue", "int"],
    ["amenitiesUsed", "text"],
    ["status", "text"],
    ["createdAt", "ts"],
  ]),
  Charge: columns([
    ["guestId", "int"],
    ["stayId", "int"],
    ["propertyId", "int"],
    ["outlet", "text"],
    ["mealPeriod", "text"],
    ["covers", "int"],
    ["grossAmount", "int"],
    ["discountRate", "real"],
    ["netAmount", "int"],
    ["paymentMethod", "text"],
    ["chargedAt", "ts"],
    ["description", "text"],
    ["createdAt", "ts"],
    ["settlement", "text"],
  ]),
  Preference: columns([
    ["guestId", "int"],
    ["category", "text"],
    ["value", "text"],
    ["note", "text"],
    ["source", "text"],
    ["confidence", "real"],
    ["evidence", "text"],
    ["status", "text"],
    ["lastConfirmedAt", "ts"],
    ["createdAt", "ts"],
    ["updatedAt", "ts"],
  ]),
  SpecialDate: columns([
    ["guestId", "int"],
    ["kind", "text"],
    ["label", "text"],
    ["calendar", "text"],
    ["month", "int"],
    ["day", "int"],
    ["isLeapMonth", "bool"],
    ["year", "int"],
    ["note", "text"],
    ["createdAt", "ts"],
  ]),
  Feedback: columns([
    ["id", "int"],
    ["guestId", "int"],
    ["stayId", "int"],
    ["propertyId", "int"],
    ["kind", "text"],
    ["category", "text"],
    ["severity", "text"],
    ["department", "text"],
    ["description", "text"],
    ["status", "text"],
    ["handling", "text"],
    ["compensation", "text"],
    ["guestReaction", "text"],
    ["guestReactionNote", "text"],
    ["deadline", "ts"],
    ["resolvedAt", "ts"],
    ["createdAt", "ts"],
  ]),
  Survey: columns([
    ["guestId", "int"],
    ["stayId", "int"],
    ["score", "int"],
    ["comment", "text"],
    ["answeredAt", "ts"],
  ]),
  Referral: columns([
    ["id", "int"],
    ["referrerId", "int"],
    ["referredName", "text"],
    ["note", "text"],
    ["createdAt", "ts"],
  ]),
  RewardPointsEntry: columns([
    ["guestId", "int"],
    ["points", "int"],
    ["reason", "text"],
    ["referralId", "int"],
    ["createdAt", "ts"],
  ]),
  TimelineEvent: columns([
    ["guestId", "int"],
    ["happensAt", "ts"],
    ["name", "text"],
    ["properties", "json"],
    ["stayId", "int"],
    ["feedbackId", "int"],
  ]),
} as const;

export type TableName = keyof typeof TABLES;
/** Insert order: parents before children. */
export const TABLE_ORDER: readonly TableName[] = [
  "Guest",
  "GuestMarker",
  "GuestSearchKey",
  "Stay",
  "Charge",
  "Preference",
  "SpecialDate",
  "Feedback",
  "Survey",
  "Referral",
  "RewardPointsEntry",
  "TimelineEvent",
];
/** Tables whose ids the seed assigns itself, because other rows point at them. */
export const ID_TABLES = ["Guest", "Stay", "Feedback", "Referral"] as const;

export type Row = (string | number | boolean | null)[];
export type Batch = Record<TableName, Row[]>;

export function emptyBatch(): Batch {
  return Object.fromEntries(TABLE_ORDER.map((t) => [t, []])) as unknown as Batch;
}
