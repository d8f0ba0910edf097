import type { RecurringDate } from "../calendar/occasions";

export type BirthdayFields = {
  birthDate: string | null;
  birthdayCalendar: "GREGORIAN" | "LUNAR";
  lunarBirthMonth: number | null;
  lunarBirthDay: number | null;
  lunarBirthLeap: boolean;
};

/** The birthday the guest celebrates, in the calendar they keep; null when unknown. */
export function birthdayOf(guest: BirthdayFields): RecurringDate | null {
  if (guest.birthdayCalendar === "LUNAR" && guest.lunarBirthMonth && guest.lunarBirthDay) {
    return { calendar: "LUNAR", lunar: { month: guest.lunarBirthMonth, day: guest.lunarBirthDay, leap: guest.lunarBirthLeap } };
  }
  if (!guest.birthDate) return null;
  const [, month, day] = guest.birthDate.split("-").map(Number);
  return { calendar: "GREGORIAN", month, day };
}
