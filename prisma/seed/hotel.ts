// How the two seeded hotels work: room numbering, rates, and what guests spend
// in the outlets during a stay.
import { DateTime } from "luxon";
import { AMENITIES, type ROOM_TYPES } from "../../app/domain/stays/stay-form";
import type { PAYMENT_METHODS } from "../../app/domain/consumption/charge-form";
import { MEAL_HOURS, OUTLET_PROFILES, ROOM_RATES } from "./catalog";
import { instantOf } from "./dates";
import type { ChargePlan, StayPlan } from "./plan";
import { PROPERTIES, type PropertyCode } from "./reference";
import { hashInts, Rng, weighted } from "./random";

export type RoomType = (typeof ROOM_TYPES)[number];
type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** Floors 3–30 without 4, 13 and 14 (skipped as unlucky, as many hotels do); rooms 01–24 on each. */
export const FLOORS = Array.from({ length: 28 }, (_, i) => i + 3).filter((f) => f !== 4 && f !== 13 && f !== 14);
export const ROOMS_PER_FLOOR = 24;

export function roomTypeOf(floor: number, room: number): RoomType {
  if (floor >= 28) return "SUITE";
  if (floor >= 23) return "EXECUTIVE";
  if (floor >= 15) return "DELUXE";
  if (room <= 10) return "STANDARD";
  if (room <= 18) return "SUPERIOR";
  return "FAMILY";
}

function roomNumber(floor: number, room: number) {
  return `${floor}${String(room).padStart(2, "0")}`;
}

const FLOORS_BY_TYPE: Record<RoomType, { floors: number[]; rooms: [number, number] }> = {
  STANDARD: { floors: FLOORS.filter((f) => f < 15), rooms: [1, 10] },
  SUPERIOR: { floors: FLOORS.filter((f) => f < 15), rooms: [11, 18] },
  FAMILY: { floors: FLOORS.filter((f) => f < 15), rooms: [19, 24] },
  DELUXE: { floors: FLOORS.filter((f) => f >= 15 && f < 23), rooms: [1, 24] },
  EXECUTIVE: { floors: FLOORS.filter((f) => f >= 23 && f < 28), rooms: [1, 24] },
  SUITE: { floors: FLOORS.filter((f) => f >= 28), rooms: [1, 24] },
};

/** A room of the type, for a past stay (rooms need not be free then). */
export function randomRoom(rng: Rng, roomType: RoomType, avoidFour: boolean): string {
  const { floors, rooms } = FLOORS_BY_TYPE[roomType];
  let number = "";
  for (let attempt = 0; attempt < 4; attempt++) {
    number = roomNumber(rng.pick(floors), rng.int(rooms[0], rooms[1]));
    if (!avoidFour || !number.includes("4")) break;
  }
  return number;
}

/** Hands out the free rooms of each hotel for guests in house now: never one room twice. */
export class RoomAllocator {
  private readonly free = new Map<PropertyCode, { floor: number; room: number }[]>();

  constructor(seed: number, taken: { property: PropertyCode; roomNumber: string }[]) {
    PROPERTIES.forEach((p, i) => {
      const all = FLOORS.flatMap((floor) => Array.from({ length: ROOMS_PER_FLOOR }, (_, r) => ({ floor, room: r + 1 })));
      const busy = new Set(taken.filter((t) => t.property === p.code).map((t) => t.roomNumber));
      this.free.set(
        p.code,
        new Rng(hashInts(seed, i, 0x700)).sample(all, all.length).filter((r) => !busy.has(roomNumber(r.floor, r.room))),
      );
    });
  }

  static get roomsPerProperty() {
    return FLOORS.length * ROOMS_PER_FLOOR;
  }

  take(property: PropertyCode): { roomNumber: string; roomType: RoomType } | null {
    const next = this.free.get(property)!.pop();
    return next ? { roomNumber: roomNumber(next.floor, next.room), roomType: roomTypeOf(next.floor, next.room) } : null;
  }
}

/** Minutes east of UTC for each hotel. Both zones have had no daylight saving for decades, so one offset serves every date. */
export function propertyOffsets(today: string): Record<PropertyCode, number> {
  return Object.fromEntries(PROPERTIES.map((p) => [p.code, DateTime.fromISO(today, { zone: p.timeZone }).offset])) as Record<
    PropertyCode,
    number
  >;
}

