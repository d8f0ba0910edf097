// Browser tests in Debian's Chromium (never `playwright install`), against
// the production build served by the same start script as `npm start`, on a
// fresh SQLite database seeded with demo data.
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3199);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "en-GB",
    launchOptions: {
      executablePath: chromium,
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
  webServer: {
    command: `rm -f .cache/e2e.db .cache/e2e.db-* && npx remix build && npx tsx scripts/start.ts`,
    url: `http://localhost:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: {
      DATABASE_URL: "file:./.cache/e2e.db",
      PORT: String(PORT),
      SEED_GUESTS: "300",
      SESSION_SECRET: "e2e-session-secret-0123456789",
      ID_ENCRYPTION_KEY: "e2e-id-key",
    },
    stdout: "pipe",
  },
});
