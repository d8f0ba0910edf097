import { z } from "zod";
import { int, isoDate, money, optionalText } from "../forms";

export const BOOKING_CHANNELS = ["DIRECT", "WEBSITE", "PHONE", "OTA", "TRAVEL_AGENT", "CORPORATE", "WALK_IN", "GROUP"] as const;
export const TRAVEL_PURPOSES = ["BUSINESS", "LEISURE", "FAMILY", "EVENT", "OTHER"] as const;
export const STAY_STATUSES = ["RESERVED", "IN_HOUSE", "CHECKED_OUT", "CANCELLED", "NO_SHOW"] as const;
export const ROOM_TYPES = ["STANDARD", "SUPERIOR", "DELUXE", "EXECUTIVE", "SUITE", "FAMILY"] as const;
export const AMENITIES = [
  "MINIBAR",
  "GYM",
  "POOL",
  "SPA",
  "LAUNDRY",
  "BUSINESS_CENTRE",
  "LATE_CHECKOUT",
  "AIRPORT_TRANSFER",
  "BREAKFAST",
] as const;
export const MAX_NIGHTS = 365;

export const stayFormSchema = z
  .object({
    propertyId: int(1, 1_000_000),
    roomNumber: optionalText(10),
    roomType: z.enum(ROOM_TYPES, { errorMap: () => ({ message: "error.required" }) }),
    arrivalDate: isoDate,
    departureDate: isoDate,
    bookingChannel: z.enum(BOOKING_CHANNELS, { errorMap: () => ({ message: "error.required" }) }),
    purpose: z.enum(TRAVEL_PURPOSES, { errorMap: () => ({ message: "error.required" }) }),
    adults: int(1, 20),
    children: int(0, 20).default(0),
    rateAmount: money.optional(),
    amenitiesUsed: z.preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(AMENITIES)).default([])),
    status: z.enum(STAY_STATUSES).default("RESERVED"),
  })
  .superRefine((s, ctx) => {
    if (s.arrivalDate && s.departureDate && s.departureDate <= s.arrivalDate) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["departureDate"], message: "error.departureBeforeArrival" });
    }
    if (nightsBetween(s.arrivalDate, s.departureDate) > MAX_NIGHTS) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["departureDate"], message: "error.stayTooLong" });
    }
    if (s.status === "IN_HOUSE" && !s.roomNumber) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["roomNumber"], message: "error.roomNeeded" });
    }
  });

export type StayFormInput = z.infer<typeof stayFormSchema>;

export function nightsBetween(arrival: string, departure: string): number {
  return Math.round((Date.parse(`${departure}T00:00:00Z`) - Date.parse(`${arrival}T00:00:00Z`)) / 86_400_000);
}
