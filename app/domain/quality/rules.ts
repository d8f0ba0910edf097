// The data-quality rules (docs/decisions/021): one typed definition per rule —
// its id, severity, the fix it suggests (a message key and the form field to
// fix in place) and its check. A check reads one guest's snapshot (the guest,
// their stays, negative charges, active preferences, closed complaints, the
// older guests sharing a contact, and the ID number opened where the key is)
// and returns what it found; the nightly job and the save path both run it,
// so each rule has one home. The loader's SQL only narrows what is loaded.
import { lunarOfIsoDate } from "../calendar/lunar-table";
import { nightsBetween } from "../stays/stay-form";
import { hasHan } from "../guests/search-keys";
import { clashBetween } from "./clashes";
import { emailDomainProblem } from "./email-domain";
import { isValidPhone } from "./phone";
import { residentIdBirthDate, residentIdChecksumValid } from "./resident-id";

export const QUALITY_SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type QualitySeverity = (typeof QUALITY_SEVERITIES)[number];

/** Birth dates before this are taken for typing errors. */
export const EARLIEST_BIRTH_DATE = "1900-01-01";
/** A profile nobody has saved for this many years while the guest still stays is due for confirmation. */
export const CONFIRM_EVERY_YEARS = 3;
/** "Still active": a stay arriving within this many days before asOf, or later. */
export const ACTIVE_WITHIN_DAYS = 730;

export type SnapshotStay = { id: number; propertyId: number; arrivalDate: string; departureDate: string; nights: number; status: string };
export type SnapshotCharge = { id: number; grossAmount: number; netAmount: number; description: string | null };
export type SnapshotPreference = { id: number; category: string; value: string };
export type SnapshotComplaint = { id: number; status: string; guestReaction: string | null };

export type QualitySnapshot = {
  asOf: string;
  guest: {
    id: number;
    fullName: string;
    namePinyin: string | null;
    birthDate: string | null;
    birthdayCalendar: string;
    lunarBirthMonth: number | null;
    lunarBirthDay: number | null;
    lunarBirthLeap: boolean;
    phone: string | null;
    email: string | null;
    address: string | null;
    vipLevel: number;
    consentEmail: boolean;
    consentSms: boolean;
    consentPhone: boolean;
    consentMail: boolean;
    idDocumentType: string | null;
    idDocumentLast4: string | null;
    updatedAt: Date;
  };
  /** The ID number in the clear, only in memory while the rules run; never written to a finding. */
  idNumber: string | null;
  /** The ID number's keyed blind index: what a fingerprint may hold instead of the number. */
  idDigest: string | null;
  stays: SnapshotStay[];
  /** Charges with a negative gross or net amount. */
  negativeCharges: SnapshotCharge[];
  /** ACTIVE preferences. */
  preferences: SnapshotPreference[];
  /** Complaints (not suggestions or compliments) that are CLOSED. */
  closedComplaints: SnapshotComplaint[];
  /** Older live guests with the same phone (the last digits the duplicate warning compares). */
  samePhoneAs: number[];
  /** Older live guests with the same e-mail (booking sites' relay addresses excepted). */
  sameEmailAs: number[];
};

/**
 * What a check found. `detail` holds no personal data (no names, numbers,
 * dates of birth, preference texts): the queue reads those from the profile. `subject` tells findings of one rule on one guest apart;
 * `values` are what the finding depends on (its fingerprint: an acceptance
 * holds while they are unchanged); `detail` is what the queue shows beside them.
 */
export type RuleHit = { subject: string; values: unknown; detail: Record<string, string | number | boolean | null | string[] | number[]> };

/** Which form field fixes the finding in place (the guest edit page), or a page of the profile. */
export type FixTarget = { field: string } | { section: "stays" | "consumption" | "preferences" | "feedback" | "profile" };

export type QualityRule = {
  id: string;
  severity: QualitySeverity;
  fix: FixTarget;
  check: (s: QualitySnapshot) => RuleHit[];
};

const LIVE_STAY = new Set(["RESERVED", "IN_HOUSE", "CHECKED_OUT"]);
const one = (hit: RuleHit | null): RuleHit[] => (hit ? [hit] : []);
const isRefund = (c: SnapshotCharge) => /refund|退款|退还|退费/i.test(c.description ?? "");
const AVOIDED = new Set(["ALLERGY", "TABOO"]);

function yearsBefore(iso: string, years: number): string {
  return `${String(Number(iso.slice(0, 4)) - years).padStart(4, "0")}${iso.slice(4)}`;
}

