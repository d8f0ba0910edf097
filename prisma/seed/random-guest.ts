// Plans one random guest. Everything about who the guest is (name, contact,
// birthday, company) is drawn first, from a generator seeded by the seed and
// the guest's number, so guest #n is the same person whatever --guests and
// --today are; their stays are then laid out relative to --today.
import { fakerDE, fakerEN, fakerES, fakerFR, fakerZH_CN, type Faker } from "@faker-js/faker";
import { RESPONSE_HOURS } from "../../app/domain/complaints/feedback-form";
import type { BOOKING_CHANNELS, TRAVEL_PURPOSES } from "../../app/domain/stays/stay-form";
import { foldText, hasHan, namePinyin } from "../../app/domain/guests/search-keys";
import { formatProfileNumber } from "../../app/domain/guests/save-guest.server";
import {
  COMMON_SURNAMES,
  COMPLAINTS,
  COMPLIMENTS,
  EMAIL_DOMAINS,
  ETHNICITIES,
  GUEST_REACTION_NOTES,
  ID_REGIONS,
  INFERENCE_EVIDENCE,
  LATIN_LOCALES,
  LATIN_ORIGIN,
  MOBILE_PREFIXES_CN,
  NATIVE_PLACES,
  PREFERENCE_CATEGORY_WEIGHTS,
  PREFERENCE_VALUES,
  SPECIAL_DATE_LABELS,
  SUGGESTIONS,
  type LatinLocale,
} from "./catalog";
import { ANCHOR_GUESTS } from "./anchors";
import { evidenceText } from "../../app/domain/preferences/evidence";
import { dayOf, instantOf, isoOf } from "./dates";
import { amenitiesFor, chargesFor, nightlyRate, randomRoom, RoomAllocator, type RoomType } from "./hotel";
import { lunarOfDay } from "./lunar-table";
import type { FeedbackPlan, GuestPlan, PreferencePlan, SpecialDatePlan, StayPlan } from "./plan";
import { hashInts, Rng, weighted } from "./random";
import { planLoyalty } from "./loyalty";
import { namesakeOf, plantedRole, relayEmailOf, variantOf, type PlantedIdentity } from "./planted-duplicates";
import { isQualityDonor, plantQualityIssue, withoutClashes } from "./planted-quality";
import { isValidPhone, validMobileLike } from "../../app/domain/quality/phone";
import { residentIdWithBirthDate } from "../../app/domain/quality/resident-id";
import type { CountryCode } from "libphonenumber-js/max";
import type { MarkerCode, PropertyCode } from "./reference";

const DAY_MS = 86_400_000;
const ANCHOR_NAMES = new Set(ANCHOR_GUESTS.map((a) => foldText(a.fullName)));
/** Ages count back from a fixed day, not --today, so a guest's birthday is the same whatever --today says. */
const BIRTH_REFERENCE_DAY = dayOf("2026-01-01");
const HOUR_MS = 3_600_000;
const FAKER_BLOCK = 1000;

