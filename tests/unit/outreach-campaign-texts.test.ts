// A campaign's texts fit its kind: each kind's default texts, the switch of
// untouched defaults when the kind changes, and what activation refuses or
// asks to confirm (a birthday greeting in a holiday campaign, placeholders
// nobody fills).
import { describe, expect, it } from "vitest";
import { CAMPAIGN_KINDS } from "~/domain/outreach/campaign-form";
import { campaignTextIssues, DEFAULT_TEXTS, KIND_PLACEHOLDERS, textsForKind } from "~/domain/outreach/campaign-texts";
import { greetingCapOn, greetingKeyOf } from "~/domain/outreach/greeting-cap";

const brief = (issues: ReturnType<typeof campaignTextIssues>) =>
  issues.map((i) => [i.field, i.severity, i.code, i.placeholder ?? i.kind ?? null]);

describe("default texts", () => {
  it("every kind has its own, which fit it and use only the placeholders it fills", () => {
    const subjects = new Set<string>();
    for (const kind of CAMPAIGN_KINDS) {
      expect(campaignTextIssues(kind, DEFAULT_TEXTS[kind]), kind).toEqual([]);
      subjects.add(DEFAULT_TEXTS[kind].subjectEn);
    }
    expect(subjects.size).toBe(CAMPAIGN_KINDS.length);
    expect(KIND_PLACEHOLDERS.HOLIDAY).toContain("holiday");
    expect(KIND_PLACEHOLDERS.BIRTHDAY).not.toContain("holiday");
  });
});

describe("textsForKind", () => {
  it("replaces untouched defaults with the new kind's, also when the browser sent CRLF line breaks", () => {
    const typed = { ...DEFAULT_TEXTS.BIRTHDAY, templateEn: DEFAULT_TEXTS.BIRTHDAY.templateEn.replace(/\n/g, "\r\n") };
    expect(textsForKind("HOLIDAY", typed, "BIRTHDAY")).toEqual({ texts: DEFAULT_TEXTS.HOLIDAY, kept: [] });
    expect(textsForKind("BIRTHDAY", DEFAULT_TEXTS.HOLIDAY, "HOLIDAY")).toEqual({ texts: DEFAULT_TEXTS.BIRTHDAY, kept: [] });
    // Without knowing the previous kind, any kind's default still counts as untouched.
    expect(textsForKind("WIN_BACK", DEFAULT_TEXTS.VIP_CARE).texts).toEqual(DEFAULT_TEXTS.WIN_BACK);
  });

  it("keeps what the user wrote and names those fields", () => {
    const texts = { ...DEFAULT_TEXTS.BIRTHDAY, subjectEn: "Our gift to you, {name}", templateZh: "亲爱的{name}，生日快乐" };
    expect(textsForKind("HOLIDAY", texts, "BIRTHDAY")).toEqual({
      texts: { ...DEFAULT_TEXTS.HOLIDAY, subjectEn: "Our gift to you, {name}", templateZh: "亲爱的{name}，生日快乐" },
      kept: ["subjectEn", "templateZh"],
    });
    // The same kind again changes nothing and warns of nothing.
    expect(textsForKind("BIRTHDAY", texts, "BIRTHDAY")).toEqual({ texts, kept: [] });
  });
});

describe("campaignTextIssues", () => {
  it("warns of the birthday texts in a holiday campaign (the issue: 'Happy birthday, {name}!' for Spring Festival)", () => {
    expect(brief(campaignTextIssues("HOLIDAY", DEFAULT_TEXTS.BIRTHDAY))).toEqual([
      ["subjectEn", "warning", "otherKindDefault", "BIRTHDAY"],
      ["subjectZh", "warning", "otherKindDefault", "BIRTHDAY"],
      ["templateEn", "warning", "otherKindDefault", "BIRTHDAY"],
      ["templateZh", "warning", "otherKindDefault", "BIRTHDAY"],
    ]);
    const own = { ...DEFAULT_TEXTS.HOLIDAY, subjectEn: "A happy birthday from us", templateZh: "祝您生日快乐" };
    expect(brief(campaignTextIssues("VIP_CARE", { ...DEFAULT_TEXTS.VIP_CARE, subjectEn: own.subjectEn }))).toEqual([
      ["subjectEn", "warning", "birthdayWords", null],
    ]);
    expect(brief(campaignTextIssues("HOLIDAY", own))).toEqual([
      ["subjectEn", "warning", "birthdayWords", null],
      ["templateZh", "warning", "birthdayWords", null],
    ]);
  });

  it("and vice versa: holiday greetings in a birthday campaign", () => {
    expect(
      brief(
        campaignTextIssues("BIRTHDAY", { ...DEFAULT_TEXTS.BIRTHDAY, subjectEn: "Merry Christmas, {name}", subjectZh: "{name}，中秋快乐" }),
      ),
    ).toEqual([
      ["subjectEn", "warning", "holidayWords", null],
      ["subjectZh", "warning", "holidayWords", null],
    ]);
  });

  it("refuses placeholders nobody fills, placeholders the kind cannot fill, and an empty e-mail", () => {
    const texts = {
      subjectEn: "Happy {age}th, {name}",
      subjectZh: "{holiday}快乐",
      templateEn: "See you on {date} {nmae}",
      templateZh: "  ",
    };
    expect(brief(campaignTextIssues("WIN_BACK", texts))).toEqual([
      ["subjectEn", "error", "unknownPlaceholder", "age"],
      ["subjectZh", "error", "placeholderNotForKind", "holiday"],
      ["templateEn", "error", "placeholderNotForKind", "date"],
      ["templateEn", "error", "unknownPlaceholder", "nmae"],
      ["templateZh", "error", "empty", null],
    ]);
    // A phone call needs no written text.
    expect(brief(campaignTextIssues("BIRTHDAY", { ...DEFAULT_TEXTS.BIRTHDAY, templateZh: "" }, "PHONE"))).toEqual([]);
    expect(brief(campaignTextIssues("HOLIDAY", { ...DEFAULT_TEXTS.HOLIDAY, templateEn: "{holiday} on {date}" }))).toEqual([]);
  });
});

describe("the greeting cap", () => {
  it("keys birthdays and holidays by their occasion, on unless switched off", () => {
    expect(greetingCapOn({})).toBe(true);
    expect(greetingCapOn({ OUTREACH_GREETING_CAP: "off" })).toBe(false);
    expect(greetingKeyOf("BIRTHDAY", "birthday:2027-02-28", {})).toBe("birthday:2027-02-28");
    expect(greetingKeyOf("HOLIDAY", "holiday:SPRING_FESTIVAL:2027", {})).toBe("holiday:SPRING_FESTIVAL:2027");
    expect(greetingKeyOf("VIP_CARE", "once", {})).toBeNull();
    expect(greetingKeyOf("BIRTHDAY", "birthday:2027-02-28", { OUTREACH_GREETING_CAP: "off" })).toBeNull();
  });
});
