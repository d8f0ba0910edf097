// Why the archive proposes a preference, stored as data (not as a sentence in
// one language) so every reader sees it in their own: `{"kind":"ordered",
// "n":4,"of":5}` → "Ordered it on 4 of the last 5 stays" / "最近 5 次入住中有 4 次点过".
// Browser-safe: the profile renders it.

export const EVIDENCE_KINDS = ["ordered", "given", "requested", "noted", "asked", "booked"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** n of the last `of` stays showed the habit. */
export type PreferenceEvidence = { kind: EvidenceKind; n: number; of: number };

export function evidenceText(evidence: PreferenceEvidence): string {
  return JSON.stringify({ kind: evidence.kind, n: evidence.n, of: evidence.of });
}

export type ReadEvidence = { structured: PreferenceEvidence } | { text: string } | null;

/** What a stored evidence column says: structured when written as data, else the text as written. */
export function readEvidence(stored: string | null | undefined): ReadEvidence {
  if (!stored) return null;
  if (stored.startsWith("{")) {
    try {
      const value = JSON.parse(stored) as Partial<PreferenceEvidence>;
      if (
        (EVIDENCE_KINDS as readonly string[]).includes(value.kind as string) &&
        Number.isInteger(value.n) &&
        Number.isInteger(value.of) &&
        value.n! >= 0 &&
        value.of! >= value.n!
      ) {
        return { structured: { kind: value.kind as EvidenceKind, n: value.n!, of: value.of! } };
      }
    } catch {
      // not data: shown as written
    }
  }
  return { text: stored };
}
