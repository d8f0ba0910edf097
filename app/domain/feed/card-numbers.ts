// Payment card numbers never reach the database (docs/decisions/019): a PMS
// may put one in a comment, a guarantee or a remark. Every feed message is
// cleaned before it is parsed, stored, hashed for idempotency or dead-lettered.
// A card number here: 13–19 digits (spaces or dashes between groups allowed)
// with a card network's leading digits and a valid Luhn check digit — so a
// Chinese mobile number (1…) or a reservation number is left alone.

const CANDIDATE = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;
/** Visa 4, Mastercard 51–55 and 2221–2720, Amex 34/37, Diners 30/36/38/39, Discover 6011/64/65, JCB 35, UnionPay 62/81. */
const NETWORK = /^(4|5[1-5]|2[2-7]|3[0456789]|6011|6[245]|81)/;

export const CARD_REMOVED = "[card number removed]";

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function isCardNumber(candidate: string): boolean {
  const digits = candidate.replace(/[ -]/g, "");
  return digits.length >= 13 && digits.length <= 19 && NETWORK.test(digits) && luhnValid(digits);
}

/** The text with every card number replaced, and how many there were. */
export function removeCardNumbers(text: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = text.replace(CANDIDATE, (candidate) => {
    if (!isCardNumber(candidate)) return candidate;
    removed += 1;
    return CARD_REMOVED;
  });
  return { text: cleaned, removed };
}
