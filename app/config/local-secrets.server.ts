// The secrets every process of an install shares: SESSION_SECRET (also signs
// unsubscribe links unless UNSUBSCRIBE_SECRET is set) and ID_ENCRYPTION_KEY.
// A single machine on SQLite may leave them unset: random ones are made once
// and kept in data/secrets.json, and every process (web, jobs, scripts) reads
// the same file. On PostgreSQL several instances on several hosts share one
// database, and a file per host would give each its own keys (sessions
// refused by the other hosts, ID numbers no one else can read): there both
// must come from the environment, the same on every instance.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { databaseUrl, providerOf } from "../db/provider";

export const SHARED_SECRETS = ["SESSION_SECRET", "ID_ENCRYPTION_KEY"] as const;

export class MissingSecretsError extends Error {
  constructor(readonly missing: string[]) {
    super(
      `${missing.join(" and ")} must be set in the environment when DATABASE_URL is PostgreSQL, ` +
        `with the same values on every instance and on the jobs process (see .env.example and "PostgreSQL (chains)" in the README). ` +
        `Make one with: node -e "console.log(require('crypto').randomBytes(32).toString('hex'))"`,
    );
    this.name = "MissingSecretsError";
  }
}

type SharedSecret = (typeof SHARED_SECRETS)[number];

/**
 * Fills env's secrets (those `needed`: a command that only seals ID numbers needs no session secret);
 * returns the local secrets file when one was used. Throws MissingSecretsError on PostgreSQL without them.
 */
export function ensureLocalSecrets(env: NodeJS.ProcessEnv = process.env, needed: readonly SharedSecret[] = SHARED_SECRETS): string | null {
  const missing = needed.filter((name) => !env[name]?.trim());
  if (!missing.length) return null;
  if (providerOf(databaseUrl(env)) === "postgres") throw new MissingSecretsError(missing);
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

/** ensureLocalSecrets for a command's entry point: a clear message and exit 1 instead of a stack trace. */
export function ensureLocalSecretsOrExit(
  env: NodeJS.ProcessEnv = process.env,
  needed: readonly SharedSecret[] = SHARED_SECRETS,
): string | null {
  try {
    return ensureLocalSecrets(env, needed);
  } catch (error) {
    if (!(error instanceof MissingSecretsError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
