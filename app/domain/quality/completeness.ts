// How complete a profile is: weighted fields (docs/decisions/021), computed on
// read from the guest's own row — nothing to keep in step. The weights say
// what service needs most: a way to reach the guest and their name in pinyin
// first, the details of personal service after.
export const COMPLETENESS_WEIGHTS = {
  phone: 15,
  email: 10,
  birthDate: 12,
  namePinyin: 8,
  gender: 5,
  nationality: 8,
  address: 7,
  idDocument: 10,
  language: 3,
  company: 4,
  nativePlace: 4,
  ethnicity: 3,
  preferences: 5,
} as const;
export type CompletenessField = keyof typeof COMPLETENESS_WEIGHTS;

export const COMPLETENESS_TOTAL = Object.values(COMPLETENESS_WEIGHTS).reduce((a, b) => a + b, 0);

export type CompletenessInput = {
  phone: string | null;
  email: string | null;
  birthDate: string | null;
  namePinyin: string | null;
  fullName: string;
  gender: string;
  nationality: string | null;
  address: string | null;
  idDocumentLast4: string | null;
  language: string | null;
  company: string | null;
  nativePlace: string | null;
  ethnicity: string | null;
  activePreferences: number;
};

const filled = (v: string | null | undefined) => !!v?.trim();

/** 0–100 and the missing fields, heaviest first. A Latin name needs no pinyin: it counts as filled. */
export function completenessOf(
  g: CompletenessInput,
  top = 3,
): { score: number; missing: CompletenessField[]; topMissing: CompletenessField[] } {
  const present: Record<CompletenessField, boolean> = {
    phone: filled(g.phone),
    email: filled(g.email),
    birthDate: filled(g.birthDate),
    namePinyin: filled(g.namePinyin) || !/\p{Script=Han}/u.test(g.fullName),
    gender: g.gender !== "UNDISCLOSED",
    nationality: filled(g.nationality),
    address: filled(g.address),
    idDocument: filled(g.idDocumentLast4),
    language: filled(g.language),
    company: filled(g.company),
    nativePlace: filled(g.nativePlace),
    ethnicity: filled(g.ethnicity),
    preferences: g.activePreferences > 0,
  };
  const fields = Object.keys(COMPLETENESS_WEIGHTS) as CompletenessField[];
  const got = fields.filter((f) => present[f]).reduce((sum, f) => sum + COMPLETENESS_WEIGHTS[f], 0);
  const missing = fields.filter((f) => !present[f]).sort((a, b) => COMPLETENESS_WEIGHTS[b] - COMPLETENESS_WEIGHTS[a]);
  return { score: Math.round((100 * got) / COMPLETENESS_TOTAL), missing, topMissing: missing.slice(0, top) };
}
