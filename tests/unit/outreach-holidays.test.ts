// Holidays against published dates (the lunar ones through the lunar library,
// never Intl — see stack.md), their occurrences in a window, and the default
// holidays a new archive starts with.
import { describe, expect, it } from "vitest";
import { DEFAULT_HOLIDAYS, ensureDefaultHolidays, holidayDate, holidayOccurrences, type HolidayRule } from "~/domain/outreach/holidays";

const rule = (code: string): HolidayRule => {
  const found = DEFAULT_HOLIDAYS.find((h) => h.code === code);
  if (!found) throw new Error(`no default holiday ${code}`);
  return found;
};

describe("holidayDate against published dates", () => {
  it.each([
    // The dates (Intl's Chinese calendar gets the first two wrong by a day).
    ["SPRING_FESTIVAL", 2027, "2027-02-06"],
    ["SPRING_FESTIVAL", 2030, "2030-02-03"],
    ["MID_AUTUMN", 2027, "2027-09-15"],
    // More published dates.
    ["SPRING_FESTIVAL", 2026, "2026-02-17"],
    ["LANTERN", 2026, "2026-03-03"],
    ["LANTERN", 2027, "2027-02-20"],
    ["DRAGON_BOAT", 2026, "2026-06-19"],
    ["DRAGON_BOAT", 2027, "2027-06-09"],
    ["QIXI", 2026, "2026-08-19"],
    ["QIXI", 2027, "2027-08-08"],
    ["MID_AUTUMN", 2026, "2026-09-25"],
    ["DOUBLE_NINTH", 2026, "2026-10-18"],
    ["DOUBLE_NINTH", 2027, "2027-10-08"],
  ])("%s %i is %s", (code, year, iso) => {
    expect(holidayDate(rule(code), year)).toBe(iso);
  });

  it.each([
    ["NEW_YEAR", 2027, "2027-01-01"],
    ["VALENTINES", 2027, "2027-02-14"],
    ["CHRISTMAS", 2026, "2026-12-25"],
  ])("fixed Gregorian holiday %s %i is %s", (code, year, iso) => {
    expect(holidayDate(rule(code), year)).toBe(iso);
  });

  it("celebrates a 29 February holiday on 28 February in a common year", () => {
    const leapDay = { calendar: "GREGORIAN" as const, month: 2, day: 29 };
    expect(holidayDate(leapDay, 2027)).toBe("2027-02-28");
    expect(holidayDate(leapDay, 2028)).toBe("2028-02-29");
  });
});

describe("holidayOccurrences", () => {
  it("finds Spring Festival 2027 ten days ahead, named by its year, and nothing before the window reaches it", () => {
    expect(holidayOccurrences(rule("SPRING_FESTIVAL"), "2027-01-28", "2027-02-07")).toEqual([{ year: 2027, date: "2027-02-06" }]);
    expect(holidayOccurrences(rule("SPRING_FESTIVAL"), "2027-01-20", "2027-01-30")).toEqual([]);
    // Both ends are inside the window.
    expect(holidayOccurrences(rule("SPRING_FESTIVAL"), "2027-02-06", "2027-02-06")).toEqual([{ year: 2027, date: "2027-02-06" }]);
  });

  it("finds New Year's Day across the year end", () => {
    expect(holidayOccurrences(rule("NEW_YEAR"), "2026-12-25", "2027-01-04")).toEqual([{ year: 2027, date: "2027-01-01" }]);
  });

  it("names a lunar holiday that falls in January by its lunar year", () => {
    // 腊八 (12th lunar month, 8th day) of lunar year 2026 falls in January 2027.
    const laba = { calendar: "LUNAR" as const, month: 12, day: 8 };
    const found = holidayOccurrences(laba, "2027-01-01", "2027-01-31");
    expect(found).toHaveLength(1);
    expect(found[0].year).toBe(2026);
    expect(found[0].date < "2027-02-06").toBe(true);
  });

  it("lists every occurrence in a long window, in order", () => {
    expect(holidayOccurrences(rule("MID_AUTUMN"), "2026-01-01", "2027-12-31")).toEqual([
      { year: 2026, date: "2026-09-25" },
      { year: 2027, date: "2027-09-15" },
    ]);
  });
});

describe("ensureDefaultHolidays", () => {
  it("plants the defaults into an empty table only", async () => {
    const created: HolidayRule[][] = [];
    let rows = 0;
    const fake = {
      holiday: {
        count: async () => rows,
        createMany: async ({ data }: { data: HolidayRule[] }) => {
          created.push(data);
          rows += data.length;
        },
      },
    };
    await ensureDefaultHolidays(fake);
    await ensureDefaultHolidays(fake);
    expect(created).toHaveLength(1);
    expect(created[0].map((h) => h.code)).toEqual([
      "NEW_YEAR",
      "VALENTINES",
      "CHRISTMAS",
      "SPRING_FESTIVAL",
      "LANTERN",
      "DRAGON_BOAT",
      "QIXI",
      "MID_AUTUMN",
      "DOUBLE_NINTH",
    ]);
    expect(new Set(created[0].map((h) => h.code)).size).toBe(created[0].length);
  });
});