const VIP_LEVELS = weighted([
  [0, 78],
  [1, 9],
  [2, 6],
  [3, 4],
  [4, 2],
  [5, 1],
] as const);
const PAST_STAY_COUNTS = weighted([
  [0, 10],
  [1, 30],
  [2, 18],
  [3, 12],
  [4, 8],
  [5, 6],
  [6, 5],
  [7, 3],
  [8, 3],
  [9, 2],
  [10, 1.5],
  [11, 0.8],
  [12, 0.7],
] as const);
const NIGHTS = weighted([
  [1, 30],
  [2, 25],
  [3, 18],
  [4, 9],
  [5, 6],
  [6, 3],
  [7, 4],
  [10, 2],
  [14, 2],
  [21, 1],
] as const);
const ROOM_TYPES_USUAL = weighted<RoomType>([
  ["STANDARD", 22],
  ["SUPERIOR", 25],
  ["DELUXE", 25],
  ["EXECUTIVE", 14],
  ["SUITE", 5],
  ["FAMILY", 9],
]);
const CHANNELS = weighted<(typeof BOOKING_CHANNELS)[number]>([
  ["DIRECT", 15],
  ["WEBSITE", 20],
  ["PHONE", 8],
  ["OTA", 25],
  ["TRAVEL_AGENT", 7],
  ["CORPORATE", 10],
  ["WALK_IN", 3],
  ["GROUP", 7],
]);
const PURPOSES = weighted<(typeof TRAVEL_PURPOSES)[number]>([
  ["BUSINESS", 40],
  ["LEISURE", 35],
  ["FAMILY", 15],
  ["EVENT", 7],
  ["OTHER", 3],
]);
const PAST_STATUS = weighted<StayPlan["status"]>([
  ["CHECKED_OUT", 92],
  ["CANCELLED", 5],
  ["NO_SHOW", 3],
]);
const PREFERENCE_COUNTS = weighted([
  [0, 40],
  [1, 25],
  [2, 18],
  [3, 10],
  [4, 7],
] as const);
const PREFERENCE_STATUS = weighted<PreferencePlan["status"]>([
  ["ACTIVE", 85],
  ["PENDING_REVIEW", 8],
  ["PROPOSED", 5],
  ["RETIRED", 2],
]);
const ACTIVE_SOURCES = weighted<PreferencePlan["source"]>([
  ["GUEST_STATED", 50],
  ["STAFF_OBSERVED", 40],
  ["INFERRED", 10],
]);
const FEEDBACK_KINDS = weighted<FeedbackPlan["kind"]>([
  ["COMPLAINT", 60],
  ["SUGGESTION", 20],
  ["COMPLIMENT", 20],
]);
const SEVERITY = weighted<FeedbackPlan["severity"]>([
  ["LOW", 40],
  ["MEDIUM", 35],
  ["HIGH", 20],
  ["CRITICAL", 5],
]);
const REACTIONS = weighted<NonNullable<FeedbackPlan["guestReaction"]>>([
  ["SATISFIED", 60],
  ["NEUTRAL", 25],
  ["DISSATISFIED", 15],
]);
const RESERVATION_LEAD = weighted(Array.from({ length: 15 }, (_, d) => [d, d === 0 ? 1.6 : 1 - d / 20] as const));
const NOTES = [
  "Prefers to be addressed by surname 喜欢称呼姓氏",
  "Regular at the Tea House 茶苑常客",
  "Travels with an assistant who books 由助理预订",
  "Likes to chat with the concierge 喜欢与礼宾聊天",
  "Needs invoice with company tax number 需开具公司抬头发票",
];

export type RandomGuestContext = {
  seed: number;
  guests: number;
  todayDay: number;
  /** Midnight at the start of --today, local time: every seeded event is before it. */
  nowMs: number;
  offsets: Record<PropertyCode, number>;
  rooms: RoomAllocator;
};

/** The phone as written, its last digits replaced by `digits` (spaces kept where they were). */
function withLastDigits(phone: string, digits: string): string {
  const chars = [...phone];
  let next = digits.length - 1;
  for (let i = chars.length - 1; i >= 0 && next >= 0; i--) if (/\d/.test(chars[i])) chars[i] = digits[next--];
  return chars.join("");
}

export class RandomGuestPlanner {
  private fakerBlock = -1;
  private readonly latinFakers: Record<LatinLocale, Faker> = { en: fakerEN, de: fakerDE, fr: fakerFR, es: fakerES };
  private readonly companiesZh: string[];
  private readonly companiesLatin: string[];
  private readonly pInHouse: number;
  private readonly pReserved: number;
  /** The guest planned last: planted duplicates are written from it (planted-duplicates.ts). */
  private previous: PlantedIdentity | null = null;

  constructor(private readonly ctx: RandomGuestContext) {
    fakerZH_CN.seed([ctx.seed, 0xc0]);
    this.companiesZh = Array.from({ length: 400 }, () => fakerZH_CN.company.name());
    fakerEN.seed([ctx.seed, 0xc1]);
    this.companiesLatin = Array.from({ length: 200 }, () => fakerEN.company.name());
    // In-house guests and arrivals are bounded by the hotels' size, not by how many guests the archive holds.
    const inHouse = 2 * Math.min(Math.round(RoomAllocator.roomsPerProperty * 0.75), Math.ceil(ctx.guests * 0.03));
    const arrivalsPerDay = 2 * Math.min(150, Math.ceil(ctx.guests * 0.01));
    const reserved = arrivalsPerDay * (RESERVATION_LEAD.total / RESERVATION_LEAD.entries[0][1]);
    this.pInHouse = Math.min(0.2, inHouse / ctx.guests);
    this.pReserved = Math.min(0.3, reserved / ctx.guests);
  }

