// Two projects, one command: every unit and integration test runs on SQLite
// (a migrated file per test file) and the integration tests run again on
// PostgreSQL (a throwaway server, a database per test file), with the app's
// imports of the generated Prisma client pointed at the PostgreSQL build.
import path from "node:path";
import { defineConfig } from "vitest/config";

const app = path.resolve(import.meta.dirname, "app");
const shared = { pool: "forks" as const, testTimeout: 30_000, hookTimeout: 60_000 };

/** Tests that are about one provider only (its file format, its migrations). */
const sqliteOnly = [
  "tests/integration/sqlite-connection.test.ts",
  "tests/integration/postgres-migrations.test.ts",
  "tests/integration/erased-data-on-disk.test.ts",
  "tests/integration/backup.test.ts",
  "tests/integration/pms-card-data.test.ts",
];

/** Tests of a chain's PostgreSQL set-up. */
const postgresOnly = ["tests/integration/chain-setup.test.ts", "tests/integration/backup-postgres.test.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias: { "~": app } },
        test: {
          ...shared,
          name: "sqlite",
          include: ["tests/{unit,integration}/**/*.test.{ts,tsx}", "app/**/*.test.{ts,tsx}"],
          exclude: postgresOnly,
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/per-file-database.ts"],
        },
      },
      {
        resolve: {
          alias: [
            { find: "~", replacement: app },
            {
              find: /^(?:\.\.\/)+generated\/prisma\/(.*)$/,
              replacement: path.resolve(import.meta.dirname, "generated/prisma-postgres") + "/$1",
            },
          ],
        },
        test: {
          ...shared,
          name: "postgres",
          include: ["tests/integration/**/*.test.{ts,tsx}"],
          exclude: sqliteOnly,
          globalSetup: ["tests/support/global-setup-postgres.ts"],
          setupFiles: ["tests/support/per-file-database-postgres.ts"],
        },
      },
    ],
  },
});
