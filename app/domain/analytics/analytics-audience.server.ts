// From a chart's guests to the outreach: a DRAFT campaign whose audience is
// the segment rule (when the list is exactly a segment, optionally at a
// property) or the list's guests by id (capped), and the audited CSV export.
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { DomainError } from "../errors";
import { csvStream, type CsvRow } from "../csv.server";
import { eachAnalyticsGuest, countAnalyticsGuests, type AnalyticsGuestRow } from "./analytics-guests.server";
import { isSegmentOnly, type AnalyticsFilters } from "./analytics-filters";
import { chainHome } from "../properties/chain-clock.server";

/** Most guests a campaign audience may name one by one. */
export const MAX_AUDIENCE_GUESTS = 5000;

type CampaignKind = "VIP_CARE" | "WIN_BACK" | "REFERRAL_REWARD";

/** Default texts per kind; marketing edits them before activating. Placeholders: see outreach/render-message.ts. */
const TEMPLATES: Record<CampaignKind, { subjectEn: string; subjectZh: string; templateEn: string; templateZh: string }> = {
  VIP_CARE: {
    subjectEn: "With our thanks, {name}",
    subjectZh: "{name}，感谢您的厚爱",
    templateEn:
      "Dear {name},\n\nThank you for choosing {hotel} again and again. We would be delighted to welcome you back soon. {offer}\n\nWarm regards,\n{hotel}",
    templateZh: "尊敬的{name}：\n\n感谢您一直以来选择{hotel}，我们期待再次为您服务。{offer}\n\n{hotel} 敬上",
  },
  WIN_BACK: {
    subjectEn: "We miss you, {name}",
    subjectZh: "{name}，我们想念您",
    templateEn:
      "Dear {name},\n\nIt has been a while since your last stay with us, and we would love to see you again. {offer}\n\nWarm regards,\n{hotel}",
    templateZh: "尊敬的{name}：\n\n距离您上次入住已有一段时间，我们非常期待与您再次相见。{offer}\n\n{hotel} 敬上",
  },
  REFERRAL_REWARD: {
    subjectEn: "Thank you for recommending us, {name}",
    subjectZh: "{name}，感谢您的推荐",
    templateEn: "Dear {name},\n\nThank you for speaking so well of {hotel}. As a small thank-you: {offer}\n\nWarm regards,\n{hotel}",
    templateZh: "尊敬的{name}：\n\n感谢您向亲友推荐{hotel}。一点心意：{offer}\n\n{hotel} 敬上",
  },
};

export function campaignKindFor(filters: AnalyticsFilters): CampaignKind {
  if (filters.promoter || filters.nps === "PROMOTER") return "REFERRAL_REWARD";
  if (
    filters.segment === "AT_RISK_HIGH_VALUE" ||
    filters.segment === "INACTIVE" ||
    filters.lifecycle === "LAPSED" ||
    filters.movedTo === "AT_RISK_HIGH_VALUE"
  )
    return "WIN_BACK";
  return "VIP_CARE";
}

export async function createCampaignFromList(db: Db, actor: Actor, filters: AnalyticsFilters, o: { name: string }) {
  let audience: { segments: string[]; propertyId?: number } | { guestIds: number[] };
  if (isSegmentOnly(filters)) {
    audience = { segments: [filters.segment], ...(filters.propertyId ? { propertyId: filters.propertyId } : {}) };
  } else {
    const guestIds: number[] = [];
    for await (const batch of eachAnalyticsGuest(db, filters, 1000)) {
      guestIds.push(...batch.map((g) => g.guestId));
      if (guestIds.length > MAX_AUDIENCE_GUESTS) throw new DomainError("error.audienceTooLarge");
    }
    if (!guestIds.length) throw new DomainError("error.audienceEmpty");
    audience = { guestIds };
  }
  const kind = campaignKindFor(filters);
  return db.$transaction(async (tx) => {
    const campaign = await tx.campaign.create({
      data: {
        name: o.name,
        kind,
        audience,
        channel: "EMAIL",
        ...TEMPLATES[kind],
        leadDays: 0,
        status: "DRAFT",
        createdById: actor.staffId,
      },
    });
    await recordAudit(tx, actor, {
      action: "CREATE",
      entity: "Campaign",
      entityId: campaign.id,
      changes: {
        name: campaign.name,
        kind,
        source: "analytics",
        filters,
        audience: "guestIds" in audience ? { guestIds: audience.guestIds.length } : audience,
      },
    });
    return campaign;
  });
}

const CSV_HEADER = [
  "profile_number",
  "name",
  "segment",
  "value_tier",
  "lifecycle",
  "r",
  "f",
  "m",
  "recency_days",
  "stays_in_window",
  "spend_minor_units",
  "currency",
  "satisfaction",
  "nps",
  "credit",
  "promoter",
];

function csvRow(g: AnalyticsGuestRow, currency: string): CsvRow {
  return [
    g.profileNumber,
    g.fullName,
    g.segment ?? "",
    g.valueTier ?? "",
    g.lifecycle ?? "",
    g.r ?? "",
    g.f ?? "",
    g.m ?? "",
    g.recencyDays ?? "",
    g.frequency ?? "",
    g.monetary ?? "",
    currency,
    g.satisfaction ?? "",
    g.npsCategory ?? "",
    g.credit ?? "",
    g.promoter ? "yes" : "no",
  ];
}

/**
 * The list as CSV, streamed a batch at a time. The export is recorded in the
 * access register before any row leaves (filters and row count).
 */
export async function exportAnalyticsGuests(db: Db, actor: Actor, filters: AnalyticsFilters): Promise<ReadableStream<Uint8Array>> {
  const counts = await countAnalyticsGuests(db, filters);
  const { currency } = await chainHome(db);
  await recordAudit(db, actor, {
    action: "EXPORT",
    entity: "AnalyticsGuestList",
    changes: { filters, rows: counts.total - counts.hiddenAnonymised },
  });
  async function* rows() {
    for await (const batch of eachAnalyticsGuest(db, filters)) yield batch.map((g) => csvRow(g, currency));
  }
  return csvStream(CSV_HEADER, rows());
}
