// The deadline rules at their edges: the configured policy, the in-house cap,
// the VIP contact days and the lapse step.
import { describe, expect, it } from "vitest";
import { checkOutTime, complaintDeadlines, deadlinePolicy, DEFAULT_DEADLINES, departureMoment } from "~/domain/complaints/deadlines";
import { escalateAfterHours, vipContactDays, vipLapseStep } from "~/domain/deadlines/escalation-policy";

const AT = new Date("2027-03-01T02:00:00Z");

describe("the complaint deadline policy", () => {
  it("defaults, replaces the severities given, and refuses a malformed or inverted one", () => {
    expect(deadlinePolicy(undefined)).toEqual(DEFAULT_DEADLINES);
    expect(deadlinePolicy("HIGH=2/12, CRITICAL=0.5/2")).toEqual({
      ...DEFAULT_DEADLINES,
      HIGH: { acknowledge: 2, resolve: 12 },
      CRITICAL: { acknowledge: 0.5, resolve: 2 },
    });
    expect(() => deadlinePolicy("HIGH=12")).toThrow(/HIGH=12/);
    expect(() => deadlinePolicy("URGENT=1/2")).toThrow(/URGENT/);
    expect(() => deadlinePolicy("LOW=10/5")).toThrow(/no later than resolving/);
    expect(() => deadlinePolicy("LOW=0/5")).toThrow(/positive/);
  });

  it("caps the resolve-by at a departure before it, and the acknowledge-by at the resolve-by", () => {
    const leaves = new Date("2027-03-01T04:00:00Z");
    expect(complaintDeadlines("LOW", AT, DEFAULT_DEADLINES, leaves)).toEqual({
      acknowledgeBy: leaves,
      resolveBy: leaves,
      cappedByDeparture: true,
    });
    // A departure after the resolve-by, or one already past (a late entry), changes nothing.
    const later = new Date("2027-03-10T04:00:00Z");
    expect(complaintDeadlines("HIGH", AT, DEFAULT_DEADLINES, later).cappedByDeparture).toBe(false);
    expect(complaintDeadlines("HIGH", AT, DEFAULT_DEADLINES, new Date("2027-02-28T04:00:00Z"))).toMatchObject({
      resolveBy: new Date("2027-03-02T02:00:00Z"),
      cappedByDeparture: false,
    });
    // A quarter of an hour to acknowledge a critical one.
    expect(complaintDeadlines("CRITICAL", AT, DEFAULT_DEADLINES, null).acknowledgeBy).toEqual(new Date("2027-03-01T02:15:00Z"));
  });

  it("leaves at the property's standard check-out time in its own zone", () => {
    expect(departureMoment("2027-03-02", "Asia/Shanghai")).toEqual(new Date("2027-03-02T04:00:00Z"));
    expect(departureMoment("2027-03-02", "Europe/Berlin", checkOutTime("11:00"))).toEqual(new Date("2027-03-02T10:00:00Z"));
    expect(checkOutTime("25:00")).toBe("12:00");
  });
});

describe("the escalation policy", () => {
  it("reads the VIP contact days and the escalation delay, refusing nonsense", () => {
    expect(vipContactDays("3=45")[3]).toBe(45);
    expect(vipContactDays(undefined)[1]).toBe(180);
    expect(() => vipContactDays("9=10")).toThrow(/9=10/);
    expect(escalateAfterHours("2")).toBe(2);
    expect(escalateAfterHours("-1")).toBe(4);
  });

  it("numbers a VIP lapse by the date of the last contact", () => {
    expect(vipLapseStep("2026-11-01")).toBe(20261101);
    expect(vipLapseStep(null)).toBe(0);
  });
});
