import { describe, expect, it } from "vitest";
import { foldText, prefixUpperBound, queryPrefixes, searchKeysFor } from "~/domain/guests/search-keys";

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
});
