// The form that adds a holiday (admins, Outreach → Holidays). Browser-safe.
import { z } from "zod";
import { requiredText } from "../forms";

export const holidayFormSchema = z.object({
  code: requiredText(40).refine((v) => /^[A-Z0-9_]{2,40}$/.test(v), "error.code"),
  nameEn: requiredText(80),
  nameZh: requiredText(80),
  calendar: z.enum(["GREGORIAN", "LUNAR"]),
  month: z.coerce.number().int().min(1, "error.month").max(12, "error.month"),
  day: z.coerce.number().int().min(1, "error.day").max(31, "error.day"),
});
export type HolidayFormInput = z.infer<typeof holidayFormSchema>;
