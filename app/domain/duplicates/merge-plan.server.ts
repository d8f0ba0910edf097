// The merge preview: which value survives per field and why, what the other
// profile's value was, and how many children of each kind move. planMerge is
// the preview page's answer and the plan mergeGuests applies (the same
// function, inside the merge's transaction), so the preview is the result
// (docs/decisions/017).
import type { DbTx } from "~/db/client.server";
import type { GuestModel as Guest } from "~/db/schema";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { maskIdNumber } from "../guests/id-document.server";
import { CHILD_KINDS, MERGE_FIELDS, type ChildKind, type MergeField } from "./merge-fields";
import { mergeBlockers, type MergeBlocker } from "./merge-blockers.server";

/** The Guest columns each field carries together (a name with its pinyin, a birthday with its calendar). */
export const FIELD_COLUMNS: Record<MergeField, readonly (keyof Guest)[]> = {
  fullName: ["fullName", "familyName", "givenName", "namePinyin"],
  gender: ["gender"],
  birthDate: ["birthDate", "birthdayCalendar", "lunarBirthMonth", "lunarBirthDay", "lunarBirthLeap"],
  ethnicity: ["ethnicity"],
  nativePlace: ["nativePlace"],
  nationality: ["nationality"],
  address: ["address"],
  phone: ["phone"],
  email: ["email"],
  company: ["company"],
  language: ["language"],
  idDocument: ["idDocumentType", "idDocumentCipher", "idDocumentLast4"],
  notes: ["notes"],
};

export { CHILD_KINDS, MERGE_FIELDS, type ChildKind, type MergeField };

export const CONSENT_COLUMNS = ["consentEmail", "consentSms", "consentPhone", "consentMail"] as const;

export type Side = "survivor" | "other";
export type MergePicks = Partial<Record<MergeField, Side>>;

/**
 * Why a value survives: only one profile has it, both hold the same, the
 * archivist picked it, or (the default) it is the most recently confirmed —
 * the profile saved last (its updatedAt: every save confirms the whole form).
 * Notes are joined when both differ.
 */
export type FieldRule = "same" | "onlyOne" | "recent" | "picked" | "joined" | "empty";

export type FieldPlan = {
  field: MergeField;
  /** What each profile shows (an ID document masked). */
  survivorValue: string | null;
  otherValue: string | null;
  from: Side | "both";
  rule: FieldRule;
  /** The displayed value that survives. */
  value: string | null;
  /** The other profile's value where it differs: kept in the merge record (and shown as provenance). */
  keptValue: string | null;
  /** Whether the archivist may pick the other side. */
  pickable: boolean;
};

export type MergePlan = {
  survivor: { id: number; profileNumber: string; fullName: string; version: number; updatedAt: string };
  other: { id: number; profileNumber: string; fullName: string; version: number; updatedAt: string };
  fields: FieldPlan[];
  /** More restrictive consent: a channel is allowed only if both profiles allow it (an opt-out always survives). */
  consent: Record<(typeof CONSENT_COLUMNS)[number], { survivor: boolean; other: boolean; value: boolean }>;
  /** The higher VIP level. */
  vipLevel: { survivor: number; other: number; value: number };
  /** Marker codes of the survivor afterwards (both profiles' markers). */
  markers: { survivor: string[]; other: string[]; value: string[] };
  /** Children of the other profile that move, per kind. */
  counts: Record<ChildKind, number>;
  /** Allergies and taboos (always survive: every preference moves). */
  allergiesAndTaboos: { survivor: number; other: number };
  blockers: MergeBlocker[];
};

export type PlanInput = { survivorId: number; otherId: number; picks?: MergePicks };

function isEmpty(value: unknown): boolean {
  return value == null || value === "" || value === "UNDISCLOSED";
}

/** What a field shows on each side, as text. */
export function fieldDisplay(guest: Guest, field: MergeField): string | null {
  switch (field) {
    case "idDocument":
      return guest.idDocumentCipher ? `${guest.idDocumentType ?? ""} ${maskIdNumber(guest.idDocumentLast4) ?? ""}`.trim() : null;
    case "birthDate":
      if (!guest.birthDate) return null;
      return guest.birthdayCalendar === "LUNAR" ? `${guest.birthDate} (lunar)` : guest.birthDate;
    case "gender":
      return guest.gender === "UNDISCLOSED" ? null : guest.gender;
    default:
      return (guest[field as keyof Guest] as string | null) ?? null;
  }
}

