// English messages for the analytics pages (merged into en.ts).
export const analyticsEn = {
  "nav.analytics": "Analytics",
} as const;
