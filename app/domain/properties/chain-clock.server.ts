// The chain's clock and money, in one place. The home is the first property
// (by id): chain-wide figures (scores, monthly facts, jobs without a property)
// use its time zone and its currency. HOME_TIME_ZONE (or its older name
// JOBS_TIME_ZONE) overrides the zone. "Today" at a property is the date in
// that property's zone.
import type { DbTx } from "~/db/client.server";
import { todayIn } from "../calendar/occasions";

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";
export const DEFAULT_CURRENCY = "CNY";

export type ChainHome = { propertyId: number | null; timeZone: string; currency: string };
type PropertyClock = { id: number; timeZone: string; currency: string };

/** The home of a chain whose properties (ordered by id) are already loaded. */
export function homeOf(properties: readonly PropertyClock[], env: Record<string, string | undefined> = process.env): ChainHome {
  const first = properties[0];
  return {
    propertyId: first?.id ?? null,
    timeZone: env.HOME_TIME_ZONE || env.JOBS_TIME_ZONE || first?.timeZone || DEFAULT_TIME_ZONE,
    currency: first?.currency ?? DEFAULT_CURRENCY,
  };
}

export async function chainHome(db: DbTx): Promise<ChainHome> {
  const first = await db.property.findFirst({ orderBy: { id: "asc" }, select: { id: true, timeZone: true, currency: true } });
  return homeOf(first ? [first] : []);
}

/**
 * A staff member's clock: their home property's zone and today's date there;
 * staff of the whole chain (no home property) get the chain's home clock, and
 * the first property as the default for forms.
 */
export async function clockOf(db: DbTx, propertyId: number | null, now = new Date()) {
  const own = propertyId ? await db.property.findUnique({ where: { id: propertyId } }) : null;
  if (own) return { property: own, timeZone: own.timeZone, today: todayIn(own.timeZone, now) };
  const first = await db.property.findFirst({ orderBy: { id: "asc" } });
  const { timeZone } = homeOf(first ? [first] : []);
  return { property: first, timeZone, today: todayIn(timeZone, now) };
}
