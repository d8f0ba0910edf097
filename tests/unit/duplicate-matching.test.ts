// The matcher's promises, pair by pair: the same guest typed differently is a
// candidate (in both scripts and both name orders), a namesake or a shared
// relay address is not, and a name alone never is.
import { describe, expect, it } from "vitest";
import { canonicalEmail, isRelayEmail, nameForms, nameKey, nationalPhone, swappedBirthDate } from "~/domain/duplicates/identity-keys";
import { matchKeysFor } from "~/domain/duplicates/match-keys";
import { scorePair, type MatchProfile } from "~/domain/duplicates/score-pair";
import { idBlindIndex } from "~/domain/duplicates/id-blind-index.server";

let nextId = 1;
const guest = (fields: Omit<MatchProfile, "id">): MatchProfile => ({ id: nextId++, ...fields });
const sharesKey = (a: MatchProfile, b: MatchProfile) => matchKeysFor(a).some((k) => matchKeysFor(b).includes(k));

describe("normalisation", () => {
  it.each([
    ["+86 138 0013 8000", "13800138000"],
    ["0086 13800138000", "13800138000"],
    ["138-0013-8000", "13800138000"],
    ["8613800138000", "13800138000"],
    ["+852 9123 4567", "91234567"],
    ["+44 020 7946 0958", "2079460958"],
    ["12345", null],
  ])("phone %s → %s", (phone, national) => expect(nationalPhone(phone)).toBe(national));

  it.each([
    ["Zhang.Wei+hotel@Gmail.com", "zhangwei@gmail.com"],
    ["z.h.a.n.g.wei@googlemail.com", "zhangwei@gmail.com"],
    ["li.na+spa@163.com", "li.na@163.com"],
    ["LI.NA@163.COM", "li.na@163.com"],
    ["abc123@guest.booking.com", null],
    ["x9@m.expediapartnercentral.com", null],
    ["q@agoda-messaging.com", null],
    ["not-an-address", null],
  ])("e-mail %s → %s", (email, canonical) => expect(canonicalEmail(email)).toBe(canonical));

  it("knows relay domains and their subdomains", () => {
    expect(isRelayEmail("a@guest.booking.com")).toBe(true);
    expect(isRelayEmail("a@eu.guest.booking.com")).toBe(true);
    expect(isRelayEmail("a@booking.com")).toBe(false);
  });

  it.each([["张伟"], ["張偉"], ["Zhang Wei"], ["WEI ZHANG"], ["Wei Zhang"], ["zhang  wei"]])("name %s → the key of 张伟", (name) =>
    expect(nameKey(name)).toBe(nameKey("张伟")),
  );

  it("reads a two-syllable given name written as one word, in either order", () => {
    for (const name of ["Xiaowei Zhang", "ZHANG XIAOWEI", "Xiao Wei Zhang", "張小偉", "张小伟"])
      expect(nameForms(name)).toContain("xiaoweizhang");
  });

  it("folds accents and case in Latin names", () => expect(nameKey("JOSÉ Müller")).toBe(nameKey("jose muller")));

  it("swaps day and month only when the swap is a date", () => {
    expect(swappedBirthDate("1985-03-07")).toBe("1985-07-03");
    expect(swappedBirthDate("1985-03-17")).toBeNull();
    expect(swappedBirthDate("1985-04-04")).toBeNull();
  });

  it("keeps the ID number's blind index apart from the number", () => {
    const digest = idBlindIndex("110101 19850307 1234");
    expect(digest).toBe(idBlindIndex("110101198503071234"));
    expect(digest).not.toContain("1234");
    expect(idBlindIndex("110101198503071235")).not.toBe(digest);
  });
});

const zhang = { fullName: "张伟", birthDate: "1985-03-07", phone: "+86 138 0013 8000", email: "zhangwei1985@gmail.com" };

