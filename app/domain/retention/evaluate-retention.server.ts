// Who would the retention policy purge on a given date, and why? Walks the
// live guests in id order in batches (never the whole table in memory) and
// decides for each inactive guest: purge, or keep because of an exemption.
import type { DbTx } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordListRead } from "../audit/record-audit.server";
import { asTimestamp } from "~/db/sql.server";
import { Prisma } from "../../../generated/prisma/client";
import { addDays } from "../calendar/occasions";
import type { RetentionPolicy } from "./retention-policy.server";
import { NOT_GUEST_ACTIVITY } from "../timeline/timeline-events";
import { openComplaintSql } from "../complaints/open-complaints";

export type Exemption = "futureStay" | "openComplaint" | "legalHold" | "vip" | "recentConsent";

export type RetentionDecision = {
  guestId: number;
  profileNumber: string;
  fullName: string;
  vipLevel: number;
  /** Last stay's departure, or null if the guest never stayed. */
  lastStayDate: string | null;
  /** The later of last stay, last recorded activity and profile creation. */
  lastActiveDate: string;
  inactiveDays: number;
  exemptions: Exemption[];
};

type Row = {
  id: number;
  profileNumber: string;
  fullName: string;
  vipLevel: number;
  legalHold: unknown;
  createdAt: unknown;
  consentUpdatedAt: unknown;
  anyConsent: unknown;
  lastStay: string | null;
  lastEvent: unknown;
  futureStay: unknown;
  openComplaint: unknown;
};

