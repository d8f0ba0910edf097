// Planning outreach: for each active campaign, the guests whose occasion falls
// within the campaign's lead days get one task each — the unique key
// (campaign, guest, occasion) makes a re-run, or two jobs at once, unable to
// plan anything twice. Birthdays and holidays are also capped across
// campaigns (greeting-cap.ts): a guest already greeted for the occasion on the
// channel by another campaign (the older one plans first) is counted as
// alreadyGreeted, and the unique key (guest, greetingKey, channel) holds the
// rule even against a planner running at the same moment. Work goes in
// batches by guest id.
import { Prisma } from "../../../generated/prisma/client";
import type { Db } from "~/db/client.server";
import { asEnum, asTimestamp, jsonObject } from "~/db/sql.server";
import { lunarOf } from "../calendar/lunar";
import { addDays, occurrencesBetween } from "../calendar/occasions";
import { birthdayOf } from "../guests/birthday";
import type { JobContext, JobCounts } from "../jobs/run-job.server";
import { audienceSql, audienceWhere } from "./audience.server";
import { audienceSchema, type Channel } from "./campaign-form";
import { suggestGift } from "./gifts";
import { greetingKeyOf } from "./greeting-cap";
import { holidayOccurrences } from "./holidays";
import { renderTemplate, usesChinese, type MessageValues } from "./render-message";
import type { TimelineEventName } from "../timeline/timeline-events";

const PLANNED_EVENT: TimelineEventName = "outreach.planned";

export const PLAN_BATCH = 2000;
/** Guests per bulk INSERT … SELECT: keeps each write transaction well under a second. */
export const BULK_PLAN_CHUNK = 25_000;

type Options = Pick<JobContext, "asOf" | "dryRun"> & { progress?: JobContext["progress"]; maxBatches?: number };
type CampaignRow = Awaited<ReturnType<typeof activeCampaigns>>[number];
type Occasion = { guestId: number; occasionKey: string; occasionDate: string; holiday?: { nameEn: string; nameZh: string } };

