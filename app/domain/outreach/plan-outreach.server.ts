// Planning outreach: for each active campaign, the guests whose occasion falls
// within the campaign's lead days get one task each — the unique key
// (campaign, guest, occasion) makes a re-run, or two jobs at once, unable to
// plan anything twice. Work goes in batches by guest id.
import { Prisma } from "../../../generated/prisma/client";
import type { Db } from "~/db/client.server";
import { asEnum } from "~/db/sql.server";
import { lunarOf } from "../calendar/lunar";
import { addDays, occurrencesBetween } from "../calendar/occasions";
import { birthdayOf } from "../guests/birthday";
import type { JobContext, JobCounts } from "../jobs/run-job.server";
import { audienceWhere } from "./audience.server";
import { audienceSchema, type Channel } from "./campaign-form";
import { suggestGift } from "./gifts";
import { holidayOccurrences } from "./holidays";
import { renderTemplate, usesChinese } from "./render-message";

export const PLAN_BATCH = 2000;

type Options = Pick<JobContext, "asOf" | "dryRun"> & { progress?: JobContext["progress"]; maxBatches?: number };
type CampaignRow = Awaited<ReturnType<typeof activeCampaigns>>[number];
type Occasion = { guestId: number; occasionKey: string; occasionDate: string; holiday?: { nameEn: string; nameZh: string } };

async function activeCampaigns(db: Db, kinds: string[]) {
  return db.campaign.findMany({ where: { status: "ACTIVE", kind: { in: kinds as never[] } }, include: { holiday: true }, orderBy: { id: "asc" } });
}

/** When a task is due: greetings on the day itself; things to prepare (mail, calls, in person) at once. */
export function dueDateFor(channel: Channel, occasionDate: string, asOf: string): string {
  if (channel === "EMAIL" || channel === "SMS") return occasionDate < asOf ? asOf : occasionDate;
  return asOf;
}

/** SQL prefilter for birthdays in [from, to]: month-day of Gregorian birthdays, lunar month/day of lunar ones. */
export function birthdayWindowWhere(from: string, to: string): Prisma.GuestWhereInput {
  const or: Prisma.GuestWhereInput[] = [];
  const lunarDays = new Set<string>();
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const monthDay = day.slice(5);
    or.push({ birthdayCalendar: "GREGORIAN", birthDate: { endsWith: `-${monthDay}` } });
    if (monthDay === "02-28") or.push({ birthdayCalendar: "GREGORIAN", birthDate: { endsWith: "-02-29" } });
    const lunar = lunarOf(day);
    lunarDays.add(`${lunar.month}/${lunar.day}`);
    // A 30th celebrated on the 29th in a short month; leap-month birthdays in years without that leap month.
    if (lunar.day === 29) lunarDays.add(`${lunar.month}/30`);
  }
  for (const key of lunarDays) {
    const [month, day] = key.split("/").map(Number);
    or.push({ birthdayCalendar: "LUNAR", lunarBirthMonth: month, lunarBirthDay: day });
  }
  return { OR: or };
}

async function insertTasks(db: Db, campaign: CampaignRow, occasions: Occasion[], asOf: string) {
  if (!occasions.length) return 0;
  const guests = await db.guest.findMany({
    where: { id: { in: occasions.map((o) => o.guestId) } },
    select: {
      id: true, fullName: true, language: true, profileNumber: true,
      preferences: { where: { status: { in: ["ACTIVE", "PENDING_REVIEW"] } }, select: { category: true, value: true } },
    },
  });
  const byId = new Map(guests.map((g) => [g.id, g]));
  const now = new Date();
  const rows = occasions.flatMap((o) => {
    const guest = byId.get(o.guestId);
    if (!guest) return [];
    const zh = usesChinese(guest.language);
    const gift = suggestGift(guest.preferences);
    const values = {
      name: guest.fullName, profileNumber: guest.profileNumber, date: o.occasionDate, offer: campaign.offer ?? "",
      gift: zh ? gift.zh : gift.en, holiday: o.holiday ? (zh ? o.holiday.nameZh : o.holiday.nameEn) : "",
      hotel: zh ? "宾客档案酒店" : "Guest Archive Hotels",
    };
    return [Prisma.sql`(${campaign.id}, ${o.guestId}, ${o.occasionKey}, ${o.occasionDate}, ${dueDateFor(campaign.channel, o.occasionDate, asOf)},
      ${asEnum(campaign.channel, "OutreachChannel")}, ${asEnum("PLANNED", "OutreachStatus")}, ${guest.language}, ${renderTemplate(zh ? campaign.subjectZh : campaign.subjectEn, values)},
      ${renderTemplate(zh ? campaign.templateZh : campaign.templateEn, values)}, ${zh ? gift.zh : gift.en}, 0, ${now}, ${now})`];
  });
  if (!rows.length) return 0;
  const inserted = await db.$transaction(async (tx) => {
    const created = await tx.$queryRaw<{ id: number; guestId: number; occasionKey: string }[]>`
      INSERT INTO "OutreachTask" ("campaignId", "guestId", "occasionKey", "occasionDate", "dueDate", "channel", "status", "language", "subject", "message", "giftSuggestion", "attempts", "createdAt", "updatedAt")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("campaignId", "guestId", "occasionKey") DO NOTHING
      RETURNING "id", "guestId", "occasionKey"`;
    if (created.length) {
      await tx.timelineEvent.createMany({
        data: created.map((t) => ({
          guestId: Number(t.guestId), name: "outreach.planned", happensAt: now,
          properties: { taskId: Number(t.id), campaignId: campaign.id, campaign: campaign.name, occasion: t.occasionKey, channel: campaign.channel },
        })),
      });
    }
    return created.length;
  });
  return inserted;
}