export const QUALITY_RULES = [
  {
    id: "birth-date-future",
    severity: "HIGH",
    fix: { field: "birthDate" },
    check: ({ guest, asOf }) =>
      one(guest.birthDate && guest.birthDate > asOf ? { subject: "guest", values: guest.birthDate, detail: {} } : null),
  },
  {
    id: "birth-date-too-early",
    severity: "MEDIUM",
    fix: { field: "birthDate" },
    check: ({ guest }) =>
      one(guest.birthDate && guest.birthDate < EARLIEST_BIRTH_DATE ? { subject: "guest", values: guest.birthDate, detail: {} } : null),
  },
  {
    id: "stay-checkout-before-checkin",
    severity: "HIGH",
    fix: { section: "stays" },
    check: ({ stays }) =>
      stays
        .filter((st) => st.departureDate < st.arrivalDate)
        .map((st) => ({
          subject: `stay:${st.id}`,
          values: [st.arrivalDate, st.departureDate],
          detail: { arrivalDate: st.arrivalDate, departureDate: st.departureDate },
        })),
  },
  {
    id: "stay-nights-exceed-dates",
    severity: "MEDIUM",
    fix: { section: "stays" },
    check: ({ stays }) =>
      stays
        .filter((st) => st.departureDate >= st.arrivalDate && st.nights > nightsBetween(st.arrivalDate, st.departureDate))
        .map((st) => ({
          subject: `stay:${st.id}`,
          values: [st.arrivalDate, st.departureDate, st.nights],
          detail: {
            arrivalDate: st.arrivalDate,
            departureDate: st.departureDate,
            nights: st.nights,
            calendarNights: nightsBetween(st.arrivalDate, st.departureDate),
          },
        })),
  },
  {
    id: "stay-overlap",
    severity: "MEDIUM",
    fix: { section: "stays" },
    // Each later stay that starts before an earlier one (same property) has ended: one finding on the later stay.
    check: ({ stays }) => {
      const live = stays.filter((st) => LIVE_STAY.has(st.status) && st.departureDate > st.arrivalDate);
      live.sort((a, b) => a.arrivalDate.localeCompare(b.arrivalDate) || a.id - b.id);
      const hits: RuleHit[] = [];
      for (let i = 0; i < live.length; i++) {
        const earlier = live.slice(0, i).find((e) => e.propertyId === live[i].propertyId && live[i].arrivalDate < e.departureDate);
        if (earlier)
          hits.push({
            subject: `stay:${live[i].id}`,
            values: [earlier.id, earlier.arrivalDate, earlier.departureDate, live[i].arrivalDate, live[i].departureDate],
            detail: {
              stayId: live[i].id,
              otherStayId: earlier.id,
              arrivalDate: live[i].arrivalDate,
              otherDepartureDate: earlier.departureDate,
            },
          });
      }
      return hits;
    },
  },
  {
    id: "charge-negative",
    severity: "HIGH",
    fix: { section: "consumption" },
    check: ({ negativeCharges }) =>
      negativeCharges
        .filter((c) => (c.grossAmount < 0 || c.netAmount < 0) && !isRefund(c))
        .map((c) => ({
          subject: `charge:${c.id}`,
          values: [c.grossAmount, c.netAmount, c.description],
          detail: { chargeId: c.id, netAmount: c.netAmount },
        })),
  },
  {
    id: "vip-no-contact",
    severity: "HIGH",
    fix: { field: "phone" },
    check: ({ guest }) =>
      one(
        guest.vipLevel > 0 && !guest.phone && !guest.email && !guest.address
          ? { subject: "guest", values: guest.vipLevel, detail: { vipLevel: guest.vipLevel } }
          : null,
      ),
  },
  {
    id: "phone-shared",
    severity: "MEDIUM",
    fix: { field: "phone" },
    check: ({ guest, samePhoneAs }) =>
      one(
        samePhoneAs.length
          ? { subject: "phone", values: [guest.phone, [...samePhoneAs].sort((a, b) => a - b)], detail: { otherGuestIds: samePhoneAs } }
          : null,
      ),
  },
  {
    id: "email-shared",
    severity: "MEDIUM",
    fix: { field: "email" },
    check: ({ guest, sameEmailAs }) =>
      one(
        sameEmailAs.length
          ? { subject: "email", values: [guest.email, [...sameEmailAs].sort((a, b) => a - b)], detail: { otherGuestIds: sameEmailAs } }
          : null,
      ),
  },
  {
    id: "phone-invalid",
    severity: "MEDIUM",
    fix: { field: "phone" },
    check: ({ guest }) => one(guest.phone && !isValidPhone(guest.phone) ? { subject: "phone", values: guest.phone, detail: {} } : null),
  },
  {
    id: "email-domain",
    severity: "MEDIUM",
    fix: { field: "email" },
    check: ({ guest }) => {
      const problem = guest.email ? emailDomainProblem(guest.email) : null;
      return one(
        problem
          ? {
              subject: "email",
              values: guest.email,
              detail: { problem: problem.kind, suggestion: problem.kind === "misspelt" ? problem.suggestion : null },
            }
          : null,
      );
    },
  },
  {
    id: "resident-id-checksum",
    severity: "HIGH",
    fix: { field: "idDocumentNumber" },
    // The fingerprint is the check only ever run on this number; the number itself is not kept.
    check: (s) =>
      one(
        s.guest.idDocumentType === "RESIDENT_ID" && s.idNumber && !residentIdChecksumValid(s.idNumber)
          ? { subject: "idDocument", values: ["checksum", s.idDigest], detail: {} }
          : null,
      ),
  },
  {
    id: "resident-id-birth-date",
    severity: "MEDIUM",
    fix: { field: "birthDate" },
    check: ({ guest, idNumber, idDigest }) => {
      if (guest.idDocumentType !== "RESIDENT_ID" || !idNumber || !guest.birthDate || !residentIdChecksumValid(idNumber)) return [];
      const onDocument = residentIdBirthDate(idNumber);
      return one(
        onDocument && onDocument !== guest.birthDate ? { subject: "idDocument", values: [idDigest, guest.birthDate], detail: {} } : null,
      );
    },
  },
  {
    id: "name-without-pinyin",
    severity: "LOW",
    fix: { field: "fullName" },
    check: ({ guest }) =>
      one(hasHan(guest.fullName) && !guest.namePinyin?.trim() ? { subject: "guest", values: guest.fullName, detail: {} } : null),
  },
  {
    id: "liking-clashes-allergy",
    severity: "CRITICAL",
    fix: { section: "preferences" },
    check: ({ preferences }) => {
      const hits: RuleHit[] = [];
      for (const avoided of preferences.filter((p) => AVOIDED.has(p.category)))
        for (const liking of preferences.filter((p) => !AVOIDED.has(p.category))) {
          const clash = clashBetween(avoided.value, liking.value);
          if (clash)
            hits.push({
              subject: `preference:${avoided.id}:${liking.id}`,
              values: [avoided.value, liking.value],
              detail: { clash: clash.id, avoidedId: avoided.id, likingId: liking.id },
            });
        }
      return hits;
    },
  },
  {
    id: "lunar-birthday-mismatch",
    severity: "MEDIUM",
    fix: { field: "lunarBirthMonth" },
    check: ({ guest }) => {
      if (guest.birthdayCalendar !== "LUNAR" || !guest.birthDate || guest.lunarBirthMonth == null || guest.lunarBirthDay == null) return [];
      if (guest.birthDate < EARLIEST_BIRTH_DATE) return [];
      const lunar = lunarOfIsoDate(guest.birthDate);
      const same = lunar.month === guest.lunarBirthMonth && lunar.day === guest.lunarBirthDay && lunar.leap === guest.lunarBirthLeap;
      return one(
        same
          ? null
          : {
              subject: "guest",
              values: [guest.birthDate, guest.lunarBirthMonth, guest.lunarBirthDay, guest.lunarBirthLeap],
              detail: {},
            },
      );
    },
  },
  {
    id: "consent-without-address",
    severity: "LOW",
    fix: { field: "consentEmail" },
    check: ({ guest }) => {
      const channels: [string, boolean, string | null][] = [
        ["email", guest.consentEmail, guest.email],
        ["sms", guest.consentSms, guest.phone],
        ["phone", guest.consentPhone, guest.phone],
        ["mail", guest.consentMail, guest.address],
      ];
      return channels
        .filter(([, consent, address]) => consent && !address?.trim())
        .map(([channel]) => ({ subject: `consent:${channel}`, values: channel, detail: { channel } }));
    },
  },
  {
    id: "complaint-closed-without-reaction",
    severity: "LOW",
    fix: { section: "feedback" },
    check: ({ closedComplaints }) =>
      closedComplaints
        .filter((c) => c.status === "CLOSED" && !c.guestReaction)
        .map((c) => ({ subject: `feedback:${c.id}`, values: c.id, detail: { feedbackId: c.id } })),
  },
  {
    id: "profile-not-confirmed",
    severity: "LOW",
    fix: { section: "profile" },
    check: ({ guest, stays, asOf }) => {
      const lastSaved = guest.updatedAt.toISOString().slice(0, 10);
      if (lastSaved >= yearsBefore(asOf, CONFIRM_EVERY_YEARS)) return [];
      const activeFrom = yearsBefore(asOf, ACTIVE_WITHIN_DAYS / 365);
      const lastStay = stays
        .filter((st) => LIVE_STAY.has(st.status) && st.arrivalDate >= activeFrom)
        .sort((a, b) => b.arrivalDate.localeCompare(a.arrivalDate))[0];
      return one(lastStay ? { subject: "guest", values: lastSaved, detail: { lastSaved, lastArrival: lastStay.arrivalDate } } : null);
    },
  },
] as const satisfies readonly QualityRule[];

export type QualityRuleId = (typeof QUALITY_RULES)[number]["id"];
export const QUALITY_RULE_IDS = QUALITY_RULES.map((r) => r.id) as QualityRuleId[];

export function isQualityRuleId(id: string): id is QualityRuleId {
  return (QUALITY_RULE_IDS as string[]).includes(id);
}

export function qualityRule(id: QualityRuleId): QualityRule {
  return QUALITY_RULES.find((r) => r.id === id)!;
}

/** Everything every rule finds on one snapshot. */
export function checkSnapshot(snapshot: QualitySnapshot): { rule: QualityRule; hit: RuleHit }[] {
  const found: { rule: QualityRule; hit: RuleHit }[] = [];
  for (const rule of QUALITY_RULES as readonly QualityRule[]) for (const hit of rule.check(snapshot)) found.push({ rule, hit });
  return found;
}
