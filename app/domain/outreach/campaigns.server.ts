// Campaigns: marketing writes them, previews who they reach and what the
// messages say, then activates them for the daily planning jobs.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit, recordListRead, diffFields } from "../audit/record-audit.server";
import { addDays } from "../calendar/occasions";
import { DomainError, NotFoundError } from "../errors";
import { audienceWhere } from "./audience.server";
import { audienceSchema, type AudienceFilter, type CampaignFormInput } from "./campaign-form";
import { campaignTextIssues, type TextIssue } from "./campaign-texts";
import { suggestGift } from "./gifts";
import { greetingKeyOf } from "./greeting-cap";
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

type CampaignRow = NonNullable<Awaited<ReturnType<Db["campaign"]["findUnique"]>>>;

export type CampaignOverlap = { campaignId: number; name: string; guests: number };
export type ActivationCheck = { issues: TextIssue[]; overlaps: CampaignOverlap[] };

/** Whether two campaigns greet for the same occasion: same kind and channel, same holiday or event date. */
function sameOccasion(a: CampaignRow, b: CampaignRow) {
  if (a.kind !== b.kind || a.channel !== b.channel) return false;
  if (a.kind === "HOLIDAY") return a.holidayId === b.holidayId;
  // Every day is somebody's birthday: two birthday campaigns always overlap.
  return a.kind === "BIRTHDAY" || a.eventDate === b.eventDate;
}

/** Other active campaigns for the same occasion and channel, with the guests both would reach (as of a date). */
export async function campaignOverlaps(db: Db, campaign: CampaignRow, asOf: string): Promise<CampaignOverlap[]> {
  const others = (await db.campaign.findMany({ where: { status: "ACTIVE", id: { not: campaign.id } }, orderBy: { id: "asc" } })).filter(
    (other) => sameOccasion(campaign, other),
  );
  const ours = audienceWhere(audienceSchema.parse(campaign.audience ?? {}), campaign.channel, asOf);
  const overlaps = await Promise.all(
    others.map(async (other) => ({
      campaignId: other.id,
      name: other.name,
      guests: await db.guest.count({
        where: { AND: [ours, audienceWhere(audienceSchema.parse(other.audience ?? {}), other.channel, asOf)] },
      }),
    })),
  );
  return overlaps.filter((o) => o.guests > 0);
}

/** What activating would need confirmed (warnings, overlaps) or cannot get past (errors). */
export async function activationCheck(db: Db, campaign: CampaignRow, asOf: string): Promise<ActivationCheck> {
  return {
    issues: campaignTextIssues(campaign.kind, campaign, campaign.channel),
    overlaps: await campaignOverlaps(db, campaign, asOf),
  };
}

/** Activation refused: `confirmable` when only warnings and overlaps stand in the way (the user may confirm them). */
export class ActivationRefused extends DomainError {
  constructor(
    public readonly check: ActivationCheck,
    public readonly confirmable: boolean,
  ) {
    super(confirmable ? "campaign.activation.confirmNeeded" : "campaign.activation.refused");
  }
}

export async function setCampaignStatus(
  db: Db,
  actor: Actor,
  campaignId: number,
  status: "ACTIVE" | "PAUSED" | "ARCHIVED",
  // asOf: the property's today (chain-clock.server.ts), the day the planning jobs would start from.
  { confirm = false, asOf }: { confirm?: boolean; asOf: string },
) {
  let confirmed: ActivationCheck | null = null;
  if (status === "ACTIVE") {
    const campaign = await db.campaign.findUnique({ where: { id: campaignId } });
    if (campaign && CAMPAIGN_TRANSITIONS[campaign.status].includes(status)) {
      const check = await activationCheck(db, campaign, asOf);
      if (check.issues.some((i) => i.severity === "error")) throw new ActivationRefused(check, false);
      if (check.issues.length || check.overlaps.length) {
        if (!confirm) throw new ActivationRefused(check, true);
        confirmed = check;
      }
    }
  }
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.findUnique({ where: { id: campaignId } });
    if (!campaign) throw new NotFoundError("Campaign");
    if (!CAMPAIGN_TRANSITIONS[campaign.status].includes(status)) throw new DomainError("error.transition");
    await tx.campaign.update({ where: { id: campaignId }, data: { status } });
    await recordAudit(tx, actor, {
      action: "UPDATE",
      entity: "Campaign",
      entityId: campaignId,
      changes: {
        status: [campaign.status, status],
        // What the user confirmed, in the register with the activation.
        ...(confirmed
          ? {
              confirmedWarnings: confirmed.issues.map((i) => `${i.field}:${i.code}`),
              confirmedOverlaps: confirmed.overlaps.map((o) => ({ campaignId: o.campaignId, guests: o.guests })),
            }
          : {}),
      },
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
  // Greetings other campaigns have already planned for this occasion and channel (the cap keeps them from a second one).
  const greetingKeys =
    campaign.kind === "BIRTHDAY"
      ? Array.from({ length: campaign.leadDays + 1 }, (_, i) => `birthday:${addDays(asOf, i)}`)
      : occasion && campaign.holiday
        ? [`holiday:${campaign.holiday.code}:${occasion.year}`]
        : [];
  const cappedKeys = greetingKeys.filter((key) => greetingKeyOf(campaign.kind, key));
  const [greetedBy, everyoneInWindow, everyoneEligible, samples] = await Promise.all([
    cappedKeys.length
      ? db.outreachTask.groupBy({
          by: ["campaignId"],
          where: { campaignId: { not: campaign.id }, channel: campaign.channel, greetingKey: { in: cappedKeys }, guest: where },
          _count: { _all: true },
        })
      : Promise.resolve([]),
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
  const names = new Map(
    (await db.campaign.findMany({ where: { id: { in: greetedBy.map((g) => g.campaignId) } }, select: { id: true, name: true } })).map(
      (c) => [c.id, c.name],
    ),
  );
  const alreadyGreeted = greetedBy.map((g) => ({ campaignId: g.campaignId, name: names.get(g.campaignId) ?? "", guests: g._count._all }));
  return {
    campaign,
    /** Guests this campaign would greet: the audience, less those another campaign already greets for the occasion. */
    audienceSize: everyoneInWindow - alreadyGreeted.reduce((sum, g) => sum + g.guests, 0),
    alreadyGreeted,
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