describe("pairs that must be candidates", () => {
  it.each<[string, Omit<MatchProfile, "id">, Omit<MatchProfile, "id">]>([
    [
      "traditional and simplified, same birth date",
      { fullName: "张伟", birthDate: "1985-03-07" },
      { fullName: "張偉", birthDate: "1985-03-07" },
    ],
    [
      "Han and pinyin, same phone in two forms",
      { fullName: "张伟", phone: "+86 138 0013 8000" },
      { fullName: "Zhang Wei", phone: "13800138000" },
    ],
    [
      "pinyin in either order, same e-mail with +tag and dots",
      { fullName: "Zhang Wei", email: "zhang.wei+spa@gmail.com" },
      { fullName: "WEI ZHANG", email: "ZhangWei@googlemail.com" },
    ],
    ["swapped day and month", { fullName: "Wei Zhang", birthDate: "1985-03-07" }, { fullName: "张伟", birthDate: "1985-07-03" }],
    [
      "accents and case, same phone",
      { fullName: "José Müller", phone: "+49 151 2345 6789" },
      { fullName: "JOSE MULLER", phone: "0049 151 23456789" },
    ],
    [
      "same name and company and phone",
      { fullName: "李娜", company: "上海环球贸易有限公司", phone: "13912345678" },
      { fullName: "李娜", company: "上海环球贸易", phone: "+86 139 1234 5678" },
    ],
  ])("%s", (_label, a, b) => {
    const [ga, gb] = [guest(a), guest(b)];
    expect(sharesKey(ga, gb)).toBe(true);
    expect(scorePair(ga, gb).band).not.toBe("BELOW");
  });

  it("the same ID number, name and birth date is certain", () => {
    const digest = idBlindIndex("110101198503071234");
    const result = scorePair(guest({ ...zhang, idDigest: digest }), guest({ fullName: "張偉", birthDate: "1985-03-07", idDigest: digest }));
    expect(result.band).toBe("CERTAIN");
    expect(result.evidence.map((e) => [e.field, e.verdict])).toEqual([
      ["idNumber", "same"],
      ["name", "same"],
      ["birthDate", "same"],
    ]);
  });
});

describe("pairs that must not be candidates", () => {
  it.each<[string, Omit<MatchProfile, "id">, Omit<MatchProfile, "id">]>([
    ["a name alone, both scripts", { fullName: "张伟" }, { fullName: "張偉" }],
    ["a name alone, both orders", { fullName: "Zhang Wei" }, { fullName: "WEI ZHANG" }],
    ["a name and company", { fullName: "Zhang Wei", company: "Acme Ltd" }, { fullName: "张伟", company: "ACME" }],
    ["namesakes with different birth dates", { fullName: "张伟", birthDate: "1985-03-07" }, { fullName: "張偉", birthDate: "1979-11-21" }],
    [
      "a shared relay e-mail",
      { fullName: "Anna Schmidt", email: "a1b2@guest.booking.com" },
      { fullName: "Piet de Vries", email: "a1b2@guest.booking.com" },
    ],
    [
      "a relay e-mail and the same name",
      { fullName: "张伟", email: "xyz@agoda-messaging.com" },
      { fullName: "张伟", email: "xyz@agoda-messaging.com" },
    ],
    ["family on one phone", { fullName: "张伟", phone: "13800138000" }, { fullName: "张丽", phone: "+86 13800138000" }],
    [
      "everything agrees but the ID number",
      { ...zhang, idDigest: idBlindIndex("110101198503071234") },
      { ...zhang, idDigest: idBlindIndex("110101198503075678") },
    ],
  ])("%s", (_label, a, b) => {
    expect(scorePair(guest(a), guest(b)).band).toBe("BELOW");
  });

  it("never blocks on a relay e-mail", () => {
    expect(matchKeysFor(guest({ fullName: "A", email: "a1b2@guest.booking.com" }))).toEqual([]);
  });

  it("gives a relay e-mail no evidence either way", () => {
    const result = scorePair(
      guest({ fullName: "张伟", email: "a@guest.booking.com" }),
      guest({ fullName: "张伟", email: "b@guest.booking.com" }),
    );
    expect(result.evidence.map((e) => e.field)).toEqual(["name"]);
  });
});