/** Walk the campaign's audience (plus an extra condition) in id batches. */
async function* audienceBatches(db: Db, campaign: CampaignRow, asOf: string, extra: Prisma.GuestWhereInput = {}) {
  const filter = audienceSchema.parse(campaign.audience ?? {});
  const where = { AND: [audienceWhere(filter, campaign.channel, asOf), extra] };
  let afterId = 0;
  for (;;) {
    const guests = await db.guest.findMany({
      where: { AND: [where, { id: { gt: afterId } }] },
      orderBy: { id: "asc" },
      take: PLAN_BATCH,
      select: { id: true, birthDate: true, birthdayCalendar: true, lunarBirthMonth: true, lunarBirthDay: true, lunarBirthLeap: true },
    });
    if (!guests.length) return;
    afterId = guests[guests.length - 1].id;
    yield guests;
  }
}

async function planCampaigns(db: Db, kinds: string[], options: Options, occasionsFor: (campaign: CampaignRow, guests: Awaited<ReturnType<typeof audienceBatches>> extends AsyncGenerator<infer G> ? G : never) => Occasion[], extraFor: (campaign: CampaignRow) => Prisma.GuestWhereInput | null) {
  const counts: JobCounts = { campaigns: 0, matched: 0, planned: 0 };
  let batches = 0;
  for (const campaign of await activeCampaigns(db, kinds)) {
    const extra = extraFor(campaign);
    if (!extra) continue;
    counts.campaigns++;
    for await (const guests of audienceBatches(db, campaign, options.asOf, extra)) {
      if (options.maxBatches != null && ++batches > options.maxBatches) throw new Error(`Stopped after ${options.maxBatches} batches (simulated interruption).`);
      const occasions = occasionsFor(campaign, guests);
      counts.matched += occasions.length;
      if (!options.dryRun) counts.planned += await insertTasks(db, campaign, occasions, options.asOf);
      await options.progress?.(`${campaign.name}: through guest #${guests.at(-1)!.id}`, counts);
    }
  }
  return counts;
}

/** Birthday campaigns: guests whose birthday (Gregorian, or lunar for those who keep one) falls within the lead days. */
export async function planBirthdayOutreach(db: Db, options: Options): Promise<JobCounts> {
  return planCampaigns(db, ["BIRTHDAY"], options, (campaign, guests) => {
    const to = addDays(options.asOf, campaign.leadDays);
    return guests.flatMap((g) => {
      const birthday = birthdayOf(g);
      if (!birthday) return [];
      return occurrencesBetween(birthday, options.asOf, to).slice(0, 1).map((date) => ({ guestId: g.id, occasionKey: `birthday:${date}`, occasionDate: date }));
    });
  }, (campaign) => birthdayWindowWhere(options.asOf, addDays(options.asOf, campaign.leadDays)));
}

/** Holiday campaigns: every guest in the audience when the holiday is within the lead days. */
export async function planHolidayOutreach(db: Db, options: Options): Promise<JobCounts> {
  const upcoming = new Map<number, { year: number; date: string }>();
  return planCampaigns(db, ["HOLIDAY"], options, (campaign, guests) => {
    const occurrence = upcoming.get(campaign.id)!;
    const holiday = campaign.holiday!;
    return guests.map((g) => ({
      guestId: g.id, occasionKey: `holiday:${holiday.code}:${occurrence.year}`, occasionDate: occurrence.date,
      holiday: { nameEn: holiday.nameEn, nameZh: holiday.nameZh },
    }));
  }, (campaign) => {
    if (!campaign.holiday || !campaign.holiday.active) return null;
    const next = holidayOccurrences(campaign.holiday, options.asOf, addDays(options.asOf, campaign.leadDays))[0];
    if (!next) return null;
    upcoming.set(campaign.id, next);
    return {};
  });
}

/** Other campaigns (VIP care, win-back, invitations …): once per guest, or once per event date. */
export async function planOtherCampaigns(db: Db, options: Options): Promise<JobCounts> {
  return planCampaigns(db, ["VIP_CARE", "WIN_BACK", "EVENT_INVITATION", "PRODUCT_TRIAL", "REFERRAL_REWARD"], options, (campaign, guests) =>
    guests.map((g) => ({
      guestId: g.id,
      occasionKey: campaign.eventDate ? `event:${campaign.eventDate}` : "once",
      occasionDate: campaign.eventDate ?? options.asOf,
    })), (campaign) => {
    if (!campaign.eventDate) return {};
    const opens = addDays(campaign.eventDate, -campaign.leadDays);
    return options.asOf >= opens && options.asOf <= campaign.eventDate ? {} : null;
  });
}
