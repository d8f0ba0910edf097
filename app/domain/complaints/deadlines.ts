// A complaint's two deadlines, from its severity: acknowledge-by (someone has
// taken it up) and resolve-by. Configurable per install with
// COMPLAINT_DEADLINES="LOW=24/72,MEDIUM=4/48,HIGH=1/24,CRITICAL=0.25/4"
// (hours to acknowledge / to resolve). For a guest in house the resolve-by is
// never later than their departure: the property's standard check-out time
// (CHECK_OUT_TIME, default 12:00) on the departure date, in the property's
// time zone — a complaint must be settled before the guest leaves.
// Browser-safe.
import { DateTime } from "luxon";
import type { Severity } from "~/db/schema";

export type { Severity };
export type DeadlineHours = { acknowledge: number; resolve: number };
export type DeadlinePolicy = Record<Severity, DeadlineHours>;

export const DEFAULT_DEADLINES: DeadlinePolicy = {
  LOW: { acknowledge: 24, resolve: 72 },
  MEDIUM: { acknowledge: 4, resolve: 48 },
  HIGH: { acknowledge: 1, resolve: 24 },
  CRITICAL: { acknowledge: 0.25, resolve: 4 },
};

export const DEFAULT_CHECK_OUT_TIME = "12:00";

/** The policy from COMPLAINT_DEADLINES (each severity given replaces the default); throws on a malformed value, so a typo stops the start, not a complaint. */
export function deadlinePolicy(value: string | undefined): DeadlinePolicy {
  const policy: DeadlinePolicy = { ...DEFAULT_DEADLINES };
  if (!value?.trim()) return policy;
  for (const part of value.split(",")) {
    const match = /^\s*(LOW|MEDIUM|HIGH|CRITICAL)\s*=\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!match) throw new Error(`COMPLAINT_DEADLINES: "${part}" is not SEVERITY=ACK_HOURS/RESOLVE_HOURS (e.g. HIGH=1/24)`);
    const acknowledge = Number(match[2]);
    const resolve = Number(match[3]);
    if (acknowledge <= 0 || resolve <= 0 || acknowledge > resolve)
      throw new Error(`COMPLAINT_DEADLINES: "${part}": hours must be positive and acknowledging no later than resolving`);
    policy[match[1] as Severity] = { acknowledge, resolve };
  }
  return policy;
}

/** "HH:MM" from CHECK_OUT_TIME, else 12:00. */
export function checkOutTime(value: string | undefined): string {
  return value && /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? value : DEFAULT_CHECK_OUT_TIME;
}

/** The moment a guest in house leaves: the standard check-out time on the departure date, in the property's zone. */
export function departureMoment(departureDate: string, timeZone: string, time = DEFAULT_CHECK_OUT_TIME): Date {
  return DateTime.fromISO(`${departureDate}T${time}`, { zone: timeZone }).toJSDate();
}

export type ComplaintDeadlines = { acknowledgeBy: Date; resolveBy: Date; cappedByDeparture: boolean };

/**
 * Both deadlines of a complaint recorded at `recordedAt`. `leavesAt` is the
 * departure moment of the guest's stay in house at that property, if any.
 */
export function complaintDeadlines(
  severity: Severity,
  recordedAt: Date,
  policy: DeadlinePolicy,
  leavesAt: Date | null,
): ComplaintDeadlines {
  const hours = policy[severity];
  const at = (h: number) => new Date(recordedAt.getTime() + Math.round(h * 3_600_000));
  let resolveBy = at(hours.resolve);
  let acknowledgeBy = at(hours.acknowledge);
  // A departure already past (a late entry) does not cap: the deadline would be over before it was set.
  const cappedByDeparture = !!leavesAt && leavesAt.getTime() > recordedAt.getTime() && leavesAt.getTime() < resolveBy.getTime();
  if (cappedByDeparture) resolveBy = leavesAt!;
  if (acknowledgeBy.getTime() > resolveBy.getTime()) acknowledgeBy = resolveBy;
  return { acknowledgeBy, resolveBy, cappedByDeparture };
}
