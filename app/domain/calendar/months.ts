// Calendar months as "YYYY-MM" text, and the local month of an instant.
import { DateTime } from "luxon";

/** The UTC offset of a time zone on a date, in minutes (a month is bucketed with one offset). */
export function localOffsetMinutes(timeZone: string, isoDate: string): number {
  return DateTime.fromISO(`${isoDate}T12:00:00`, { zone: timeZone }).offset;
}

export function monthOfInstant(at: Date, offsetMinutes: number): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 7);
}

export function monthList(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split("-").map(Number);
  const [ty, tm] = to.split("-").map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number);
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}
