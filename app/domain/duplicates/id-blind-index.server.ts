// The ID number's blind index: a keyed hash of the normalised number, so two
// profiles with the same document can be found by an indexed look-up without
// the number being stored in the clear or decrypted pair by pair. The HMAC key
// is derived from the current ID key; without that key the digest reveals
// nothing (not even by trying every number of a format).
import { createHmac, createHash } from "node:crypto";
import { idKeyring, readIdNumber, type IdKeyring } from "../guests/id-document.server";

/** "g 1234-5678" and "G12345678" are one document number. */
export function normalisedIdNumber(number: string): string {
  return number.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

const derived = new WeakMap<IdKeyring, Buffer>();

function indexKey(keyring: IdKeyring): Buffer {
  let key = derived.get(keyring);
  if (!key) {
    key = createHash("sha256").update("guest-archive/id-blind-index/v1\u0000").update(keyring.keys.get(keyring.current)!).digest();
    derived.set(keyring, key);
  }
  return key;
}

/** 22 characters of base64url (128 bits): collisions between different numbers do not happen in practice. */
export function idBlindIndex(number: string, keyring: IdKeyring = idKeyring()): string | null {
  const normalised = normalisedIdNumber(number);
  if (normalised.length < 4) return null;
  return createHmac("sha256", indexKey(keyring)).update(normalised).digest("base64url").slice(0, 22);
}

/** The blind index of a stored (encrypted) number; null when there is none or it cannot be read. */
export function idDigestOfCipher(cipher: string | null | undefined, keyring: IdKeyring = idKeyring()): string | null {
  if (!cipher) return null;
  const number = readIdNumber(cipher, keyring);
  return number ? idBlindIndex(number, keyring) : null;
}
