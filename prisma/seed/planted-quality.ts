// Data-quality issues planted in the seed, with their truth: in every block of
// 1000 guests, guests 501–517, 530 and 540 each carry one known problem — one
// per rule — and nothing else wrong (the two sharing a contact take it from
// the clean guest just before them, which the generator gives both). The truth is a pure function of the guest numbers
// (plantedQualityIssues), so tests and the bench read it without a file; the
// rest of the seed is clean, apart from the planted duplicates
// (planted-duplicates.ts), whose variants that copy the original's phone are
// "phone-shared" findings by design. docs/decisions/021.
import { clashBetween } from "../../app/domain/quality/clashes";
import { QUALITY_RULE_IDS, type QualityRuleId } from "../../app/domain/quality/rules";
import { residentIdCheckCharacter } from "../../app/domain/quality/resident-id";
import { formatProfileNumber } from "../../app/domain/guests/save-guest.server";
import { lunarOfDay } from "./lunar-table";
import { dayOf } from "./dates";
import type { GuestPlan, StayPlan } from "./plan";

export const QUALITY_PERIOD = 1000;
const SHARING: readonly QualityRuleId[] = ["phone-shared", "email-shared"];
/** Offset in the block → the rule planted there. */
const OFFSETS = new Map<number, QualityRuleId>([
  ...QUALITY_RULE_IDS.filter((id) => !SHARING.includes(id)).map((id, i) => [501 + i, id] as const),
  [530, "phone-shared"],
  [540, "email-shared"],
]);

const DAY_MS = 86_400_000;

/** The rule whose issue guest #index carries, or null. */
export function plantedQualityRule(index: number): QualityRuleId | null {
  return OFFSETS.get(index % QUALITY_PERIOD) ?? null;
}

/** Guest #index gives its phone or e-mail to the next one (a sharing plant): it must have both. */
export function isQualityDonor(index: number): boolean {
  const next = plantedQualityRule(index + 1);
  return next !== null && SHARING.includes(next);
}

export type PlantedQualityIssue = { profileNumber: string; ruleId: QualityRuleId };

/** Every planted issue of a seed of `guests` guests: each must be found, exactly once. */
export function plantedQualityIssues(guests: number): PlantedQualityIssue[] {
  const issues: PlantedQualityIssue[] = [];
  for (let index = 1; index <= guests; index++) {
    const ruleId = plantedQualityRule(index);
    if (ruleId) issues.push({ profileNumber: formatProfileNumber(index), ruleId });
  }
  return issues;
}

/** Likings the generator drew that clash with the guest's own allergy or taboo are dropped: the clean part has none. */
export function withoutClashes(preferences: GuestPlan["preferences"]): GuestPlan["preferences"] {
  const avoided = preferences.filter((p) => p.status === "ACTIVE" && (p.category === "ALLERGY" || p.category === "TABOO"));
  return preferences.filter(
    (p) => p.category === "ALLERGY" || p.category === "TABOO" || !avoided.some((a) => clashBetween(a.value, p.value)),
  );
}

function residentId(birth: string, check: "right" | "wrong"): string {
  const first17 = `110101${birth.replaceAll("-", "")}428`;
  const right = residentIdCheckCharacter(first17);
  return first17 + (check === "right" ? right : right === "1" ? "2" : "1");
}

/** A checked-out stay 300–400 days ago at the guest's usual property, on days no other stay of theirs uses. */
function pastStay(plan: GuestPlan, todayDay: number): StayPlan {
  const property = plan.stays[0]?.property ?? "SHB";
  let arrivalDay = todayDay - 300;
  const busy = (day: number) =>
    plan.stays.some((s) => s.property === property && day < s.arrivalDay + s.nights + 1 && s.arrivalDay < day + 3);
  while (busy(arrivalDay)) arrivalDay -= 5;
  const stay: StayPlan = {
    property,
    roomNumber: null,
    roomType: "DELUXE",
    arrivalDay,
    nights: 2,
    bookingChannel: "DIRECT",
    purpose: "BUSINESS",
    adults: 1,
    children: 0,
    rateAmount: 0,
    amenities: [],
    status: "CHECKED_OUT",
    bookedAt: (arrivalDay - 10) * DAY_MS,
    charges: [],
  };
  plan.stays.push(stay);
  return stay;
}

/**
 * Gives guest #index its planted issue. Everything that could raise another
 * rule on this guest is made clean first (no lunar birthday, no ID document,
 * a contact for a VIP). `donor` is guest #index − 1 as planned.
 */
