// Duplicates planted in the seed, with their truth: every 50th random guest is
// a second profile of the guest before it, typed another way (traditional
// script, pinyin in the other order, e-mail with a +tag or other case, the
// phone in another format, day and month swapped, the same ID document), and
// two hard negatives per 100 guests that must never be proposed: a namesake
// born on another day, and a stranger sharing a booking site's relay address.
// The truth is a pure function of the guest numbers (plantedPairs), so tests
// and the bench read it without a file; docs/decisions/016.
import * as OpenCC from "opencc-js";
import { formatProfileNumber } from "../../app/domain/guests/save-guest.server";
import { namePinyin } from "../../app/domain/guests/search-keys";
import { swappedBirthDate } from "../../app/domain/duplicates/identity-keys";
import { ANCHOR_COUNT } from "./anchors";

export const PLANT_PERIOD = 50;

export const VARIANT_KINDS = [
  "traditional",
  "pinyinReversed",
  "emailVariant",
  "phoneFormat",
  "swappedBirthDate",
  "sameIdDocument",
] as const;
export type VariantKind = (typeof VARIANT_KINDS)[number];
export type NegativeKind = "namesake" | "sharedRelayEmail";

/** What guest #index plays in the planted truth. */
export type PlantedRole =
  | { role: "original" }
  | { role: "variant"; kind: VariantKind }
  | { role: "relayOriginal" }
  | { role: "negative"; kind: NegativeKind }
  | null;

export function plantedRole(index: number): PlantedRole {
  if (index <= ANCHOR_COUNT + 1) return null;
  const inPeriod = index % PLANT_PERIOD;
  if (inPeriod === 0) return { role: "variant", kind: VARIANT_KINDS[Math.floor(index / PLANT_PERIOD) % VARIANT_KINDS.length] };
  if (inPeriod === PLANT_PERIOD - 1) return { role: "original" };
  if (index % 100 === 25) return { role: "negative", kind: "namesake" };
  if (index % 100 === 74) return { role: "relayOriginal" };
  if (index % 100 === 75) return { role: "negative", kind: "sharedRelayEmail" };
  return null;
}

export type PlantedPair = { a: string; b: string; kind: VariantKind | NegativeKind };

/** The planted pairs of a seed of `guests` guests, by profile number: `same` must be found, `different` never. */
export function plantedPairs(guests: number): { same: PlantedPair[]; different: PlantedPair[] } {
  const same: PlantedPair[] = [];
  const different: PlantedPair[] = [];
  for (let index = ANCHOR_COUNT + 2; index <= guests; index++) {
    const planted = plantedRole(index);
    if (planted?.role === "variant") same.push({ a: formatProfileNumber(index - 1), b: formatProfileNumber(index), kind: planted.kind });
    if (planted?.role === "negative")
      different.push({ a: formatProfileNumber(index - 1), b: formatProfileNumber(index), kind: planted.kind });
  }
  return { same, different };
}

export function relayEmailOf(index: number): string {
  return `bk${(index * 7919).toString(36)}@guest.booking.com`;
}

/** Who the guest before was, as far as the variants need. */
export type PlantedIdentity = {
  chinese: boolean;
  fullName: string;
  familyName: string;
  givenName: string;
  gender: "FEMALE" | "MALE" | "OTHER" | "UNDISCLOSED";
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  company: string | null;
  idDocument: { type: string; number: string } | null;
};

export type IdentityFields = Omit<PlantedIdentity, "chinese">;

const toTraditional = OpenCC.Converter({ from: "cn", to: "tw" });
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** 张伟 → "Wei Zhang"; "Anna Schmidt" → "SCHMIDT ANNA". */
function otherOrder(who: PlantedIdentity): string {
  if (!who.chinese) return `${who.familyName} ${who.givenName}`.toUpperCase();
  const syllables = (namePinyin(who.fullName) ?? "").split(" ").filter(Boolean);
  const family = syllables.slice(0, [...who.familyName].length).join("");
  const given = syllables.slice([...who.familyName].length).join("");
  return `${capital(given)} ${capital(family)}`;
}

function otherScript(who: PlantedIdentity): string {
  return who.chinese ? toTraditional(who.fullName) : who.fullName.toUpperCase();
}

/** The same mailbox written another way: a +tag and capitals. */
function otherEmail(email: string): string {
  const [local, domain] = email.split("@");
  return `${capital(local)}+stay@${domain.toUpperCase()}`;
}

/** "+86 138 0013 8000" → "138-0013-8000"; "+49 151 234 5678" → "0049 1512345678". */
function otherPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (phone.startsWith("+86 ")) {
    const national = digits.slice(2);
    return `${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`;
  }
  return `00${digits.slice(0, phone.indexOf(" ") - 1)} ${digits.slice(phone.indexOf(" ") - 1)}`;
}

/** The second profile of `who`, written the way `kind` says. Originals always have a phone, an e-mail and a birth date. */
export function variantOf(who: PlantedIdentity, kind: VariantKind): IdentityFields {
  const base: IdentityFields = { ...who, email: null, phone: null, idDocument: null };
  switch (kind) {
    case "traditional":
      return { ...base, fullName: otherScript(who), phone: who.phone && otherPhone(who.phone) };
    case "pinyinReversed":
      return { ...base, fullName: otherOrder(who), birthDate: null, email: who.email && otherEmail(who.email) };
    case "emailVariant":
      return { ...base, email: who.email && otherEmail(who.email) };
    case "phoneFormat":
      return { ...base, fullName: otherOrder(who), birthDate: null, phone: who.phone && otherPhone(who.phone) };
    case "swappedBirthDate": {
      const swapped = swappedBirthDate(who.birthDate);
      return swapped
        ? { ...base, fullName: otherScript(who), birthDate: swapped }
        : { ...base, fullName: otherScript(who), phone: who.phone && otherPhone(who.phone) };
    }
    case "sameIdDocument":
      return who.idDocument
        ? { ...base, fullName: otherOrder(who), idDocument: who.idDocument }
        : { ...base, fullName: otherOrder(who), phone: who.phone && otherPhone(who.phone) };
  }
}

/** A namesake of `who` born years apart (a different person), with no e-mail of the same spelling. */
export function namesakeOf(who: PlantedIdentity, own: IdentityFields): IdentityFields {
  const born = who.birthDate ?? own.birthDate ?? "1980-01-15";
  const year = Number(born.slice(0, 4)) + (Number(born.slice(0, 4)) > 1970 ? -8 : 8);
  return {
    ...own,
    fullName: who.fullName,
    familyName: who.familyName,
    givenName: who.givenName,
    birthDate: `${year}${born.slice(4)}`,
    email: null,
  };
}
