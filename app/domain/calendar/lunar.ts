// Lunar (农历) dates through lunar-typescript, a maintained library tested
// against published dates — never Intl's Chinese calendar (see stack.md).
import { Lunar, LunarYear, Solar } from "lunar-typescript";

export type LunarDate = { month: number; day: number; leap: boolean };

export function lunarOf(isoDate: string): LunarDate & { year: number } {
  const [y, m, d] = isoDate.split("-").map(Number);
  const lunar = Solar.fromYmd(y, m, d).getLunar();
  const month = lunar.getMonth();
  return { year: lunar.getYear(), month: Math.abs(month), day: lunar.getDay(), leap: month < 0 };
}

/**
 * The Gregorian date of a lunar month/day in a given lunar year. A leap-month
 * date falls back to the ordinary month when that year has no such leap month,
 * and day 30 falls back to day 29 in a short month, as families celebrate it.
 */
export function gregorianOfLunar(lunarYear: number, date: LunarDate): string {
  const year = LunarYear.fromYear(lunarYear);
  const wantLeap = date.leap && year.getLeapMonth() === date.month;
  const monthNumber = wantLeap ? -date.month : date.month;
  const month = year.getMonth(monthNumber) ?? year.getMonth(date.month)!;
  const day = Math.min(date.day, month.getDayCount());
  return Lunar.fromYmd(lunarYear, monthNumber, day).getSolar().toYmd();
}
