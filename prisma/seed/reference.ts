// Reference data every seeded database has: the two hotels and the identity
// markers. Upserted by code, so re-running the seed never duplicates them.
export const PROPERTIES = [
  { code: "SHB", name: "Guest Archive Bund, Shanghai", nameZh: "外滩酒店", timeZone: "Asia/Shanghai", currency: "CNY" },
  { code: "HKV", name: "Guest Archive Victoria Harbour", nameZh: "维港酒店", timeZone: "Asia/Hong_Kong", currency: "HKD" },
] as const;
export type PropertyCode = (typeof PROPERTIES)[number]["code"];

export const IDENTITY_MARKERS = [
  { code: "VIP", labelEn: "VIP", labelZh: "贵宾", color: "#b8860b", icon: "★" },
  { code: "CORPORATE", labelEn: "Corporate", labelZh: "协议客户", color: "#1d4ed8", icon: "▣" },
  { code: "LONG_STAY", labelEn: "Long stay", labelZh: "长住客", color: "#047857", icon: "⌂" },
  { code: "HONEYMOON", labelEn: "Honeymoon", labelZh: "蜜月", color: "#be185d", icon: "♥" },
  { code: "WATCH", labelEn: "Watch", labelZh: "需关注", color: "#b91c1c", icon: "⚑" },
] as const;
export type MarkerCode = (typeof IDENTITY_MARKERS)[number]["code"];
