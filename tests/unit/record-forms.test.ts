// The rules of the stay, charge, special-date and complaint forms.
import { describe, expect, it } from "vitest";
import { MAX_NIGHTS, nightsBetween, stayFormSchema } from "~/domain/stays/stay-form";
import { chargeFormSchema, netAmountOf } from "~/domain/consumption/charge-form";
import { preferenceFormSchema, specialDateFormSchema } from "~/domain/preferences/preference-form";
import { feedbackFormSchema, handlingFormSchema } from "~/domain/complaints/feedback-form";
import { issuesOf } from "../support/form-issues";

describe("stay form", () => {
  const stay = {
    propertyId: "1",
    roomType: "DELUXE",
    arrivalDate: "2026-11-20",
    departureDate: "2026-11-23",
    bookingChannel: "OTA",
    purpose: "LEISURE",
    adults: "2",
  };

  it("accepts a valid stay and reads its numbers", () => {
    const parsed = stayFormSchema.parse({ ...stay, rateAmount: "1,280.50", amenitiesUsed: "SPA" });
    expect(parsed).toMatchObject({ propertyId: 1, adults: 2, children: 0, rateAmount: 128050, amenitiesUsed: ["SPA"], status: "RESERVED" });
    expect(nightsBetween(parsed.arrivalDate, parsed.departureDate)).toBe(3);
  });

  it("rejects a departure on or before the arrival", () => {
    expect(issuesOf(stayFormSchema, { ...stay, departureDate: "2026-11-19" })).toEqual(["departureDate: error.departureBeforeArrival"]);
    expect(issuesOf(stayFormSchema, { ...stay, departureDate: "2026-11-20" })).toEqual(["departureDate: error.departureBeforeArrival"]);
  });

  it(`rejects a stay longer than ${MAX_NIGHTS} nights`, () => {
    expect(issuesOf(stayFormSchema, { ...stay, arrivalDate: "2026-01-01", departureDate: "2027-01-02" })).toEqual([
      "departureDate: error.stayTooLong",
    ]);
    expect(issuesOf(stayFormSchema, { ...stay, arrivalDate: "2026-01-01", departureDate: "2027-01-01" })).toEqual([]);
  });

  it("needs a room number for a guest in house", () => {
    expect(issuesOf(stayFormSchema, { ...stay, status: "IN_HOUSE" })).toEqual(["roomNumber: error.roomNeeded"]);
    expect(issuesOf(stayFormSchema, { ...stay, status: "IN_HOUSE", roomNumber: "  " })).toEqual(["roomNumber: error.roomNeeded"]);
    expect(issuesOf(stayFormSchema, { ...stay, status: "IN_HOUSE", roomNumber: "1208" })).toEqual([]);
  });

  it("rejects impossible dates and missing choices", () => {
    expect(issuesOf(stayFormSchema, { ...stay, arrivalDate: "2026-02-30" })).toEqual(["arrivalDate: error.date"]);
    expect(issuesOf(stayFormSchema, { ...stay, roomType: "" })).toEqual(["roomType: error.required"]);
    expect(issuesOf(stayFormSchema, { ...stay, adults: "0" })).toEqual(["adults: error.number"]);
    expect(issuesOf(stayFormSchema, { ...stay, rateAmount: "-1" })).toEqual(["rateAmount: error.moneyNegative"]);
  });
});

