// Phone numbers are validated with libphonenumber's full metadata and stored
// in E.164 ("+8613800138000"), so one number is written one way whatever the
// desk typed. A number without a country code is read in the default region
// (the chain's home country, China, unless told).
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import mobileExamples from "libphonenumber-js/mobile/examples";

export const DEFAULT_PHONE_REGION: CountryCode = "CN";

/** The number in E.164, or null when it is not a valid number. */
export function phoneE164(text: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  const parsed = parsePhoneNumberFromString(text.trim(), region);
  return parsed?.isValid() ? parsed.number : null;
}

export function isValidPhone(text: string, region: CountryCode = DEFAULT_PHONE_REGION): boolean {
  return phoneE164(text, region) !== null;
}

/** What the save path stores: E.164 when the number is valid, the text as typed otherwise (the quality rule flags it). */
export function storedPhone(text: string | null | undefined, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  return phoneE164(trimmed, region) ?? trimmed;
}

/**
 * A valid number for a country built from libphonenumber's example mobile
 * number with its last digits replaced ("+49 15123987654"), for generated
 * data; null when the country has no example or the result is not valid.
 */
export function validMobileLike(country: CountryCode, lastDigits: string): string | null {
  const example = getExampleNumber(country, mobileExamples);
  if (!example) return null;
  const national = String(example.nationalNumber);
  // As many of the given digits as keep the number valid (most countries allow the last 7 to be anything).
  for (let n = Math.min(lastDigits.length, national.length - 2); n >= 2; n--) {
    const candidate = `+${example.countryCallingCode} ${national.slice(0, national.length - n)}${lastDigits.slice(-n)}`;
    if (isValidPhone(candidate)) return candidate;
  }
  return `+${example.countryCallingCode} ${national}`;
}

/** A stored number as people read it: international format with spaces ("+44 20 1665 0656"), or as stored when it does not parse. */
export function displayPhone(stored: string | null | undefined): string | null {
  if (!stored) return null;
  const parsed = parsePhoneNumberFromString(stored);
  return parsed?.isValid() ? parsed.formatInternational() : stored;
}
