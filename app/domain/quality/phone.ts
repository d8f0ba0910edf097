// Phone numbers are validated with libphonenumber's full metadata and stored
// in E.164 ("+8613800138000"), so one number is written one way whatever the
// desk typed. A number without a country code is read in the default region
// (the chain's home country, China, unless told).
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

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