describe("charge form", () => {
  const charge = {
    propertyId: "1",
    outlet: "Lobby Bar",
    covers: "2",
    grossAmount: "300",
    paymentMethod: "CARD",
    chargedAt: "2026-11-20T21:15",
  };

  it("reads money into minor units and the discount as a percentage", () => {
    const parsed = chargeFormSchema.parse({ ...charge, grossAmount: "1,234.50", discountPercent: "15" });
    expect(parsed).toMatchObject({ grossAmount: 123450, discountPercent: 15, covers: 2, mealPeriod: "NONE" });
    expect(netAmountOf(parsed.grossAmount, parsed.discountPercent)).toBe(104933);
    expect(chargeFormSchema.parse({ ...charge, discountPercent: "" }).discountPercent).toBe(0);
  });

  it("rejects a negative amount and an amount that is not a number", () => {
    expect(issuesOf(chargeFormSchema, { ...charge, grossAmount: "-20" })).toEqual(["grossAmount: error.moneyNegative"]);
    expect(issuesOf(chargeFormSchema, { ...charge, grossAmount: "twelve" })).toEqual(["grossAmount: error.money"]);
    expect(issuesOf(chargeFormSchema, { ...charge, grossAmount: "12..5" })).toEqual(["grossAmount: error.money"]);
    expect(issuesOf(chargeFormSchema, { ...charge, grossAmount: "" })).toEqual(["grossAmount: error.required"]);
  });

  it("keeps the discount between 0 and 100 %", () => {
    expect(issuesOf(chargeFormSchema, { ...charge, discountPercent: "120" })).toEqual(["discountPercent: error.discount"]);
    expect(issuesOf(chargeFormSchema, { ...charge, discountPercent: "-5" })).toEqual(["discountPercent: error.discount"]);
    expect(issuesOf(chargeFormSchema, { ...charge, discountPercent: "lots" })).toEqual(["discountPercent: error.number"]);
    expect(issuesOf(chargeFormSchema, { ...charge, discountPercent: "100" })).toEqual([]);
  });

  it("needs an outlet, covers, a payment method and a time", () => {
    expect(issuesOf(chargeFormSchema, { ...charge, outlet: " " })).toEqual(["outlet: error.required"]);
    expect(issuesOf(chargeFormSchema, { ...charge, covers: "0" })).toEqual(["covers: error.number"]);
    expect(issuesOf(chargeFormSchema, { ...charge, paymentMethod: "BITCOIN" })).toEqual(["paymentMethod: error.required"]);
    expect(issuesOf(chargeFormSchema, { ...charge, chargedAt: "yesterday" })).toEqual(["chargedAt: error.dateTime"]);
  });
});

describe("preference and special-date forms", () => {
  it("needs a category and a value", () => {
    expect(issuesOf(preferenceFormSchema, { category: "PILLOW", value: "buckwheat" })).toEqual([]);
    expect(issuesOf(preferenceFormSchema, { category: "", value: "" }).sort()).toEqual([
      "category: error.required",
      "value: error.required",
    ]);
  });

  const date = { kind: "ANNIVERSARY", label: "Wedding", month: "2", day: "14" };

  it("rejects 31 February and 30 February, allows 29 February", () => {
    expect(issuesOf(specialDateFormSchema, { ...date, day: "31" })).toEqual(["day: error.day"]);
    expect(issuesOf(specialDateFormSchema, { ...date, day: "30" })).toEqual(["day: error.day"]);
    expect(issuesOf(specialDateFormSchema, { ...date, day: "29" })).toEqual([]);
    expect(issuesOf(specialDateFormSchema, { ...date, month: "4", day: "31" })).toEqual(["day: error.day"]);
    expect(issuesOf(specialDateFormSchema, { ...date, month: "13" })).toContain("month: error.month");
  });

  it("allows a leap month only on the lunar calendar", () => {
    expect(issuesOf(specialDateFormSchema, { ...date, isLeapMonth: "on" })).toEqual(["isLeapMonth: error.leapOnlyLunar"]);
    expect(issuesOf(specialDateFormSchema, { ...date, calendar: "LUNAR", isLeapMonth: "on" })).toEqual([]);
    // The lunar calendar has 30-day months, in February's number too.
    expect(issuesOf(specialDateFormSchema, { ...date, calendar: "LUNAR", day: "30" })).toEqual([]);
    expect(issuesOf(specialDateFormSchema, { ...date, calendar: "LUNAR", day: "31" })).toEqual(["day: error.day"]);
  });
});

describe("complaint forms", () => {
  it("needs a description, category and department for feedback", () => {
    expect(
      issuesOf(feedbackFormSchema, {
        kind: "COMPLAINT",
        propertyId: "1",
        category: "NOISE",
        department: "HOUSEKEEPING",
        description: "Loud",
      }),
    ).toEqual([]);
    expect(
      issuesOf(feedbackFormSchema, { kind: "COMPLAINT", propertyId: "1", category: "", department: "", description: "" }).sort(),
    ).toEqual(["category: error.required", "department: error.required", "description: error.required"]);
  });

  it("needs the handling written down before a complaint is resolved or closed", () => {
    expect(issuesOf(handlingFormSchema, { feedbackId: "3", status: "RESOLVED" })).toEqual(["handling: error.handlingNeeded"]);
    expect(issuesOf(handlingFormSchema, { feedbackId: "3", status: "CLOSED", handling: "   " })).toEqual([
      "handling: error.handlingNeeded",
    ]);
    expect(issuesOf(handlingFormSchema, { feedbackId: "3", status: "RESOLVED", handling: "Moved to a quiet room" })).toEqual([]);
    expect(issuesOf(handlingFormSchema, { feedbackId: "3", status: "IN_PROGRESS" })).toEqual([]);
  });
});
