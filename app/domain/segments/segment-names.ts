// The value × satisfaction quadrants managers and marketing see, by code.
// Campaign audiences refer to these codes (Campaign.audience.segments).
export const SEGMENTS = ["CHAMPIONS", "AT_RISK_HIGH_VALUE", "PROMISING", "LOW_ENGAGEMENT", "NEW", "INACTIVE"] as const;
export type Segment = (typeof SEGMENTS)[number];

export const LIFECYCLES = ["NEW", "REPEAT", "LOYAL", "LAPSED"] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

export const VALUE_TIERS = ["PLATINUM", "GOLD", "SILVER", "BRONZE"] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];