  plan(index: number): GuestPlan {
    const { ctx } = this;
    const rng = new Rng(hashInts(ctx.seed, index));
    this.seedFakers(index);

    // --- who the guest is (independent of --guests and --today) ---
    const chinese = rng.chance(0.7);
    const female = rng.chance(0.48);
    let gender: GuestPlan["gender"] = rng.chance(0.03) ? "UNDISCLOSED" : female ? "FEMALE" : "MALE";
    const sex = female ? "female" : "male";
    const vipLevel = rng.weighted(VIP_LEVELS);
    const ageYears = Math.min(85, Math.max(19, Math.round(42 + (rng.next() + rng.next() + rng.next() - 1.5) * 22)));
    const birthDay = BIRTH_REFERENCE_DAY - ageYears * 365 - rng.int(0, 364);
    const planted = plantedRole(index);
    // An original of a planted duplicate has every field a variant may be written from (the draws are made all the same).
    const original = planted?.role === "original";
    // A guest whose phone and e-mail a planted quality issue copies (planted-quality.ts) has both; so does a VIP.
    const donor = isQualityDonor(index);
    const hasBirthDate = rng.chance(0.88) || original;
    let fullName: string, familyName: string, givenName: string, nationality: string, language: string;
    let phone: string | null = null,
      email: string | null = null,
      address: string | null = null;
    let ethnicity: string | null = null,
      nativePlace: string | null = null;
    let idDocument: GuestPlan["idDocument"] = null;
    let lunarBirthday: GuestPlan["lunarBirthday"] = null;
    let home: PropertyCode;
    const hasCompany = rng.chance(0.35);
    const hasPhone = rng.chance(0.85) || original || donor || vipLevel > 0;
    // A VIP always has an address too: a planted duplicate's variant may copy neither phone nor e-mail.
    const hasAddress = rng.chance(0.6) || vipLevel > 0;
    const hasId = rng.chance(0.4);
    // The guest's number in the digits too (no draw, so nothing else changes): two namesakes born the same
    // year would otherwise share a mailbox, which makes them one person to any matcher (planted-duplicates.ts)
    // and one e-mail on two guests to the quality rules.
    const emailDigits =
      (rng.chance(0.5) ? String(new Date(birthDay * DAY_MS).getUTCFullYear()) : rng.digits(rng.int(2, 3))) + String(index);
    const emailDomain = rng.pick(EMAIL_DOMAINS);
    let company: string | null = null;

    if (chinese) {
      familyName = rng.chance(0.6) ? rng.weighted(COMMON_SURNAMES) : fakerZH_CN.person.lastName();
      givenName = fakerZH_CN.person.firstName(sex);
      fullName = familyName + givenName;
      while (ANCHOR_NAMES.has(foldText(fullName))) {
        givenName = fakerZH_CN.person.firstName(sex);
        fullName = familyName + givenName;
      }
      const origin = rng.next();
      nationality = origin < 0.85 ? "CN" : origin < 0.96 ? "HK" : "TW";
      language = "zh-CN";
      ethnicity = nationality === "CN" ? rng.weighted(ETHNICITIES) : null;
      nativePlace = nationality === "HK" ? "香港" : nationality === "TW" ? "台湾台北" : rng.pick(NATIVE_PLACES);
      home = nationality === "HK" ? (rng.chance(0.85) ? "HKV" : "SHB") : rng.chance(0.75) ? "SHB" : "HKV";
      if (hasPhone) {
        phone =
          nationality === "HK"
            ? `+852 ${rng.pick(["5", "6", "9"])}${rng.digits(3)} ${rng.digits(4)}`
            : nationality === "TW"
              ? `+886 9${rng.digits(2)} ${rng.digits(3)} ${rng.digits(3)}`
              : `+86 ${rng.pick(MOBILE_PREFIXES_CN)} ${rng.digits(4)} ${rng.digits(4)}`;
      }
      if (rng.chance(0.55) || original || donor) {
        const syllables = (namePinyin(fullName) ?? "guest").split(" ");
        const local = rng.chance(0.5) ? syllables.join("") : `${syllables.slice(1).join("")}.${syllables[0]}`;
        email = `${local}${emailDigits}@${emailDomain}`;
      }
      if (hasAddress) address = `${fakerZH_CN.location.state()}${fakerZH_CN.location.city()}${fakerZH_CN.location.streetAddress()}`;
      if (hasCompany) company = rng.chance(0.9) ? rng.pick(this.companiesZh) : rng.pick(this.companiesLatin);
      if (hasId) {
        idDocument =
          nationality === "CN"
            ? { type: "RESIDENT_ID", number: residentId(rng, birthDay, female) }
            : nationality === "HK"
              ? { type: "HK_MACAO_PERMIT", number: `H${rng.digits(8)}` }
              : { type: "TAIWAN_PERMIT", number: rng.digits(8) };
      }
      if (hasBirthDate && rng.chance(ageYears > 50 ? 0.45 : 0.2)) lunarBirthday = lunarOfDay(birthDay);
    } else {
      const locale = rng.weighted(LATIN_LOCALES);
      const faker = this.latinFakers[locale];
      const origin = LATIN_ORIGIN[locale];
      givenName = faker.person.firstName(sex);
      familyName = faker.person.lastName();
      fullName = `${givenName} ${familyName}`;
      // Nobody else is called exactly like an anchor, so a search for "José Müller" finds the anchor first at any size.
      while (ANCHOR_NAMES.has(foldText(fullName))) {
        givenName = faker.person.firstName(sex);
        fullName = `${givenName} ${familyName}`;
      }
      const [country, callingCode] = rng.pick(origin.countries);
      nationality = country;
      language = origin.language;
      home = rng.chance(0.5) ? "SHB" : "HKV";
      if (hasPhone) phone = `${callingCode} ${rng.digits(3)} ${rng.digits(3)} ${rng.digits(4)}`;
      if (rng.chance(0.85) || original || donor) {
        const first = foldText(givenName),
          last = foldText(familyName);
        email = `${rng.chance(0.6) ? `${first}.${last}` : `${first[0]}${last}`}${emailDigits}@${emailDomain}`;
      }
      if (hasAddress) address = `${faker.location.streetAddress()}, ${faker.location.city()}`;
      if (hasCompany) company = rng.chance(0.8) ? rng.pick(this.companiesLatin) : rng.pick(this.companiesZh);
      if (hasId) idDocument = { type: "PASSPORT", number: `${String.fromCharCode(65 + rng.int(0, 25))}${rng.digits(8)}` };
    }
    // A drawn number that is not a real one for its country becomes the country's example mobile with the drawn last digits.
    // The last 7 digits come from the guest's number (7919 is prime to 10): no two guests share a phone by chance.
    const ownDigits = String((index * 7919) % 10_000_000).padStart(7, "0");
    if (phone) phone = withLastDigits(phone, ownDigits);
    if (phone && !isValidPhone(phone)) phone = validMobileLike(nationality as CountryCode, ownDigits) ?? phone;
    if (planted?.role === "relayOriginal") email = relayEmailOf(index);
    let birthDate = hasBirthDate ? isoOf(birthDay) : null;
    const previous = this.previous;
    if (previous && (planted?.role === "variant" || planted?.role === "negative")) {
      const own = { fullName, familyName, givenName, gender, birthDate, phone, email, company, idDocument };
      const fields =
        planted.role === "variant"
          ? variantOf(previous, planted.kind)
          : planted.kind === "namesake"
            ? namesakeOf(previous, own)
            : { ...own, email: relayEmailOf(index - 1) };
      ({ fullName, familyName, givenName, birthDate, phone, email, company, idDocument } = fields);
      gender = fields.gender;
      if (lunarBirthday) lunarBirthday = birthDate ? lunarOfDay(dayOf(birthDate)) : null;
      // A namesake born another year carries an ID number of that year (no draw: the rest of the guest is unchanged).
      if (planted.role === "negative" && idDocument?.type === "RESIDENT_ID" && birthDate)
        idDocument = { ...idDocument, number: residentIdWithBirthDate(idDocument.number, birthDate) };
    }
    this.previous = { chinese: hasHan(fullName), fullName, familyName, givenName, gender, birthDate, phone, email, company, idDocument };
    const consents = {
      email: email !== null && rng.chance(0.6),
      sms: phone !== null && rng.chance(0.55),
      phone: phone !== null && rng.chance(0.25),
      mail: address !== null && rng.chance(0.1),
    };
    const notes = rng.chance(0.05) ? rng.pick(NOTES) : null;
    const corporate = company !== null && rng.chance(0.12);
    const longStayer = rng.chance(0.012);
    const honeymooner = !corporate && ageYears < 40 && rng.chance(0.03);

    // --- their history and what is happening now (relative to --today) ---
    const usualRoom: RoomType =
      vipLevel >= 3 && rng.chance(0.5) ? rng.pick(["EXECUTIVE", "SUITE"] as const) : rng.weighted(ROOM_TYPES_USUAL);
    const usualChannel: string = corporate ? "CORPORATE" : rng.weighted(CHANNELS);
    const usualPurpose: string = corporate ? "BUSINESS" : rng.weighted(PURPOSES);
    const avoidFour = rng.chance(0.04);
    const now = rng.next();
    const current: "IN_HOUSE" | "RESERVED" | null =
      now < this.pInHouse ? "IN_HOUSE" : now < this.pInHouse + this.pReserved ? "RESERVED" : null;

    const stays: StayPlan[] = [];
    const historyEnd = ctx.todayDay - (current ? 8 : 1);
    const historyStart = ctx.todayDay - 4 * 365;
    const pastCount = rng.weighted(PAST_STAY_COUNTS);
    const starts = Array.from({ length: pastCount }, () => rng.int(historyStart, historyEnd - 1)).sort((a, b) => a - b);
    let earliestNext = historyStart;
    starts.forEach((start, i) => {
      const arrivalDay = Math.max(start, earliestNext);
      let nights: number = rng.weighted(NIGHTS);
      if (longStayer && i === starts.length - 1) nights = rng.int(21, 75);
      if (arrivalDay + nights > historyEnd) return;
      const stay = this.stay(rng, {
        property: rng.chance(0.8) ? home : otherProperty(home),
        arrivalDay,
        nights,
        status: rng.weighted(PAST_STATUS),
        roomType: rng.chance(0.7) ? usualRoom : rng.weighted(ROOM_TYPES_USUAL),
        channel: rng.chance(0.75) ? usualChannel : rng.weighted(CHANNELS),
        purpose: honeymooner && i === starts.length - 1 ? "LEISURE" : rng.chance(0.75) ? usualPurpose : rng.weighted(PURPOSES),
        avoidFour,
        corporate,
      });
      if (honeymooner && i === starts.length - 1) stay.roomType = "SUITE";
      stays.push(stay);
      earliestNext = arrivalDay + nights + rng.int(7, 60);
    });
    if (current) {
      const property = rng.chance(0.85) ? home : otherProperty(home);
      const room = current === "IN_HOUSE" ? ctx.rooms.take(property) : null;
      if (room) {
        const sinceDays = rng.int(0, 5);
        const untilDays = rng.int(sinceDays === 0 ? 1 : 0, 5);
        const stay = this.stay(rng, {
          property,
          arrivalDay: ctx.todayDay - sinceDays,
          nights: sinceDays + untilDays,
          status: "IN_HOUSE",
          roomType: room.roomType,
          channel: usualChannel,
          purpose: usualPurpose,
          avoidFour,
          corporate,
        });
        stay.roomNumber = room.roomNumber;
        stays.push(stay);
      } else {
        stays.push(
          this.stay(rng, {
            property,
            arrivalDay: ctx.todayDay + rng.weighted(RESERVATION_LEAD),
            nights: rng.weighted(NIGHTS),
            status: "RESERVED",
            roomType: usualRoom,
            channel: usualChannel,
            purpose: usualPurpose,
            avoidFour,
            corporate,
          }),
        );
      }
    }

    // The profile was opened at the first booking (or some time ago, for a guest known from elsewhere).
    const firstBooking = stays.length ? stays[0].bookedAt : ctx.nowMs - rng.int(30, 5 * 365) * DAY_MS;
    const createdAt = firstBooking - rng.int(0, 72) * HOUR_MS;

    const plan: GuestPlan = {
      profileNumber: formatProfileNumber(index),
      fullName,
      familyName,
      givenName,
      gender,
      birthDate,
      lunarBirthday,
      ethnicity,
      nativePlace,
      nationality,
      address,
      phone,
      email,
      company,
      language,
      idDocument,
      vipLevel,
      consents,
      notes,
      createdAt,
      markers: [],
      stays,
      preferences: this.preferences(rng, createdAt, avoidFour),
      specialDates: [],
      feedback: this.feedback(rng, stays),
    };
    plan.specialDates = this.specialDates(rng, plan, chinese, honeymooner);

    const markers: MarkerCode[] = [];
    if (vipLevel >= 4 || (vipLevel === 3 && rng.chance(0.3))) markers.push("VIP");
    if (corporate) markers.push("CORPORATE");
    if (longStayer && stays.some((s) => s.nights > 20)) markers.push("LONG_STAY");
    if (honeymooner && stays.length) markers.push("HONEYMOON");
    if (plan.feedback.some((f) => f.severity === "CRITICAL" || f.guestReaction === "DISSATISFIED") && rng.chance(0.5))
      markers.push("WATCH");
    plan.markers = markers;
    planLoyalty(plan, { seed: ctx.seed, index, nowMs: ctx.nowMs, offsetMinutes: ctx.offsets.SHB });
    plan.preferences = withoutClashes(plan.preferences);
    plantQualityIssue(plan, index, ctx.todayDay, previous);
    return plan;
  }

