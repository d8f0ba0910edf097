// English messages for the outreach pages (merged into en.ts).
export const outreachEn = {
  "nav.outreach": "Outreach",
} as const;
