// The campaign form and its audience filter (browser-safe).
import { z } from "zod";
import { checkbox, int, isoDate, optionalText, requiredText, textList } from "../forms";
import { SEGMENTS } from "../segments/segment-names";

export const CAMPAIGN_KINDS = [
  "BIRTHDAY",
  "HOLIDAY",
  "VIP_CARE",
  "WIN_BACK",
  "EVENT_INVITATION",
  "PRODUCT_TRIAL",
  "REFERRAL_REWARD",
] as const;
export const CHANNELS = ["EMAIL", "SMS", "MAIL", "PHONE", "IN_PERSON"] as const;
export type Channel = (typeof CHANNELS)[number];

export const audienceSchema = z.object({
  markers: z.array(requiredText(40)).optional(),
  minVipLevel: z.number().int().min(0).max(5).optional(),
  segments: z.array(z.enum(SEGMENTS)).optional(),
  /** Stayed within the last N days. */
  lastStayWithinDays: z.number().int().positive().optional(),
  /** Has stayed, but not in the last N days (win-back). */
  lastStayMoreThanDays: z.number().int().positive().optional(),
  propertyId: z.number().int().positive().optional(),
  companies: z.array(requiredText(120)).optional(),
  guestIds: z.array(z.number().int().positive()).max(5000).optional(),
});
export type AudienceFilter = z.infer<typeof audienceSchema>;

const optionalInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" || v == null ? undefined : Number(v)),
    z.number({ invalid_type_error: "error.number" }).int("error.number").min(min, "error.number").max(max, "error.number").optional(),
  );

const campaignName = requiredText(120);

export const campaignFormSchema = z
  .object({
    name: campaignName,
    kind: z.enum(CAMPAIGN_KINDS),
    holidayId: optionalInt(1, 1_000_000),
    channel: z.enum(CHANNELS),
    subjectEn: requiredText(200),
    subjectZh: requiredText(200),
    templateEn: requiredText(4000, { multiline: true }),
    templateZh: requiredText(4000, { multiline: true }),
    offer: optionalText(200),
    leadDays: int(0, 90),
    eventDate: z.preprocess((v) => (v === "" ? undefined : v), isoDate.optional()),
    // Audience
    markers: textList(40),
    minVipLevel: optionalInt(0, 5),
    segments: textList(40),
    lastStayWithinDays: optionalInt(1, 3650),
    lastStayMoreThanDays: optionalInt(1, 3650),
    propertyId: optionalInt(1, 1_000_000),
    // One line or several, separated by commas: the whole text is checked, then each company.
    companies: optionalText(4000, { multiline: true })
      .transform((v) =>
        (v ?? "")
          .split(/[,，\n]/)
          .map((c) => c.trim())
          .filter(Boolean),
      )
      .pipe(z.array(requiredText(120))),
    keepGuestIds: checkbox,
  })
  .superRefine((c, ctx) => {
    if (c.kind === "HOLIDAY" && !c.holidayId)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["holidayId"], message: "error.holidayNeeded" });
    if (["EVENT_INVITATION", "PRODUCT_TRIAL"].includes(c.kind) && !c.eventDate)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["eventDate"], message: "error.eventDateNeeded" });
    for (const s of c.segments)
      if (!(SEGMENTS as readonly string[]).includes(s))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["segments"], message: "error.choice" });
  });
export type CampaignFormInput = z.infer<typeof campaignFormSchema>;

/** A draft campaign made from an analytics guest list: only its name is asked. */
export const listCampaignFormSchema = z.object({ name: campaignName });

export const outcomeFormSchema = z.object({
  taskId: int(1, Number.MAX_SAFE_INTEGER),
  status: z.enum(["SENT", "DONE", "SKIPPED"]),
  outcome: optionalText(500),
});
