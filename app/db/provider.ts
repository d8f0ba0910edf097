// Which database we talk to, decided once from DATABASE_URL:
// `file:…` → SQLite (the embedded default), `postgres://…` → PostgreSQL.
// Shared by the app, the Prisma CLI config, scripts and tests.
export type Provider = "sqlite" | "postgres";

export const DEFAULT_DATABASE_URL = "file:./data/guest-archive.db";

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgres";
  throw new Error(`DATABASE_URL must start with "file:" (SQLite) or "postgres://" (PostgreSQL); got "${url.slice(0, 20)}…"`);
}

/** Path of the SQLite file named by a `file:` URL (relative paths are from the working directory). */
export function sqliteFilePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}
