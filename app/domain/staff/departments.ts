// The hotel's departments: one vocabulary for staff (who works where) and for
// what departments send in or answer for (feedback, observations). Labels are
// `department.<CODE>` in app/i18n. Browser-safe.
export const DEPARTMENTS = [
  "FRONT_OFFICE",
  "CONCIERGE",
  "HOUSEKEEPING",
  "FOOD_BEVERAGE",
  "SALES",
  "ENGINEERING",
  "SECURITY",
  "SPA",
  "MANAGEMENT",
  "ARCHIVE_CENTRE",
  "IT",
] as const;

export type Department = (typeof DEPARTMENTS)[number];

export function isDepartment(value: unknown): value is Department {
  return typeof value === "string" && (DEPARTMENTS as readonly string[]).includes(value);
}