async function activeCampaigns(db: Db, kinds: string[]) {
  return db.campaign.findMany({
    where: { status: "ACTIVE", kind: { in: kinds as never[] } },
    include: { holiday: true },
    orderBy: { id: "asc" },
  });
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
      id: true,
      fullName: true,
      language: true,
      profileNumber: true,
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
      name: guest.fullName,
      profileNumber: guest.profileNumber,
      date: o.occasionDate,
      offer: campaign.offer ?? "",
      gift: zh ? gift.zh : gift.en,
      holiday: o.holiday ? (zh ? o.holiday.nameZh : o.holiday.nameEn) : "",
      hotel: zh ? "宾客档案酒店" : "Guest Archive Hotels",
    };
    return [
      Prisma.sql`(${campaign.id}, ${o.guestId}, ${o.occasionKey}, ${greetingKeyOf(campaign.kind, o.occasionKey)}, ${o.occasionDate}, ${dueDateFor(campaign.channel, o.occasionDate, asOf)},
      ${asEnum(campaign.channel, "OutreachChannel")}, ${asEnum("PLANNED", "OutreachStatus")}, ${guest.language}, ${renderTemplate(zh ? campaign.subjectZh : campaign.subjectEn, values)},
      ${renderTemplate(zh ? campaign.templateZh : campaign.templateEn, values)}, ${zh ? gift.zh : gift.en}, 0, ${now}, ${now})`,
    ];
  });
  if (!rows.length) return 0;
  const inserted = await db.$transaction(async (tx) => {
    const created = await tx.$queryRaw<{ id: number; guestId: number; occasionKey: string }[]>`
      INSERT INTO "OutreachTask" ("campaignId", "guestId", "occasionKey", "greetingKey", "occasionDate", "dueDate", "channel", "status", "language", "subject", "message", "giftSuggestion", "attempts", "createdAt", "updatedAt")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT DO NOTHING
      RETURNING "id", "guestId", "occasionKey"`;
    if (created.length) {
      await tx.timelineEvent.createMany({
        data: created.map((t) => ({
          guestId: Number(t.guestId),
          name: PLANNED_EVENT,
          happensAt: now,
          properties: {
            taskId: Number(t.id),
            campaignId: campaign.id,
            campaign: campaign.name,
            occasion: t.occasionKey,
            channel: campaign.channel,
          },
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

/** The occasions left once those already greeted by another campaign on the channel are taken out (and counted). */
async function withoutGreeted(db: Db, campaign: CampaignRow, occasions: Occasion[]) {
  const keyed = occasions.filter((o) => greetingKeyOf(campaign.kind, o.occasionKey));
  if (!keyed.length) return { left: occasions, greeted: 0 };
  const greeted = await db.outreachTask.findMany({
    where: {
      campaignId: { not: campaign.id },
      channel: campaign.channel,
      // The batch's id range, not a list of ids: a batch holds more guests than a query may have parameters.
      guestId: { gte: Math.min(...keyed.map((o) => o.guestId)), lte: Math.max(...keyed.map((o) => o.guestId)) },
      greetingKey: { in: [...new Set(keyed.map((o) => o.occasionKey))] },
    },
    select: { guestId: true, greetingKey: true },
  });
  const done = new Set(greeted.map((t) => `${t.guestId}/${t.greetingKey}`));
  const left = occasions.filter((o) => !done.has(`${o.guestId}/${o.occasionKey}`));
  return { left, greeted: occasions.length - left.length };
}

type GuestBatch = Awaited<ReturnType<typeof audienceBatches>> extends AsyncGenerator<infer G> ? G : never;

async function planCampaigns(
  db: Db,
  kinds: string[],
  options: Options,
  occasionsFor: (campaign: CampaignRow, guests: GuestBatch) => Occasion[],
  extraFor: (campaign: CampaignRow) => Prisma.GuestWhereInput | null,
  campaigns?: CampaignRow[],
) {
  const counts: JobCounts = { campaigns: 0, matched: 0, planned: 0, alreadyGreeted: 0 };
  let batches = 0;
  for (const campaign of campaigns ?? (await activeCampaigns(db, kinds))) {
    const extra = extraFor(campaign);
    if (!extra) continue;
    counts.campaigns++;
    for await (const guests of audienceBatches(db, campaign, options.asOf, extra)) {
      if (options.maxBatches != null && ++batches > options.maxBatches)
        throw new Error(`Stopped after ${options.maxBatches} batches (simulated interruption).`);
      const { left, greeted } = await withoutGreeted(db, campaign, occasionsFor(campaign, guests));
      counts.alreadyGreeted += greeted;
      counts.matched += left.length;
      if (!options.dryRun) counts.planned += await insertTasks(db, campaign, left, options.asOf);
      await options.progress?.(`${campaign.name}: through guest #${guests.at(-1)!.id}`, counts);
    }
  }
  return counts;
}

/** Templates that need nothing per guest but the name and profile number can be planned in bulk SQL. */
export function canPlanInBulk(campaign: { subjectEn: string; subjectZh: string; templateEn: string; templateZh: string }) {
  return ![campaign.subjectEn, campaign.subjectZh, campaign.templateEn, campaign.templateZh].some((t) => t.includes("{gift}"));
}

/**
 * One occasion for a whole audience, in INSERT … SELECT statements over guest
 * id ranges: the message is rendered in SQL (name, profile number) from a
 * template whose other placeholders are already filled. Same unique key, same
 * timeline events as the row-by-row path.
 */
async function planOccasionInBulk(
  db: Db,
  campaign: CampaignRow,
  occasion: { key: string; date: string; holiday?: { nameEn: string; nameZh: string } },
  options: Options,
  counts: JobCounts,
) {
  const audience = audienceSql(audienceSchema.parse(campaign.audience ?? {}), campaign.channel, options.asOf);
  const fixed = (zh: boolean): MessageValues => ({
    date: occasion.date,
    offer: campaign.offer ?? "",
    holiday: occasion.holiday ? (zh ? occasion.holiday.nameZh : occasion.holiday.nameEn) : "",
    hotel: zh ? "宾客档案酒店" : "Guest Archive Hotels",
    gift: "",
  });
  // Fill the fixed placeholders now; {name} and {profileNumber} stay for SQL.
  // A private-use character marks the two placeholders while the others are filled.
  const prepare = (template: string, zh: boolean) =>
    renderTemplate(template.replace(/\{(name|profileNumber)\}/g, "\uE000$1\uE000"), fixed(zh)).replace(
      /\uE000(name|profileNumber)\uE000/g,
      "{$1}",
    );
  const perGuest = (template: string) =>
    Prisma.sql`replace(replace(${template}, '{profileNumber}', g."profileNumber"), '{name}', g."fullName")`;
  const inLanguage = (zh: string, en: string) =>
    Prisma.sql`CASE WHEN g."language" LIKE 'zh%' THEN ${perGuest(zh)} ELSE ${perGuest(en)} END`;
  const subject = inLanguage(prepare(campaign.subjectZh, true), prepare(campaign.subjectEn, false));
  const message = inLanguage(prepare(campaign.templateZh, true), prepare(campaign.templateEn, false));
  const due = dueDateFor(campaign.channel, occasion.date, options.asOf);
  const greetingKey = greetingKeyOf(campaign.kind, occasion.key);
  const greetedElsewhere = Prisma.sql`EXISTS (SELECT 1 FROM "OutreachTask" o WHERE o."guestId" = g."id" AND o."greetingKey" = ${greetingKey}
    AND o."channel" = ${asEnum(campaign.channel, "OutreachChannel")} AND o."campaignId" <> ${campaign.id})`;
  const maxId = (await db.guest.aggregate({ _max: { id: true } }))._max.id ?? 0;
  let chunks = 0;
  for (let from = 0; from < maxId; from += BULK_PLAN_CHUNK) {
    if (options.maxBatches != null && ++chunks > options.maxBatches)
      throw new Error(`Stopped after ${options.maxBatches} batches (simulated interruption).`);
    const to = from + BULK_PLAN_CHUNK;
    const range = Prisma.sql`g."id" > ${from} AND g."id" <= ${to}`;
    if (greetingKey) {
      const [{ n }] = await db.$queryRaw<{ n: bigint | number }[]>`
        SELECT COUNT(*) AS "n" FROM "Guest" g WHERE ${range} AND ${audience} AND ${greetedElsewhere}`;
      counts.alreadyGreeted = (counts.alreadyGreeted ?? 0) + Number(n);
    }
    if (options.dryRun) {
      const [{ n }] = await db.$queryRaw<{ n: bigint | number }[]>`
        SELECT COUNT(*) AS "n" FROM "Guest" g WHERE ${range} AND ${audience}${greetingKey ? Prisma.sql` AND NOT ${greetedElsewhere}` : Prisma.empty}`;
      counts.matched += Number(n);
      continue;
    }
    const now = new Date();
    const planned = await db.$transaction(async (tx) => {
      const inserted = await tx.$executeRaw`
        INSERT INTO "OutreachTask" ("campaignId", "guestId", "occasionKey", "greetingKey", "occasionDate", "dueDate", "channel", "status", "language", "subject", "message", "giftSuggestion", "attempts", "createdAt", "updatedAt")
        SELECT ${campaign.id}, g."id", ${occasion.key}, ${greetingKey}, ${occasion.date}, ${due}, ${asEnum(campaign.channel, "OutreachChannel")}, ${asEnum("PLANNED", "OutreachStatus")},
          g."language", ${subject}, ${message}, NULL, 0, ${asTimestamp(now)}, ${asTimestamp(now)}
        FROM "Guest" g WHERE ${range} AND ${audience}
        ON CONFLICT DO NOTHING`;
      if (inserted > 0) {
        await tx.$executeRaw`
          INSERT INTO "TimelineEvent" ("guestId", "happensAt", "name", "properties")
          SELECT t."guestId", ${asTimestamp(now)}, ${PLANNED_EVENT}, ${jsonObject([
            ["taskId", Prisma.sql`t."id"`],
            ["campaignId", campaign.id],
            ["campaign", campaign.name],
            ["occasion", occasion.key],
            ["channel", campaign.channel],
          ])}
          FROM "OutreachTask" t
          WHERE t."campaignId" = ${campaign.id} AND t."occasionKey" = ${occasion.key} AND t."guestId" > ${from} AND t."guestId" <= ${to} AND t."createdAt" = ${asTimestamp(now)}`;
      }
      return inserted;
    });
    counts.planned += planned;
    // Matched = this occasion's tasks in the range, planned now or by an earlier run.
    counts.matched += await db.outreachTask.count({
      where: { campaignId: campaign.id, occasionKey: occasion.key, guestId: { gt: from, lte: to } },
    });
    await options.progress?.(`${campaign.name}: through guest #${to}`, counts);
  }
}

/** Birthday campaigns: guests whose birthday (Gregorian, or lunar for those who keep one) falls within the lead days. */
export async function planBirthdayOutreach(db: Db, options: Options): Promise<JobCounts> {
  return planCampaigns(
    db,
    ["BIRTHDAY"],
    options,
    (campaign, guests) => {
      const to = addDays(options.asOf, campaign.leadDays);
      return guests.flatMap((g) => {
        const birthday = birthdayOf(g);
        if (!birthday) return [];
        return occurrencesBetween(birthday, options.asOf, to)
          .slice(0, 1)
          .map((date) => ({ guestId: g.id, occasionKey: `birthday:${date}`, occasionDate: date }));
      });
    },
    (campaign) => birthdayWindowWhere(options.asOf, addDays(options.asOf, campaign.leadDays)),
  );
}

/** Holiday campaigns: every guest in the audience when the holiday is within the lead days. */
export async function planHolidayOutreach(db: Db, options: Options): Promise<JobCounts> {
  const counts: JobCounts = { campaigns: 0, matched: 0, planned: 0, alreadyGreeted: 0 };
  for (const campaign of await activeCampaigns(db, ["HOLIDAY"])) {
    const holiday = campaign.holiday;
    if (!holiday || !holiday.active) continue;
    const next = holidayOccurrences(holiday, options.asOf, addDays(options.asOf, campaign.leadDays))[0];
    if (!next) continue;
    counts.campaigns++;
    const occasion = {
      key: `holiday:${holiday.code}:${next.year}`,
      date: next.date,
      holiday: { nameEn: holiday.nameEn, nameZh: holiday.nameZh },
    };
    if (canPlanInBulk(campaign)) {
      await planOccasionInBulk(db, campaign, occasion, options, counts);
    } else {
      const one = await planCampaigns(
        db,
        [],
        options,
        (_c, guests) =>
          guests.map((g) => ({ guestId: g.id, occasionKey: occasion.key, occasionDate: occasion.date, holiday: occasion.holiday })),
        () => ({}),
        [campaign],
      );
      counts.matched += one.matched;
      counts.planned += one.planned;
      counts.alreadyGreeted += one.alreadyGreeted;
    }
  }
  return counts;
}

/** Other campaigns (VIP care, win-back, invitations …): once per guest, or once per event date. */
export async function planOtherCampaigns(db: Db, options: Options): Promise<JobCounts> {
  const counts: JobCounts = { campaigns: 0, matched: 0, planned: 0 };
  for (const campaign of await activeCampaigns(db, ["VIP_CARE", "WIN_BACK", "EVENT_INVITATION", "PRODUCT_TRIAL", "REFERRAL_REWARD"])) {
    if (campaign.eventDate && (options.asOf < addDays(campaign.eventDate, -campaign.leadDays) || options.asOf > campaign.eventDate))
      continue;
    counts.campaigns++;
    const occasion = { key: campaign.eventDate ? `event:${campaign.eventDate}` : "once", date: campaign.eventDate ?? options.asOf };
    if (canPlanInBulk(campaign)) {
      await planOccasionInBulk(db, campaign, occasion, options, counts);
    } else {
      const one = await planCampaigns(
        db,
        [],
        options,
        (_c, guests) => guests.map((g) => ({ guestId: g.id, occasionKey: occasion.key, occasionDate: occasion.date })),
        () => ({}),
        [campaign],
      );
      counts.matched += one.matched;
      counts.planned += one.planned;
    }
  }
  return counts;
}
