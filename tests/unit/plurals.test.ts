// Counts read as each language says them: English singular and plural
// forms chosen by Intl.PluralRules, Chinese with its one form; no "(s)".
import { describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { translate } from "~/i18n/i18n";

describe("plural forms", () => {
  it("English picks one or other by the number, Chinese has one form", () => {
    expect(translate("en", "arrivals.nights", { count: 1 })).toBe("1 night");
    expect(translate("en", "arrivals.nights", { count: 2 })).toBe("2 nights");
    expect(translate("en", "arrivals.nights", { count: 0 })).toBe("0 nights");
    expect(translate("zh-CN", "arrivals.nights", { count: 1 })).toBe("1 晚");
    expect(translate("en", "alert.openComplaints", { count: 1 })).toBe("1 open complaint");
    expect(translate("en", "alert.openComplaints", { count: 3 })).toBe("3 open complaints");
    expect(translate("en", "search.results", { count: 1 })).toBe("1 guest found");
    expect(translate("en", "outreach.total", { total: 1 })).toBe("1 task");
  });

  it("several counts in one message, an exact-number form, and the number written for the language", () => {
    expect(translate("en", "arrivals.party", { adults: 1, children: 0 })).toBe("1 adult, no children");
    expect(translate("en", "arrivals.party", { adults: 2, children: 1 })).toBe("2 adults, 1 child");
    expect(translate("en", "arrivals.party", { adults: 2, children: 3 })).toBe("2 adults, 3 children");
    expect(translate("en", "analytics.listed", { count: 12_345 })).toBe("12,345 guests listed");
    expect(translate("en", "retention.dueForAnonymisation", { count: 1, grace: 30 })).toBe(
      "1 guest in the recycle bin past the 30-day grace period would be anonymised",
    );
  });

  it("says how many guests a desk search matches, in both languages", () => {
    expect(translate("en", "search.shownOf", { shown: 20, total: 143, q: "张伟" })).toBe("Showing 20 of 143 guests matching “张伟”");
    expect(translate("en", "search.shownOfMore", { shown: 40, total: 1000, q: "z" })).toBe(
      "Showing 40 of more than 1,000 guests matching “z”",
    );
    expect(translate("zh-CN", "search.shownOf", { shown: 20, total: 143, q: "张伟" })).toBe("与“张伟”匹配的宾客共 143 位，显示 20 位");
    expect(translate("zh-CN", "search.shownOfMore", { shown: 20, total: 1000, q: "张" })).toBe("与“张”匹配的宾客超过 1,000 位，显示 20 位");
    expect(translate("en", "search.onlyFirst", { count: 200 })).toBe(
      "Only the first 200 matches are listed: narrow the search to find the others.",
    );
    expect(translate("zh-CN", "search.narrow", { q: "张伟" })).toContain("“张伟 1985”");
  });

  it("leaves placeholders it cannot fill visible, and plain ones as before", () => {
    expect(translate("en", "{n, plural, one {# x} other {# xs}}", {})).toBe("{n}");
    expect(translate("en", "Hello {name}", { name: "张三" })).toBe("Hello 张三");
  });

  it("no English message hedges with (s)", () => {
    expect(Object.entries(en).filter(([, text]) => /\w\(s\)/.test(text))).toEqual([]);
  });
});
