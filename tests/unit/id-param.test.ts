import { describe, expect, it } from "vitest";
import { idOf, idParam, MAX_ID, pageParam } from "~/http/id-param";
import { isRealDate } from "~/domain/forms";

describe("ids and page numbers from a URL or a form", () => {
  it("an id is a positive 32-bit whole number written in digits", () => {
    expect(idOf("7")).toBe(7);
    expect(idOf(String(MAX_ID))).toBe(MAX_ID);
    for (const bad of ["", "0", "-1", "1.5", "1e3", "1e400", "0x10", "abc", "2147483648", "99999999999", "Infinity", "NaN", "７"])
      expect(idOf(bad), bad).toBeUndefined();
    expect(idOf(undefined)).toBeUndefined();
    expect(idOf(null)).toBeUndefined();
  });

  it("a route id that names no record is a 404", () => {
    expect(idParam({ guestId: "12" }, "guestId")).toBe(12);
    let thrown: unknown;
    try {
      idParam({ guestId: "1e400" }, "guestId");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);
  });

  it("a page is a whole number from 1, capped; anything else is the first page", () => {
    expect(pageParam("3")).toBe(3);
    for (const bad of [null, "", "0", "-2", "Infinity", "1e400", "NaN", "2.5", "abc"]) expect(pageParam(bad), String(bad)).toBe(1);
    expect(pageParam("2000000000")).toBe(1_000_000);
  });

  it("a date is real: 2026-02-30 and 9999-99-99 are not", () => {
    expect(isRealDate("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-30", "9999-99-99", "2026-13-01", "0000-00-00", "2026-2-3", "", null, undefined])
      expect(isRealDate(bad), String(bad)).toBe(false);
  });
});
