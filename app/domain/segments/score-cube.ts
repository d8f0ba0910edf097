// The keys of ScoreAggregate, enumerated so the job can count into flat
// arrays (one slot per kind and key) instead of building strings per guest.
import { LIFECYCLES, SEGMENTS, VALUE_TIERS } from "./segment-names";

export const NPS_KEYS = ["PROMOTER", "PASSIVE", "DETRACTOR", "NONE"] as const;
/** R+F+M of scored guests. */
export const VALUE_SCORES = Array.from({ length: 13 }, (_, i) => i + 3);
/** Satisfaction bands 0–10 and -1 (no satisfaction data). */
export const SATISFACTION_BANDS = [-1, ...Array.from({ length: 11 }, (_, i) => i)];

const KINDS: Record<string, readonly string[]> = {
  segment: SEGMENTS,
  tier: VALUE_TIERS,
  lifecycle: LIFECYCLES,
  nps: NPS_KEYS,
  promoter: ["YES"],
  rf: [1, 2, 3, 4, 5].flatMap((r) => [1, 2, 3, 4, 5].map((f) => `${r}:${f}`)),
  quadrant: VALUE_SCORES.flatMap((v) => SATISFACTION_BANDS.flatMap((b) => SEGMENTS.map((s) => `${v}:${b}:${s}`))),
  move: ["", ...SEGMENTS].flatMap((from) => SEGMENTS.filter((to) => to !== from).map((to) => `${from}>${to}`)),
};
export type CubeKind = "segment" | "tier" | "lifecycle" | "nps" | "promoter" | "rf" | "quadrant" | "move";

const offsets = new Map<string, number>();
const keys: { kind: CubeKind; key: string }[] = [];
for (const [kind, list] of Object.entries(KINDS)) {
  for (const key of list) {
    offsets.set(`${kind}\u0000${key}`, keys.length);
    keys.push({ kind: kind as CubeKind, key });
  }
}

export const CUBE = {
  slots: keys.length,
  keyOf: (slot: number) => keys[slot],
  /** Kept for the latest run only; the others are kept for every run (trends). */
  latestOnlyKinds: ["rf", "quadrant"] as const,
};

export function cubeSlot(kind: CubeKind, key: string): number {
  const slot = offsets.get(`${kind}\u0000${key}`);
  if (slot === undefined) throw new Error(`No aggregate slot for ${kind} ${key}`);
  return slot;
}
