import { describe, expect, it } from "vitest";
import { foldText, namePinyin, prefixUpperBound, profileNumberKey, queryPrefixes, searchKeysFor } from "~/domain/guests/search-keys";

describe("search keys", () => {
  it("gives a Chinese name its characters, full pinyin and initials", () => {
    const keys = searchKeysFor({ profileNumber: "G00000042", fullName: "张三" });
    expect(keys).toEqual(expect.arrayContaining(["n:张三", "p:zhangsan", "i:zs", "g:42"]));
  });

  it("folds case and accents of Latin names", () => {
    expect(foldText("José MÜLLER")).toBe("josemuller");
    expect(searchKeysFor({ profileNumber: "G1", fullName: "José Müller" })).toContain("n:muller");
  });

  it("stores phone digits reversed so the last four are a prefix", () => {
    const keys = searchKeysFor({ profileNumber: "G1", fullName: "A", phone: "+86 138-1234-5678" });
    expect(keys).toContain("t:8765432183168");
    expect(queryPrefixes("5678").prefixes).toContainEqual({ kind: "phoneTail", prefix: "t:8765" });
  });

  it("bounds a prefix range just above every key that starts with it", () => {
    const upper = prefixUpperBound("n:zs");
    expect("n:zs" < upper && "n:zsz\u{10FFFF}" < upper && "n:zt" >= upper).toBe(true);
  });

  it("keys a Latin name by each later word and its initials", () => {
    const keys = searchKeysFor({ profileNumber: "G00000007", fullName: "Mary-Jane O'Neil Watson" });
    expect(keys).toEqual(expect.arrayContaining(["n:maryjaneoneilwatson", "n:watson", "g:7"]));
    expect(keys.filter((k) => k.startsWith("i:"))).toHaveLength(1);
  });

  it("offers lu for lv (ü) in pinyin", () => {
    const keys = searchKeysFor({ profileNumber: "G1", fullName: "吕布" });
    expect(keys).toEqual(expect.arrayContaining(["p:lvbu", "p:lubu", "i:lb"]));
    expect(namePinyin("吕布")).toBe("lv bu");
    expect(namePinyin("John Smith")).toBeNull();
  });

  it("keys contact details and company, but not a phone shorter than four digits", () => {
    const keys = searchKeysFor({ profileNumber: "G1", fullName: "A B", phone: "123", email: " Ann@Example.COM ", company: "阿里巴巴" });
    expect(keys).toEqual(expect.arrayContaining(["e:ann@example.com", "c:阿里巴巴", "c:alibaba"]));
    expect(keys.some((k) => k.startsWith("t:"))).toBe(false);
  });

  it("reads a profile number with or without its G and zeros", () => {
    for (const text of ["G00001234", "g1234", "G-1234", "00001234", "1234"]) expect(profileNumberKey(text), text).toBe("1234");
    expect(profileNumberKey("G0")).toBe("0");
  });

  it("looks a query up under the keys it could be", () => {
    const kinds = (q: string) => queryPrefixes(q).prefixes.map((p) => p.prefix);
    expect(kinds("zs")).toEqual(["n:zs", "p:zs", "i:zs", "c:zs", "e:zs"]);
    expect(kinds("张三")).toEqual(["n:张三", "c:张三"]);
    expect(kinds("G00000042")[0]).toBe("g:42");
    expect(kinds("1234")).toEqual(["g:1234", "t:4321"]);
    expect(kinds("+86 138")).toEqual(["t:83168"]);
    expect(kinds("Ann@Example")).toEqual(["e:ann@example"]);
    // An e-mail prefix keeps its dots even without an @.
    expect(kinds("j.mueller")).toContain("e:j.mueller");
    expect(kinds("j.mueller")).toContain("n:jmueller");
    expect(queryPrefixes("1208").roomNumber).toBe("1208");
    expect(queryPrefixes("b12").roomNumber).toBe("B12");
    expect(queryPrefixes("zs").roomNumber).toBeNull();
    expect(queryPrefixes("  ")).toEqual({ prefixes: [], roomNumber: null, refinement: null });
  });

  it("reads a name followed by a number as the name narrowed by a phone tail or birth year", () => {
    const plan = queryPrefixes("张伟 1985");
    expect(plan.prefixes.map((p) => p.prefix)).toEqual(["n:张伟", "c:张伟"]);
    expect(plan.refinement).toEqual({ phoneTailPrefix: "t:5891", birthYear: 1985 });
    expect(plan.roomNumber).toBeNull();
    // More than four digits, or a four-digit number that is no year: a phone tail only.
    expect(queryPrefixes("张伟 12345678").refinement).toEqual({ phoneTailPrefix: "t:87654321", birthYear: null });
    expect(queryPrefixes("zhangwei 0931").refinement).toEqual({ phoneTailPrefix: "t:1390", birthYear: null });
    expect(queryPrefixes("zhangwei 0931").prefixes.map((p) => p.prefix)).toContain("p:zhangwei");
    // A phone typed with spaces, short numbers and numbers inside a name are not refinements.
    expect(queryPrefixes("+86 138 1234 5678").refinement).toBeNull();
    expect(queryPrefixes("Limit Tester 01").refinement).toBeNull();
    expect(queryPrefixes("张伟1985").refinement).toBeNull();
  });

  it("reads a word after a Chinese name as the name narrowed by the company", () => {
    const plan = queryPrefixes("张伟 华为");
    expect(plan.prefixes.map((p) => p.prefix)).toEqual(["n:张伟", "c:张伟"]);
    expect(plan.refinement).toEqual({ companyPrefix: "c:华为" });
    expect(queryPrefixes("张伟  Acme Travel").refinement).toEqual({ companyPrefix: "c:acmetravel" });
    // Latin names have spaces of their own: "Zhang Wei" is one name, not 张 at a company "Wei".
    expect(queryPrefixes("Zhang Wei").refinement).toBeNull();
    expect(queryPrefixes("zhang wei acme").refinement).toBeNull();
    // A number after the name stays a phone tail or birth year; punctuation alone narrows nothing.
    expect(queryPrefixes("张伟 1985").refinement).toEqual({ phoneTailPrefix: "t:5891", birthYear: 1985 });
    expect(queryPrefixes("张伟 --").refinement).toBeNull();
  });
});
