import { z } from "zod";
import { int, isoDateTime, money, optionalId, optionalText, requiredText } from "../forms";

export const MEAL_PERIODS = ["BREAKFAST", "LUNCH", "AFTERNOON", "DINNER", "LATE_NIGHT", "NONE"] as const;
export const PAYMENT_METHODS = ["CASH", "CARD", "WECHAT_PAY", "ALIPAY", "ROOM_ACCOUNT", "CITY_LEDGER", "VOUCHER"] as const;
export const OUTLETS = [
  "Chinese Restaurant",
  "All-Day Dining",
  "Lobby Bar",
  "Room Service",
  "Spa",
  "Minibar",
  "Banquet",
  "Tea House",
] as const;

export const chargeFormSchema = z.object({
  propertyId: int(1, 1_000_000),
  stayId: optionalId,
  outlet: requiredText(60),
  mealPeriod: z.enum(MEAL_PERIODS).default("NONE"),
  covers: int(1, 500),
  grossAmount: money,
  /** Percent off, 0–100. */
  discountPercent: z.preprocess(
    (v) => (v === "" || v == null ? 0 : Number(v)),
    z.number({ invalid_type_error: "error.number" }).min(0, "error.discount").max(100, "error.discount"),
  ),
  paymentMethod: z.enum(PAYMENT_METHODS, { errorMap: () => ({ message: "error.required" }) }),
  chargedAt: isoDateTime,
  description: optionalText(200),
});

export type ChargeFormInput = z.infer<typeof chargeFormSchema>;

export function netAmountOf(grossAmount: number, discountPercent: number): number {
  return Math.round(grossAmount * (1 - discountPercent / 100));
}
