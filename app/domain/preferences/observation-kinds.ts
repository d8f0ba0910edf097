// What a department can send in, and where each kind lands in the archive's
// own vocabulary (preference categories, special dates). The one home of the
// kind list: the forms, the inbox filter and the acceptance figures read it.
// Browser-safe.
import { PREFERENCE_CATEGORIES } from "./preference-form-categories";

export const OBSERVATION_KINDS = ["PREFERENCE", "ALLERGY", "TABOO", "HABIT", "SPECIAL_DAY", "NOTE"] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];

export type PreferenceCategory = (typeof PREFERENCE_CATEGORIES)[number];

/** The kinds whose category is fixed; the others (preference, habit) let the sender choose one. */
const FIXED_CATEGORY: Partial<Record<ObservationKind, PreferenceCategory>> = {
  ALLERGY: "ALLERGY",
  TABOO: "TABOO",
  SPECIAL_DAY: "OTHER",
  NOTE: "OTHER",
};

/** Categories a preference or habit may be filed under (allergy and taboo are kinds of their own). */
export const CHOOSABLE_CATEGORIES = PREFERENCE_CATEGORIES.filter((c) => c !== "ALLERGY" && c !== "TABOO");

export function fixedCategoryOf(kind: ObservationKind): PreferenceCategory | undefined {
  return FIXED_CATEGORY[kind];
}

/** An observation posted with a category only (the older two-field form): its kind. */
export function kindOfCategory(category: PreferenceCategory): ObservationKind {
  if (category === "ALLERGY" || category === "TABOO") return category;
  if (category === "OTHER") return "NOTE";
  return "PREFERENCE";
}

/** Kinds the desk must see at check-in even before review. */
export const ALERTING_KINDS: readonly ObservationKind[] = ["ALLERGY", "TABOO"];
