// The anchors' full archives (see anchors.ts). Hand-written so their stays,
// preferences and complaint are the same for every --seed and --guests; only
// dates move with --today. Charges use a fixed generator for the same reason.
import { RESPONSE_HOURS } from "../../app/domain/complaints/feedback-form";
import { evidenceText } from "../../app/domain/preferences/evidence";
import { JOHN_SMITH, JOSE_MULLER, ZHANG_SAN, zhangSanBirthDate } from "./anchors";
import { instantOf } from "./dates";
import { amenitiesFor, chargesFor, nightlyRate, type RoomType } from "./hotel";
import type { GuestPlan, PreferencePlan, StayPlan } from "./plan";
import { hashInts, Rng } from "./random";
import { withCheckDigit } from "./random-guest";
import type { PropertyCode } from "./reference";

const DAY_MS = 86_400_000;

type AnchorContext = { todayDay: number; nowMs: number; offsets: Record<PropertyCode, number> };

type StaySketch = {
  property: PropertyCode;
  daysAgo: number;
  nights: number;
  roomType: RoomType;
  roomNumber: string | null;
  channel: string;
  purpose: string;
  status: StayPlan["status"];
};

function stays(ctx: AnchorContext, rng: Rng, sketches: StaySketch[], corporate: boolean): StayPlan[] {
  return sketches.map((s) => {
    const arrivalDay = ctx.todayDay - s.daysAgo;
    const stay: StayPlan = {
      property: s.property,
      roomNumber: s.roomNumber,
      roomType: s.roomType,
      arrivalDay,
      nights: s.nights,
      bookingChannel: s.channel,
      purpose: s.purpose,
      adults: 1,
      children: 0,
      rateAmount: nightlyRate(rng, s.property, s.roomType, arrivalDay, s.channel),
      amenities: s.status === "CHECKED_OUT" || s.status === "IN_HOUSE" ? amenitiesFor(rng, s.nights) : [],
      status: s.status,
      bookedAt: Math.min(instantOf(arrivalDay - 14, 10, 0, ctx.offsets[s.property]), ctx.nowMs - 3_600_000),
      charges: [],
    };
    if (s.status === "CHECKED_OUT" || s.status === "IN_HOUSE")
      stay.charges = chargesFor(rng, stay, ctx.offsets[s.property], ctx.todayDay, corporate);
    return stay;
  });
}

function preference(category: string, value: string, createdAt: number, extra: Partial<PreferencePlan> = {}): PreferencePlan {
  return { category, value, note: null, source: "GUEST_STATED", confidence: 1, evidence: null, status: "ACTIVE", createdAt, ...extra };
}

