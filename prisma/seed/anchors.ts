// Guests every seeded database has, first and with fixed profile numbers, so
// tests and demos can rely on them whatever --guests is. The rest of their
// profile (stays, preferences, complaint) is built in anchor-plans.ts.
import { dayOf, isoOf, isLeapYear } from "./dates";

export const ZHANG_SAN = {
  profileNumber: "G00000001",
  fullName: "张三",
  familyName: "张",
  givenName: "三",
  namePinyin: "zhang san",
  phone: "+86 138 0013 8000",
  email: "zhang.san@example.com",
  company: "华住集团",
  vipLevel: 3,
  markers: ["VIP"],
  allergy: "peanuts 花生",
  taboo: "no number 4 rooms 忌4",
  pillow: "buckwheat pillow 荞麦枕",
  /** Arrives today at this property (a RESERVED stay). */
  arrivalProperty: "SHB",
} as const;

export const JOHN_SMITH = {
  profileNumber: "G00000002",
  fullName: "John Smith",
  familyName: "Smith",
  givenName: "John",
  phone: "+1 415 555 0134",
  email: "john.smith@example.com",
  company: "Northwind Traders",
  vipLevel: 1,
  markers: ["CORPORATE"],
  /** In house now at HKV in this room. */
  inHouse: { property: "HKV", roomNumber: "1808" },
} as const;

export const JOSE_MULLER = {
  profileNumber: "G00000003",
  fullName: "José Müller",
  familyName: "Müller",
  givenName: "José",
  phone: "+41 44 668 1800",
  email: "jose.muller@example.org",
  vipLevel: 0,
  markers: [],
} as const;

export const ANCHOR_GUESTS = [ZHANG_SAN, JOHN_SMITH, JOSE_MULLER] as const;
export const ANCHOR_COUNT = ANCHOR_GUESTS.length;

/**
 * 张三's birth date: 1985, on the month/day three days after `today`, so his
 * birthday always falls in the coming week (29 Feb, which 1985 lacks, uses 1984).
 */
export function zhangSanBirthDate(today: string): string {
  const monthDay = isoOf(dayOf(today) + 3).slice(5);
  return `${monthDay === "02-29" && !isLeapYear(1985) ? 1984 : 1985}-${monthDay}`;
}