  private seedFakers(index: number) {
    const block = Math.floor(index / FAKER_BLOCK);
    if (block === this.fakerBlock) return;
    this.fakerBlock = block;
    fakerZH_CN.seed([this.ctx.seed, block, 0]);
    (Object.values(this.latinFakers) as Faker[]).forEach((f, i) => f.seed([this.ctx.seed, block, i + 1]));
  }

  private stay(
    rng: Rng,
    s: {
      property: PropertyCode;
      arrivalDay: number;
      nights: number;
      status: StayPlan["status"];
      roomType: RoomType;
      channel: string;
      purpose: string;
      avoidFour: boolean;
      corporate: boolean;
    },
  ): StayPlan {
    const { ctx } = this;
    const offset = ctx.offsets[s.property];
    const leadDays = s.channel === "WALK_IN" ? 0 : rng.int(1, 45);
    const bookedAt = Math.min(
      instantOf(s.arrivalDay - leadDays, rng.int(8, 22), rng.int(0, 59), offset),
      ctx.nowMs - rng.int(1, 600) * 60_000,
    );
    const family = s.purpose === "FAMILY";
    const stay: StayPlan = {
      property: s.property,
      roomNumber: s.status === "CHECKED_OUT" ? randomRoom(rng, s.roomType, s.avoidFour) : null,
      roomType: s.roomType,
      arrivalDay: s.arrivalDay,
      nights: s.nights,
      bookingChannel: s.channel,
      purpose: s.purpose,
      adults: family || s.purpose === "LEISURE" ? rng.int(1, 2) + (rng.chance(0.1) ? 1 : 0) : rng.chance(0.85) ? 1 : 2,
      children: family ? rng.int(1, 2) : 0,
      rateAmount: nightlyRate(rng, s.property, s.roomType, s.arrivalDay, s.channel),
      amenities: s.status === "CHECKED_OUT" || s.status === "IN_HOUSE" ? amenitiesFor(rng, s.nights) : [],
      status: s.status,
      bookedAt,
      charges: [],
    };
    if (s.status === "CHECKED_OUT" || s.status === "IN_HOUSE") stay.charges = chargesFor(rng, stay, offset, ctx.todayDay, s.corporate);
    return stay;
  }

