// Small zod building blocks shared by the forms (browser-safe). Every string
// field of every schema is built here (ESLint refuses `z.string()` elsewhere).
import { z } from "zod";
import { z as z4 } from "zod/v4";
import { normaliseText, textProblem, type TextKind } from "./safe-text";

export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

type TextOptions = TextKind & {
  /** Message keys in place of the general ones (the sign-in form has its own). */
  messages?: { required?: string; tooLong?: string; unsafe?: string };
};

/**
 * Text a person typed, as stored: NFC, trimmed, and refused (as a field
 * error) when it holds a character safe-text.ts does not allow. Every text
 * field is built from this — ESLint refuses a bare `z.string()` elsewhere.
 */
function text(max: number, required: boolean, { multiline, messages = {} }: TextOptions) {
  const requiredMessage = messages.required ?? "error.required";
  return z
    .string({ required_error: requiredMessage, invalid_type_error: "error.invalid" })
    .transform((typed, ctx) => {
      const value = normaliseText(typed);
      const problem = textProblem(value, { multiline });
      if (!problem) return value;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: messages.unsafe ?? problem });
      return z.NEVER;
    })
    .pipe(
      z
        .string()
        .min(required ? 1 : 0, requiredMessage)
        .max(max, messages.tooLong ?? "error.tooLong"),
    );
}

/** A text that must be given. `multiline` allows line breaks and tabs (notes, complaints, templates). */
export const requiredText = (max: number, options: TextOptions = {}) => text(max, true, options);

/** A text that may be left blank (blank is absent). */
export const optionalText = (max: number, options: TextOptions = {}) =>
  z.preprocess(blankToUndefined, text(max, false, options).optional());

/** Codes from a multi-select or a stored filter (marker codes, segments): each a one-line text. */
export const textList = (max: number) =>
  z.preprocess((v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(requiredText(max)));

/**
 * A value that is compared or hashed but never stored or shown as text — a
 * password, which must stay exactly as typed, or a redirect target, which
 * safeRedirect checks. The one exception to `text`.
 */
export const unstoredText = (max: number, messages: { required?: string; tooLong?: string } = {}) =>
  z.string({ required_error: messages.required ?? "error.required" }).max(max, messages.tooLong ?? "error.tooLong");

export const isEmailAddress = (value: string) => z.string().email().safeParse(value).success;

/** "2026-11-20T19:00" from a datetime-local input. */
export const isoDateTime = z.string({ required_error: "error.required" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, "error.dateTime");

/** "2026-11-20" and a day that exists (not "2026-02-30", not "9999-99-99"); for forms and query parameters alike. */
export function isRealDate(s: string | null | undefined): s is string {
  if (typeof s !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

// One check, so a malformed date gets one "error.date", not two.
export const isoDate = z.string({ required_error: "error.required" }).refine(isRealDate, "error.date");

export const int = (min: number, max: number, message = "error.number") =>
  z.preprocess(
    (v) => (blankToUndefined(v) === undefined ? undefined : Number(v)),
    z.number({ required_error: "error.required", invalid_type_error: message }).int(message).min(min, message).max(max, message),
  );

/** "1,234.50" → 123450 minor units. */
export const money = z.preprocess(
  (v) => {
    if (typeof v !== "string" || v.trim() === "") return undefined;
    const n = Number(v.replace(/[,\s]/g, ""));
    return Number.isFinite(n) ? Math.round(n * 100) : NaN;
  },
  z
    .number({ required_error: "error.required", invalid_type_error: "error.money" })
    .int()
    .min(0, "error.moneyNegative")
    .max(100_000_000_00, "error.money"),
);

export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const optionalId = z.preprocess(
  (v) => (blankToUndefined(v) === undefined ? undefined : Number(v)),
  z.number().int().positive().optional(),
);

// Every zod message a user can see is a translation key.
z.setErrorMap((issue, ctx) => {
  if (issue.code === z.ZodIssueCode.invalid_type && (issue.received === "undefined" || issue.received === "null"))
    return { message: "error.required" };
  if (issue.code === z.ZodIssueCode.invalid_enum_value) return { message: "error.choice" };
  if (issue.code === z.ZodIssueCode.invalid_type && issue.expected === "number") return { message: "error.number" };
  if (issue.code === z.ZodIssueCode.too_big) return { message: "error.tooLong" };
  return { message: ctx.defaultError.startsWith("error.") ? ctx.defaultError : "error.invalid" };
});

// ---- JSON API fields (zod v4: its z.toJSONSchema writes the OpenAPI document of /api/v1)

/** A text field of an API message, under the same character rule as the forms (NFC, trimmed, safe-text). */
export function apiText(max: number, { multiline = false, min = 1 }: { multiline?: boolean; min?: number } = {}) {
  return z4
    .string()
    .min(min, "error.required")
    .max(max, "error.tooLong")
    .transform((typed) => normaliseText(typed))
    .pipe(
      z4
        .string()
        .min(min, "error.required")
        .refine((value) => textProblem(value, { multiline }) === null, "error.controlCharacter"),
    );
}

/** A calendar day, "2026-11-20". */
export const apiDate = z4
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "error.date")
  .refine(isRealDate, "error.date");

/** An instant with its offset, "2026-11-20T19:00:00+08:00". */
export const apiDateTime = z4.iso.datetime({ offset: true, message: "error.dateTime" });
