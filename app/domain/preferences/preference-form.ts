import { z } from "zod";
import { optionalText, requiredText } from "../forms";

export const PREFERENCE_CATEGORIES = [
  "ROOM",
  "BED",
  "PILLOW",
  "FLOOR",
  "VIEW",
  "SMOKING",
  "DIET",
  "ALLERGY",
  "TABOO",
  "BEVERAGE",
  "READING",
  "HYGIENE",
  "AMENITY",
  "HOBBY",
  "SERVICE",
  "OTHER",
] as const;

export const preferenceFormSchema = z.object({
  category: z.enum(PREFERENCE_CATEGORIES, { errorMap: () => ({ message: "error.required" }) }),
  value: requiredText(120),
  note: optionalText(500),
  source: z.enum(["GUEST_STATED", "STAFF_OBSERVED"]).default("STAFF_OBSERVED"),
});
export type PreferenceFormInput = z.infer<typeof preferenceFormSchema>;

/**
 * What someone at the desk noticed, in two steps (profile, arrival brief): a
 * category and a few words. It is saved as a preference the staff member
 * observed (addObservation).
 */
export const observationFormSchema = preferenceFormSchema.pick({ category: true, value: true });
export type ObservationFormInput = z.infer<typeof observationFormSchema>;

export const specialDateFormSchema = z
  .object({
    kind: z.enum(["BIRTHDAY", "ANNIVERSARY", "CUSTOM"]),
    label: requiredText(80),
    calendar: z.enum(["GREGORIAN", "LUNAR"]).default("GREGORIAN"),
    month: z.preprocess(
      (v) => Number(v),
      z.number({ invalid_type_error: "error.month" }).int().min(1, "error.month").max(12, "error.month"),
    ),
    day: z.preprocess((v) => Number(v), z.number({ invalid_type_error: "error.day" }).int().min(1, "error.day").max(31, "error.day")),
    isLeapMonth: z.preprocess((v) => v === "on" || v === true, z.boolean()),
    year: z.preprocess(
      (v) => (v === "" || v == null ? undefined : Number(v)),
      z.number().int().min(1900, "error.year").max(2200, "error.year").optional(),
    ),
    note: optionalText(300),
  })
  .superRefine((s, ctx) => {
    const maxDay = s.calendar === "LUNAR" ? 30 : [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][s.month - 1];
    if (s.day > maxDay) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["day"], message: "error.day" });
    if (s.isLeapMonth && s.calendar !== "LUNAR")
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["isLeapMonth"], message: "error.leapOnlyLunar" });
  });
export type SpecialDateFormInput = z.infer<typeof specialDateFormSchema>;
