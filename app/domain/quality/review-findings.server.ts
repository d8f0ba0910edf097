// The archivist's quality queue: open findings by rule, severity and property,
// each with the guest's completeness; "accept as correct", remembered by the
// finding's fingerprint so it is never raised again unless the data changes.
// Reads and decisions go to the access register.
import type { Db, DbTx } from "~/db/client.server";
import type { Prisma } from "../../../generated/prisma/client";
import type { Actor } from "../actor";
import { recordAudit, recordListRead } from "../audit/record-audit.server";
import { ConflictError, NotFoundError } from "../errors";
import { completenessOf, type CompletenessField } from "./completeness";
import { qualityRule, type FixTarget, type QualityRuleId, type QualitySeverity } from "./rules";

export const QUALITY_PAGE_SIZE = 25;

export type QualityQueueFilter = {
  ruleId: QualityRuleId | null;
  severity: QualitySeverity | null;
  propertyId: number | null;
  page: number;
};

const LIVE_GUEST = { deletedAt: null, anonymizedAt: null } as const;

const GUEST_FOR_QUEUE = {
  id: true,
  profileNumber: true,
  fullName: true,
  namePinyin: true,
  phone: true,
  email: true,
  birthDate: true,
  gender: true,
  nationality: true,
  address: true,
  idDocumentLast4: true,
  language: true,
  company: true,
  nativePlace: true,
  ethnicity: true,
  vipLevel: true,
  _count: { select: { preferences: { where: { status: "ACTIVE" } } } },
} as const;

type GuestForQueue = Prisma.GuestGetPayload<{ select: typeof GUEST_FOR_QUEUE }>;

function completenessOfGuest(g: GuestForQueue) {
  return completenessOf({ ...g, activePreferences: g._count.preferences });
}

export type FindingView = {
  id: number;
  ruleId: string;
  severity: string;
  subject: string;
  status: string;
  detail: Record<string, unknown>;
  firstSeenAt: string;
  fix: FixTarget;
};

function viewOf(f: {
  id: number;
  ruleId: string;
  severity: string;
  subject: string;
  status: string;
  detail: unknown;
  firstSeenAt: Date;
}): FindingView {
  return {
    id: f.id,
    ruleId: f.ruleId,
    severity: f.severity,
    subject: f.subject,
    status: f.status,
    detail: (f.detail ?? {}) as Record<string, unknown>,
    firstSeenAt: f.firstSeenAt.toISOString(),
    fix: qualityRule(f.ruleId as QualityRuleId)?.fix ?? { section: "profile" },
  };
}

/** Open findings, the filter's page, as `actor` reads it (registered: QualityQueue). */
export async function listQualityQueueAs(db: Db, actor: Actor, filter: QualityQueueFilter) {
  const where: Prisma.QualityFindingWhereInput = {
    status: "OPEN",
    ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
    ...(filter.severity ? { severity: filter.severity } : {}),
    guest: { ...LIVE_GUEST, ...(filter.propertyId ? { stays: { some: { propertyId: filter.propertyId } } } : {}) },
  };
  const [total, rows] = await Promise.all([
    db.qualityFinding.count({ where }),
    db.qualityFinding.findMany({
      where,
      orderBy: [{ firstSeenAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * QUALITY_PAGE_SIZE,
      take: QUALITY_PAGE_SIZE,
      select: {
        id: true,
        ruleId: true,
        severity: true,
        subject: true,
        status: true,
        detail: true,
        firstSeenAt: true,
        guest: { select: GUEST_FOR_QUEUE },
      },
    }),
  ]);
  await recordListRead(db, actor, "QualityQueue", {
    context: { ruleId: filter.ruleId, severity: filter.severity, propertyId: filter.propertyId, page: filter.page },
    found: total,
    shownGuestIds: rows.map((r) => r.guest.id),
  });
  return {
    findings: rows.map((r) => {
      const c = completenessOfGuest(r.guest);
      return {
        ...viewOf(r),
        guest: { id: r.guest.id, profileNumber: r.guest.profileNumber, fullName: r.guest.fullName, vipLevel: r.guest.vipLevel },
        completeness: { score: c.score, topMissing: c.topMissing },
      };
    }),
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / QUALITY_PAGE_SIZE)),
  };
}

/** A guest's open findings and completeness, for the profile (the profile's own read is registered by its loader). */
export async function qualityOfGuest(
  db: DbTx,
  guestId: number,
): Promise<{ findings: FindingView[]; completeness: { score: number; topMissing: CompletenessField[] } } | null> {
  const guest = await db.guest.findUnique({ where: { id: guestId }, select: GUEST_FOR_QUEUE });
  if (!guest) return null;
  const findings = await db.qualityFinding.findMany({
    where: { guestId, status: "OPEN" },
    orderBy: [{ firstSeenAt: "desc" }, { id: "desc" }],
    select: { id: true, ruleId: true, severity: true, subject: true, status: true, detail: true, firstSeenAt: true },
  });
  const c = completenessOfGuest(guest);
  return { findings: findings.map(viewOf), completeness: { score: c.score, topMissing: c.topMissing } };
}

/** Open findings by guest and severity: what an alert on a VIP will read. */
export async function openFindings(
  db: DbTx,
  where: { guestIds?: number[]; severities?: QualitySeverity[]; ruleIds?: QualityRuleId[] } = {},
) {
  return db.qualityFinding.findMany({
    where: {
      status: "OPEN",
      ...(where.guestIds ? { guestId: { in: where.guestIds } } : {}),
      ...(where.severities ? { severity: { in: where.severities } } : {}),
      ...(where.ruleIds ? { ruleId: { in: where.ruleIds } } : {}),
    },
    orderBy: { id: "asc" },
    select: { id: true, ruleId: true, guestId: true, subject: true, severity: true, detail: true, firstSeenAt: true },
  });
}

/** "Accept as correct": the finding closes and its fingerprint is remembered, in one transaction with its register row. */
export async function acceptFinding(db: Db, actor: Actor, findingId: number) {
  return db.$transaction(async (tx) => {
    const finding = await tx.qualityFinding.findFirst({ where: { id: findingId, guest: LIVE_GUEST } });
    if (!finding) throw new NotFoundError("Quality finding");
    if (finding.status !== "OPEN") throw new ConflictError(0);
    const key = { ruleId: finding.ruleId, guestId: finding.guestId, subject: finding.subject, fingerprint: finding.fingerprint };
    await tx.qualityAcceptance.upsert({
      where: { ruleId_guestId_subject_fingerprint: key },
      create: { ...key, acceptedById: actor.staffId },
      update: {},
    });
    const now = new Date();
    const updated = await tx.qualityFinding.updateMany({
      where: { id: findingId, status: "OPEN" },
      data: { status: "ACCEPTED", resolvedAt: now, resolvedById: actor.staffId },
    });
    if (updated.count !== 1) throw new ConflictError(0);
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "QualityFinding",
      entityId: findingId,
      guestId: finding.guestId,
      changes: { ruleId: finding.ruleId, subject: finding.subject, status: ["OPEN", "ACCEPTED"] },
    });
    return { guestId: finding.guestId };
  });
}
