// The frequency cap: one greeting per guest per occasion (their birthday of a
// year, a holiday of a year) and channel, across all campaigns — two active
// birthday campaigns must not send the same guest two identical greetings.
// The task's greetingKey carries the occasion; a unique key on (guest,
// greetingKey, channel) makes it hold whatever runs at once.
// OUTREACH_GREETING_CAP=off lifts the cap (each campaign greets on its own).
import type { CampaignKind } from "./campaign-texts";

/** The kinds whose occasions are the guest's own or everyone's, not the campaign's. */
export const CAPPED_KINDS: readonly CampaignKind[] = ["BIRTHDAY", "HOLIDAY"];

export function greetingCapOn(env: Record<string, string | undefined> = process.env): boolean {
  return (env.OUTREACH_GREETING_CAP ?? "occasion").trim().toLowerCase() !== "off";
}

/** The key a task of this kind and occasion is capped by, or null when no cap applies. */
export function greetingKeyOf(kind: string, occasionKey: string, env: Record<string, string | undefined> = process.env): string | null {
  return greetingCapOn(env) && (CAPPED_KINDS as readonly string[]).includes(kind) ? occasionKey : null;
}