  private preferences(rng: Rng, createdAt: number, avoidFour: boolean): PreferencePlan[] {
    const count = rng.weighted(PREFERENCE_COUNTS);
    const categories = new Set<string>();
    if (avoidFour) categories.add("TABOO");
    while (categories.size < count) categories.add(rng.weighted(PREFERENCE_CATEGORY_WEIGHTS));
    const span = Math.max(1, this.ctx.nowMs - createdAt);
    return [...categories].map((category) => {
      const value =
        avoidFour && category === "TABOO"
          ? "no number 4 rooms 忌4"
          : rng.pick(PREFERENCE_VALUES[category as keyof typeof PREFERENCE_VALUES]);
      let status = category === "TABOO" || category === "ALLERGY" ? "ACTIVE" : rng.weighted(PREFERENCE_STATUS);
      const evidence = INFERENCE_EVIDENCE[category as keyof typeof INFERENCE_EVIDENCE];
      if (status === "PROPOSED" && !evidence) status = "PENDING_REVIEW";
      const at = createdAt + Math.floor(rng.next() * span);
      if (status === "PROPOSED") {
        const m = rng.int(3, 8);
        return {
          category,
          value,
          note: null,
          source: "INFERRED" as const,
          confidence: Math.round((0.55 + rng.next() * 0.4) * 100) / 100,
          evidence: evidenceText({ kind: evidence!, n: rng.int(Math.ceil(m * 0.6), m), of: m }),
          status,
          createdAt: at,
        };
      }
      const source = status === "PENDING_REVIEW" ? "STAFF_OBSERVED" : rng.weighted(ACTIVE_SOURCES);
      const inferred = source === "INFERRED" && evidence;
      return {
        category,
        value,
        note: rng.chance(0.08) ? "Confirmed at check-in 入住时确认" : null,
        source: inferred || source !== "INFERRED" ? source : "STAFF_OBSERVED",
        confidence: source === "GUEST_STATED" ? 1 : Math.round((0.8 + rng.next() * 0.2) * 100) / 100,
        evidence: inferred ? evidenceText({ kind: evidence, n: 3, of: 4 }) : null,
        status: status as PreferencePlan["status"],
        createdAt: at,
      };
    });
  }

