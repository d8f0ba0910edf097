// Campaigns: marketing writes them, previews who they reach and what the
// messages say, then activates them for the daily planning jobs.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit, recordListRead, diffFields } from "../audit/record-audit.server";
import { addDays } from "../calendar/occasions";
import { DomainError, NotFoundError } from "../errors";
import { audienceWhere } from "./audience.server";
import { audienceSchema, type AudienceFilter, type CampaignFormInput } from "./campaign-form";
import { suggestGift } from "./gifts";
import { holidayOccurrences } from "./holidays";
import { birthdayWindowWhere } from "./plan-outreach.server";
import { renderTemplate, usesChinese } from "./render-message";

function audienceOf(input: CampaignFormInput, previous?: AudienceFilter): AudienceFilter {
  const audience: AudienceFilter = {};
  if (input.markers.length) audience.markers = input.markers;
  if (input.minVipLevel != null) audience.minVipLevel = input.minVipLevel;
  if (input.segments.length) audience.segments = input.segments as AudienceFilter["segments"];
  if (input.lastStayWithinDays) audience.lastStayWithinDays = input.lastStayWithinDays;
  if (input.lastStayMoreThanDays) audience.lastStayMoreThanDays = input.lastStayMoreThanDays;
  if (input.propertyId) audience.propertyId = input.propertyId;
  if (input.companies.length) audience.companies = input.companies;
  // A list chosen in analytics stays unless marketing drops it.
  if (input.keepGuestIds && previous?.guestIds?.length) audience.guestIds = previous.guestIds;
  return audience;
}

function columns(input: CampaignFormInput, previous?: AudienceFilter) {
  return {
    name: input.name,
    kind: input.kind,
    holidayId: input.kind === "HOLIDAY" ? (input.holidayId ?? null) : null,
    channel: input.channel,
    subjectEn: input.subjectEn,
    subjectZh: input.subjectZh,
    templateEn: input.templateEn,
    templateZh: input.templateZh,
    offer: input.offer ?? null,
    leadDays: input.leadDays,
    eventDate: input.eventDate ?? null,
    audience: audienceOf(input, previous),
  };
}

export async function createCampaign(db: Db, actor: Actor, input: CampaignFormInput) {
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.create({ data: { ...columns(input), status: "DRAFT", createdById: actor.staffId } });
    await recordAudit(tx, actor, {
      action: "CREATE",
      entity: "Campaign",
      entityId: campaign.id,
      changes: { name: campaign.name, kind: campaign.kind },
    });
    return campaign;
  });
}

export async function updateCampaign(db: Db, actor: Actor, campaignId: number, input: CampaignFormInput) {
  return db.$transaction(async (tx) => {
    const before = await tx.campaign.findUnique({ where: { id: campaignId } });
    if (!before) throw new NotFoundError("Campaign");
    const data = columns(input, audienceSchema.parse(before.audience ?? {}));
    await tx.campaign.update({ where: { id: campaignId }, data });
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "Campaign",
      entityId: campaignId,
      changes: diffFields(before as unknown as Record<string, unknown>, data),
    });
  });
}

export const CAMPAIGN_TRANSITIONS: Record<string, string[]> = {
  DRAFT: ["ACTIVE", "ARCHIVED"],
  ACTIVE: ["PAUSED", "ARCHIVED"],
  PAUSED: ["ACTIVE", "ARCHIVED"],
  ARCHIVED: [],
};

export async function setCampaignStatus(db: Db, actor: Actor, campaignId: number, status: "ACTIVE" | "PAUSED" | "ARCHIVED") {
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { id: campaignId } });
    if (!campaign) throw new NotFoundError("Campaign");
    if (!CAMPAIGN_TRANSITIONS[campaign.status].includes(status)) throw new DomainError("error.transition");
    await tx.campaign.update({ where: { id: campaignId }, data: { status } });
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "Campaign",
      entityId: campaignId,
      changes: { status: [campaign.status, status] },
    });
  });
}

export const PREVIEW_SAMPLES = 5;

/** Audience size and a few rendered messages, as of a date, before activating. */
export async function previewCampaign(db: Db, campaignId: number, asOf: string) {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, include: { holiday: true } });
  if (!campaign) throw new NotFoundError("Campaign");
  const filter = audienceSchema.parse(campaign.audience ?? {});
  const base = audienceWhere(filter, campaign.channel, asOf);
  const windowEnd = addDays(asOf, campaign.leadDays);
  const where = campaign.kind === "BIRTHDAY" ? { AND: [base, birthdayWindowWhere(asOf, windowEnd)] } : base;
  const occasion =
    campaign.kind === "HOLIDAY" && campaign.holiday ? (holidayOccurrences(campaign.holiday, asOf, addDays(asOf, 366))[0] ?? null) : null;
  const [audienceSize, everyoneEligible, samples] = await Promise.all([
    db.guest.count({ where }),
    campaign.kind === "BIRTHDAY" ? db.guest.count({ where: base }) : Promise.resolve(null),
    db.guest.findMany({
      where,
      take: PREVIEW_SAMPLES,
      orderBy: [{ vipLevel: "desc" }, { id: "asc" }],
      select: {
        id: true,
        fullName: true,
        profileNumber: true,
        language: true,
        preferences: { where: { status: { in: ["ACTIVE", "PENDING_REVIEW"] } }, select: { category: true, value: true } },
      },
    }),
  ]);
  return {
    campaign,
    audienceSize,
    /** For birthday campaigns: everyone in the audience, whatever their birthday. */
    everyoneEligible,
    occasion,
    samples: samples.map((g) => {
      const zh = usesChinese(g.language);
      const gift = suggestGift(g.preferences);
      const values = {
        name: g.fullName,
        profileNumber: g.profileNumber,
        offer: campaign.offer ?? "",
        gift: zh ? gift.zh : gift.en,
        holiday: campaign.holiday ? (zh ? campaign.holiday.nameZh : campaign.holiday.nameEn) : "",
        date: occasion?.date ?? campaign.eventDate ?? asOf,
        hotel: zh ? "宾客档案酒店" : "Guest Archive Hotels",
      };
      return {
        guestId: g.id,
        fullName: g.fullName,
        profileNumber: g.profileNumber,
        language: g.language,
        gift: zh ? gift.zh : gift.en,
        subject: renderTemplate(zh ? campaign.subjectZh : campaign.subjectEn, values),
        message: renderTemplate(zh ? campaign.templateZh : campaign.templateEn, values),
      };
    }),
  };
}

/** The preview as `actor` reads it: its sample guests are registered (CampaignPreview). */
export async function previewCampaignAs(db: Db, actor: Actor, campaignId: number, asOf: string) {
  const preview = await previewCampaign(db, campaignId, asOf);
  await recordListRead(db, actor, "CampaignPreview", {
    context: { campaignId, asOf },
    found: preview.audienceSize,
    shownGuestIds: preview.samples.map((s) => s.guestId),
  });
  return preview;
}

export async function listCampaigns(db: Db) {
  const campaigns = await db.campaign.findMany({ orderBy: [{ status: "asc" }, { id: "desc" }], include: { holiday: true } });
  const counts = await db.outreachTask.groupBy({ by: ["campaignId", "status"], _count: { _all: true } });
  return campaigns.map((c) => ({
    ...c,
    tasks: Object.fromEntries(counts.filter((r) => r.campaignId === c.id).map((r) => [r.status, r._count._all])) as Record<string, number>,
  }));
}
