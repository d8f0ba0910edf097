import { z } from "zod";
import { int, optionalId, optionalText, requiredText } from "../forms";
import { DEPARTMENTS } from "../staff/departments";
import { CHOOSABLE_CATEGORIES, fixedCategoryOf, kindOfCategory, OBSERVATION_KINDS } from "./observation-kinds";
import { PREFERENCE_CATEGORIES } from "./preference-form-categories";

export { PREFERENCE_CATEGORIES };

export const preferenceFormSchema = z.object({
  category: z.enum(PREFERENCE_CATEGORIES, { errorMap: () => ({ message: "error.required" }) }),
  value: requiredText(120),
  note: optionalText(500),
  source: z.enum(["GUEST_STATED", "STAFF_OBSERVED"]).default("STAFF_OBSERVED"),
});
export type PreferenceFormInput = z.infer<typeof preferenceFormSchema>;

const blank = (v: unknown) => (v === "" || v == null ? undefined : v);

/**
 * What someone noticed, in two steps (profile, arrival brief, the phone form
 * at /observe): a kind, a few words, and — when it is not obvious — a
 * category, the department (the sender's by default) and the stay (the
 * guest's current or last by default). A form with a category and no kind
 * (the older two-field form) is read as the category's kind. A special day
 * carries its month and day. Saved by addObservation.
 */
export const observationFormSchema = z
  .object({
    kind: z.preprocess(blank, z.enum(OBSERVATION_KINDS).optional()),
    category: z.preprocess(blank, z.enum(PREFERENCE_CATEGORIES).optional()),
    value: requiredText(120),
    department: z.preprocess(blank, z.enum(DEPARTMENTS).optional()),
    stayId: optionalId,
    occasionMonth: int(1, 12, "error.month").optional(),
    occasionDay: int(1, 31, "error.day").optional(),
  })
  .superRefine((o, ctx) => {
    const kind = o.kind ?? (o.category ? kindOfCategory(o.category) : undefined);
    if (!kind) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["category"], message: "error.required" });
      return;
    }
    const fixed = fixedCategoryOf(kind);
    if (!fixed && !o.category) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["category"], message: "error.required" });
    if (!fixed && o.category && o.kind && !(CHOOSABLE_CATEGORIES as readonly string[]).includes(o.category))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["category"], message: "error.choice" });
    if (kind === "SPECIAL_DAY") {
      if (o.occasionMonth == null) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["occasionMonth"], message: "error.month" });
      if (o.occasionDay == null) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["occasionDay"], message: "error.day" });
      if (o.occasionMonth != null && o.occasionDay != null) {
        const maxDay = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][o.occasionMonth - 1];
        if (o.occasionDay > maxDay) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["occasionDay"], message: "error.day" });
      }
    }
  })
  .transform((o) => {
    const kind = o.kind ?? kindOfCategory(o.category!);
    return {
      kind,
      category: fixedCategoryOf(kind) ?? o.category!,
      value: o.value,
      department: o.department,
      stayId: o.stayId,
      occasion: kind === "SPECIAL_DAY" ? { month: o.occasionMonth!, day: o.occasionDay! } : undefined,
    };
  });
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
