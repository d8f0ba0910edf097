// Today's arrivals at a property, each with the brief the desk needs. Every
// read of the list is written to the access register (ArrivalsList).
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordListRead } from "../audit/record-audit.server";
import { birthdayOf } from "../guests/birthday";
import { checkInAlerts } from "../guests/check-in-alerts";
import { openComplaintWhere } from "../complaints/open-complaints";

export const ARRIVALS_PAGE_SIZE = 200;
/** How many preferences a brief shows: the desk reads it in seconds. */
export const BRIEF_PREFERENCES = 4;
const BRIEF_ORDER = ["ALLERGY", "TABOO", "DIET", "ROOM", "FLOOR", "BED", "PILLOW", "VIEW", "SMOKING", "BEVERAGE", "SERVICE", "AMENITY"];

export async function listArrivals(db: Db, actor: Actor, property: { id: number; code: string }, date: string) {
  const stays = await db.stay.findMany({
    where: { propertyId: property.id, arrivalDate: date, status: { in: ["RESERVED", "IN_HOUSE"] }, guest: { deletedAt: null } },
    orderBy: [{ guest: { vipLevel: "desc" } }, { id: "asc" }],
    take: ARRIVALS_PAGE_SIZE,
    include: {
      guest: {
        include: {
          markers: { include: { marker: true } },
          preferences: { where: { status: { in: ["ACTIVE", "PENDING_REVIEW"] } } },
          specialDates: true,
          feedback: { where: openComplaintWhere, select: { kind: true, status: true, deadline: true } },
          _count: { select: { stays: { where: { status: "CHECKED_OUT" } } } },
        },
      },
    },
  });
  await recordListRead(db, actor, "ArrivalsList", {
    context: { propertyId: property.id, property: property.code, date },
    found: stays.length,
    shownGuestIds: stays.map((s) => s.guestId),
  });
  return stays.map((stay) => {
    const g = stay.guest;
    const alerts = checkInAlerts({
      today: date,
      preferences: g.preferences,
      openComplaints: g.feedback,
      birthday: birthdayOf(g),
      specialDates: g.specialDates.map((s) => ({
        kind: s.kind,
        label: s.label,
        date:
          s.calendar === "LUNAR"
            ? { calendar: "LUNAR" as const, lunar: { month: s.month, day: s.day, leap: s.isLeapMonth } }
            : { calendar: "GREGORIAN" as const, month: s.month, day: s.day },
      })),
      stay,
    });
    const topPreferences = g.preferences
      .filter((p) => p.category !== "ALLERGY" && p.category !== "TABOO")
      .sort((a, b) => rank(a.category) - rank(b.category))
      .slice(0, BRIEF_PREFERENCES)
      .map((p) => ({ category: p.category, value: p.value }));
    return {
      stayId: stay.id,
      roomNumber: stay.roomNumber,
      roomType: stay.roomType,
      nights: stay.nights,
      departureDate: stay.departureDate,
      status: stay.status,
      adults: stay.adults,
      children: stay.children,
      guest: {
        id: g.id,
        fullName: g.fullName,
        namePinyin: g.namePinyin,
        profileNumber: g.profileNumber,
        vipLevel: g.vipLevel,
        language: g.language,
        previousStays: g._count.stays,
        markers: g.markers.map((m) => m.marker),
      },
      alerts,
      topPreferences,
    };
  });
}

function rank(category: string) {
  const i = BRIEF_ORDER.indexOf(category);
  return i === -1 ? BRIEF_ORDER.length : i;
}
