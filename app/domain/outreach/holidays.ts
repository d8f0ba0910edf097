// Holidays: fixed Gregorian ones and lunar ones that move every year,
// computed with the lunar library (app/domain/calendar/lunar.ts).
import { gregorianOfLunar } from "../calendar/lunar";
import { gregorianOccurrence } from "../calendar/occasions";

export type HolidayRule = { code: string; nameEn: string; nameZh: string; calendar: "GREGORIAN" | "LUNAR"; month: number; day: number };

/** The holidays a new archive starts with; admins can add, change or switch them off. */
export const DEFAULT_HOLIDAYS: HolidayRule[] = [
  { code: "NEW_YEAR", nameEn: "New Year's Day", nameZh: "元旦", calendar: "GREGORIAN", month: 1, day: 1 },
  { code: "VALENTINES", nameEn: "Valentine's Day", nameZh: "情人节", calendar: "GREGORIAN", month: 2, day: 14 },
  { code: "CHRISTMAS", nameEn: "Christmas", nameZh: "圣诞节", calendar: "GREGORIAN", month: 12, day: 25 },
  { code: "SPRING_FESTIVAL", nameEn: "Spring Festival", nameZh: "春节", calendar: "LUNAR", month: 1, day: 1 },
  { code: "LANTERN", nameEn: "Lantern Festival", nameZh: "元宵节", calendar: "LUNAR", month: 1, day: 15 },
  { code: "DRAGON_BOAT", nameEn: "Dragon Boat Festival", nameZh: "端午节", calendar: "LUNAR", month: 5, day: 5 },
  { code: "QIXI", nameEn: "Qixi Festival", nameZh: "七夕", calendar: "LUNAR", month: 7, day: 7 },
  { code: "MID_AUTUMN", nameEn: "Mid-Autumn Festival", nameZh: "中秋节", calendar: "LUNAR", month: 8, day: 15 },
  { code: "DOUBLE_NINTH", nameEn: "Double Ninth Festival", nameZh: "重阳节", calendar: "LUNAR", month: 9, day: 9 },
];

/** The Gregorian date of a holiday in a given (Gregorian or lunar) year. */
export function holidayDate(rule: Pick<HolidayRule, "calendar" | "month" | "day">, year: number): string {
  return rule.calendar === "LUNAR"
    ? gregorianOfLunar(year, { month: rule.month, day: rule.day, leap: false })
    : gregorianOccurrence({ calendar: "GREGORIAN", month: rule.month, day: rule.day }, year);
}

/** Occurrences of a holiday between two dates, with the year that names the occasion. */
export function holidayOccurrences(rule: Pick<HolidayRule, "calendar" | "month" | "day">, from: string, to: string) {
  const found: { year: number; date: string }[] = [];
  for (let year = Number(from.slice(0, 4)) - 1; year <= Number(to.slice(0, 4)); year++) {
    const date = holidayDate(rule, year);
    if (date >= from && date <= to) found.push({ year, date });
  }
  return found;
}

type HolidayDb = {
  holiday: {
    count(): Promise<number>;
    createMany(args: { data: HolidayRule[] }): Promise<unknown>;
  };
};

/** A new archive gets the default holidays once; after that they are the admins' to change. */
export async function ensureDefaultHolidays(db: HolidayDb) {
  if ((await db.holiday.count()) > 0) return;
  try {
    await db.holiday.createMany({ data: DEFAULT_HOLIDAYS });
  } catch (error) {
    // Two first visits at once (PostgreSQL runs them side by side): the one
    // statement is all or nothing, so a duplicate code means the other one
    // inserted them all.
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
}