/** HKD prices run higher than CNY ones for the same room. */
const CURRENCY_SCALE: Record<PropertyCode, number> = { SHB: 1, HKV: 1.35 };
const SEASON = [0.9, 1.15, 0.95, 1.0, 1.1, 1.0, 1.05, 1.05, 1.0, 1.2, 1.05, 1.1];
const CHANNEL_FACTOR: Record<string, number> = { CORPORATE: 0.85, GROUP: 0.8, OTA: 0.95, TRAVEL_AGENT: 0.9 };

/** Nightly rate in minor units (fen/cents), rounded to whole yuan/dollars. */
export function nightlyRate(rng: Rng, property: PropertyCode, roomType: RoomType, arrivalDay: number, channel: string): number {
  const month = new Date(arrivalDay * 86_400_000).getUTCMonth();
  const whole = ROOM_RATES[roomType] * CURRENCY_SCALE[property] * SEASON[month] * (CHANNEL_FACTOR[channel] ?? 1) * (0.9 + rng.next() * 0.2);
  return Math.round(whole) * 100;
}

export function roomRevenueOf(stay: Pick<StayPlan, "status" | "rateAmount" | "nights">): number {
  return stay.status === "CANCELLED" || stay.status === "NO_SHOW" ? 0 : stay.rateAmount * stay.nights;
}

const OUTLET_WEIGHTS = weighted(Object.entries(OUTLET_PROFILES).map(([outlet, p]) => [outlet, p.weight] as const));
const PAYMENTS = weighted<PaymentMethod>([
  ["ROOM_ACCOUNT", 40],
  ["CARD", 20],
  ["WECHAT_PAY", 15],
  ["ALIPAY", 10],
  ["CASH", 3],
  ["CITY_LEDGER", 7],
  ["VOUCHER", 5],
]);
const DISCOUNTS = weighted<number>([
  [0, 70],
  [0.05, 6],
  [0.1, 10],
  [0.15, 6],
  [0.2, 5],
  [0.3, 3],
]);
const DESCRIPTIONS: Record<string, readonly string[]> = {
  Banquet: ["Wedding banquet 婚宴", "Birthday banquet 寿宴", "Business dinner 商务宴请", "Annual dinner 年会"],
  Spa: ["Aromatherapy massage 芳香按摩", "Foot massage 足疗", "Facial 面部护理"],
};

/** Outlet spending during a stay, on the days from arrival up to (not including) `untilDay`. */
export function chargesFor(rng: Rng, stay: StayPlan, offsetMinutes: number, untilDay: number, corporate: boolean): ChargePlan[] {
  const lastDay = Math.min(stay.arrivalDay + stay.nights, untilDay - 1);
  if (lastDay < stay.arrivalDay) return [];
  const count = Math.min(rng.int(0, 5), stay.nights + 1);
  const charges: ChargePlan[] = [];
  const scale = CURRENCY_SCALE[stay.property];
  for (let i = 0; i < count; i++) {
    const outlet = rng.weighted(OUTLET_WEIGHTS);
    const profile = OUTLET_PROFILES[outlet as keyof typeof OUTLET_PROFILES];
    const mealPeriod = rng.pick(profile.periods);
    const covers = rng.int(profile.covers[0], Math.min(profile.covers[1], outlet === "Banquet" ? 120 : stay.adults + stay.children + 2));
    const grossAmount = Math.round(rng.int(profile.perCover[0], profile.perCover[1]) * covers * scale) * 100;
    const discountRate = rng.weighted(DISCOUNTS);
    const [fromHour, toHour] = MEAL_HOURS[mealPeriod];
    const day = rng.int(stay.arrivalDay, lastDay);
    let paymentMethod = rng.weighted(PAYMENTS);
    if (paymentMethod === "CITY_LEDGER" && !corporate) paymentMethod = "ROOM_ACCOUNT";
    charges.push({
      outlet,
      mealPeriod,
      covers,
      grossAmount,
      discountRate,
      paymentMethod,
      chargedAt: instantOf(day, rng.int(fromHour, toHour), rng.int(0, 59), offsetMinutes),
      description: DESCRIPTIONS[outlet] ? rng.pick(DESCRIPTIONS[outlet]) : null,
    });
  }
  return charges.sort((a, b) => a.chargedAt - b.chargedAt);
}

export function amenitiesFor(rng: Rng, nights: number): string[] {
  const count = rng.int(0, Math.min(3, nights + 1));
  return count ? rng.sample(AMENITIES, count) : [];
}
