// Running `npm run backup` / `npm run restore` as the separate processes they
// are, for the backup tests of each database (tests/integration/backup*.test.ts).
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const TSX = path.resolve("node_modules/tsx/dist/cli.mjs");

export type Run = { code: number | null; stdout: string; stderr: string };

export const BACKUP_KEY = "backup-test-passphrase-0123456789";

/** Runs `tsx <script> <args>` with DATABASE_URL pointing at `database` (a SQLite file or a PostgreSQL URL). */
export function runScript(script: string, args: string[], database: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, script, ...args], {
      env: { ...withoutBackupKey(), DATABASE_URL: database.includes("://") ? database : `file:${database}`, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export function withoutBackupKey(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.BACKUP_ENCRYPTION_KEY;
  return env;
}

export const ownerOnly = (file: string) => fs.statSync(file).mode & 0o777;
export const holds = (file: string, text: string) => fs.readFileSync(file).includes(Buffer.from(text, "utf8"));
