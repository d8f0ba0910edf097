import { z } from "zod";
import { DEFAULT_DEADLINES } from "./deadlines";
import { int, optionalId, optionalText, requiredText } from "../forms";
import { DEPARTMENTS } from "../staff/departments";

export const FEEDBACK_KINDS = ["COMPLAINT", "SUGGESTION", "COMPLIMENT"] as const;
export const FEEDBACK_CATEGORIES = [
  "ROOM",
  "CLEANLINESS",
  "NOISE",
  "SERVICE",
  "FOOD",
  "BILLING",
  "FACILITIES",
  "STAFF",
  "CHECK_IN",
  "OTHER",
] as const;
export const SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export const FEEDBACK_STATUSES = ["OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED"] as const;
export const HANDLING_REACTIONS = ["SATISFIED", "NEUTRAL", "DISSATISFIED"] as const;

/** Hours to resolve a complaint, by severity, by default (the policy and its configuration: deadlines.ts). */
export const RESPONSE_HOURS: Record<(typeof SEVERITIES)[number], number> = {
  LOW: DEFAULT_DEADLINES.LOW.resolve,
  MEDIUM: DEFAULT_DEADLINES.MEDIUM.resolve,
  HIGH: DEFAULT_DEADLINES.HIGH.resolve,
  CRITICAL: DEFAULT_DEADLINES.CRITICAL.resolve,
};

export const feedbackFormSchema = z.object({
  kind: z.enum(FEEDBACK_KINDS),
  propertyId: int(1, 1_000_000),
  stayId: optionalId,
  category: z.enum(FEEDBACK_CATEGORIES, { errorMap: () => ({ message: "error.required" }) }),
  severity: z.enum(SEVERITIES).default("LOW"),
  department: z.enum(DEPARTMENTS, { errorMap: () => ({ message: "error.required" }) }),
  description: requiredText(2000, { multiline: true }),
});
export type FeedbackFormInput = z.infer<typeof feedbackFormSchema>;

export const handlingFormSchema = z
  .object({
    feedbackId: int(1, Number.MAX_SAFE_INTEGER),
    status: z.enum(FEEDBACK_STATUSES),
    handling: optionalText(2000, { multiline: true }),
    compensation: optionalText(200),
    guestReaction: z.preprocess((v) => (v === "" ? undefined : v), z.enum(HANDLING_REACTIONS).optional()),
    guestReactionNote: optionalText(500),
  })
  .superRefine((h, ctx) => {
    if ((h.status === "RESOLVED" || h.status === "CLOSED") && !h.handling) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["handling"], message: "error.handlingNeeded" });
    }
  });
export type HandlingFormInput = z.infer<typeof handlingFormSchema>;
