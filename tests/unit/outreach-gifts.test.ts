// Gift suggestions: from the guest's own likes, never something an allergy,
// a taboo or a restriction rules out; a safe default otherwise.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GIFT_CATALOG, giftClashes, suggestGift, type PreferenceForGift } from "~/domain/outreach/gifts";

const gift = (code: string) => GIFT_CATALOG.find((g) => g.code === code)!;
const p = (category: string, value: string): PreferenceForGift => ({ category, value });

describe("suggestGift", () => {
  it("picks from what the guest likes", () => {
    expect(suggestGift([p("BEVERAGE", "green tea 绿茶")]).code).toBe("TEA_SET");
    expect(suggestGift([p("BEVERAGE", "Pu'er tea 普洱茶")]).code).toBe("TEA_SET");
    expect(suggestGift([p("BEVERAGE", "black coffee 黑咖啡")]).code).toBe("COFFEE");
    expect(suggestGift([p("BEVERAGE", "red wine")]).code).toBe("WINE");
    expect(suggestGift([p("HOBBY", "golf 高尔夫")]).code).toBe("GOLF");
    expect(suggestGift([p("READING", "Financial Times 金融时报"), p("HOBBY", "calligraphy")]).code).toBe("BOOK");
    expect(suggestGift([p("PILLOW", "buckwheat pillow 荞麦枕")]).code).toBe("PILLOW");
    expect(suggestGift([p("HOBBY", "红酒")]).code).toBe("WINE");
  });

  it("takes the first liked gift that is safe, in the order of the guest's preferences", () => {
    expect(suggestGift([p("HOBBY", "golf"), p("BEVERAGE", "green tea")]).code).toBe("GOLF");
    expect(suggestGift([p("BEVERAGE", "green tea"), p("HOBBY", "golf")]).code).toBe("TEA_SET");
  });

  it("never suggests wine to a guest who likes red wine but avoids alcohol (忌酒)", () => {
    const prefs = [p("BEVERAGE", "red wine 红酒"), p("TABOO", "no alcohol 忌酒")];
    const chosen = suggestGift(prefs);
    expect(chosen.code).not.toBe("WINE");
    expect(chosen.code).not.toBe("BAIJIU");
    expect(
      giftClashes(
        chosen,
        prefs.filter((x) => x.category === "TABOO"),
      ),
    ).toBe(false);
    // Chinese only, too.
    expect(suggestGift([p("BEVERAGE", "茅台"), p("TABOO", "忌酒")]).code).not.toBe("BAIJIU");
  });

  it("never suggests chocolates to a guest who likes chocolate but is allergic to peanuts", () => {
    expect(suggestGift([p("HOBBY", "chocolate"), p("ALLERGY", "peanuts 花生")]).code).not.toBe("CHOCOLATES");
    expect(suggestGift([p("HOBBY", "巧克力"), p("ALLERGY", "花生过敏")]).code).not.toBe("CHOCOLATES");
    expect(suggestGift([p("HOBBY", "chocolate"), p("ALLERGY", "nuts")]).code).not.toBe("CHOCOLATES");
  });

  it("never suggests flowers to a guest who likes flowers but is allergic to pollen, or holds a flower taboo", () => {
    expect(suggestGift([p("AMENITY", "fresh flowers"), p("ALLERGY", "pollen 花粉")]).code).not.toBe("FLOWERS");
    expect(suggestGift([p("AMENITY", "lilies"), p("TABOO", "no white flowers 忌白花")]).code).not.toBe("FLOWERS");
    expect(suggestGift([p("AMENITY", "玫瑰"), p("TABOO", "忌菊花")]).code).not.toBe("FLOWERS");
  });

  it("falls back to something liked and safe, then to fruit, then to the card", () => {
    // Likes two things; the first clashes, the second is fine.
    expect(suggestGift([p("BEVERAGE", "red wine"), p("HOBBY", "golf"), p("TABOO", "no alcohol")]).code).toBe("GOLF");
    // Nothing liked: fruit.
    expect(suggestGift([]).code).toBe("FRUIT");
    expect(suggestGift([p("BEVERAGE", "red wine"), p("TABOO", "no alcohol")]).code).toBe("FRUIT");
    // Fruit ruled out too: the handwritten card, which is always safe.
    expect(suggestGift([p("TABOO", "no pears cut in half 忌分梨")]).code).toBe("CARD");
    expect(suggestGift([p("ALLERGY", "mango 芒果")]).code).toBe("CARD");
  });

  it("does not take a clash for a liking: a caffeine allergy rules out both tea and coffee", () => {
    const chosen = suggestGift([p("BEVERAGE", "oolong tea"), p("BEVERAGE", "espresso"), p("ALLERGY", "caffeine")]);
    expect(["TEA_SET", "COFFEE"]).not.toContain(chosen.code);
  });

  // Restrictions written under other categories are restrictions all the same:
  // "halal 清真" and "gluten-free 无麸质" are DIET values in the seed data, and
  // "no alcohol" is often noted as a BEVERAGE preference.
  it("respects a halal diet: no wine or baijiu", () => {
    expect(suggestGift([p("BEVERAGE", "red wine"), p("DIET", "halal 清真")]).code).not.toBe("WINE");
    expect(suggestGift([p("BEVERAGE", "moutai"), p("DIET", "清真")]).code).not.toBe("BAIJIU");
  });

  it("respects gluten-free and low-sugar diets", () => {
    expect(suggestGift([p("HOBBY", "pastry 点心"), p("DIET", "gluten-free 无麸质")]).code).not.toBe("MOONCAKES");
    expect(suggestGift([p("HOBBY", "dessert 甜点"), p("DIET", "low sugar 低糖")]).code).not.toBe("CHOCOLATES");
  });

  it("reads a restriction as something to avoid, not as something liked", () => {
    expect(suggestGift([p("HOBBY", "wine tasting"), p("BEVERAGE", "no alcohol 不喝酒")]).code).not.toBe("WINE");
    expect(suggestGift([p("DIET", "no sweets")]).code).not.toBe("CHOCOLATES");
  });

  it("knows what chocolate and wine are made of", () => {
    expect(suggestGift([p("HOBBY", "chocolate"), p("ALLERGY", "dairy")]).code).not.toBe("CHOCOLATES");
    expect(suggestGift([p("HOBBY", "chocolate"), p("ALLERGY", "lactose")]).code).not.toBe("CHOCOLATES");
    expect(suggestGift([p("HOBBY", "chocolate"), p("ALLERGY", "cocoa")]).code).not.toBe("CHOCOLATES");
    expect(suggestGift([p("BEVERAGE", "Bordeaux"), p("ALLERGY", "sulphites")]).code).not.toBe("WINE");
  });
});

