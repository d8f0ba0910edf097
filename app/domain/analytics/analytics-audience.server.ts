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
import { DEFAULT_TEXTS } from "../outreach/campaign-texts";

/** Most guests a campaign audience may name one by one. */
export const MAX_AUDIENCE_GUESTS = 5000;

/** The kinds a list from analytics becomes; it starts with the kind's default texts (outreach/campaign-texts.ts). */
type CampaignKind = "VIP_CARE" | "WIN_BACK" | "REFERRAL_REWARD";

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
        ...DEFAULT_TEXTS[kind],
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