/** "YYYY-MM-DD" of a timestamp however the driver returns it (Date, ISO text, epoch ms). */
export function isoDateOf(value: unknown): string | null {
  if (value == null) return null;
  const date =
    value instanceof Date ? value : new Date(typeof value === "string" && /^\d+$/.test(value) ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

const truthy = (v: unknown) => v === true || v === 1 || v === 1n || v === "1" || v === "t";

/** The inactivity cut-off: guests last active on or before this date are inactive. */
export function inactivityCutoff(policy: Pick<RetentionPolicy, "inactivityDays">, asOf: string): string {
  return addDays(asOf, -policy.inactivityDays);
}

/** `onlyIds` re-decides just those guests (the purge re-checks each batch inside its write transaction). */
/** What jobs write on a guest's timeline without the guest doing anything: not activity. */
const NOT_ACTIVITY: readonly string[] = NOT_GUEST_ACTIVITY;

/** Guest ids examined per query: only the inactive ones come back, so rows stay few. */
export const EVALUATION_RANGE = 50_000;

/** `onlyIds` re-decides just those guests (the purge re-checks each batch inside its write transaction). */
export async function* evaluateRetention(
  db: DbTx,
  policy: RetentionPolicy,
  asOf: string,
  options: { onlyIds?: number[] } = {},
): AsyncGenerator<RetentionDecision[]> {
  const cutoff = inactivityCutoff(policy, asOf);
  if (options.onlyIds && options.onlyIds.length === 0) return;
  // Anything at or after the day after the cut-off counts as activity.
  const activeFrom = asTimestamp(new Date(`${addDays(cutoff, 1)}T00:00:00.000Z`));
  const scopes: Prisma.Sql[] = [];
  if (options.onlyIds) {
    scopes.push(Prisma.sql`g."id" IN (${Prisma.join(options.onlyIds)})`);
  } else {
    const maxId = (await db.guest.aggregate({ _max: { id: true } }))._max.id ?? 0;
    for (let from = 0; from < maxId; from += EVALUATION_RANGE)
      scopes.push(Prisma.sql`g."id" > ${from} AND g."id" <= ${from + EVALUATION_RANGE}`);
  }
  for (const scope of scopes) {
    // Inactive = no stay ending after the cut-off, no timeline event since, created before.
    const rows = await db.$queryRaw<Row[]>`
      SELECT g."id", g."profileNumber", g."fullName", g."vipLevel", g."legalHold", g."createdAt", g."consentUpdatedAt",
        (CASE WHEN g."consentEmail" OR g."consentSms" OR g."consentPhone" OR g."consentMail" THEN 1 ELSE 0 END) AS "anyConsent",
        (SELECT MAX(s."departureDate") FROM "Stay" s WHERE s."guestId" = g."id" AND s."status" IN ('CHECKED_OUT', 'IN_HOUSE')) AS "lastStay",
        (SELECT MAX(e."happensAt") FROM "TimelineEvent" e WHERE e."guestId" = g."id" AND e."name" NOT IN (${Prisma.join(NOT_ACTIVITY)})) AS "lastEvent",
        (CASE WHEN EXISTS (SELECT 1 FROM "Stay" s WHERE s."guestId" = g."id" AND s."status" IN ('RESERVED', 'IN_HOUSE') AND s."departureDate" >= ${asOf}) THEN 1 ELSE 0 END) AS "futureStay",
        (CASE WHEN EXISTS (SELECT 1 FROM "Feedback" f WHERE f."guestId" = g."id" AND ${Prisma.raw(openComplaintSql("f"))}) THEN 1 ELSE 0 END) AS "openComplaint"
      FROM "Guest" g
      WHERE ${scope} AND g."deletedAt" IS NULL AND g."anonymizedAt" IS NULL
        AND g."createdAt" < ${activeFrom}
        AND NOT EXISTS (SELECT 1 FROM "Stay" s WHERE s."guestId" = g."id" AND s."status" IN ('CHECKED_OUT', 'IN_HOUSE') AND s."departureDate" > ${cutoff})
        AND NOT EXISTS (SELECT 1 FROM "TimelineEvent" e WHERE e."guestId" = g."id" AND e."happensAt" >= ${activeFrom} AND e."name" NOT IN (${Prisma.join(NOT_ACTIVITY)}))
      ORDER BY g."id"`;
    const decisions: RetentionDecision[] = [];
    for (const row of rows) {
      const lastStayDate = row.lastStay ?? null;
      const lastActiveDate = [lastStayDate, isoDateOf(row.lastEvent), isoDateOf(row.createdAt)]
        .filter((d): d is string => !!d)
        .sort()
        .at(-1)!;
      // The SQL already decided; this guards against a driver returning odd timestamps.
      if (lastActiveDate > cutoff) continue;
      const exemptions: Exemption[] = [];
      if (policy.exemptFutureStay && truthy(row.futureStay)) exemptions.push("futureStay");
      if (policy.exemptOpenComplaint && truthy(row.openComplaint)) exemptions.push("openComplaint");
      if (policy.exemptLegalHold && truthy(row.legalHold)) exemptions.push("legalHold");
      if (policy.exemptVipLevel != null && Number(row.vipLevel) >= policy.exemptVipLevel) exemptions.push("vip");
      const consentDate = isoDateOf(row.consentUpdatedAt);
      if (policy.exemptRecentConsent && truthy(row.anyConsent) && consentDate && consentDate > cutoff) exemptions.push("recentConsent");
      decisions.push({
        guestId: Number(row.id),
        profileNumber: row.profileNumber,
        fullName: row.fullName,
        vipLevel: Number(row.vipLevel),
        lastStayDate,
        lastActiveDate,
        inactiveDays: Math.round((Date.parse(asOf) - Date.parse(lastActiveDate)) / 86_400_000),
        exemptions,
      });
    }
    if (decisions.length) yield decisions;
  }
}

export type RetentionPreview = {
  asOf: string;
  cutoff: string;
  toPurge: number;
  exempt: number;
  byExemption: Record<Exemption, number>;
  /** Guests already in the recycle bin for retention whose grace ends by asOf: phase 2 would anonymise them. */
  dueForAnonymisation: number;
  /** One page of the decisions, purge first. */
  page: RetentionDecision[];
};

export async function previewRetention(
  db: DbTx,
  policy: RetentionPolicy,
  asOf: string,
  options: { offset?: number; limit?: number; show?: "purge" | "exempt" } = {},
): Promise<RetentionPreview> {
  const { offset = 0, limit = 50, show = "purge" } = options;
  const byExemption: Record<Exemption, number> = { futureStay: 0, openComplaint: 0, legalHold: 0, vip: 0, recentConsent: 0 };
  let toPurge = 0;
  let exempt = 0;
  const page: RetentionDecision[] = [];
  let seen = 0;
  for await (const batch of evaluateRetention(db, policy, asOf)) {
    for (const d of batch) {
      const purge = d.exemptions.length === 0;
      if (purge) toPurge++;
      else {
        exempt++;
        for (const e of d.exemptions) byExemption[e]++;
      }
      if ((show === "purge") === purge) {
        if (seen >= offset && page.length < limit) page.push(d);
        seen++;
      }
    }
  }
  const dueForAnonymisation = await db.guest.count({ where: anonymisationDueWhere(policy, asOf) });
  return { asOf, cutoff: inactivityCutoff(policy, asOf), toPurge, exempt, byExemption, dueForAnonymisation, page };
}

/**
 * A page of the preview as `actor` reads it: registered with the date, the
 * side shown (purge or exempt), the page, how many guests that side holds and
 * the ids shown.
 */
export async function previewRetentionAs(
  db: DbTx,
  actor: Actor,
  policy: RetentionPolicy,
  asOf: string,
  o: { page: number; pageSize: number; show: "purge" | "exempt" },
): Promise<RetentionPreview> {
  const preview = await previewRetention(db, policy, asOf, { offset: (o.page - 1) * o.pageSize, limit: o.pageSize, show: o.show });
  await recordListRead(db, actor, "RetentionPreview", {
    context: { asOf, show: o.show, page: o.page },
    found: o.show === "purge" ? preview.toPurge : preview.exempt,
    shownGuestIds: preview.page.map((d) => d.guestId),
  });
  return preview;
}

/**
 * Retention-deleted guests whose grace period has ended by asOf and who still
 * hold personal data — unless put on legal hold while in the recycle bin:
 * a hold stops the irreversible step whatever the policy says.
 */
export function anonymisationDueWhere(policy: Pick<RetentionPolicy, "graceDays">, asOf: string) {
  const graceEnd = new Date(`${addDays(asOf, -policy.graceDays)}T23:59:59.999Z`);
  return { deletedReason: "retention", deletedAt: { lte: graceEnd }, anonymizedAt: null, legalHold: false };
}
