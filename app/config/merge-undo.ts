// How long a merge can be undone: MERGE_UNDO_DAYS (30). After that the merge
// stands (docs/decisions/017).
export const DEFAULT_MERGE_UNDO_DAYS = 30;

export function mergeUndoDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.MERGE_UNDO_DAYS?.trim();
  if (!raw) return DEFAULT_MERGE_UNDO_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0)
    throw new Error(`MERGE_UNDO_DAYS must be a whole number of days (0 or more), got "${env.MERGE_UNDO_DAYS}".`);
  return days;
}
