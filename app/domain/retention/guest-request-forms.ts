// The forms of a guest's protection panel: a legal hold and an erasure on
// request. Browser-safe.
import { z } from "zod";
import { checkbox, optionalText } from "../forms";

export const legalHoldFormSchema = z.object({ hold: checkbox, legalHoldReason: optionalText(200) }).superRefine((h, ctx) => {
  if (h.hold && !h.legalHoldReason) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["legalHoldReason"], message: "error.required" });
});

export const erasureFormSchema = z.object({
  /** The profile number typed again, compared with the guest's. */
  confirmNumber: optionalText(20).transform((v) => v?.toUpperCase() ?? ""),
  reason: optionalText(200).transform((v) => v ?? "guest request"),
});
