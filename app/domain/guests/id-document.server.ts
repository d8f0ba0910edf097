// ID documents are stored encrypted (AES-256-GCM) with the last four
// characters kept apart for the masked display most roles see. Each stored
// value names the version of the key that sealed it, so the key can be
// rotated while every older value stays readable (docs/decisions/015):
// "v2.<keyVersion>.<iv>.<tag>.<data>" (base64 parts); the first format,
// "<iv>.<tag>.<data>", is key version 1.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/** The configured keys: the current one seals, every one of them opens. */
export type IdKeyring = { current: number; keys: ReadonlyMap<number, Buffer> };

/** A malformed key setting; the message names the variable. */
export class IdKeyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IdKeyConfigError";
  }
}

/** A stored ID number that no configured key opens (another key, or damaged). */
export class UnreadableIdNumberError extends Error {
  constructor(readonly keyVersion: number | null) {
    super(`ID number cannot be read with the configured keys (key version ${keyVersion ?? "unknown"}).`);
    this.name = "UnreadableIdNumberError";
  }
}

const FORMAT = "v2";

let cached: { setting: string; keyring: IdKeyring } | null = null;

/**
 * ID_ENCRYPTION_KEY is the key of version ID_ENCRYPTION_KEY_VERSION (1 unless
 * set); ID_ENCRYPTION_KEYS_PREVIOUS lists older ones as "version:key", comma-
 * or space-separated. Each key is the SHA-256 of its secret.
 */
export function idKeyring(env: NodeJS.ProcessEnv = process.env): IdKeyring {
  const setting = [env.ID_ENCRYPTION_KEY, env.ID_ENCRYPTION_KEY_VERSION, env.ID_ENCRYPTION_KEYS_PREVIOUS, env.NODE_ENV].join("\u0000");
  if (cached?.setting === setting) return cached.keyring;
  const secret = env.ID_ENCRYPTION_KEY;
  if (!secret && env.NODE_ENV === "production") throw new IdKeyConfigError("ID_ENCRYPTION_KEY must be set in production.");
  const current = keyVersionOf("ID_ENCRYPTION_KEY_VERSION", env.ID_ENCRYPTION_KEY_VERSION?.trim() || "1");
  const keys = new Map([[current, derive(secret ?? "dev-only-id-key")]]);
  for (const entry of (env.ID_ENCRYPTION_KEYS_PREVIOUS ?? "").split(/[\s,]+/).filter(Boolean)) {
    const colon = entry.indexOf(":");
    if (colon < 1 || colon === entry.length - 1)
      throw new IdKeyConfigError(
        `ID_ENCRYPTION_KEYS_PREVIOUS must list "version:key" entries (e.g. "1:<old key>"); got "${entry.slice(0, 8)}…".`,
      );
    const version = keyVersionOf("ID_ENCRYPTION_KEYS_PREVIOUS", entry.slice(0, colon));
    if (keys.has(version))
      throw new IdKeyConfigError(
        `ID_ENCRYPTION_KEYS_PREVIOUS names key version ${version} ${version === current ? "— the version of ID_ENCRYPTION_KEY itself" : "twice"}.`,
      );
    keys.set(version, derive(entry.slice(colon + 1)));
  }
  const keyring = { current, keys };
  cached = { setting, keyring };
  return keyring;
}

function keyVersionOf(variable: string, text: string): number {
  const version = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(version) || version < 1)
    throw new IdKeyConfigError(`${variable}: a key version is a whole number from 1; got "${text}".`);
  return version;
}

function derive(secret: string): Buffer {
  return createHash("sha256").update(secret).digest();
}

/** Seals with the given version's key (the current one unless told). */
export function encryptIdNumber(plain: string, keyring: IdKeyring = idKeyring(), version = keyring.current): string {
  const key = keyring.keys.get(version);
  if (!key) throw new IdKeyConfigError(`No ID key of version ${version} is configured.`);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [FORMAT, String(version), ...[iv, cipher.getAuthTag(), data].map((b) => b.toString("base64"))].join(".");
}

/** The key version a stored value was sealed with; null when it is no stored value at all. */
export function idKeyVersionOf(stored: string): number | null {
  const parts = stored.split(".");
  if (parts.length === 3) return 1;
  if (parts.length === 5 && parts[0] === FORMAT && /^[1-9]\d*$/.test(parts[1])) return Number(parts[1]);
  return null;
}

/** Throws UnreadableIdNumberError when no configured key opens it. */
export function decryptIdNumber(stored: string, keyring: IdKeyring = idKeyring()): string {
  const version = idKeyVersionOf(stored);
  const key = version === null ? undefined : keyring.keys.get(version);
  if (!key) throw new UnreadableIdNumberError(version);
  const [iv, tag, data] = stored
    .split(".")
    .slice(-3)
    .map((p) => Buffer.from(p, "base64"));
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
  } catch {
    throw new UnreadableIdNumberError(version);
  }
}

/** The number, or null when the configured keys cannot open it (a page shows that instead of failing). */
export function readIdNumber(stored: string, keyring: IdKeyring = idKeyring()): string | null {
  try {
    return decryptIdNumber(stored, keyring);
  } catch (error) {
    if (error instanceof UnreadableIdNumberError) return null;
    throw error;
  }
}

/** Prisma filter: stored values sealed with key `version` (version 1 includes the first, unversioned format). */
export function sealedWithVersion(version: number) {
  const prefix = { idDocumentCipher: { startsWith: `${FORMAT}.${version}.` } };
  return version === 1 ? { OR: [prefix, { NOT: { idDocumentCipher: { startsWith: `${FORMAT}.` } } }] } : prefix;
}

export function maskIdNumber(last4: string | null): string | null {
  return last4 ? `••••••••••${last4}` : null;
}
