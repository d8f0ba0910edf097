// Scoring a pair of guests: one weight per field, the sum is the evidence that
// they are one person (a Fellegi–Sunter style log-likelihood, in bits: +w means
// "2^w times likelier if the same guest"). The weights and the two thresholds
// are argued in docs/decisions/016-duplicate-matching.md. Pure: the nightly
// scan, the check on save, the seed's truth and the bench all call this.
import {
  canonicalEmail,
  companyKey,
  nameForms,
  nameTokens,
  nationalPhone,
  swappedBirthDate,
  textTokens,
  writtenName,
} from "./identity-keys";

/** What the matcher reads of a guest. `idDigest` is the ID number's blind index (never the number). */
export type MatchProfile = {
  id: number;
  fullName: string;
  birthDate?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  company?: string | null;
  idDigest?: string | null;
};

export const MATCH_FIELDS = ["idNumber", "phone", "email", "name", "birthDate", "address", "company"] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/** Every verdict a field can have, with its weight. A missing value on either side says nothing (no entry). */
export const WEIGHTS = {
  idNumber: { same: 12, different: -12 },
  phone: { same: 7, different: -1 },
  email: { same: 8, different: -0.5 },
  name: { same: 4, sameOtherForm: 4, partial: 1, different: -5 },
  birthDate: { same: 5, swappedDayMonth: 4, sameYear: -1, different: -5 },
  address: { same: 2, similar: 1, different: 0 },
  company: { same: 1.5, different: 0 },
} as const satisfies Record<MatchField, Record<string, number>>;

export type Verdict<F extends MatchField = MatchField> = keyof (typeof WEIGHTS)[F] & string;
export type FieldEvidence = { field: MatchField; verdict: string; weight: number };

/** From here a pair is shown to the archivist. A name (≤ 4) alone never reaches it. */
export const REVIEW_THRESHOLD = 8;
/** From here the pair is "certain": two independent strong agreements, or an equal ID number and a name. */
export const CERTAIN_THRESHOLD = 14;

export type Band = "CERTAIN" | "REVIEW" | "BELOW";
export type PairScore = { score: number; band: Band; evidence: FieldEvidence[] };

function evidence<F extends MatchField>(field: F, verdict: Verdict<F>): FieldEvidence {
  return { field, verdict, weight: (WEIGHTS[field] as Record<string, number>)[verdict] };
}

function compareName(a: string, b: string): FieldEvidence {
  if (writtenName(a) === writtenName(b)) return evidence("name", "same");
  const formsOfB = nameForms(b);
  if (nameForms(a).some((f) => formsOfB.includes(f))) return evidence("name", "sameOtherForm");
  const ta = new Set(nameTokens(a));
  const tb = nameTokens(b);
  const shared = tb.filter((t) => ta.has(t)).length;
  // Two shared words of three ("Maria Luisa Garcia" / "Maria Garcia"), or one shared of two-syllable names is only a surname.
  if (shared >= 2 || (shared >= 1 && Math.min(ta.size, tb.length) === 1)) return evidence("name", "partial");
  return evidence("name", "different");
}

function compareBirthDate(a: string, b: string): FieldEvidence {
  if (a === b) return evidence("birthDate", "same");
  if (swappedBirthDate(a) === b) return evidence("birthDate", "swappedDayMonth");
  if (a.slice(0, 4) === b.slice(0, 4)) return evidence("birthDate", "sameYear");
  return evidence("birthDate", "different");
}

function compareTokens(field: "address", a: string, b: string): FieldEvidence {
  const ta = textTokens(a);
  const tb = textTokens(b);
  if (!ta.size || !tb.size) return evidence(field, "different");
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  const jaccard = shared / (ta.size + tb.size - shared);
  return evidence(field, jaccard >= 0.8 ? "same" : jaccard >= 0.5 ? "similar" : "different");
}

function bandOf(score: number, fields: FieldEvidence[]): Band {
  // Different ID numbers are two people whatever else agrees (twins share phone, address and birth date).
  if (fields.some((e) => e.field === "idNumber" && e.verdict === "different")) return "BELOW";
  if (score >= CERTAIN_THRESHOLD) return "CERTAIN";
  return score >= REVIEW_THRESHOLD ? "REVIEW" : "BELOW";
}

export function scorePair(a: MatchProfile, b: MatchProfile): PairScore {
  const fields: FieldEvidence[] = [];
  if (a.idDigest && b.idDigest) fields.push(evidence("idNumber", a.idDigest === b.idDigest ? "same" : "different"));

  const pa = nationalPhone(a.phone);
  const pb = nationalPhone(b.phone);
  if (pa && pb) fields.push(evidence("phone", pa === pb ? "same" : "different"));

  // Relay aliases are null here: never evidence either way.
  const ea = canonicalEmail(a.email);
  const eb = canonicalEmail(b.email);
  if (ea && eb) fields.push(evidence("email", ea === eb ? "same" : "different"));

  if (a.fullName.trim() && b.fullName.trim()) fields.push(compareName(a.fullName, b.fullName));
  if (a.birthDate && b.birthDate) fields.push(compareBirthDate(a.birthDate, b.birthDate));
  if (a.address?.trim() && b.address?.trim()) fields.push(compareTokens("address", a.address, b.address));

  const ca = companyKey(a.company);
  const cb = companyKey(b.company);
  if (ca && cb) fields.push(evidence("company", ca === cb ? "same" : "different"));

  const score = Math.round(fields.reduce((sum, e) => sum + e.weight, 0) * 10) / 10;
  return { score, band: bandOf(score, fields), evidence: fields };
}
