// What a staff password must be: at least 12 characters, at most 256, and not
// easy to guess — judged offline by zxcvbn-ts (common passwords, English
// words and names, keyboard patterns, dates, l33t), with the person's own
// username and name and the product's name counted as guessable too.
import { randomInt } from "node:crypto";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as zxcvbnCommon from "@zxcvbn-ts/language-common";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";
import { DEMO_PASSWORD } from "~/config/demo-logins";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./staff-form";

/** zxcvbn's 0–4: 3 means "safely unguessable" against an online attack and a slow hash offline. */
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
function zxcvbn() {
  // Building the dictionaries takes ~0.3 s: once per process, on first use.
  factory ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  });
  return factory;
}

export type PasswordProblem = "password.tooShort" | "password.tooLong" | "password.weak" | "password.demo";

/** Null when the password may be used, else the translation key of what is wrong with it. */
export async function passwordProblem(password: string, person: { username?: string; displayName?: string }) {
  if (password.length < PASSWORD_MIN_LENGTH) return "password.tooShort" satisfies PasswordProblem;
  if (password.length > PASSWORD_MAX_LENGTH) return "password.tooLong" satisfies PasswordProblem;
  if (password.trim().toLowerCase() === DEMO_PASSWORD) return "password.demo" satisfies PasswordProblem;
  const username = (person.username ?? "").toLowerCase();
  const nameParts = (person.displayName ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  // The person's own names, also run together ("lin.fang" → "linfang"), and the product's.
  const personal = [username, username.replace(/[._-]/g, ""), ...username.split(/[._-]/), ...nameParts, nameParts.join("")]
    .concat(["guest", "archive", "guestarchive", "hotel"])
    .filter((s) => s.length >= 3);
  const result = await zxcvbn().check(password, personal);
  return result.score < MIN_PASSWORD_SCORE ? ("password.weak" satisfies PasswordProblem) : null;
}

// No 0/O, 1/l/I: read aloud or copied from a screen without mistakes.
const ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A one-time password: four groups of four (about 79 bits), e.g. "k7mq-2hxp-9rtw-c4nz". */
export function generateOneTimePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join(""),
  );
  return groups.join("-");
}
