// The guest form's rules, used by the browser (instant field errors) and the
// server (the authority). Messages are translation keys.
import { z } from "zod";
import { isValidPhone } from "../quality/phone";
import { checkbox, isEmailAddress, isoDate, optionalText, requiredText, textList } from "../forms";

export const GENDERS = ["FEMALE", "MALE", "OTHER", "UNDISCLOSED"] as const;
export const LANGUAGES = ["zh-CN", "en", "ja", "ko", "fr", "de", "es", "ru", "ar", "other"] as const;
export const ID_DOCUMENT_TYPES = ["RESIDENT_ID", "PASSPORT", "HK_MACAO_PERMIT", "TAIWAN_PERMIT", "OTHER"] as const;

export function guestFormSchema(today: string) {
  return z
    .object({
      fullName: requiredText(100),
      gender: z.enum(GENDERS).default("UNDISCLOSED"),
      birthDate: z
        .preprocess((v) => (v === "" ? undefined : v), isoDate.optional())
        .refine((d) => !d || !isoDate.safeParse(d).success || (d >= "1900-01-01" && d <= today), "error.birthDateRange"),
      birthdayCalendar: z.enum(["GREGORIAN", "LUNAR"]).default("GREGORIAN"),
      lunarBirthMonth: z.preprocess(
        (v) => (v === "" || v == null ? undefined : Number(v)),
        z.number().int().min(1, "error.lunarMonth").max(12, "error.lunarMonth").optional(),
      ),
      lunarBirthDay: z.preprocess(
        (v) => (v === "" || v == null ? undefined : Number(v)),
        z.number().int().min(1, "error.lunarDay").max(30, "error.lunarDay").optional(),
      ),
      lunarBirthLeap: checkbox,
      ethnicity: optionalText(40),
      nativePlace: optionalText(80),
      nationality: optionalText(60),
      address: optionalText(200),
      // A real number by libphonenumber's full metadata (China unless a +country code is typed); stored in E.164.
      phone: optionalText(30).refine((p) => !p || (/^\+?[\d\s()-]{6,30}$/.test(p) && isValidPhone(p)), "error.phone"),
      email: optionalText(120).refine((e) => !e || isEmailAddress(e), "error.email"),
      company: optionalText(120),
      language: z.enum(LANGUAGES).default("zh-CN"),
      idDocumentType: z.preprocess((v) => (v === "" ? undefined : v), z.enum(ID_DOCUMENT_TYPES).optional()),
      idDocumentNumber: optionalText(40).refine((n) => !n || /^[0-9A-Za-z-]{4,40}$/.test(n), "error.idDocument"),
      vipLevel: z.preprocess(
        (v) => (v === "" || v == null ? 0 : Number(v)),
        z.number().int().min(0, "error.vipLevel").max(5, "error.vipLevel"),
      ),
      markers: textList(40).default([]),
      consentEmail: checkbox,
      consentSms: checkbox,
      consentPhone: checkbox,
      consentMail: checkbox,
      notes: optionalText(2000, { multiline: true }),
      version: z.preprocess((v) => (v === "" || v == null ? undefined : Number(v)), z.number().int().positive().optional()),
      confirmDuplicate: checkbox,
    })
    .superRefine((g, ctx) => {
      if (g.birthdayCalendar === "LUNAR" && !g.birthDate && (!g.lunarBirthMonth || !g.lunarBirthDay)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["lunarBirthMonth"], message: "error.lunarNeeded" });
      }
      if (g.idDocumentNumber && !g.idDocumentType) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["idDocumentType"], message: "error.required" });
      }
    });
}

export type GuestFormInput = z.infer<ReturnType<typeof guestFormSchema>>;
