// ID documents are stored encrypted (AES-256-GCM) with the last four
// characters kept apart for the masked display most roles see.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

function key(): Buffer {
  const secret = process.env.ID_ENCRYPTION_KEY;
  if (!secret && process.env.NODE_ENV === "production") {
    throw new Error("ID_ENCRYPTION_KEY must be set in production.");
  }
  return createHash("sha256")
    .update(secret ?? "dev-only-id-key")
    .digest();
}

export function encryptIdNumber(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64")).join(".");
}

export function decryptIdNumber(stored: string): string {
  const [iv, tag, data] = stored.split(".").map((p) => Buffer.from(p, "base64"));
  const decipher = createDecipheriv("aes-256-gcm", key(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}

export function maskIdNumber(last4: string | null): string | null {
  return last4 ? `••••••••••${last4}` : null;
}
