// The PRC resident identity number (GB 11643-1999): 17 digits, then a check
// character (ISO 7064 MOD 11-2, "X" for 10). Digits 7–14 are the birth date.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export function residentIdChecksumValid(number: string): boolean {
  const text = number.trim().toUpperCase();
  return /^\d{17}[\dX]$/.test(text) && residentIdCheckCharacter(text.slice(0, 17)) === text[17];
}

/** The birth date the number carries, "YYYY-MM-DD", or null when it is not a real date. */
export function residentIdBirthDate(number: string): string | null {
  const text = number.trim();
  if (!/^\d{17}[\dXx]$/.test(text)) return null;
  const iso = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** The same number carrying another birth date, with its check character recomputed. */
export function residentIdWithBirthDate(number: string, iso: string): string {
  const first17 = number.slice(0, 6) + iso.replaceAll("-", "") + number.slice(14, 17);
  return first17 + residentIdCheckCharacter(first17);
}
