// Card numbers in feed payloads: found (13–19 digits, a network's leading
// digits, Luhn-valid, spaced or dashed) and removed; phone numbers, reservation
// numbers and other digits are left alone.
import { describe, expect, it } from "vitest";
import { CARD_REMOVED, isCardNumber, luhnValid, removeCardNumbers } from "~/domain/feed/card-numbers";

describe("card numbers", () => {
  it("recognises the networks' test numbers, grouped or not", () => {
    for (const n of [
      "4012888888881881",
      "4012 8888 8888 1881",
      "4012-8888-8888-1881",
      "5555555555554444",
      "378282246310005",
      "6250941006528599",
      "3530111333300000",
    ])
      expect(isCardNumber(n), n).toBe(true);
  });

  it("leaves phone numbers, a broken check digit and long reservation numbers alone", () => {
    for (const n of ["13912345678", "8613912345678", "4012888888881882", "20261201000012345678"]) expect(isCardNumber(n), n).toBe(false);
    expect(luhnValid("79927398713")).toBe(true);
  });

  it("removes every card number from a text and counts them", () => {
    const { text, removed } = removeCardNumbers(
      '{"note":"guarantee 4012 8888 8888 1881, phone +86 139 1234 5678","card":"5555555555554444"}',
    );
    expect(removed).toBe(2);
    expect(text).toBe(`{"note":"guarantee ${CARD_REMOVED}, phone +86 139 1234 5678","card":"${CARD_REMOVED}"}`);
  });
});
