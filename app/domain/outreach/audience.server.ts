// Who a campaign reaches: its audience filter, only guests with marketing
// consent (and a way to reach them) on its channel, never deleted or purged.
import { Prisma } from "../../../generated/prisma/client";
import { addDays } from "../calendar/occasions";
import type { AudienceFilter, Channel } from "./campaign-form";

export function consentWhere(channel: Channel): Prisma.GuestWhereInput {
  switch (channel) {
    case "EMAIL":
      return { consentEmail: true, email: { not: null } };
    case "SMS":
      return { consentSms: true, phone: { not: null } };
    case "PHONE":
      return { consentPhone: true, phone: { not: null } };
    case "MAIL":
      return { consentMail: true, address: { not: null } };
    // Greeting a guest in person at the hotel is service, not marketing.
    case "IN_PERSON":
      return {};
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
    and.push({
      stays: { some: { status: { in: ["CHECKED_OUT", "IN_HOUSE"] }, departureDate: { gte: addDays(asOf, -filter.lastStayWithinDays) } } },
    });
  }
  if (filter.lastStayMoreThanDays) {
    const since = addDays(asOf, -filter.lastStayMoreThanDays);
    and.push({ stays: { some: { status: "CHECKED_OUT" } } });
    and.push({ stays: { none: { status: { in: ["CHECKED_OUT", "IN_HOUSE", "RESERVED"] }, departureDate: { gte: since } } } });
  }
  return { AND: and };
}

/** The same audience as a SQL condition on guest alias g, for bulk planning (INSERT … SELECT). */
export function audienceSql(filter: AudienceFilter, channel: Channel, asOf: string): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`g."deletedAt" IS NULL AND g."anonymizedAt" IS NULL`];
  const consent: Record<Channel, Prisma.Sql | null> = {
    EMAIL: Prisma.sql`g."consentEmail" = TRUE AND g."email" IS NOT NULL`,
    SMS: Prisma.sql`g."consentSms" = TRUE AND g."phone" IS NOT NULL`,
    PHONE: Prisma.sql`g."consentPhone" = TRUE AND g."phone" IS NOT NULL`,
    MAIL: Prisma.sql`g."consentMail" = TRUE AND g."address" IS NOT NULL`,
    IN_PERSON: null,
  };
  if (consent[channel]) parts.push(consent[channel]!);
  if (filter.guestIds?.length) parts.push(Prisma.sql`g."id" IN (${Prisma.join(filter.guestIds)})`);
  if (filter.markers?.length) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "GuestMarker" gm JOIN "IdentityMarker" m ON m."id" = gm."markerId" WHERE gm."guestId" = g."id" AND m."code" IN (${Prisma.join(filter.markers)}))`,
    );
  }
  if (filter.minVipLevel != null) parts.push(Prisma.sql`g."vipLevel" >= ${filter.minVipLevel}`);
  if (filter.segments?.length)
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "GuestScore" sc WHERE sc."guestId" = g."id" AND sc."segment" IN (${Prisma.join(filter.segments)}))`,
    );
  if (filter.companies?.length) parts.push(Prisma.sql`g."company" IN (${Prisma.join(filter.companies)})`);
  if (filter.propertyId)
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "Stay" s WHERE s."guestId" = g."id" AND s."propertyId" = ${filter.propertyId})`);
  if (filter.lastStayWithinDays) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Stay" s WHERE s."guestId" = g."id" AND s."status" IN ('CHECKED_OUT', 'IN_HOUSE') AND s."departureDate" >= ${addDays(asOf, -filter.lastStayWithinDays)})`,
    );
  }
  if (filter.lastStayMoreThanDays) {
    const since = addDays(asOf, -filter.lastStayMoreThanDays);
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "Stay" s WHERE s."guestId" = g."id" AND s."status" = 'CHECKED_OUT')`);
    parts.push(
      Prisma.sql`NOT EXISTS (SELECT 1 FROM "Stay" s WHERE s."guestId" = g."id" AND s."status" IN ('CHECKED_OUT', 'IN_HOUSE', 'RESERVED') AND s."departureDate" >= ${since})`,
    );
  }
  return Prisma.join(parts, " AND ");
}
