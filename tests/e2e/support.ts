// Shared helpers for the browser tests: sign in as a demo user, wait until
// React has hydrated (so typeahead and keyboard handlers are live), and find
// the seeded anchor guests.
import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { expect, test, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { DEMO_LOGINS, DEMO_PASSWORD } from "../../app/config/demo-logins";
import { JOHN_SMITH, JOSE_MULLER, ZHANG_SAN } from "../../prisma/seed/anchors";

export { DEMO_PASSWORD, JOHN_SMITH, JOSE_MULLER, ZHANG_SAN };

export type DemoUsername = (typeof DEMO_LOGINS)[number]["username"];

export function displayNameOf(username: DemoUsername): string {
  return DEMO_LOGINS.find((l) => l.username === username)!.displayName;
}

/** Sign in through the login form as a demo user and land on the search page. */
export async function login(page: Page, username: DemoUsername) {
  await loginWith(page, username, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/guests(\?|$)/);
}

/** Fill in and send the login form (any account); the caller checks where it lands. */
export async function loginWith(page: Page, username: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The session cookie the server set: only a random id, the session itself is a database row. */
export async function sessionCookieOf(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === "ga_session");
}

/** A fresh browser context (own cookies) signed in as `username`. */
export async function signedInPage(
  browser: Browser,
  baseURL: string | undefined,
  username: DemoUsername,
  options: BrowserContextOptions = {},
) {
  const context = await browser.newContext({ baseURL, locale: "en-GB", ...options });
  const page = await context.newPage();
  await login(page, username);
  return { context, page };
}

/**
 * Wait until React has committed hydration of the document: before that,
 * typed text does not reach component state and keyboard handlers are not live.
 */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const key = Object.keys(document).find((k) => k.startsWith("__reactContainer$"));
    if (!key) return false;
    const fiberRoot = (document as any)[key]?.stateNode;
    return fiberRoot?.current?.memoizedState?.isDehydrated === false;
  });
}

/**
 * Open the dashboards and wait until the archive is scored: a never-scored
 * archive is scored in the background and the page refreshes by itself.
 */
export async function openScoredDashboard(page: Page) {
  await page.goto("/analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Loyalty analytics" })).toBeVisible();
  await expect(page.getByText(/^Scores as of /)).toBeVisible({ timeout: 60_000 });
}

/** Open a guest's profile by searching for a unique key (server-rendered search). */
export async function openGuest(page: Page, query: string, fullName: string) {
  await page.goto(`/guests?${new URLSearchParams({ q: query })}`);
  await page.locator("ol.results a.result-link", { hasText: fullName }).first().click();
  await expect(page).toHaveURL(/\/guests\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(fullName);
  return Number(new URL(page.url()).pathname.split("/").pop());
}

/**
 * Reads the database the server under test uses (SQLite file or the
 * throwaway PostgreSQL server, by the test's project). Placeholders are `?`.
 */
export async function readDb<T>(sql: string, ...params: unknown[]): Promise<T[]> {
  if (test.info().project.name === "postgres") {
    const client = new pg.Client({ connectionString: fs.readFileSync(".cache/e2e-postgres.url", "utf8") });
    await client.connect();
    try {
      let n = 0;
      const rows = (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows as Record<string, unknown>[];
      // Rows as SQLite gives them: COUNT(*) a number (a bigint there), JSON as text.
      const asSqlite = (key: string, value: unknown) => {
        if (key === "n" && typeof value === "string" && /^\d+$/.test(value)) return Number(value);
        if (value !== null && typeof value === "object" && !(value instanceof Date)) return JSON.stringify(value);
        return value;
      };
      return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, asSqlite(k, v)]))) as T[];
    } finally {
      await client.end();
    }
  }
  const db = new Database(".cache/e2e.db", { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
