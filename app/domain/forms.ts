// Small zod building blocks shared by the forms (browser-safe).
import { z } from "zod";

export const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v),
    z.string().max(max, "error.tooLong").optional(),
  );

export const requiredText = (max: number) =>
  z.string({ required_error: "error.required" }).trim().min(1, "error.required").max(max, "error.tooLong");

export const isoDate = z.string({ required_error: "error.required" }).refine((s) => {
  // One check, so a malformed date gets one "error.date", not two.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}, "error.date");

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
