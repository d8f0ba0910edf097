// The guest form's rules: each problem is reported on its field with a
// translation key the route can show.
import { describe, expect, it } from "vitest";
import { guestFormSchema } from "~/domain/guests/guest-form";
import { issuesOf } from "../support/form-issues";

const TODAY = "2026-11-27";
const schema = guestFormSchema(TODAY);

const valid = { fullName: "张三" };

describe("guest form", () => {
  it("accepts a minimal guest and fills the defaults", () => {
    const parsed = schema.parse(valid);
    expect(parsed).toMatchObject({
      fullName: "张三",
      gender: "UNDISCLOSED",
      birthdayCalendar: "GREGORIAN",
      language: "zh-CN",
      vipLevel: 0,
      markers: [],
      consentEmail: false,
      confirmDuplicate: false,
      lunarBirthLeap: false,
    });
    expect(parsed.email).toBeUndefined();
    expect(parsed.phone).toBeUndefined();
  });

  it("reads form values: blanks are absent, checkboxes are on/off, numbers are numbers", () => {
    const parsed = schema.parse({
      fullName: "  John Smith  ",
      email: "",
      phone: " ",
      vipLevel: "3",
      consentSms: "on",
      markers: "VIP",
      version: "4",
    });
    expect(parsed).toMatchObject({
      fullName: "John Smith",
      vipLevel: 3,
      consentSms: true,
      consentEmail: false,
      markers: ["VIP"],
      version: 4,
    });
    expect(parsed.email).toBeUndefined();
    expect(parsed.phone).toBeUndefined();
  });

  it("requires a name", () => {
    expect(issuesOf(schema, {})).toEqual(["fullName: error.required"]);
    expect(issuesOf(schema, { fullName: "" })).toEqual(["fullName: error.required"]);
    expect(issuesOf(schema, { fullName: "   " })).toEqual(["fullName: error.required"]);
    expect(issuesOf(schema, { fullName: "x".repeat(101) })).toEqual(["fullName: error.tooLong"]);
  });

  it("rejects a malformed e-mail", () => {
    expect(issuesOf(schema, { ...valid, email: "not-an-email" })).toEqual(["email: error.email"]);
    expect(issuesOf(schema, { ...valid, email: "a@b" })).toEqual(["email: error.email"]);
    expect(issuesOf(schema, { ...valid, email: "zhang.san@example.com" })).toEqual([]);
  });

  it("rejects a malformed phone", () => {
    expect(issuesOf(schema, { ...valid, phone: "call me" })).toEqual(["phone: error.phone"]);
    expect(issuesOf(schema, { ...valid, phone: "12345" })).toEqual(["phone: error.phone"]);
    expect(issuesOf(schema, { ...valid, phone: "138-1234-abcd" })).toEqual(["phone: error.phone"]);
    expect(issuesOf(schema, { ...valid, phone: "+86 (138) 1234-5678" })).toEqual([]);
  });

  it("keeps a birth date between 1900 and today, and a real calendar date", () => {
    expect(issuesOf(schema, { ...valid, birthDate: "2026-11-28" })).toEqual(["birthDate: error.birthDateRange"]);
    expect(issuesOf(schema, { ...valid, birthDate: "1899-12-31" })).toEqual(["birthDate: error.birthDateRange"]);
    expect(issuesOf(schema, { ...valid, birthDate: "2026-02-30" })).toEqual(["birthDate: error.date"]);
    expect(issuesOf(schema, { ...valid, birthDate: "2023-02-29" })).toEqual(["birthDate: error.date"]);
    expect(issuesOf(schema, { ...valid, birthDate: "27/11/1990" })).toEqual(["birthDate: error.date"]);
    expect(issuesOf(schema, { ...valid, birthDate: TODAY })).toEqual([]);
    expect(issuesOf(schema, { ...valid, birthDate: "1900-01-01" })).toEqual([]);
    expect(issuesOf(schema, { ...valid, birthDate: "2024-02-29" })).toEqual([]);
  });

  it("needs a date for a lunar birthday: the Gregorian birth date or the lunar month and day", () => {
    expect(issuesOf(schema, { ...valid, birthdayCalendar: "LUNAR" })).toEqual(["lunarBirthMonth: error.lunarNeeded"]);
    expect(issuesOf(schema, { ...valid, birthdayCalendar: "LUNAR", lunarBirthMonth: "8" })).toEqual(["lunarBirthMonth: error.lunarNeeded"]);
    expect(issuesOf(schema, { ...valid, birthdayCalendar: "LUNAR", lunarBirthMonth: "8", lunarBirthDay: "15" })).toEqual([]);
    expect(issuesOf(schema, { ...valid, birthdayCalendar: "LUNAR", birthDate: "1990-10-03" })).toEqual([]);
    expect(issuesOf(schema, { ...valid, birthdayCalendar: "LUNAR", lunarBirthMonth: "13", lunarBirthDay: "1" })).toContain(
      "lunarBirthMonth: error.lunarMonth",
    );
    expect(issuesOf(schema, { ...valid, birthdayCalendar: "LUNAR", lunarBirthMonth: "1", lunarBirthDay: "31" })).toContain(
      "lunarBirthDay: error.lunarDay",
    );
  });

  it("needs the document type when an ID number is given, and a plausible number", () => {
    expect(issuesOf(schema, { ...valid, idDocumentNumber: "110101199001011234" })).toEqual(["idDocumentType: error.required"]);
    expect(issuesOf(schema, { ...valid, idDocumentType: "RESIDENT_ID", idDocumentNumber: "110101199001011234" })).toEqual([]);
    expect(issuesOf(schema, { ...valid, idDocumentType: "PASSPORT", idDocumentNumber: "E12 345" })).toEqual([
      "idDocumentNumber: error.idDocument",
    ]);
    expect(issuesOf(schema, { ...valid, idDocumentType: "PASSPORT", idDocumentNumber: "123" })).toEqual([
      "idDocumentNumber: error.idDocument",
    ]);
  });

  it("keeps the VIP level between 0 and 5", () => {
    expect(issuesOf(schema, { ...valid, vipLevel: "6" })).toEqual(["vipLevel: error.vipLevel"]);
    expect(issuesOf(schema, { ...valid, vipLevel: "-1" })).toEqual(["vipLevel: error.vipLevel"]);
    expect(issuesOf(schema, { ...valid, vipLevel: "2.5" })).toHaveLength(1);
    expect(schema.parse({ ...valid, vipLevel: "" }).vipLevel).toBe(0);
    expect(schema.parse({ ...valid, vipLevel: "5" }).vipLevel).toBe(5);
  });

  it("reports every problem at once, each on its own field", () => {
    expect(issuesOf(schema, { fullName: "", email: "x", phone: "y", vipLevel: "9" }).sort()).toEqual([
      "email: error.email",
      "fullName: error.required",
      "phone: error.phone",
      "vipLevel: error.vipLevel",
    ]);
  });
});
