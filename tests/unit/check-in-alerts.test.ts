// The alerts rule on its own: which preferences alert, how complaints are
// counted, and the seven-day and current-stay windows for occasions.
import { describe, expect, it } from "vitest";
import { checkInAlerts, OCCASION_WINDOW_DAYS, type AlertInput } from "~/domain/guests/check-in-alerts";

const NOW = new Date("2026-11-27T04:00:00Z");
const base: AlertInput = {
  today: "2026-11-27",
  preferences: [],
  openComplaints: [],
  birthday: null,
  specialDates: [],
  stay: null,
  now: NOW,
};

describe("checkInAlerts", () => {
  it("alerts active and pending allergies and taboos, nothing else", () => {
    const alerts = checkInAlerts({
      ...base,
      preferences: [
        { category: "ALLERGY", value: "shellfish", status: "ACTIVE" },
        { category: "ALLERGY", value: "latex", status: "PENDING_REVIEW" },
        { category: "ALLERGY", value: "dust", status: "PROPOSED" },
        { category: "ALLERGY", value: "cats", status: "REJECTED" },
        { category: "TABOO", value: "pork", status: "ACTIVE" },
        { category: "PILLOW", value: "soft", status: "ACTIVE" },
      ],
    });
    expect(alerts).toEqual([
      { kind: "allergy", text: "shellfish", pending: false },
      { kind: "allergy", text: "latex", pending: true },
      { kind: "taboo", text: "pork", pending: false },
    ]);
  });

  it("counts open complaints and those past their deadline", () => {
    const alerts = checkInAlerts({
      ...base,
      openComplaints: [
        { kind: "COMPLAINT", status: "OPEN", deadline: new Date(NOW.getTime() - 1) },
        { kind: "COMPLAINT", status: "IN_PROGRESS", deadline: new Date(NOW.getTime() + 3_600_000) },
        { kind: "COMPLAINT", status: "OPEN", deadline: null },
      ],
    });
    expect(alerts).toEqual([{ kind: "openComplaint", count: 3, overdue: 1 }]);
    expect(checkInAlerts(base)).toEqual([]);
  });

  it(`shows an occasion from today to ${OCCASION_WINDOW_DAYS} days ahead`, () => {
    const on = (month: number, day: number) => checkInAlerts({ ...base, birthday: { calendar: "GREGORIAN", month, day } });
    expect(on(11, 27)).toEqual([{ kind: "occasion", label: "", occasion: "birthday", date: "2026-11-27", duringStay: false }]);
    expect(on(12, 4)).toMatchObject([{ date: "2026-12-04" }]);
    expect(on(12, 5)).toEqual([]);
    expect(on(11, 26)).toEqual([]);
  });

  it("shows an occasion anywhere in the current stay, once, the first one", () => {
    const alerts = checkInAlerts({
      ...base,
      stay: { arrivalDate: "2026-11-25", departureDate: "2027-01-05" },
      specialDates: [
        { kind: "CUSTOM", label: "Company day", date: { calendar: "GREGORIAN", month: 12, day: 28 } },
        { kind: "ANNIVERSARY", label: "Not this stay", date: { calendar: "GREGORIAN", month: 1, day: 10 } },
      ],
    });
    expect(alerts).toEqual([{ kind: "occasion", label: "Company day", occasion: "custom", date: "2026-12-28", duringStay: true }]);
  });

  it("finds a lunar occasion across the Gregorian new year", () => {
    // Lunar 12/20 of the 2026 lunar year is 2027-01-27.
    const alerts = checkInAlerts({
      ...base,
      today: "2027-01-22",
      birthday: { calendar: "LUNAR", lunar: { month: 12, day: 20, leap: false } },
    });
    expect(alerts).toEqual([{ kind: "occasion", label: "", occasion: "birthday", date: "2027-01-27", duringStay: false }]);
  });
});
