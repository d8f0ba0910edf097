// Blocking keys: a pair of guests is scored only when they share one of these,
// so finding candidates is an indexed look-up per key, never a comparison of
// all pairs (docs/decisions/016). Each key starts with its kind.
import { canonicalEmail, companyKey, nameForms, nationalPhone, swappedBirthDate } from "./identity-keys";
import type { MatchProfile } from "./score-pair";

export const MATCH_KEY_KIND = {
  idNumber: "d:",
  phone: "p:",
  email: "e:",
  nameBirthDate: "b:",
  nameCompany: "c:",
} as const;

/**
 * A key shared by more guests than this (a hotel's switchboard number, a
 * travel agent's e-mail) is no sign of one person: its guests are not paired by it.
 */
export const MAX_BLOCK_SIZE = 50;

export function matchKeysFor(guest: MatchProfile): string[] {
  const keys = new Set<string>();
  if (guest.idDigest) keys.add(MATCH_KEY_KIND.idNumber + guest.idDigest);
  const phone = nationalPhone(guest.phone);
  if (phone) keys.add(MATCH_KEY_KIND.phone + phone);
  const email = canonicalEmail(guest.email);
  if (email) keys.add(MATCH_KEY_KIND.email + email);
  // One key per reading order of the name, so "Xiaowei Zhang" meets 张小伟.
  const names = nameForms(guest.fullName);
  const swapped = swappedBirthDate(guest.birthDate);
  const company = companyKey(guest.company);
  for (const name of names) {
    if (guest.birthDate) keys.add(`${MATCH_KEY_KIND.nameBirthDate}${name}|${guest.birthDate}`);
    if (swapped) keys.add(`${MATCH_KEY_KIND.nameBirthDate}${name}|${swapped}`);
    if (company) keys.add(`${MATCH_KEY_KIND.nameCompany}${name}|${company}`);
  }
  return [...keys];
}
