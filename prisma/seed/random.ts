// A small, fast, seedable PRNG for the seed's structural choices (how many
// stays, which outlet, ...). Faker is kept for text (names, addresses), where
// its word lists matter; everything numeric goes through this, which is ~50×
// cheaper per call than faker's helpers and can be re-seeded per guest.

/** 32-bit mix of any number of integers (a seed and a guest index, say). */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    h = Math.imul(h ^ Math.floor(v / 2 ** 32), 0x27d4eb2f) ^ (h >>> 15);
  }
  return h >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1) — mulberry32. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[value, weight], ...]` (weights need not sum to 1). */
  weighted<T>(table: Weighted<T>): T {
    let r = this.next() * table.total;
    for (const [value, weight] of table.entries) {
      r -= weight;
      if (r < 0) return value;
    }
    return table.entries[table.entries.length - 1][0];
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }

  digits(count: number): string {
    let s = "";
    for (let i = 0; i < count; i++) s += Math.floor(this.next() * 10);
    return s;
  }
}

export type Weighted<T> = { entries: readonly (readonly [T, number])[]; total: number };

export function weighted<T>(entries: readonly (readonly [T, number])[]): Weighted<T> {
  return { entries, total: entries.reduce((sum, [, w]) => sum + w, 0) };
}
