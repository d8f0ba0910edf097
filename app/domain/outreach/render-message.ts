// Campaign templates: {placeholders} filled per guest, in the guest's language.

export const PLACEHOLDERS = ["name", "holiday", "date", "offer", "gift", "hotel", "profileNumber"] as const;
export type MessageValues = Partial<Record<(typeof PLACEHOLDERS)[number], string>>;

export function renderTemplate(template: string, values: MessageValues): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? (values[key as keyof MessageValues] ?? "") : whole));
}

/** Unknown placeholders in a template, so marketing sees typos before activating. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((k) => !(PLACEHOLDERS as readonly string[]).includes(k));
}

export function usesChinese(language: string): boolean {
  return language.startsWith("zh");
}