function sameField(a: Guest, b: Guest, field: MergeField): boolean {
  return FIELD_COLUMNS[field].every((c) => JSON.stringify(a[c] ?? null) === JSON.stringify(b[c] ?? null));
}

/** The default and picked side of one field. */
function planField(survivor: Guest, other: Guest, field: MergeField, pick: Side | undefined): FieldPlan {
  const survivorValue = fieldDisplay(survivor, field);
  const otherValue = fieldDisplay(other, field);
  const base = { field, survivorValue, otherValue };
  const head = FIELD_COLUMNS[field][0];
  const emptyS = isEmpty(survivor[head]);
  const emptyO = isEmpty(other[head]);
  if (emptyS && emptyO) return { ...base, from: "survivor", rule: "empty", value: null, keptValue: null, pickable: false };
  if (sameField(survivor, other, field))
    return { ...base, from: "both", rule: "same", value: survivorValue, keptValue: null, pickable: false };
  if (emptyS || emptyO) {
    const from: Side = emptyS ? "other" : "survivor";
    const side = pick ?? from;
    return {
      ...base,
      from: side,
      rule: pick && pick !== from ? "picked" : "onlyOne",
      value: side === "survivor" ? survivorValue : otherValue,
      keptValue: null,
      pickable: true,
    };
  }
  if (field === "notes" && !pick)
    return { ...base, from: "both", rule: "joined", value: `${survivorValue}\n\n${otherValue}`, keptValue: null, pickable: true };
  const recent: Side = other.updatedAt.getTime() > survivor.updatedAt.getTime() ? "other" : "survivor";
  const side = pick ?? recent;
  return {
    ...base,
    from: side,
    rule: pick && pick !== recent ? "picked" : "recent",
    value: side === "survivor" ? survivorValue : otherValue,
    keptValue: side === "survivor" ? otherValue : survivorValue,
    pickable: true,
  };
}

/** The survivor's columns after the merge, from the plan. */
export function mergedColumns(survivor: Guest, other: Guest, plan: MergePlan): Partial<Guest> {
  const columns: Record<string, unknown> = {};
  for (const f of plan.fields) {
    if (f.from === "other") for (const c of FIELD_COLUMNS[f.field]) columns[c] = other[c];
    if (f.rule === "joined") columns.notes = f.value;
  }
  for (const c of CONSENT_COLUMNS) columns[c] = plan.consent[c].value;
  const consentChanged = CONSENT_COLUMNS.some((c) => plan.consent[c].value !== survivor[c]);
  const times = [survivor.consentUpdatedAt, other.consentUpdatedAt].filter((d): d is Date => d != null).map((d) => d.getTime());
  if (consentChanged && times.length) columns.consentUpdatedAt = new Date(Math.max(...times));
  columns.vipLevel = plan.vipLevel.value;
  return columns as Partial<Guest>;
}

async function childCounts(db: DbTx, otherId: number, survivorMarkerIds: number[]): Promise<Record<ChildKind, number>> {
  const g = { guestId: otherId };
  const counting: Record<ChildKind, Promise<number>> = {
    stays: db.stay.count({ where: g }),
    charges: db.charge.count({ where: g }),
    preferences: db.preference.count({ where: g }),
    specialDates: db.specialDate.count({ where: g }),
    feedback: db.feedback.count({ where: g }),
    surveys: db.survey.count({ where: g }),
    outreachTasks: db.outreachTask.count({ where: g }),
    referralsMade: db.referral.count({ where: { referrerId: otherId } }),
    referralsReceived: db.referral.count({ where: { referredGuestId: otherId } }),
    rewardPoints: db.rewardPointsEntry.count({ where: g }),
    timeline: db.timelineEvent.count({ where: g }),
    markers: db.guestMarker.count({ where: { guestId: otherId, markerId: { notIn: survivorMarkerIds } } }),
  };
  const kinds = Object.keys(counting) as ChildKind[];
  const values = await Promise.all(kinds.map((kind) => counting[kind]));
  return Object.fromEntries(kinds.map((kind, i) => [kind, values[i]])) as Record<ChildKind, number>;
}

export type LoadedPair = { survivor: Guest; other: Guest };

