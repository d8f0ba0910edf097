// The PostgreSQL seed writes rows in COPY's text format: what it escapes must come back unchanged.
import { describe, expect, it } from "vitest";
import { copyValue } from "../../prisma/seed/postgres-writer";

describe("COPY text values", () => {
  it("writes null, booleans and numbers as PostgreSQL reads them", () => {
    expect(copyValue(null)).toBe("\\N");
    expect(copyValue(undefined)).toBe("\\N");
    expect(copyValue(true)).toBe("t");
    expect(copyValue(false)).toBe("f");
    expect(copyValue(12345)).toBe("12345");
  });

  it("escapes the characters that delimit rows and columns, and the backslash itself", () => {
    expect(copyValue("a\tb\nc\rd\\e")).toBe("a\\tb\\nc\\rd\\\\e");
    // A literal "\N" in text is not a null once escaped.
    expect(copyValue("\\N")).toBe("\\\\N");
  });

  it("leaves CJK text, quotes and JSON as they are", () => {
    expect(copyValue("张伟 · O'Brien")).toBe("张伟 · O'Brien");
    expect(copyValue('{"reason":"retention"}')).toBe('{"reason":"retention"}');
  });
});
