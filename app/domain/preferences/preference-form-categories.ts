// The preference categories (the database enum PreferenceCategory), one list
// for the forms and the observation kinds. Browser-safe.
export const PREFERENCE_CATEGORIES = [
  "ROOM",
  "BED",
  "PILLOW",
  "FLOOR",
  "VIEW",
  "SMOKING",
  "DIET",
  "ALLERGY",
  "TABOO",
  "BEVERAGE",
  "READING",
  "HYGIENE",
  "AMENITY",
  "HOBBY",
  "SERVICE",
  "OTHER",
] as const;