export function anchorPlans(today: string, ctx: AnchorContext): GuestPlan[] {
  const rng = (i: number) => new Rng(hashInts(0xa11c, i));
  const daysAgo = (days: number) => ctx.nowMs - days * DAY_MS;

  const zhangSanCreated = daysAgo(3 * 365 + 20);
  const zhangSanStays = stays(
    ctx,
    rng(1),
    [
      {
        property: "SHB",
        daysAgo: 1000,
        nights: 3,
        roomType: "EXECUTIVE",
        roomNumber: "2306",
        channel: "CORPORATE",
        purpose: "BUSINESS",
        status: "CHECKED_OUT",
      },
      {
        property: "SHB",
        daysAgo: 700,
        nights: 2,
        roomType: "EXECUTIVE",
        roomNumber: "2512",
        channel: "CORPORATE",
        purpose: "BUSINESS",
        status: "CHECKED_OUT",
      },
      {
        property: "HKV",
        daysAgo: 500,
        nights: 4,
        roomType: "DELUXE",
        roomNumber: "1609",
        channel: "DIRECT",
        purpose: "LEISURE",
        status: "CHECKED_OUT",
      },
      {
        property: "SHB",
        daysAgo: 300,
        nights: 2,
        roomType: "EXECUTIVE",
        roomNumber: "2306",
        channel: "CORPORATE",
        purpose: "BUSINESS",
        status: "CHECKED_OUT",
      },
      {
        property: "SHB",
        daysAgo: 120,
        nights: 3,
        roomType: "EXECUTIVE",
        roomNumber: "2601",
        channel: "CORPORATE",
        purpose: "BUSINESS",
        status: "CHECKED_OUT",
      },
      {
        property: "SHB",
        daysAgo: 9,
        nights: 3,
        roomType: "EXECUTIVE",
        roomNumber: "2507",
        channel: "CORPORATE",
        purpose: "BUSINESS",
        status: "CHECKED_OUT",
      },
      {
        property: "SHB",
        daysAgo: 0,
        nights: 2,
        roomType: "EXECUTIVE",
        roomNumber: null,
        channel: "CORPORATE",
        purpose: "BUSINESS",
        status: "RESERVED",
      },
    ],
    true,
  );
  const complaintAt = instantOf(ctx.todayDay - 7, 10, 30, ctx.offsets.SHB);
  const birthDate = zhangSanBirthDate(today);
  const zhangSan: GuestPlan = {
    profileNumber: ZHANG_SAN.profileNumber,
    fullName: ZHANG_SAN.fullName,
    familyName: ZHANG_SAN.familyName,
    givenName: ZHANG_SAN.givenName,
    gender: "MALE",
    birthDate,
    lunarBirthday: null,
    ethnicity: "汉族",
    nativePlace: "浙江杭州",
    nationality: "CN",
    address: "上海市徐汇区示例路88号",
    phone: ZHANG_SAN.phone,
    email: ZHANG_SAN.email,
    company: ZHANG_SAN.company,
    language: "zh-CN",
    idDocument: { type: "RESIDENT_ID", number: withCheckDigit(`310104${birthDate.replace(/-/g, "")}001`) },
    vipLevel: ZHANG_SAN.vipLevel,
    consents: { email: true, sms: true, phone: false, mail: false },
    notes: "Prefers to be addressed as Mr Zhang 喜欢被称呼张总",
    createdAt: zhangSanCreated,
    markers: [...ZHANG_SAN.markers],
    stays: zhangSanStays,
    preferences: [
      preference("ALLERGY", ZHANG_SAN.allergy, zhangSanCreated + DAY_MS),
      preference("TABOO", ZHANG_SAN.taboo, zhangSanCreated + DAY_MS),
      preference("PILLOW", ZHANG_SAN.pillow, zhangSanCreated + 2 * DAY_MS, { source: "STAFF_OBSERVED", confidence: 0.9 }),
      preference("FLOOR", "high floor 高楼层", zhangSanCreated + 2 * DAY_MS),
      preference("BEVERAGE", "green tea 绿茶", daysAgo(5), {
        source: "INFERRED",
        confidence: 0.8,
        evidence: evidenceText({ kind: "ordered", n: 4, of: 5 }),
        status: "PROPOSED",
      }),
    ],
    specialDates: [
      {
        kind: "ANNIVERSARY",
        label: "Wedding anniversary 结婚纪念日",
        calendar: "GREGORIAN",
        month: 10,
        day: 1,
        isLeapMonth: false,
        year: 2012,
        note: null,
        createdAt: zhangSanCreated + DAY_MS,
      },
    ],
    feedback: [
      {
        stayIndex: 5,
        kind: "COMPLAINT",
        category: "NOISE",
        severity: "MEDIUM",
        department: "ENGINEERING",
        description: "Air conditioning rattled all night 空调整夜有噪音",
        status: "OPEN",
        handling: null,
        compensation: null,
        guestReaction: null,
        guestReactionNote: null,
        deadline: complaintAt + RESPONSE_HOURS.MEDIUM * 3_600_000,
        resolvedAt: null,
        createdAt: complaintAt,
      },
    ],
  };

  const johnCreated = daysAgo(420);
  const john: GuestPlan = {
    profileNumber: JOHN_SMITH.profileNumber,
    fullName: JOHN_SMITH.fullName,
    familyName: JOHN_SMITH.familyName,
    givenName: JOHN_SMITH.givenName,
    gender: "MALE",
    birthDate: "1978-06-12",
    lunarBirthday: null,
    ethnicity: null,
    nativePlace: null,
    nationality: "US",
    address: "100 Example Street, San Francisco",
    phone: JOHN_SMITH.phone,
    email: JOHN_SMITH.email,
    company: JOHN_SMITH.company,
    language: "en",
    idDocument: { type: "PASSPORT", number: "568123479" },
    vipLevel: JOHN_SMITH.vipLevel,
    consents: { email: true, sms: false, phone: false, mail: false },
    notes: null,
    createdAt: johnCreated,
    markers: [...JOHN_SMITH.markers],
    stays: stays(
      ctx,
      rng(2),
      [
        {
          property: "HKV",
          daysAgo: 400,
          nights: 3,
          roomType: "DELUXE",
          roomNumber: "1712",
          channel: "CORPORATE",
          purpose: "BUSINESS",
          status: "CHECKED_OUT",
        },
        {
          property: "SHB",
          daysAgo: 200,
          nights: 2,
          roomType: "DELUXE",
          roomNumber: "1920",
          channel: "CORPORATE",
          purpose: "BUSINESS",
          status: "CHECKED_OUT",
        },
        {
          property: "HKV",
          daysAgo: 60,
          nights: 4,
          roomType: "DELUXE",
          roomNumber: "1803",
          channel: "CORPORATE",
          purpose: "BUSINESS",
          status: "CHECKED_OUT",
        },
        {
          property: "HKV",
          daysAgo: 1,
          nights: 3,
          roomType: "DELUXE",
          roomNumber: JOHN_SMITH.inHouse.roomNumber,
          channel: "CORPORATE",
          purpose: "BUSINESS",
          status: "IN_HOUSE",
        },
      ],
      true,
    ),
    preferences: [
      preference("BED", "king bed 大床", johnCreated + DAY_MS),
      preference("BEVERAGE", "black coffee 黑咖啡", johnCreated + DAY_MS, { source: "STAFF_OBSERVED", confidence: 0.9 }),
      preference("READING", "Financial Times 金融时报", daysAgo(2), {
        source: "STAFF_OBSERVED",
        confidence: 0.85,
        status: "PENDING_REVIEW",
      }),
    ],
    specialDates: [],
    feedback: [],
  };

  const joseCreated = daysAgo(260);
  const joseStays = stays(
    ctx,
    rng(3),
    [
      {
        property: "SHB",
        daysAgo: 250,
        nights: 2,
        roomType: "DELUXE",
        roomNumber: "1511",
        channel: "WEBSITE",
        purpose: "LEISURE",
        status: "CHECKED_OUT",
      },
      {
        property: "SHB",
        daysAgo: 30,
        nights: 3,
        roomType: "DELUXE",
        roomNumber: "2008",
        channel: "WEBSITE",
        purpose: "LEISURE",
        status: "CHECKED_OUT",
      },
    ],
    false,
  );
  const jose: GuestPlan = {
    profileNumber: JOSE_MULLER.profileNumber,
    fullName: JOSE_MULLER.fullName,
    familyName: JOSE_MULLER.familyName,
    givenName: JOSE_MULLER.givenName,
    gender: "MALE",
    birthDate: "1990-02-03",
    lunarBirthday: null,
    ethnicity: null,
    nativePlace: null,
    nationality: "CH",
    address: "Beispielstrasse 1, Zürich",
    phone: JOSE_MULLER.phone,
    email: JOSE_MULLER.email,
    company: null,
    language: "de",
    idDocument: null,
    vipLevel: JOSE_MULLER.vipLevel,
    consents: { email: true, sms: false, phone: false, mail: false },
    notes: null,
    createdAt: joseCreated,
    markers: [],
    stays: joseStays,
    preferences: [preference("DIET", "vegetarian 素食", joseCreated + DAY_MS)],
    specialDates: [],
    feedback: [
      {
        stayIndex: 1,
        kind: "COMPLIMENT",
        category: "SERVICE",
        severity: "LOW",
        department: "HOUSEKEEPING",
        description: "Housekeeping left a vegetarian menu card, very thoughtful 客房准备了素食菜单，很贴心",
        status: "CLOSED",
        handling: null,
        compensation: null,
        guestReaction: null,
        guestReactionNote: null,
        deadline: null,
        resolvedAt: null,
        createdAt: instantOf(joseStays[1].arrivalDay + 1, 20, 15, ctx.offsets.SHB),
      },
    ],
  };
  return [zhangSan, john, jose];
}
