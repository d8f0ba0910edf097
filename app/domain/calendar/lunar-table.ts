// Lunar birthdays for many guests. `lunarOf` (app/domain/calendar/lunar.ts)
// costs ~1 ms per call when the year changes, so converting a birth date per
// guest would add minutes at 1M guests. This builds the same answer from
// lunar-typescript's month table once per lunar year and looks dates up in it;
// tests/verification compare it with `lunarOf`. The seed and the quality job use it.
import { LunarYear } from "lunar-typescript";
import type { LunarDate } from "./lunar";

// Julian day number at noon of 1970-01-01 (day number 0).
const JD_OF_DAY_0 = 2440588;

type MonthSpan = { firstDay: number; dayCount: number; month: number; leap: boolean };
const monthsByLunarYear = new Map<number, MonthSpan[]>();

function monthsOf(lunarYear: number): MonthSpan[] {
  let months = monthsByLunarYear.get(lunarYear);
  if (!months) {
    months = LunarYear.fromYear(lunarYear)
      .getMonthsInYear()
      .map((m) => ({
        firstDay: Math.round(m.getFirstJulianDay()) - JD_OF_DAY_0,
        dayCount: m.getDayCount(),
        month: Math.abs(m.getMonth()),
        leap: m.getMonth() < 0 || m.isLeap(),
      }));
    monthsByLunarYear.set(lunarYear, months);
  }
  return months;
}

/** The lunar month/day of a Gregorian day number (see dates.ts). */
export function lunarOfDay(day: number): LunarDate {
  const gregorianYear = new Date(day * 86_400_000).getUTCFullYear();
  // A Gregorian date belongs to the lunar year of the same number or the one before.
  for (const lunarYear of [gregorianYear, gregorianYear - 1]) {
    for (const m of monthsOf(lunarYear)) {
      if (day >= m.firstDay && day < m.firstDay + m.dayCount) return { month: m.month, day: day - m.firstDay + 1, leap: m.leap };
    }
  }
  throw new Error(`no lunar date for day ${day}`);
}

/** lunarOfDay of an ISO date ("YYYY-MM-DD"). */
export function lunarOfIsoDate(iso: string): LunarDate {
  return lunarOfDay(Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000));
}
