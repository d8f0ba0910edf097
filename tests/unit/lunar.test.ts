// Lunar dates against published holiday dates (not Intl's Chinese calendar,
// which is a day off for 2027 and 2030 — see docs stack.md).
import { describe, expect, it } from "vitest";
import { gregorianOfLunar, lunarOf } from "~/domain/calendar/lunar";
import { addDays, daysBetween, gregorianOccurrence, occurrencesBetween } from "~/domain/calendar/occasions";

const SPRING_FESTIVAL = { month: 1, day: 1, leap: false };
const DRAGON_BOAT = { month: 5, day: 5, leap: false };
const MID_AUTUMN = { month: 8, day: 15, leap: false };

describe("gregorianOfLunar", () => {
  it.each([
    [2023, "2023-01-22"],
    [2024, "2024-02-10"],
    [2025, "2025-01-29"],
    [2026, "2026-02-17"],
    [2027, "2027-02-06"],
    [2028, "2028-01-26"],
    [2030, "2030-02-03"],
  ])("Spring Festival %i is %s", (year, iso) => {
    expect(gregorianOfLunar(year, SPRING_FESTIVAL)).toBe(iso);
  });

  it.each([
    [2023, "2023-09-29"],
    [2024, "2024-09-17"],
    [2025, "2025-10-06"],
    [2026, "2026-09-25"],
    [2027, "2027-09-15"],
    [2028, "2028-10-03"],
  ])("Mid-Autumn Festival %i is %s", (year, iso) => {
    expect(gregorianOfLunar(year, MID_AUTUMN)).toBe(iso);
  });

  it.each([
    [2024, "2024-06-10"],
    [2025, "2025-05-31"],
    [2026, "2026-06-19"],
  ])("Dragon Boat Festival %i is %s", (year, iso) => {
    expect(gregorianOfLunar(year, DRAGON_BOAT)).toBe(iso);
  });

  it("finds a leap month when the year has it", () => {
    // 2025 has a leap sixth month (闰六月), 2023 a leap second month (闰二月).
    expect(gregorianOfLunar(2025, { month: 6, day: 1, leap: false })).toBe("2025-06-25");
    expect(gregorianOfLunar(2025, { month: 6, day: 1, leap: true })).toBe("2025-07-25");
    expect(gregorianOfLunar(2023, { month: 2, day: 1, leap: true })).toBe("2023-03-22");
  });

  it("falls back to the ordinary month when the year has no such leap month", () => {
    expect(gregorianOfLunar(2026, { month: 6, day: 1, leap: true })).toBe(gregorianOfLunar(2026, { month: 6, day: 1, leap: false }));
    expect(gregorianOfLunar(2025, { month: 2, day: 1, leap: true })).toBe(gregorianOfLunar(2025, { month: 2, day: 1, leap: false }));
  });

  it("falls back from day 30 to day 29 in a short (29-day) month", () => {
    // The second lunar month of 2025 has 29 days.
    expect(gregorianOfLunar(2025, { month: 2, day: 30, leap: false })).toBe("2025-03-28");
    expect(gregorianOfLunar(2025, { month: 2, day: 29, leap: false })).toBe("2025-03-28");
  });
});

describe("lunarOf", () => {
  it("converts a Gregorian date to its lunar year, month and day", () => {
    expect(lunarOf("2027-02-06")).toEqual({ year: 2027, month: 1, day: 1, leap: false });
    expect(lunarOf("2027-02-05")).toMatchObject({ year: 2026, month: 12 });
    expect(lunarOf("2027-09-15")).toEqual({ year: 2027, month: 8, day: 15, leap: false });
    expect(lunarOf("2025-07-25")).toEqual({ year: 2025, month: 6, day: 1, leap: true });
  });

  it("round-trips with gregorianOfLunar", () => {
    for (const iso of ["1990-10-03", "2000-01-01", "2025-08-10", "2026-11-27"]) {
      const { year, ...date } = lunarOf(iso);
      expect(gregorianOfLunar(year, date)).toBe(iso);
    }
  });
});

describe("occurrencesBetween", () => {
  it("celebrates 29 February on 28 February in a common year", () => {
    const leapDay = { calendar: "GREGORIAN" as const, month: 2, day: 29 };
    expect(occurrencesBetween(leapDay, "2027-01-01", "2027-12-31")).toEqual(["2027-02-28"]);
    expect(occurrencesBetween(leapDay, "2028-01-01", "2028-12-31")).toEqual(["2028-02-29"]);
    expect(occurrencesBetween(leapDay, "2026-06-01", "2028-06-01")).toEqual(["2027-02-28", "2028-02-29"]);
    expect(gregorianOccurrence(leapDay, 2100)).toBe("2100-02-28");
    expect(gregorianOccurrence(leapDay, 2000)).toBe("2000-02-29");
  });

  it("includes both ends of the range and nothing outside it", () => {
    const date = { calendar: "GREGORIAN" as const, month: 12, day: 4 };
    expect(occurrencesBetween(date, "2026-12-04", "2026-12-04")).toEqual(["2026-12-04"]);
    expect(occurrencesBetween(date, "2026-12-05", "2027-12-03")).toEqual([]);
    expect(occurrencesBetween(date, "2026-01-01", "2028-12-31")).toEqual(["2026-12-04", "2027-12-04", "2028-12-04"]);
  });

  it("finds a lunar date in the Gregorian range, including one from the previous lunar year", () => {
    const midAutumn = { calendar: "LUNAR" as const, lunar: MID_AUTUMN };
    expect(occurrencesBetween(midAutumn, "2026-01-01", "2027-12-31")).toEqual(["2026-09-25", "2027-09-15"]);
    // Lunar 12/20 of lunar year 2026 falls in January 2027.
    const lateWinter = { calendar: "LUNAR" as const, lunar: { month: 12, day: 20, leap: false } };
    const found = occurrencesBetween(lateWinter, "2027-01-01", "2027-01-31");
    expect(found).toEqual([gregorianOfLunar(2026, { month: 12, day: 20, leap: false })]);
    expect(found[0] < "2027-02-06").toBe(true);
  });

  it("uses the ordinary month for a leap-month date in years without that leap month", () => {
    const leapSixth = { calendar: "LUNAR" as const, lunar: { month: 6, day: 1, leap: true } };
    expect(occurrencesBetween(leapSixth, "2025-01-01", "2025-12-31")).toEqual(["2025-07-25"]);
    expect(occurrencesBetween(leapSixth, "2026-01-01", "2026-12-31")).toEqual([gregorianOfLunar(2026, { month: 6, day: 1, leap: false })]);
  });
});

describe("date arithmetic", () => {
  it("adds days and counts days across month and year ends, in UTC calendar days", () => {
    expect(addDays("2026-11-27", 7)).toBe("2026-12-04");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysBetween("2026-11-27", "2027-02-06")).toBe(71);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
  });
});
