// Who a campaign reaches: its audience filter, only guests with marketing
// consent (and a way to reach them) on its channel, never deleted or purged.
import type { Prisma } from "../../../generated/prisma/client";
import { addDays } from "../calendar/occasions";
import type { AudienceFilter, Channel } from "./campaign-form";

export function consentWhere(channel: Channel): Prisma.GuestWhereInput {
  switch (channel) {
    case "EMAIL": return { consentEmail: true, email: { not: null } };
    case "SMS": return { consentSms: true, phone: { not: null } };
    case "PHONE": return { consentPhone: true, phone: { not: null } };
    case "MAIL": return { consentMail: true, address: { not: null } };
    // Greeting a guest in person at the hotel is service, not marketing.
    case "IN_PERSON": return {};
  }
}

export function audienceWhere(filter: AudienceFilter, channel: Channel, asOf: string): Prisma.GuestWhereInput {
  const and: Prisma.GuestWhereInput[] = [{ deletedAt: null, anonymizedAt: null }, consentWhere(channel)];
  if (filter.guestIds?.length) and.push({ id: { in: filter.guestIds } });
  if (filter.markers?.length) and.push({ markers: { some: { marker: { code: { in: filter.markers } } } } });
  if (filter.minVipLevel != null) and.push({ vipLevel: { gte: filter.minVipLevel } });
  if (filter.segments?.length) and.push({ score: { segment: { in: filter.segments } } });
  if (filter.companies?.length) and.push({ company: { in: filter.companies } });
  if (filter.propertyId) and.push({ stays: { some: { propertyId: filter.propertyId } } });
  if (filter.lastStayWithinDays) {
    and.push({ stays: { some: { status: { in: ["CHECKED_OUT", "IN_HOUSE"] }, departureDate: { gte: addDays(asOf, -filter.lastStayWithinDays) } } } });
  }
  if (filter.lastStayMoreThanDays) {
    const since = addDays(asOf, -filter.lastStayMoreThanDays);
    and.push({ stays: { some: { status: "CHECKED_OUT" } } });
    and.push({ stays: { none: { status: { in: ["CHECKED_OUT", "IN_HOUSE", "RESERVED"] }, departureDate: { gte: since } } } });
  }
  return { AND: and };
}
