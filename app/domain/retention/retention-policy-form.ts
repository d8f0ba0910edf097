import { z } from "zod";
import { checkbox, int } from "../forms";

export const retentionPolicySchema = z.object({
  inactivityDays: int(180, 36_500, "error.inactivityDays"),
  graceDays: int(0, 365, "error.graceDays"),
  exemptFutureStay: checkbox,
  exemptOpenComplaint: checkbox,
  exemptLegalHold: checkbox,
  exemptVipLevel: z.preprocess(
    (v) => (v === "" || v == null ? undefined : Number(v)),
    z.number().int().min(1, "error.vipLevel").max(5, "error.vipLevel").optional(),
  ),
  exemptRecentConsent: checkbox,
});
export type RetentionPolicyInput = z.infer<typeof retentionPolicySchema>;
