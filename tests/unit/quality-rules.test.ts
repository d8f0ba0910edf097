// The pure pieces of the quality rules: resident-ID check digits, e-mail
// domains, phones in E.164, clashes and the completeness score.
import { describe, expect, it } from "vitest";
import { clashBetween } from "~/domain/quality/clashes";
import { completenessOf, COMPLETENESS_TOTAL } from "~/domain/quality/completeness";
import { emailDomainProblem } from "~/domain/quality/email-domain";
import { phoneE164, storedPhone } from "~/domain/quality/phone";
import { residentIdBirthDate, residentIdChecksumValid, residentIdWithBirthDate } from "~/domain/quality/resident-id";

describe("resident ID", () => {
  it("checks the GB 11643 check character, X included", () => {
    expect(residentIdChecksumValid("11010519491231002X")).toBe(true);
    expect(residentIdChecksumValid("110105194912310021")).toBe(false);
    expect(residentIdChecksumValid("440524188001010014")).toBe(true);
    expect(residentIdChecksumValid("44052418800101001")).toBe(false);
  });

  it("reads the birth date, and refuses a date that does not exist", () => {
    expect(residentIdBirthDate("11010519491231002X")).toBe("1949-12-31");
    expect(residentIdBirthDate("110105194902300021")).toBeNull();
    const moved = residentIdWithBirthDate("11010519491231002X", "1980-02-29");
    expect([residentIdBirthDate(moved), residentIdChecksumValid(moved)]).toEqual(["1980-02-29", true]);
  });
});

describe("e-mail domains", () => {
  it("suggests the provider for a misspelling, and leaves real and Chinese providers alone", () => {
    expect(emailDomainProblem("li.na@gmial.com")).toEqual({ kind: "misspelt", domain: "gmial.com", suggestion: "gmail.com" });
    expect(emailDomainProblem("wang@qq.con")).toMatchObject({ kind: "misspelt", suggestion: "qq.com" });
    for (const ok of ["a@foxmail.com", "a@163.com", "a@gmail.com", "a@example.org", "a@hotel-group.cn"])
      expect(emailDomainProblem(ok), ok).toBeNull();
  });

  it("calls a domain that cannot exist impossible", () => {
    for (const bad of ["a@localhost", "a@-x.com", "a@x..com", "a@x.c0m", "@x.com"])
      expect(emailDomainProblem(bad)?.kind, bad).toBe("impossible");
  });
});

describe("phones", () => {
  it("stores a valid number in E.164, reading one without a country code as Chinese", () => {
    expect(phoneE164("138 0013 8000")).toBe("+8613800138000");
    expect(phoneE164("+852 5123 4567")).toBe("+85251234567");
    expect(phoneE164("0086 138-0013-8000")).toBe("+8613800138000");
    expect(phoneE164("12345678")).toBeNull();
    expect(storedPhone("call me")).toBe("call me");
    expect(storedPhone("  ")).toBeNull();
  });
});

describe("clashes", () => {
  it("finds a down pillow for a feather allergy, not gluten-free food for a gluten allergy", () => {
    expect(clashBetween("feathers 羽毛", "down pillow 羽绒枕")?.id).toBe("feathers");
    expect(clashBetween("gluten 麸质", "gluten-free 无麸质")).toBeNull();
    expect(clashBetween("peanuts 花生", "green tea 绿茶")).toBeNull();
  });
});

describe("completeness", () => {
  const empty = {
    phone: null,
    email: null,
    birthDate: null,
    namePinyin: null,
    fullName: "张三",
    gender: "UNDISCLOSED",
    nationality: null,
    address: null,
    idDocumentLast4: null,
    language: null,
    company: null,
    nativePlace: null,
    ethnicity: null,
    activePreferences: 0,
  };

  it("weighs the fields and names the heaviest missing first", () => {
    expect(completenessOf(empty)).toMatchObject({ score: 0, topMissing: ["phone", "birthDate", "email"] });
    const some = completenessOf({ ...empty, phone: "+8613800138000", namePinyin: "zhang san" });
    expect(some.score).toBe(Math.round((100 * 23) / COMPLETENESS_TOTAL));
    expect(some.topMissing).toEqual(["birthDate", "email", "idDocument"]);
  });

  it("does not ask a Latin name for pinyin", () => {
    expect(completenessOf({ ...empty, fullName: "John Smith" }).missing).not.toContain("namePinyin");
  });
});