/** The plan for two loaded rows (mergeGuests calls this with the rows it locked). */
export async function planLoadedMerge(db: DbTx, pair: LoadedPair, picks: MergePicks = {}): Promise<MergePlan> {
  const { survivor, other } = pair;
  const [blockers, markerRows, allergies] = await Promise.all([
    mergeBlockers(db, survivor.id, other.id),
    db.guestMarker.findMany({
      where: { guestId: { in: [survivor.id, other.id] } },
      select: { guestId: true, markerId: true, marker: { select: { code: true } } },
    }),
    db.preference.groupBy({
      by: ["guestId"],
      where: { guestId: { in: [survivor.id, other.id] }, category: { in: ["ALLERGY", "TABOO"] }, status: { not: "REJECTED" } },
      _count: { _all: true },
    }),
  ]);
  const survivorMarkers = markerRows.filter((m) => m.guestId === survivor.id);
  const otherMarkers = markerRows.filter((m) => m.guestId === other.id);
  const counts = await childCounts(
    db,
    other.id,
    survivorMarkers.map((m) => m.markerId),
  );
  // Outreach tasks that would repeat one of the survivor's greetings stay out (see mergeGuests); they are not counted as moving.
  counts.outreachTasks -= (await conflictingOutreachTasks(db, survivor.id, other.id)).length;
  const consent = Object.fromEntries(
    CONSENT_COLUMNS.map((c) => [c, { survivor: survivor[c], other: other[c], value: survivor[c] && other[c] }]),
  ) as MergePlan["consent"];
  const summary = (g: Guest) => ({
    id: g.id,
    profileNumber: g.profileNumber,
    fullName: g.fullName,
    version: g.version,
    updatedAt: g.updatedAt.toISOString(),
  });
  const countOf = (id: number) => allergies.find((a) => a.guestId === id)?._count._all ?? 0;
  return {
    survivor: summary(survivor),
    other: summary(other),
    fields: MERGE_FIELDS.map((f) => planField(survivor, other, f, picks[f])),
    consent,
    vipLevel: { survivor: survivor.vipLevel, other: other.vipLevel, value: Math.max(survivor.vipLevel, other.vipLevel) },
    markers: {
      survivor: survivorMarkers.map((m) => m.marker.code).sort(),
      other: otherMarkers.map((m) => m.marker.code).sort(),
      value: [...new Set(markerRows.map((m) => m.marker.code))].sort(),
    },
    counts,
    allergiesAndTaboos: { survivor: countOf(survivor.id), other: countOf(other.id) },
    blockers,
  };
}

/**
 * The other profile's outreach tasks that the survivor already has for the
 * same campaign and occasion, or the same greeting on the same channel (the
 * greeting cap's unique keys): they cannot move without greeting twice.
 */
export async function conflictingOutreachTasks(db: DbTx, survivorId: number, otherId: number) {
  const [mine, theirs] = await Promise.all([
    db.outreachTask.findMany({
      where: { guestId: survivorId },
      select: { campaignId: true, occasionKey: true, greetingKey: true, channel: true },
    }),
    db.outreachTask.findMany({
      where: { guestId: otherId },
      select: { id: true, campaignId: true, occasionKey: true, greetingKey: true, channel: true },
    }),
  ]);
  if (!mine.length || !theirs.length) return [];
  const occasions = new Set(mine.map((t) => `${t.campaignId}|${t.occasionKey}`));
  const greetings = new Set(mine.filter((t) => t.greetingKey != null).map((t) => `${t.greetingKey}|${t.channel}`));
  return theirs
    .filter(
      (t) => occasions.has(`${t.campaignId}|${t.occasionKey}`) || (t.greetingKey != null && greetings.has(`${t.greetingKey}|${t.channel}`)),
    )
    .map((t) => t.id);
}

/**
 * The preview, as `actor` reads it: both profiles side by side, registered as
 * one read of both. Blockers do not throw: they are in the plan.
 */
export async function planMerge(db: DbTx, actor: Actor, input: PlanInput): Promise<MergePlan | null> {
  const plan = await planUnregistered(db, input);
  if (plan)
    await recordAudit(db, actor, {
      action: "VIEW",
      entity: "GuestMerge",
      guestId: input.survivorId,
      changes: { preview: true, survivorId: input.survivorId, otherId: input.otherId },
      shownGuestIds: [input.survivorId, input.otherId],
    });
  return plan;
}

async function planUnregistered(db: DbTx, input: PlanInput): Promise<MergePlan | null> {
  const [survivor, other] = await Promise.all([
    db.guest.findUnique({ where: { id: input.survivorId } }),
    db.guest.findUnique({ where: { id: input.otherId } }),
  ]);
  if (!survivor || !other) return null;
  return planLoadedMerge(db, { survivor, other }, input.picks);
}
