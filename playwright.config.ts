// Browser tests in Debian's Chromium (never `playwright install`), against
// the production build served by the same start script as `npm start`, on a
// fresh database seeded with demo data — once on SQLite and once on
// PostgreSQL (a throwaway server: tests/support/serve-e2e-postgres.ts).
// E2E_DATABASES=sqlite (or postgres) runs one of them only.
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3199);
const POSTGRES_PORT = PORT + 50;
const databases = (process.env.E2E_DATABASES ?? "sqlite,postgres").split(",").map((d) => d.trim());
// JOBS=false: the tests run each job themselves, with an explicit as-of date, never on the clock.
const secrets = { TZ: "UTC", SESSION_SECRET: "e2e-session-secret-0123456789", ID_ENCRYPTION_KEY: "e2e-id-key", JOBS: "false" };
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/**
 * Under Debian's `faketime` (the README's "other clocks" check) the runner and
 * the servers live at the faked time, but Chromium does not start with the
 * library preloaded: the browser keeps the real clock, as a desk's PC would.
 */
const browserEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name, value]) => value !== undefined && !/^FAKETIME|^DONT_FAKE_MONOTONIC$/.test(name) && name !== "LD_PRELOAD",
  ),
) as Record<string, string>;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    locale: "en-GB",
    // The desk's browser is in another zone than the server (TZ=UTC below) and than the
    // properties (Asia/Shanghai, Asia/Hong_Kong): every time must still read the same on both sides.
    timezoneId: "America/New_York",
    launchOptions: {
      executablePath: chromium,
      env: browserEnv,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
  },
  projects: [
    // Two instances on one database: PostgreSQL only, the chains' database.
    { name: "sqlite", use: { baseURL: `http://localhost:${PORT}` }, testIgnore: /several-instances/ },
    { name: "postgres", use: { baseURL: `http://localhost:${POSTGRES_PORT}` } },
  ].filter((project) => databases.includes(project.name)),
  webServer: [
    {
      command: `rm -f .cache/e2e.db .cache/e2e.db-* && npx remix build && npx tsx scripts/start.ts`,
      url: `http://localhost:${PORT}/healthz`,
      reuseExistingServer: false,
      timeout: 180_000,
      env: { DATABASE_URL: "file:./.cache/e2e.db", PORT: String(PORT), SEED_GUESTS: "300", ...secrets },
      stdout: "pipe" as const,
    },
    {
      command: "node --import tsx tests/support/serve-e2e-postgres.ts",
      // The second instance, started once the first has migrated and seeded.
      url: `http://localhost:${POSTGRES_PORT + 1}/healthz`,
      reuseExistingServer: false,
      timeout: 240_000,
      env: { PORT: String(POSTGRES_PORT), SEED_GUESTS: "300", ...secrets },
      stdout: "pipe" as const,
      gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
    },
  ].filter((_, i) => databases.includes(i === 0 ? "sqlite" : "postgres")),
});
