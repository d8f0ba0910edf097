// Calendar arithmetic on "day numbers" (days since 1970-01-01, UTC), which is
// all the seed needs and far cheaper than building Date objects per value.
const DAY_MS = 86_400_000;

export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

const isoCache = new Map<number, string>();
export function isoOf(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoCache.size < 50_000) isoCache.set(day, iso);
  }
  return iso;
}

/** Epoch milliseconds of a local wall-clock time on a day, for a fixed UTC offset in minutes. */
export function instantOf(day: number, hour: number, minute: number, offsetMinutes: number): number {
  return day * DAY_MS + (hour * 60 + minute - offsetMinutes) * 60_000;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function monthDayOf(iso: string): { month: number; day: number } {
  return { month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}
