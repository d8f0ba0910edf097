// Gift suggestions chosen from the guest's own preferences, never one that
// clashes with an allergy or taboo.

export type Gift = {
  code: string;
  en: string;
  zh: string;
  /** Words in a preference that make this gift a good choice. */
  likes: string[];
  /** What the gift contains or stands for: an allergy or taboo naming any of these rules it out. */
  contains: string[];
};

export const GIFT_CATALOG: Gift[] = [
  {
    code: "TEA_SET",
    en: "a box of fine tea",
    zh: "精选茶礼",
    likes: ["tea", "茶", "longjing", "龙井", "pu'er", "普洱", "oolong", "乌龙"],
    contains: ["tea", "茶", "caffeine", "咖啡因"],
  },
  {
    code: "WINE",
    en: "a bottle of red wine",
    zh: "红酒一瓶",
    likes: ["wine", "红酒", "葡萄酒", "bordeaux"],
    contains: ["alcohol", "酒", "wine", "grape", "葡萄", "sulfite", "sulphite", "亚硫酸", "halal", "清真"],
  },
  {
    code: "BAIJIU",
    en: "a bottle of baijiu",
    zh: "白酒一瓶",
    likes: ["baijiu", "白酒", "茅台", "moutai"],
    contains: ["alcohol", "酒", "halal", "清真"],
  },
  {
    code: "COFFEE",
    en: "specialty coffee beans",
    zh: "精品咖啡豆",
    likes: ["coffee", "咖啡", "espresso", "latte"],
    contains: ["coffee", "咖啡", "caffeine", "咖啡因"],
  },
  {
    code: "FLOWERS",
    en: "a bouquet of fresh flowers",
    zh: "鲜花一束",
    likes: ["flower", "花", "rose", "玫瑰", "lily", "百合", "orchid", "兰"],
    contains: ["flower", "鲜花", "pollen", "花粉", "lily", "百合", "chrysanthemum", "菊"],
  },
  {
    code: "CHOCOLATES",
    en: "handmade chocolates",
    zh: "手工巧克力",
    likes: ["chocolate", "巧克力", "dessert", "甜点", "sweet"],
    contains: [
      "chocolate",
      "巧克力",
      "cocoa",
      "cacao",
      "可可",
      "nut",
      "peanut",
      "花生",
      "坚果",
      "milk",
      "牛奶",
      "乳",
      "dairy",
      "lactose",
      "sugar",
      "糖",
    ],
  },
  {
    code: "MOONCAKES",
    en: "a box of mooncakes",
    zh: "月饼礼盒",
    likes: ["mooncake", "月饼", "pastry", "点心"],
    contains: ["nut", "peanut", "花生", "坚果", "egg", "蛋", "wheat", "gluten", "麸质", "小麦", "sugar", "糖"],
  },
  {
    code: "FRUIT",
    en: "a basket of seasonal fruit",
    zh: "时令水果篮",
    likes: ["fruit", "水果", "mango", "芒果"],
    contains: ["fruit", "水果", "mango", "芒果", "kiwi", "猕猴桃", "strawberry", "草莓", "pear", "梨"],
  },
  {
    code: "BOOK",
    en: "a book voucher",
    zh: "购书卡",
    likes: ["book", "书", "reading", "阅读", "novel", "小说", "newspaper", "报"],
    contains: [],
  },
  {
    code: "SPA",
    en: "a spa treatment voucher",
    zh: "水疗体验券",
    likes: ["spa", "水疗", "massage", "按摩"],
    contains: ["massage oil", "精油", "lavender", "薰衣草"],
  },
  { code: "GOLF", en: "a round of golf at our partner club", zh: "合作球场高尔夫体验", likes: ["golf", "高尔夫"], contains: [] },
  {
    code: "PILLOW",
    en: "a buckwheat pillow to take home",
    zh: "荞麦枕一个",
    likes: ["buckwheat", "荞麦", "pillow", "枕"],
    contains: ["buckwheat", "荞麦"],
  },
  { code: "CARD", en: "a handwritten card from the general manager", zh: "总经理亲笔贺卡", likes: [], contains: [] },
];

/** Categories whose values say what the guest likes. */
const LIKING_CATEGORIES = new Set(["BEVERAGE", "HOBBY", "READING", "AMENITY", "DIET", "SERVICE", "PILLOW", "OTHER"]);
/** Categories whose values say what must be avoided. */
const AVOIDING_CATEGORIES = new Set(["ALLERGY", "TABOO"]);
/**
 * A note that rules something out, whatever its category: "halal 清真" and
 * "gluten-free 无麸质" are DIET notes, "no alcohol 不喝酒" is often a BEVERAGE one.
 * Such a note is something to avoid, never a liking.
 */
const RESTRICTION = /\b(no|not|never|without|avoids?|free|low|halal|kosher)\b|不|无|忌|戒|禁|低|少|清真/i;

export type PreferenceForGift = { category: string; value: string };

function mentions(text: string, words: string[]): boolean {
  const lower = text.toLowerCase();
  return words.some((w) => lower.includes(w.toLowerCase()));
}

/** Does this gift clash with any allergy or taboo? ("no alcohol", "花生过敏", "忌百合" …) */
export function giftClashes(gift: Gift, avoid: PreferenceForGift[]): boolean {
  return avoid.some((p) => mentions(p.value, gift.contains) || gift.contains.some((c) => mentions(c, [p.value])));
}

/** The best gift for a guest: the first liked, safe gift; else a safe default. */
export function suggestGift(preferences: PreferenceForGift[]): Gift {
  const avoid = preferences.filter((p) => AVOIDING_CATEGORIES.has(p.category) || RESTRICTION.test(p.value));
  const likes = preferences.filter((p) => LIKING_CATEGORIES.has(p.category) && !RESTRICTION.test(p.value));
  const safe = GIFT_CATALOG.filter((g) => !giftClashes(g, avoid));
  for (const preference of likes) {
    const liked = safe.find((g) => g.likes.length && mentions(preference.value, g.likes));
    if (liked) return liked;
  }
  // Nothing liked is known: something safe and neutral (the card is always safe).
  return safe.find((g) => g.code === "FRUIT") ?? safe.find((g) => g.code === "CARD")!;
}
