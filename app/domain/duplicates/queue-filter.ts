// What the review queue can be filtered by (browser-safe: the page's selects use it too).
import type { DuplicateStatus } from "~/db/schema";

export const DUPLICATE_STATUSES = ["OPEN", "NOT_SAME", "MERGED"] as const satisfies readonly DuplicateStatus[];
export const DUPLICATE_BANDS = ["CERTAIN", "REVIEW"] as const;
export type DuplicateBand = (typeof DUPLICATE_BANDS)[number];
export type QueueFilter = { status: DuplicateStatus; band: DuplicateBand | null; page: number };
