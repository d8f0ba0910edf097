// Secrets for a local install: production needs ID_ENCRYPTION_KEY and a key
// for unsubscribe links (UNSUBSCRIBE_SECRET, else SESSION_SECRET; sessions
// themselves need none). When they are not set, random ones are made once and
// kept in data/secrets.json, and every process of this install (web, jobs,
// scripts) reads the same file — so encrypted ID numbers and e-mail links agree.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

export function ensureLocalSecrets(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.SESSION_SECRET && env.ID_ENCRYPTION_KEY) return null;
  const file = path.resolve(env.SECRETS_FILE ?? "data/secrets.json");
  let secrets: Record<string, string> = {};
  if (fs.existsSync(file)) secrets = JSON.parse(fs.readFileSync(file, "utf8"));
  const before = JSON.stringify(secrets);
  secrets.SESSION_SECRET ??= randomBytes(32).toString("hex");
  secrets.ID_ENCRYPTION_KEY ??= randomBytes(32).toString("hex");
  if (JSON.stringify(secrets) !== before) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  env.SESSION_SECRET ||= secrets.SESSION_SECRET;
  env.ID_ENCRYPTION_KEY ||= secrets.ID_ENCRYPTION_KEY;
  return file;
}
