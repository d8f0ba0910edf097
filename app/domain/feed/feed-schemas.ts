// The messages of the PMS feed (/api/v1): one zod schema each, which both
// validates requests and writes the OpenAPI document (openapi.server.ts).
// Every message names its source system and its id there, and carries the
// source's modification time (and optionally a sequence) for order safety.
import { z } from "zod/v4";
import { apiDate, apiDateTime, apiText, isEmailAddress } from "../forms";
import { GENDERS, LANGUAGES } from "../guests/guest-form";
import { BOOKING_CHANNELS, MAX_NIGHTS, ROOM_TYPES, STAY_STATUSES, TRAVEL_PURPOSES } from "../stays/stay-form";
import { MEAL_PERIODS, PAYMENT_METHODS } from "../consumption/charge-form";

const source = apiText(40).describe('The sending system, e.g. "OPERA-SHA"; with externalId a hard key.');
const externalId = apiText(64).describe("The record's id in the sending system.");
const modifiedAt = apiDateTime.describe("When the source last modified the record: an older message never overwrites a newer one.");
const sequence = z.int().min(0).max(2_147_483_647).optional().describe("Tie-breaker for messages with the same modifiedAt (higher wins).");
const propertyCode = apiText(20).describe("The property's code (HotelCode).");

const phone = apiText(30).refine((p) => /^\+?[\d\s()-]{6,30}$/.test(p) && p.replace(/\D/g, "").length >= 6, "error.phone");
const email = apiText(120).refine(isEmailAddress, "error.email");

/** The person fields a profile or a reservation's primary guest carries. */
const personFields = {
  fullName: apiText(100),
  gender: z.enum(GENDERS).optional(),
  birthDate: apiDate.optional(),
  nationality: apiText(60).optional(),
  address: apiText(200).optional(),
  phone: phone.optional(),
  email: email.optional(),
  company: apiText(120).optional(),
  language: z.enum(LANGUAGES).optional(),
};

export const guestProfileMessage = z
  .object({ source, externalId, modifiedAt, sequence, ...personFields })
  .meta({ id: "GuestProfile", description: "A guest profile of the source, upserted by (source, externalId)." });
export type GuestProfileMessage = z.output<typeof guestProfileMessage>;

export const reservationGuest = z
  .object({ externalId: externalId.optional().describe("The source's profile id of the primary guest."), ...personFields })
  .meta({ id: "ReservationGuest", description: "The primary guest. Company and travel-agent profiles are not guests." });

export const reservationMessage = z
  .object({
    source,
    externalId,
    modifiedAt,
    sequence,
    propertyCode,
    status: z.enum(STAY_STATUSES),
    guest: reservationGuest,
    roomNumber: apiText(10).optional().describe("Changing it while in house is a room move."),
    roomType: z.enum(ROOM_TYPES),
    arrivalDate: apiDate,
    departureDate: apiDate,
    bookingChannel: z.enum(BOOKING_CHANNELS).default("OTA"),
    purpose: z.enum(TRAVEL_PURPOSES).default("OTHER"),
    adults: z.int().min(1).max(20).default(1),
    children: z.int().min(0).max(20).default(0),
    rateAmount: z.int().min(0).max(100_000_000).default(0).describe("Nightly rate in minor units of the property's currency."),
  })
  .refine((r) => r.departureDate > r.arrivalDate, { path: ["departureDate"], message: "error.departureBeforeArrival" })
  .refine((r) => (Date.parse(r.departureDate) - Date.parse(r.arrivalDate)) / 86_400_000 <= MAX_NIGHTS, {
    path: ["departureDate"],
    message: "error.stayTooLong",
  })
  .meta({ id: "Reservation", description: "A reservation through its life, upserted by (source, externalId)." });
export type ReservationMessage = z.output<typeof reservationMessage>;

export const chargeMessage = z
  .object({
    source,
    externalId,
    propertyCode,
    reservationExternalId: externalId.optional().describe("The reservation the charge is posted to (same source)."),
    guestExternalId: externalId.optional().describe("The guest's profile id, for a charge without a reservation."),
    outlet: apiText(60),
    mealPeriod: z.enum(MEAL_PERIODS).default("NONE"),
    covers: z.int().min(1).max(500).default(1),
    grossAmount: z.int().min(0).max(1_000_000_000).describe("Minor units."),
    netAmount: z.int().min(0).max(1_000_000_000).describe("Minor units, after discount."),
    paymentMethod: z.enum(PAYMENT_METHODS),
    chargedAt: apiDateTime,
    description: apiText(200).optional(),
  })
  .refine((c) => c.reservationExternalId || c.guestExternalId, { path: ["reservationExternalId"], message: "error.required" })
  .refine((c) => c.netAmount <= c.grossAmount, { path: ["netAmount"], message: "error.discount" })
  .meta({ id: "Charge", description: "A folio charge, posted once per (source, externalId)." });
export type ChargeMessage = z.output<typeof chargeMessage>;

export const surveyMessage = z
  .object({
    source,
    externalId,
    reservationExternalId: externalId.describe("The stay the survey is about (same source)."),
    score: z.int().min(0).max(10).describe("Likelihood to recommend, 0–10."),
    comment: apiText(2000, { multiline: true }).optional(),
    answeredAt: apiDateTime,
  })
  .meta({ id: "Survey", description: "A guest's survey answer about a stay, posted once per (source, externalId)." });
export type SurveyMessage = z.output<typeof surveyMessage>;

export const FEED_MESSAGES = {
  guest: guestProfileMessage,
  stay: reservationMessage,
  charge: chargeMessage,
  survey: surveyMessage,
} as const;
export type FeedKind = keyof typeof FEED_MESSAGES | "ota";
