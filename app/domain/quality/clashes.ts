// Likings that contradict an allergy or a taboo of the same guest: a down
// pillow for a guest allergic to feathers, a seafood dinner for a shellfish
// allergy. Each pair names what is avoided and what a liking would then
// contain; "gluten-free" is not a liking of gluten, so the patterns are words.
export type Clash = { id: string; avoided: RegExp; liking: RegExp };

export const CLASHES: readonly Clash[] = [
  { id: "feathers", avoided: /feather|羽毛|\bdown\b/i, liking: /\bdown\b|feather|羽绒|羽毛/i },
  { id: "peanuts", avoided: /peanut|花生/i, liking: /peanut|花生/i },
  { id: "seafood", avoided: /seafood|shellfish|海鲜|贝类/i, liking: /seafood|shellfish|oyster|prawn|shrimp|crab|lobster|海鲜|贝类|虾|蟹/i },
  { id: "gluten", avoided: /gluten|麸质/i, liking: /\bwheat\b|\bbread\b|pasta|面包|意面/i },
  { id: "whiteFlowers", avoided: /white flowers?|白花/i, liking: /white (flowers?|lil(y|ies)|roses?|chrysanthemums?)|白花|白菊|白百合/i },
  { id: "clocks", avoided: /clock|送钟/i, liking: /\bclocks?\b|座钟|挂钟/i },
  { id: "number4", avoided: /number 4|忌4/i, liking: /\b4(th)? floor\b|^4楼|\bfloor 4\b/i },
];

/** The clash between an avoided thing (allergy or taboo) and a liking, if any. */
export function clashBetween(avoided: string, liking: string): Clash | null {
  return CLASHES.find((c) => c.avoided.test(avoided) && c.liking.test(liking)) ?? null;
}
