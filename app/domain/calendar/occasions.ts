// When does a guest's birthday or special day next fall? Shared by the
// check-in alerts, the arrivals brief and (later) outreach.
import { DateTime } from "luxon";
import { gregorianOfLunar, type LunarDate } from "./lunar";

export type RecurringDate = { calendar: "GREGORIAN"; month: number; day: number } | { calendar: "LUNAR"; lunar: LunarDate };

function isLeapYear(year: number) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The Gregorian date a recurring date is celebrated on in a year; 29 Feb → 28 Feb in common years. */
export function gregorianOccurrence(date: RecurringDate & { calendar: "GREGORIAN" }, year: number): string {
  const day = date.month === 2 && date.day === 29 && !isLeapYear(year) ? 28 : date.day;
  return `${year}-${String(date.month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Every celebration of `date` between `from` and `to` (inclusive ISO dates). */
export function occurrencesBetween(date: RecurringDate, from: string, to: string): string[] {
  const fromYear = Number(from.slice(0, 4));
  const toYear = Number(to.slice(0, 4));
  const found: string[] = [];
  // A lunar year starts in Jan/Feb, so the previous lunar year can still fall in range.
  for (let year = fromYear - 1; year <= toYear; year++) {
    const iso = date.calendar === "GREGORIAN" ? gregorianOccurrence(date, year) : gregorianOfLunar(year, date.lunar);
    if (iso >= from && iso <= to) found.push(iso);
  }
  return [...new Set(found)].sort();
}

export function addDays(iso: string, days: number): string {
  return DateTime.fromISO(iso, { zone: "utc" }).plus({ days }).toISODate()!;
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round(DateTime.fromISO(toIso, { zone: "utc" }).diff(DateTime.fromISO(fromIso, { zone: "utc" }), "days").days);
}

/** Today's date in a time zone, as "YYYY-MM-DD". */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now).setZone(timeZone).toISODate()!;
}