describe("giftClashes", () => {
  it("matches the avoided thing inside the note and the note inside what the gift contains", () => {
    expect(giftClashes(gift("WINE"), [p("TABOO", "no alcohol 忌酒")])).toBe(true);
    expect(giftClashes(gift("CHOCOLATES"), [p("ALLERGY", "nut")])).toBe(true); // "peanut" contains "nut"
    expect(giftClashes(gift("FLOWERS"), [p("ALLERGY", "Pollen")])).toBe(true); // case does not matter
    expect(giftClashes(gift("BOOK"), [p("ALLERGY", "peanuts"), p("TABOO", "no alcohol")])).toBe(false);
    expect(giftClashes(gift("CARD"), [p("ALLERGY", "anything at all")])).toBe(false);
  });
});

describe("suggestGift, for any preferences (property)", () => {
  // Words from the catalogue (likes and contents) and from the desk's notes,
  // so generated preferences often like and avoid the same things.
  const words = [...new Set(GIFT_CATALOG.flatMap((g) => [...g.likes, ...g.contains]))];
  const phrase = fc.oneof(
    fc.constantFrom(...words),
    fc
      .tuple(
        fc.constantFrom("", "no ", "loves ", "忌", "allergic to ", "不要"),
        fc.constantFrom(...words),
        fc.constantFrom("", "s", " 过敏", " please"),
      )
      .map(([a, b, c]) => `${a}${b}${c}`),
    fc.string({ maxLength: 12 }),
  );
  const category = fc.constantFrom(
    "ALLERGY",
    "TABOO",
    "BEVERAGE",
    "HOBBY",
    "READING",
    "AMENITY",
    "DIET",
    "SERVICE",
    "PILLOW",
    "OTHER",
    "ROOM",
    "FLOOR",
  );
  const preferences = fc.array(fc.record({ category, value: phrase }), { maxLength: 8 });

  it("never suggests a gift that clashes with an allergy or taboo, and always suggests one from the catalogue", () => {
    fc.assert(
      fc.property(preferences, (prefs) => {
        const chosen = suggestGift(prefs);
        expect(GIFT_CATALOG).toContain(chosen);
        expect(
          giftClashes(
            chosen,
            prefs.filter((x) => x.category === "ALLERGY" || x.category === "TABOO"),
          ),
        ).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("suggests a liked gift whenever the only preference is a liking that matches a safe gift", () => {
    fc.assert(
      fc.property(fc.constantFrom(...GIFT_CATALOG.filter((g) => g.likes.length)), (g) => {
        const liked = g.likes[0];
        const chosen = suggestGift([p("HOBBY", liked)]);
        // The chosen gift is one whose likes the note mentions (the catalogue order decides between several).
        expect(chosen.likes.some((w) => liked.toLowerCase().includes(w.toLowerCase()))).toBe(true);
      }),
    );
  });
});
