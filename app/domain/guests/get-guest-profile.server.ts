// The profile as one role may see it: masked where the role needs no more,
// and every view written to the access register.
import type { Db } from "~/db/client.server";
import { can, type RoleName } from "~/auth/permissions";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { NotFoundError } from "../errors";
import { birthdayOf } from "./birthday";
import { checkInAlerts } from "./check-in-alerts";
import { maskIdNumber, readIdNumber } from "./id-document.server";
import { summariseConsumption } from "../consumption/summarise-consumption.server";
import { isOpenComplaint, isOverdue, isAcknowledgeOverdue } from "../complaints/open-complaints";
import { displayPhone } from "../quality/phone";
import { feedbackForRole } from "../complaints/feedback-for-role";

export const PROFILE_STAYS_SHOWN = 20;
export const PROFILE_TIMELINE_SHOWN = 30;

export async function getGuestProfile(db: Db, actor: Actor & { role: RoleName }, guestId: number, today: string, now = new Date()) {
  const guest = await db.guest.findFirst({
    where: { id: guestId, deletedAt: null },
    include: {
      markers: { include: { marker: true } },
      preferences: {
        where: { status: { in: ["ACTIVE", "PENDING_REVIEW", "PROPOSED"] } },
        orderBy: [{ category: "asc" }, { createdAt: "desc" }],
      },
      specialDates: { orderBy: [{ month: "asc" }, { day: "asc" }] },
      feedback: { orderBy: { createdAt: "desc" }, take: 50, include: { property: { select: { name: true, nameZh: true } } } },
      stays: {
        orderBy: { arrivalDate: "desc" },
        take: PROFILE_STAYS_SHOWN,
        include: { property: { select: { code: true, name: true, nameZh: true, currency: true } }, survey: { select: { score: true } } },
      },
      timeline: { orderBy: { happensAt: "desc" }, take: PROFILE_TIMELINE_SHOWN },
    },
  });
  if (!guest) throw new NotFoundError("Guest");

  const role = actor.role;
  // Rates and room revenue only for roles that see spend — every stay, the current one too.
  const stayAsSeen = <S extends { rateAmount: number; roomRevenue: number }>(s: S) =>
    can(role, "spend:view") ? s : { ...s, rateAmount: null, roomRevenue: null };
  const [stayCount, actors] = await Promise.all([
    db.stay.count({ where: { guestId } }),
    db.staff.findMany({
      where: { id: { in: [...new Set(guest.timeline.map((e) => e.actorId).filter((id): id is number => id != null))] } },
      select: { id: true, displayName: true },
    }),
  ]);
  const consumption = can(role, "spend:view") ? await summariseConsumption(db, guestId) : null;
  const actorNames = new Map(actors.map((a) => [a.id, a.displayName]));

  const currentStay =
    guest.stays.find((s) => s.status === "IN_HOUSE") ??
    guest.stays.filter((s) => s.status === "RESERVED" && s.arrivalDate >= today).at(-1) ??
    null;

  const alerts = checkInAlerts({
    today,
    preferences: guest.preferences,
    openComplaints: guest.feedback.filter(isOpenComplaint),
    now,
    birthday: birthdayOf(guest),
    specialDates: guest.specialDates.map((s) => ({
      kind: s.kind,
      label: s.label,
      date:
        s.calendar === "LUNAR"
          ? { calendar: "LUNAR" as const, lunar: { month: s.month, day: s.day, leap: s.isLeapMonth } }
          : { calendar: "GREGORIAN" as const, month: s.month, day: s.day },
    })),
    stay: currentStay,
  });

  let idDocument: string | null = null;
  // A number the configured keys cannot open (a key changed without rotation) is said so on the page, not a 500.
  let idDocumentUnreadable = false;
  if (can(role, "idDocument:viewFull") && guest.idDocumentCipher) {
    idDocument = readIdNumber(guest.idDocumentCipher);
    idDocumentUnreadable = idDocument === null;
  } else if (can(role, "idDocument:viewMasked")) idDocument = maskIdNumber(guest.idDocumentLast4);

  await recordAudit(db, actor, { action: "VIEW", entity: "Guest", entityId: guestId, guestId });

  const {
    idDocumentCipher: _cipher,
    idDocumentLast4: _last4,
    markers,
    preferences,
    specialDates,
    feedback,
    stays,
    timeline,
    ...basics
  } = guest;
  return {
    basics: {
      ...basics,
      // Stored in E.164; shown grouped as the country writes it.
      phone: displayPhone(basics.phone),
      idDocumentType: can(role, "idDocument:viewMasked") ? basics.idDocumentType : null,
      idDocument,
      idDocumentUnreadable,
    },
    markers: markers.map((m) => m.marker),
    alerts,
    currentStay: currentStay ? stayAsSeen(currentStay) : null,
    preferences,
    specialDates,
    feedback: feedback.map((f) => ({
      ...feedbackForRole(role, f),
      open: isOpenComplaint(f),
      overdue: isOverdue(f, now),
      acknowledgeOverdue: isAcknowledgeOverdue(f, now),
    })),
    stays: stays.map(stayAsSeen),
    stayCount,
    consumption,
    timeline: timeline.map((e) => ({ ...e, actorName: e.actorId ? (actorNames.get(e.actorId) ?? null) : null })),
  };
}

export type GuestProfile = Awaited<ReturnType<typeof getGuestProfile>>;