export function plantQualityIssue(
  plan: GuestPlan,
  index: number,
  todayDay: number,
  donor: { phone: string | null; email: string | null } | null,
) {
  const ruleId = plantedQualityRule(index);
  if (!ruleId) return;
  plan.lunarBirthday = null;
  plan.idDocument = null;
  plan.birthDate ??= "1979-06-15";
  plan.phone ??= `+86 139 ${String(index % 10_000).padStart(4, "0")} ${String(Math.floor(index / 10_000) % 10_000).padStart(4, "0")}`;
  const now = todayDay * DAY_MS;
  switch (ruleId) {
    case "birth-date-future":
      plan.birthDate = "2099-05-05";
      break;
    case "birth-date-too-early":
      plan.birthDate = "1888-08-08";
      break;
    case "stay-checkout-before-checkin": {
      const stay = pastStay(plan, todayDay);
      stay.departureDay = stay.arrivalDay - 2;
      break;
    }
    case "stay-nights-exceed-dates": {
      const stay = pastStay(plan, todayDay);
      stay.departureDay = stay.arrivalDay + 1;
      stay.nights = 3;
      break;
    }
    case "stay-overlap": {
      const stay = pastStay(plan, todayDay);
      plan.stays.push({ ...stay, arrivalDay: stay.arrivalDay + 1, charges: [], bookedAt: stay.bookedAt + DAY_MS });
      break;
    }
    case "charge-negative": {
      const stay = pastStay(plan, todayDay);
      const charge = {
        outlet: "Minibar",
        mealPeriod: "NONE",
        covers: 1,
        discountRate: 0,
        paymentMethod: "ROOM_ACCOUNT",
        chargedAt: stay.arrivalDay * DAY_MS + 20 * 3_600_000,
      };
      stay.charges.push({ ...charge, grossAmount: -12_000, description: "Minibar correction" });
      stay.charges.push({ ...charge, grossAmount: -4_500, description: "Refund of a duplicate posting 退款" });
      break;
    }
    case "vip-no-contact":
      plan.vipLevel = Math.max(plan.vipLevel, 2);
      plan.phone = plan.email = plan.address = null;
      plan.consents = { email: false, sms: false, phone: false, mail: false };
      break;
    case "phone-shared":
      plan.phone = donor?.phone ?? plan.phone;
      break;
    case "email-shared":
      plan.email = donor?.email ?? plan.email;
      break;
    case "phone-invalid":
      // Too short to be a number anywhere (and too short to be compared for "same phone").
      plan.phone = "+86 10 123";
      break;
    case "email-domain":
      plan.email = `${(plan.email ?? `guest${index}@example.com`).split("@")[0]}@gmial.com`;
      break;
    case "resident-id-checksum":
      plan.idDocument = { type: "RESIDENT_ID", number: residentId(plan.birthDate, "wrong") };
      break;
    case "resident-id-birth-date":
      plan.idDocument = { type: "RESIDENT_ID", number: residentId("1970-01-01", "right") };
      plan.birthDate = "1971-02-02";
      break;
    case "name-without-pinyin":
      if (!/\p{Script=Han}/u.test(plan.fullName)) plan.fullName = "钱晓明";
      plan.namePinyinMissing = true;
      break;
    case "liking-clashes-allergy": {
      const pref = {
        note: null,
        source: "GUEST_STATED" as const,
        confidence: 1,
        evidence: null,
        status: "ACTIVE" as const,
        createdAt: plan.createdAt,
      };
      plan.preferences = plan.preferences.filter((p) => p.category !== "ALLERGY" && p.category !== "TABOO");
      plan.preferences.push(
        { ...pref, category: "ALLERGY", value: "feathers 羽毛" },
        { ...pref, category: "PILLOW", value: "down pillow 羽绒枕" },
      );
      break;
    }
    case "lunar-birthday-mismatch":
      plan.lunarBirthday = lunarOfDay(dayOf(plan.birthDate) + 45);
      break;
    case "consent-without-address":
      plan.address = null;
      plan.consents = { ...plan.consents, mail: true };
      break;
    case "complaint-closed-without-reaction":
      pastStay(plan, todayDay);
      plan.feedback.push({
        stayIndex: plan.stays.length - 1,
        kind: "COMPLAINT",
        category: "NOISE",
        severity: "LOW",
        department: "FRONT_OFFICE",
        description: "Noise from the corridor 走廊噪音",
        status: "CLOSED",
        handling: "Apologised 已致歉",
        compensation: null,
        guestReaction: null,
        guestReactionNote: null,
        deadline: null,
        resolvedAt: now - 290 * DAY_MS,
        createdAt: now - 299 * DAY_MS,
      });
      break;
    case "profile-not-confirmed":
      pastStay(plan, todayDay);
      plan.lastConfirmedAt = now - 4 * 365 * DAY_MS;
      break;
  }
}
