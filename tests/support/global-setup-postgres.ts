// The "postgres" test project: builds the PostgreSQL Prisma client, starts a
// throwaway PostgreSQL server and migrates one template database; each test
// file then works on its own copy (tests/support/per-file-database-postgres.ts).
import { execFileSync } from "node:child_process";
import { ensurePostgresClient } from "./postgres-client";
import { startThrowawayPostgres } from "./throwaway-postgres";

export const TEMPLATE_DATABASE = "ga_template";

export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  ensurePostgresClient();
  const server = await startThrowawayPostgres();
  execFileSync(server.binDir + "/createdb", ["-h", "127.0.0.1", "-p", String(server.port), "-U", "postgres", TEMPLATE_DATABASE], {
    stdio: "pipe",
  });
  execFileSync("npx", ["tsx", "scripts/prisma.ts", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: server.url(TEMPLATE_DATABASE) },
    stdio: "pipe",
  });
  provide("postgresServerUrl", server.url("postgres"));
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresServerUrl: string;
  }
}
