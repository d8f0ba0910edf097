// Encrypted backups (README, Backup encryption): the whole backup under
// AES-256-GCM, streamed, with a key derived by scrypt from
// BACKUP_ENCRYPTION_KEY and a random salt — its own key, not the ID key, so
// whoever keeps the backups need not hold the database's keys. Layout:
//
//   "GABACKUP" | format version (1) | kind (1) | salt (16) | iv (12) | key check (16) | data … | tag (16)
//
// The header is authenticated with the data (GCM additional data). The key
// check (an HMAC of a fixed text under a second derived key) tells a wrong key
// from a damaged file at once, before anything is decrypted; GCM's tag, read
// from the end, refuses a damaged or altered file.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

const MAGIC = Buffer.from("GABACKUP");
const FORMAT_VERSION = 1;
const HEADER_LENGTH = MAGIC.length + 2 + 16 + 12 + 16;
const TAG_LENGTH = 16;
/** scrypt cost: 2^15 × 8 × 128 bytes = 32 MiB and ~0.1 s per backup or restore. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
export const MIN_PASSPHRASE_LENGTH = 16;

const KINDS = { sqlite: 1, pg_dump: 2 } as const;
export type BackupKind = keyof typeof KINDS;

/** BACKUP_ENCRYPTION_KEY is missing or does not open the backup. */
export class BackupKeyError extends Error {}
/** The file is cut short, damaged or altered. */
export class BackupDamagedError extends Error {}

async function deriveKeys(passphrase: string, salt: Buffer) {
  const derived = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase, salt, 64, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))),
  );
  const key = derived.subarray(0, 32);
  const check = createHmac("sha256", derived.subarray(32)).update("guest-archive backup key check").digest().subarray(0, 16);
  return { key, check };
}

/** The kind of an encrypted backup; null when the file is not one. */
export function encryptedBackupKind(file: string): BackupKind | null {
  const header = Buffer.alloc(HEADER_LENGTH);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, header, 0, HEADER_LENGTH, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const [version, code] = header.subarray(MAGIC.length);
  const kind = (Object.keys(KINDS) as BackupKind[]).find((k) => KINDS[k] === code);
  if (version !== FORMAT_VERSION || !kind)
    throw new BackupDamagedError(`The encrypted backup has format ${version}/${code}, which this version does not know`);
  return kind;
}

/** Streams `source` into `target` (mode 0600), encrypted. */
export async function writeEncryptedBackup(source: Readable, target: string, passphrase: string, kind: BackupKind) {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const { key, check } = await deriveKeys(passphrase, salt);
  const header = Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, KINDS[kind]]), salt, iv, check]);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(header);
  await pipeline(
    source,
    cipher,
    async function* (sealed: AsyncIterable<Buffer>) {
      yield header;
      yield* sealed;
      yield cipher.getAuthTag();
    },
    fs.createWriteStream(target, { mode: 0o600 }),
  );
}

/**
 * Checks the key against the header, then decrypts into `into` (or only
 * authenticates, with none). Throws BackupKeyError or BackupDamagedError; what
 * `into` received before a BackupDamagedError must be thrown away.
 */
export async function decryptBackup(file: string, passphrase: string | undefined, into: Writable | null = null): Promise<void> {
  if (!encryptedBackupKind(file)) throw new BackupDamagedError("The file is not an encrypted backup");
  const size = fs.statSync(file).size;
  if (size < HEADER_LENGTH + TAG_LENGTH) throw new BackupDamagedError("The encrypted backup is cut short");
  const header = Buffer.alloc(HEADER_LENGTH);
  const tag = Buffer.alloc(TAG_LENGTH);
  const fd = fs.openSync(file, "r");
  try {
    fs.readSync(fd, header, 0, HEADER_LENGTH, 0);
    fs.readSync(fd, tag, 0, TAG_LENGTH, size - TAG_LENGTH);
  } finally {
    fs.closeSync(fd);
  }
  if (!passphrase) throw new BackupKeyError("The backup is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was made with");
  let at = MAGIC.length + 2;
  const salt = header.subarray(at, (at += 16));
  const iv = header.subarray(at, (at += 12));
  const stored = header.subarray(at, (at += 16));
  const { key, check } = await deriveKeys(passphrase, salt);
  if (!timingSafeEqual(check, stored))
    throw new BackupKeyError("BACKUP_ENCRYPTION_KEY does not open this backup: it is not the key the backup was made with");
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(header);
  decipher.setAuthTag(tag);
  const sink = into ?? new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    const sealed =
      size > HEADER_LENGTH + TAG_LENGTH
        ? fs.createReadStream(file, { start: HEADER_LENGTH, end: size - TAG_LENGTH - 1 })
        : Readable.from([]);
    await pipeline(sealed, decipher, sink);
  } catch (error) {
    if ((error as Error).message?.includes("unable to authenticate"))
      throw new BackupDamagedError("The encrypted backup is damaged or was altered (it fails authentication)");
    throw error;
  }
}
