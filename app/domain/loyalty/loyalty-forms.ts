// Forms for word of mouth: a referral (who the guest recommended us to, with
// the points it earns) and a points adjustment (earn or redeem). Browser-safe.
import { z } from "zod";
import { int, optionalText, requiredText } from "../forms";

/** Points a referral earns unless the form says otherwise. */
export const DEFAULT_REFERRAL_POINTS = 500;
export const MAX_POINTS_PER_ENTRY = 100_000;

export const referralFormSchema = z.object({
  referredName: requiredText(120),
  /** Profile number of the referred guest when they already have one (G00001234). */
  referredProfileNumber: optionalText(13)
    .transform((v) => v?.toUpperCase())
    .refine((v) => v === undefined || /^G\d{1,12}$/.test(v), "error.profileNumber"),
  note: optionalText(500, { multiline: true }),
  points: int(0, MAX_POINTS_PER_ENTRY).default(DEFAULT_REFERRAL_POINTS),
});
export type ReferralFormInput = z.infer<typeof referralFormSchema>;

export const pointsFormSchema = z.object({
  /** Positive to award, negative to redeem. */
  points: int(-MAX_POINTS_PER_ENTRY, MAX_POINTS_PER_ENTRY).refine((n) => n !== 0, "error.pointsZero"),
  reason: requiredText(200),
});
export type PointsFormInput = z.infer<typeof pointsFormSchema>;

export const surveyInputSchema = z.object({
  stayId: z.number().int().positive().optional(),
  score: z.number().int().min(0, "error.surveyScore").max(10, "error.surveyScore"),
  comment: optionalText(2000, { multiline: true }),
  answeredAt: z.date().optional(),
});
export type SurveyInput = z.infer<typeof surveyInputSchema>;

/** A post-stay survey answered in a form: by staff for a stay, or by the guest through the e-mailed link. */
export const surveyAnswerSchema = z.object({
  score: int(0, 10, "error.surveyScore"),
  comment: optionalText(2000, { multiline: true }),
});
export type SurveyAnswer = z.infer<typeof surveyAnswerSchema>;
