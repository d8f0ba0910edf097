// A guest's whole seeded archive as plain values, before ids are assigned.
// Random guests (random-guest.ts) and the anchors (anchor-plans.ts) are both
// planned this way and turned into rows by emit.ts, so both get search keys,
// timeline events and consistent money the same way.
import type { LunarDate } from "../../app/domain/calendar/lunar";
import type { MarkerCode, PropertyCode } from "./reference";

export type ChargePlan = {
  outlet: string;
  mealPeriod: string;
  covers: number;
  grossAmount: number;
  discountRate: number;
  paymentMethod: string;
  chargedAt: number;
  description: string | null;
  /** Settled unless the loyalty plan (loyalty.ts) says otherwise. */
  settlement?: "SETTLED" | "DISPUTED" | "UNPAID";
};

export type StayPlan = {
  property: PropertyCode;
  roomNumber: string | null;
  roomType: string;
  /** Day number (dates.ts) of arrival. */
  arrivalDay: number;
  nights: number;
  bookingChannel: string;
  purpose: string;
  adults: number;
  children: number;
  rateAmount: number;
  amenities: string[];
  status: "RESERVED" | "IN_HOUSE" | "CHECKED_OUT" | "CANCELLED" | "NO_SHOW";
  bookedAt: number;
  /** Only for a planted quality issue (planted-quality.ts): a departure that disagrees with the nights. */
  departureDay?: number;
  charges: ChargePlan[];
  /** A post-stay survey, if the guest answered one. */
  survey?: { score: number; comment: string | null; answeredAt: number };
};

export type PreferencePlan = {
  category: string;
  value: string;
  note: string | null;
  source: "GUEST_STATED" | "STAFF_OBSERVED" | "INFERRED";
  confidence: number;
  evidence: string | null;
  status: "ACTIVE" | "PENDING_REVIEW" | "PROPOSED" | "REJECTED" | "RETIRED";
  createdAt: number;
};

export type SpecialDatePlan = {
  kind: string;
  label: string;
  calendar: "GREGORIAN" | "LUNAR";
  month: number;
  day: number;
  isLeapMonth: boolean;
  year: number | null;
  note: string | null;
  createdAt: number;
};

export type FeedbackPlan = {
  /** Index into the guest's stays. */
  stayIndex: number;
  kind: "COMPLAINT" | "SUGGESTION" | "COMPLIMENT";
  category: string;
  severity: "LOW" | "MEDIUM" | "HIGH" | "CRITICAL";
  department: string;
  description: string;
  status: "OPEN" | "IN_PROGRESS" | "RESOLVED" | "CLOSED";
  handling: string | null;
  compensation: string | null;
  guestReaction: "SATISFIED" | "NEUTRAL" | "DISSATISFIED" | null;
  guestReactionNote: string | null;
  deadline: number | null;
  resolvedAt: number | null;
  createdAt: number;
};

export type GuestPlan = {
  /** Only for a planted quality issue (planted-quality.ts): no pinyin stored, and the last save long ago. */
  namePinyinMissing?: boolean;
  lastConfirmedAt?: number;
  profileNumber: string;
  fullName: string;
  familyName: string | null;
  givenName: string | null;
  gender: "FEMALE" | "MALE" | "OTHER" | "UNDISCLOSED";
  birthDate: string | null;
  /** Set when the guest celebrates the lunar birthday. */
  lunarBirthday: LunarDate | null;
  ethnicity: string | null;
  nativePlace: string | null;
  nationality: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  company: string | null;
  language: string;
  idDocument: { type: string; number: string } | null;
  vipLevel: number;
  consents: { email: boolean; sms: boolean; phone: boolean; mail: boolean };
  notes: string | null;
  createdAt: number;
  markers: MarkerCode[];
  /** In arrival order. */
  stays: StayPlan[];
  preferences: PreferencePlan[];
  specialDates: SpecialDatePlan[];
  feedback: FeedbackPlan[];
  /** Guests this guest recommended us to, each with the points it earned (and maybe spent). */
  referrals?: {
    referredName: string;
    note: string | null;
    createdAt: number;
    points: number;
    redemption: { points: number; reason: string; at: number } | null;
  }[];
};