  private specialDates(rng: Rng, plan: GuestPlan, chinese: boolean, honeymooner: boolean): SpecialDatePlan[] {
    const dates: SpecialDatePlan[] = [];
    const createdAt = plan.createdAt + rng.int(0, 30) * DAY_MS;
    if (honeymooner && plan.stays.length) {
      const stay = plan.stays[plan.stays.length - 1];
      const weddingDay = stay.arrivalDay - rng.int(1, 5);
      const iso = isoOf(weddingDay);
      dates.push({
        kind: "ANNIVERSARY",
        label: "Wedding anniversary 结婚纪念日",
        calendar: "GREGORIAN",
        month: Number(iso.slice(5, 7)),
        day: Number(iso.slice(8, 10)),
        isLeapMonth: false,
        year: Number(iso.slice(0, 4)),
        note: "Honeymoon stay 蜜月入住",
        createdAt: Math.min(createdAt, this.ctx.nowMs - DAY_MS),
      });
    }
    if (rng.chance(0.15)) {
      const count = rng.chance(0.8) ? 1 : 2;
      for (const { kind, label } of rng.sample(SPECIAL_DATE_LABELS, count)) {
        const lunar = chinese && rng.chance(0.3);
        const month = rng.int(1, 12);
        const day = lunar ? rng.int(1, rng.chance(0.1) ? 30 : 29) : rng.int(1, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]);
        dates.push({
          kind,
          label,
          calendar: lunar ? "LUNAR" : "GREGORIAN",
          month,
          day,
          isLeapMonth: false,
          year: kind === "ANNIVERSARY" || rng.chance(0.4) ? rng.int(1975, 2022) : null,
          note: null,
          createdAt: Math.min(createdAt, this.ctx.nowMs - DAY_MS),
        });
      }
    }
    return dates;
  }

  private feedback(rng: Rng, stays: StayPlan[]): FeedbackPlan[] {
    const eligible = stays
      .map((s, i) => [s, i] as const)
      .filter(([s]) => s.status === "CHECKED_OUT" || (s.status === "IN_HOUSE" && s.arrivalDay < this.ctx.todayDay));
    if (!eligible.length || !rng.chance(0.12)) return [];
    const count = rng.weighted(
      weighted([
        [1, 75],
        [2, 20],
        [3, 5],
      ] as const),
    );
    const { todayDay, nowMs, offsets } = this.ctx;
    const items: FeedbackPlan[] = [];
    for (let i = 0; i < count; i++) {
      const [stay, stayIndex] = rng.pick(eligible);
      const lastDay = Math.min(stay.arrivalDay + stay.nights, todayDay - 1);
      const createdAt = Math.min(
        instantOf(rng.int(stay.arrivalDay, lastDay), rng.int(8, 22), rng.int(0, 59), offsets[stay.property]),
        nowMs - 60_000,
      );
      const kind = rng.weighted(FEEDBACK_KINDS);
      if (kind !== "COMPLAINT") {
        const t = rng.pick(kind === "SUGGESTION" ? SUGGESTIONS : COMPLIMENTS);
        items.push({
          stayIndex,
          kind,
          category: t.category,
          severity: "LOW",
          department: t.department,
          description: t.description,
          status: "CLOSED",
          handling: null,
          compensation: null,
          guestReaction: null,
          guestReactionNote: null,
          deadline: null,
          resolvedAt: null,
          createdAt,
        });
        continue;
      }
      const t = rng.pick(COMPLAINTS);
      const severity = rng.weighted(SEVERITY);
      const deadline = createdAt + RESPONSE_HOURS[severity] * HOUR_MS;
      const recent = createdAt > nowMs - 7 * DAY_MS;
      const r = rng.next();
      const status: FeedbackPlan["status"] = recent
        ? r < 0.5
          ? "OPEN"
          : r < 0.8
            ? "IN_PROGRESS"
            : "RESOLVED"
        : r < 0.005
          ? "OPEN"
          : r < 0.6
            ? "RESOLVED"
            : "CLOSED";
      const resolved = status === "RESOLVED" || status === "CLOSED";
      const resolvedAt = resolved
        ? Math.min(createdAt + rng.int(1, Math.round(RESPONSE_HOURS[severity] * 1.5)) * HOUR_MS, nowMs - 60_000)
        : null;
      const guestReaction = resolved ? rng.weighted(REACTIONS) : null;
      items.push({
        stayIndex,
        kind,
        category: t.category,
        severity,
        department: t.department,
        description: t.description,
        status,
        handling: resolved ? t.handling : status === "IN_PROGRESS" ? "Investigating 调查中" : null,
        compensation: resolved && t.compensation && rng.chance(0.6) ? t.compensation : null,
        guestReaction,
        guestReactionNote: guestReaction && rng.chance(0.5) ? GUEST_REACTION_NOTES[guestReaction] : null,
        deadline,
        resolvedAt,
        createdAt,
      });
    }
    return items.sort((a, b) => a.createdAt - b.createdAt);
  }
}

function otherProperty(code: PropertyCode): PropertyCode {
  return code === "SHB" ? "HKV" : "SHB";
}

/** An 18-digit mainland resident ID with a valid check digit (GB 11643). */
function residentId(rng: Rng, birthDay: number, female: boolean): string {
  const birth = isoOf(birthDay).replace(/-/g, "");
  const sequence = rng.int(0, 49) * 2 + (female ? 0 : 1);
  return withCheckDigit(`${rng.pick(ID_REGIONS)}${birth}${String(rng.int(0, 9))}${String(sequence).padStart(2, "0")}`);
}

/** Appends the check digit to the first 17 digits of a resident ID. */
export function withCheckDigit(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return body + "10X98765432"[sum % 11];
}
