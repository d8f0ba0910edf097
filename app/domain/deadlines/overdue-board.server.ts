// The Overdue board for managers and archivists: open complaints past their
// acknowledge-by or resolve-by, and VIPs not contacted for their level's days
// (from the deadlines job's fired steps), each with the steps that fired and
// whom they told. A list of guests: the read goes to the access register.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordListRead } from "../audit/record-audit.server";
import { openComplaintWhere } from "../complaints/open-complaints";

export const OVERDUE_SHOWN = 200;

export type OverdueFilter = { propertyId?: number };

export async function listOverdue(db: Db, actor: Actor, filter: OverdueFilter, now = new Date()) {
  const atProperty = filter.propertyId ? { propertyId: filter.propertyId } : {};
  const live = { deletedAt: null, anonymizedAt: null };
  const guest = { select: { id: true, fullName: true, profileNumber: true, vipLevel: true } };
  const complaints = await db.feedback.findMany({
    where: {
      ...openComplaintWhere,
      ...atProperty,
      guest: live,
      OR: [{ acknowledgedAt: null, acknowledgeBy: { lt: now } }, { deadline: { lt: now } }],
    },
    select: {
      id: true,
      category: true,
      severity: true,
      status: true,
      department: true,
      createdAt: true,
      acknowledgeBy: true,
      acknowledgedAt: true,
      deadline: true,
      guest,
      property: { select: { code: true } },
    },
    orderBy: [{ deadline: "asc" }, { id: "asc" }],
    take: OVERDUE_SHOWN,
  });
  const observationSteps = await db.escalation.findMany({
    where: { kind: "OBSERVATION_PENDING", clearedAt: null, guest: live },
    select: { id: true, dueAt: true, firedAt: true, recipientIds: true, step: true, guest },
    orderBy: { dueAt: "asc" },
    take: OVERDUE_SHOWN,
  });
  const vipSteps = await db.escalation.findMany({
    where: { kind: "VIP_NOT_CONTACTED", clearedAt: null, guest: live },
    select: { id: true, dueAt: true, firedAt: true, recipientIds: true, step: true, guest },
    orderBy: { dueAt: "asc" },
    take: OVERDUE_SHOWN,
  });
  const steps = complaints.length
    ? await db.escalation.findMany({
        where: { kind: { in: ["COMPLAINT_ACKNOWLEDGE", "COMPLAINT_RESOLVE"] }, subjectId: { in: complaints.map((c) => c.id) } },
        select: { kind: true, subjectId: true, step: true, firedAt: true, recipientIds: true },
        orderBy: [{ firedAt: "asc" }],
      })
    : [];
  const staffIds = [...new Set([...steps, ...vipSteps, ...observationSteps].flatMap((s) => (s.recipientIds as number[]) ?? []))];
  const names = new Map(
    (await db.staff.findMany({ where: { id: { in: staffIds } }, select: { id: true, displayName: true } })).map((s) => [
      s.id,
      s.displayName,
    ]),
  );
  const told = (ids: unknown) => ((ids as number[]) ?? []).map((id) => names.get(id) ?? `#${id}`);
  const shownGuestIds = [
    ...complaints.map((c) => c.guest.id),
    ...vipSteps.map((v) => v.guest!.id),
    ...observationSteps.map((o) => o.guest!.id),
  ];
  await recordListRead(db, actor, "OverdueBoard", {
    context: { propertyId: filter.propertyId ?? null },
    found: complaints.length + vipSteps.length + observationSteps.length,
    shownGuestIds,
  });
  return {
    complaints: complaints.map((c) => ({
      ...c,
      acknowledgeOverdue: !c.acknowledgedAt && !!c.acknowledgeBy && c.acknowledgeBy.getTime() < now.getTime(),
      resolveOverdue: !!c.deadline && c.deadline.getTime() < now.getTime(),
      steps: steps
        .filter((s) => s.subjectId === c.id)
        .map((s) => ({ kind: s.kind, step: s.step, firedAt: s.firedAt, told: told(s.recipientIds) })),
    })),
    vips: vipSteps.map((v) => ({ id: v.id, guest: v.guest!, dueAt: v.dueAt, firedAt: v.firedAt, told: told(v.recipientIds) })),
    observations: observationSteps.map((o) => ({
      id: o.id,
      guest: o.guest!,
      dueAt: o.dueAt,
      firedAt: o.firedAt,
      told: told(o.recipientIds),
    })),
  };
}

export type OverdueBoard = Awaited<ReturnType<typeof listOverdue>>;
