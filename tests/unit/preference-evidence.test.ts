// Inferred-preference evidence is stored as data and read in the reader's language.
import { describe, expect, it } from "vitest";
import { evidenceText, readEvidence } from "~/domain/preferences/evidence";
import { translate, type Locale } from "~/i18n/i18n";

function shown(stored: string, locale: Locale) {
  const evidence = readEvidence(stored);
  if (!evidence) return null;
  return "structured" in evidence ? translate(locale, `evidence.${evidence.structured.kind}`, evidence.structured) : evidence.text;
}

describe("preference evidence", () => {
  it("reads back what was written, in English and in Chinese", () => {
    const stored = evidenceText({ kind: "ordered", n: 4, of: 5 });
    expect(readEvidence(stored)).toEqual({ structured: { kind: "ordered", n: 4, of: 5 } });
    expect(shown(stored, "en")).toBe("ordered it on 4 of the last 5 stays");
    expect(shown(stored, "zh-CN")).toBe("最近 5 次入住中有 4 次点过");
  });

  it("follows each language's plural rules", () => {
    expect(shown(evidenceText({ kind: "booked", n: 1, of: 1 }), "en")).toBe("booked it on 1 of the last 1 stay");
    expect(shown(evidenceText({ kind: "booked", n: 1, of: 1 }), "zh-CN")).toBe("最近 1 次入住中有 1 次预订");
  });

  it("every kind has a text in both languages, none left with a placeholder", () => {
    for (const kind of ["ordered", "given", "requested", "noted", "asked", "booked"] as const) {
      for (const locale of ["en", "zh-CN"] as const) {
        const text = shown(evidenceText({ kind, n: 3, of: 4 }), locale)!;
        expect(text).toMatch(/3/);
        expect(text).not.toMatch(/[{}]/);
      }
    }
  });

  it("shows older free-text evidence as written and ignores malformed data", () => {
    expect(readEvidence("Ordered it on 4 of the last 5 stays")).toEqual({ text: "Ordered it on 4 of the last 5 stays" });
    expect(readEvidence('{"kind":"hacked","n":1,"of":2}')).toEqual({ text: '{"kind":"hacked","n":1,"of":2}' });
    expect(readEvidence('{"kind":"ordered","n":5,"of":4}')).toEqual({ text: '{"kind":"ordered","n":5,"of":4}' });
    expect(readEvidence("{not json")).toEqual({ text: "{not json" });
    expect(readEvidence(null)).toBeNull();
  });
});
