// The archivist's review queue: candidate pairs by score, the two profiles side
// by side with the evidence, and the decision "not the same guest", which is
// remembered so the pair is never proposed again. Reads and the decision go to
// the access register; the decision also to both guests' timelines.
import type { Db } from "~/db/client.server";
import type { QueueFilter } from "./queue-filter";
import type { Actor } from "../actor";
import { recordAudit, recordListRead } from "../audit/record-audit.server";
import { addTimelineEvent } from "../timeline/add-timeline-event.server";
import { ConflictError, NotFoundError } from "../errors";
import { maskIdNumber } from "../guests/id-document.server";
import type { FieldEvidence } from "./score-pair";

export const DUPLICATE_PAGE_SIZE = 25;

const GUEST_SUMMARY = { id: true, profileNumber: true, fullName: true } as const;
/** Both guests still in the archive: a pair with one in the recycle bin waits until it is restored. */
const BOTH_LIVE = { lowGuest: { deletedAt: null, anonymizedAt: null }, highGuest: { deletedAt: null, anonymizedAt: null } };

/** A page of the queue as `actor` reads it, registered (DuplicateQueue). */
export async function listDuplicateQueueAs(db: Db, actor: Actor, filter: QueueFilter) {
  const where = { status: filter.status, ...(filter.band ? { band: filter.band } : {}), ...BOTH_LIVE };
  const [total, rows] = await Promise.all([
    db.duplicateCandidate.count({ where }),
    db.duplicateCandidate.findMany({
      where,
      orderBy: [{ score: "desc" }, { id: "asc" }],
      skip: (filter.page - 1) * DUPLICATE_PAGE_SIZE,
      take: DUPLICATE_PAGE_SIZE,
      select: {
        id: true,
        score: true,
        band: true,
        status: true,
        foundAt: true,
        evidence: true,
        lowGuest: { select: GUEST_SUMMARY },
        highGuest: { select: GUEST_SUMMARY },
      },
    }),
  ]);
  await recordListRead(db, actor, "DuplicateQueue", {
    context: { status: filter.status, band: filter.band, page: filter.page },
    found: total,
    shownGuestIds: rows.flatMap((r) => [r.lowGuest.id, r.highGuest.id]),
  });
  return {
    candidates: rows.map((r) => ({ ...r, evidence: r.evidence as FieldEvidence[] })),
    total,
    page: filter.page,
    pageCount: Math.max(1, Math.ceil(total / DUPLICATE_PAGE_SIZE)),
  };
}

const PROFILE_SELECT = {
  id: true,
  profileNumber: true,
  fullName: true,
  namePinyin: true,
  gender: true,
  birthDate: true,
  nationality: true,
  phone: true,
  email: true,
  company: true,
  address: true,
  idDocumentType: true,
  idDocumentLast4: true,
  vipLevel: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { stays: true } },
} as const;

/** The pair and both profiles (the ID number masked), registered as a view of each guest. */
export async function getDuplicatePairAs(db: Db, actor: Actor, candidateId: number) {
  const candidate = await db.duplicateCandidate.findFirst({
    where: { id: candidateId, ...BOTH_LIVE },
    select: {
      id: true,
      score: true,
      band: true,
      status: true,
      evidence: true,
      foundAt: true,
      decidedAt: true,
      reason: true,
      decidedBy: { select: { displayName: true } },
      lowGuest: { select: PROFILE_SELECT },
      highGuest: { select: PROFILE_SELECT },
    },
  });
  if (!candidate) throw new NotFoundError("Duplicate candidate");
  const profile = ({ idDocumentLast4, _count, ...g }: (typeof candidate)["lowGuest"]) => ({
    ...g,
    idDocumentMasked: maskIdNumber(idDocumentLast4),
    stays: _count.stays,
  });
  await db.$transaction(async (tx) => {
    for (const [guest, other] of [
      [candidate.lowGuest, candidate.highGuest],
      [candidate.highGuest, candidate.lowGuest],
    ])
      await recordAudit(tx, actor, {
        action: "VIEW",
        entity: "DuplicateCandidate",
        entityId: candidate.id,
        guestId: guest.id,
        changes: { comparedWith: other.id },
      });
  });
  return {
    ...candidate,
    evidence: candidate.evidence as FieldEvidence[],
    lowGuest: profile(candidate.lowGuest),
    highGuest: profile(candidate.highGuest),
  };
}

/**
 * "Not the same guest": the pair is closed for good (the scan and the check on
 * save leave decided pairs alone). Refused when someone decided it already.
 */
export async function markNotSameGuest(db: Db, actor: Actor, candidateId: number, reason: string | null) {
  return db.$transaction(async (tx) => {
    const candidate = await tx.duplicateCandidate.findFirst({
      where: { id: candidateId, ...BOTH_LIVE },
      select: { id: true, status: true, lowGuest: { select: GUEST_SUMMARY }, highGuest: { select: GUEST_SUMMARY } },
    });
    if (!candidate) throw new NotFoundError("Duplicate candidate");
    const decided = await tx.duplicateCandidate.updateMany({
      where: { id: candidateId, status: "OPEN" },
      data: { status: "NOT_SAME", decidedAt: new Date(), decidedById: actor.staffId, reason },
    });
    if (decided.count !== 1) throw new ConflictError(0);
    for (const [guest, other] of [
      [candidate.lowGuest, candidate.highGuest],
      [candidate.highGuest, candidate.lowGuest],
    ]) {
      await recordAudit(tx, actor, {
        action: "UPDATE",
        entity: "DuplicateCandidate",
        entityId: candidateId,
        guestId: guest.id,
        changes: { status: ["OPEN", "NOT_SAME"], otherGuestId: other.id, ...(reason ? { reason } : {}) },
      });
      await addTimelineEvent(tx, actor, {
        guestId: guest.id,
        name: "duplicate.notSame",
        properties: { candidateId, otherProfileNumber: other.profileNumber },
      });
    }
    return candidate;
  });
}
