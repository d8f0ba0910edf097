// What a merge compares and moves, safe to import in browser code too (docs/decisions/017).
/** The fields an archivist can pick per profile; a field may stand for several columns that go together. */
export const MERGE_FIELDS = [
  "fullName",
  "gender",
  "birthDate",
  "ethnicity",
  "nativePlace",
  "nationality",
  "address",
  "phone",
  "email",
  "company",
  "language",
  "idDocument",
  "notes",
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

/** Every kind of child that moves to the survivor, by the table it lives in. */
export const CHILD_KINDS = [
  "stays",
  "charges",
  "preferences",
  "specialDates",
  "feedback",
  "surveys",
  "outreachTasks",
  "referralsMade",
  "referralsReceived",
  "rewardPoints",
  "timeline",
  "markers",
] as const;
export type ChildKind = (typeof CHILD_KINDS)[number];
