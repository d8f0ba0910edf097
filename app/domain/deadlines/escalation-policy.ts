// What is chased, when, and who is told (报警督办): the kinds of deadline, the
// steps of each and their audience. A step fires once per subject (the
// Escalation row is unique on kind, subject and step). Browser-safe.
//
// - A complaint not acknowledged by its acknowledge-by: step 1, the duty manager.
// - A complaint not resolved by its resolve-by: step 1, the duty manager;
//   ESCALATE_AFTER_HOURS (default 4) later still open: step 2, the general manager.
// - A VIP not contacted for VIP_CONTACT_DAYS by level (default 1=180, 2=120,
//   3=90, 4=60, 5=30 days since the last stay or e-mail/visit reached them):
//   one alert per lapse, to marketing (the step is the date of the last contact,
//   so a later contact and a new lapse alert again).
// - An observation a department sent in, pending review for more than
//   OBSERVATION_REVIEW_DAYS (default 3): step 1, the archive centre (archivists).
// - A data-quality finding open on a VIP's profile: step 1, the archive centre.

export const ESCALATION_KINDS = [
  "COMPLAINT_ACKNOWLEDGE",
  "COMPLAINT_RESOLVE",
  "VIP_NOT_CONTACTED",
  "OBSERVATION_PENDING",
  "QUALITY_VIP",
] as const;
export type EscalationKind = (typeof ESCALATION_KINDS)[number];

export const AUDIENCES = ["DUTY_MANAGER", "GENERAL_MANAGER", "MARKETING", "ARCHIVE_CENTRE"] as const;
export type Audience = (typeof AUDIENCES)[number];

export type Step = { step: number; afterHours: number; audience: Audience };

export function escalateAfterHours(value: string | undefined): number {
  const hours = Number(value ?? 4);
  return Number.isFinite(hours) && hours > 0 ? hours : 4;
}

export function complaintSteps(kind: "COMPLAINT_ACKNOWLEDGE" | "COMPLAINT_RESOLVE", escalateAfter: number): Step[] {
  return kind === "COMPLAINT_ACKNOWLEDGE"
    ? [{ step: 1, afterHours: 0, audience: "DUTY_MANAGER" }]
    : [
        { step: 1, afterHours: 0, audience: "DUTY_MANAGER" },
        { step: 2, afterHours: escalateAfter, audience: "GENERAL_MANAGER" },
      ];
}

/** Days an observation may wait for the archive centre's review (OBSERVATION_REVIEW_DAYS, default 3). */
export function observationReviewDays(value: string | undefined): number {
  const days = Number(value ?? 3);
  return Number.isInteger(days) && days > 0 ? days : 3;
}

export const DEFAULT_VIP_CONTACT_DAYS: Record<number, number> = { 1: 180, 2: 120, 3: 90, 4: 60, 5: 30 };

/** Days without contact after which a VIP of each level is chased, from VIP_CONTACT_DAYS="1=180,2=120,…". */
export function vipContactDays(value: string | undefined): Record<number, number> {
  const days = { ...DEFAULT_VIP_CONTACT_DAYS };
  for (const part of (value ?? "").split(",").filter((p) => p.trim())) {
    const match = /^\s*([1-5])\s*=\s*(\d{1,4})\s*$/.exec(part);
    if (!match || Number(match[2]) < 1) throw new Error(`VIP_CONTACT_DAYS: "${part}" is not LEVEL=DAYS (e.g. 3=90)`);
    days[Number(match[1])] = Number(match[2]);
  }
  return days;
}

/** The step number of a VIP lapse: the last contact's date as a number (20270115), 0 for never contacted. */
export function vipLapseStep(lastContact: string | null): number {
  return lastContact ? Number(lastContact.replace(/-/g, "")) : 0;
}

/** The message of a step's notification: `notification.deadline.escalated.<this>`. */
export function escalationMessage(kind: EscalationKind, step: number): string {
  return kind === "VIP_NOT_CONTACTED" || kind === "OBSERVATION_PENDING" || kind === "QUALITY_VIP" ? kind : `${kind}_${step === 1 ? 1 : 2}`;
}
