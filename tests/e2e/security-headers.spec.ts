// The Content-Security-Policy in Chromium: every role walks its main pages
// (the analytics charts included) and a profile, switches the language (a
// POST through Remix's fetch, which the CSRF check must let through), and
// the browser reports no policy violation and no console error.
import { expect, test, type Page } from "@playwright/test";
import { login, openGuest, openScoredDashboard, waitForHydration, ZHANG_SAN, type DemoUsername } from "./support";

type Trouble = { kind: string; text: string; url: string };

/** Collects CSP violations (as the page's own event), console errors and uncaught exceptions. */
async function watch(page: Page): Promise<Trouble[]> {
  const trouble: Trouble[] = [];
  await page.exposeFunction("__reportCspViolation", (text: string, url: string) => trouble.push({ kind: "csp", text, url }));
  // Injected by Playwright outside the page's policy, before any page script runs.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __reportCspViolation: (text: string, url: string) => void }).__reportCspViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`, location.href);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error") trouble.push({ kind: "console", text: message.text(), url: page.url() });
  });
  page.on("pageerror", (error) => trouble.push({ kind: "exception", text: error.message, url: page.url() }));
  return trouble;
}

async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  await waitForHydration(page);
}

const ROLES: DemoUsername[] = ["desk", "marketing", "manager", "archivist", "admin"];

for (const username of ROLES) {
  test(`${username}: the main pages run under the Content-Security-Policy without a violation or console error`, async ({ page }) => {
    test.setTimeout(150_000);
    const trouble = await watch(page);
    await login(page, username);
    await waitForHydration(page);

    const nav = page.getByRole("navigation", { name: "Main" });
    const paths = await nav.getByRole("link").evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      if (path === "/analytics") {
        await openScoredDashboard(page);
        await waitForHydration(page);
        // Recharts draws after hydration, writing inline styles as it goes.
        await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
        expect(await page.locator("svg.recharts-surface").count()).toBeGreaterThanOrEqual(8);
        await page.locator("[data-chart=segments] svg.recharts-surface").first().hover();
      } else await visit(page, path);
    }
    await openGuest(page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
    await waitForHydration(page);
    // Identity markers carry their colours as style attributes: they must show.
    const marker = page.locator(".marker").first();
    if (await marker.count()) expect(await marker.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");

    // A state change from the app's own page: Chromium's Sec-Fetch-Site lets it through.
    await page.getByRole("button", { name: "中文" }).click();
    await expect(page.getByRole("button", { name: "English" })).toBeVisible();
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("button", { name: "中文" })).toBeVisible();

    expect(trouble).toEqual([]);
  });
}

test("a form on another site posting to the app is refused with the bilingual page", async ({ page, baseURL }) => {
  await login(page, "manager");
  // Another site (served by the test, never by the network) with a form aimed at the app.
  await page.route("http://prize.example/**", (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<form method="post" action="${baseURL}/analytics/loyalty/1"><input name="intent" value="points"><input name="points" value="50000"><input name="reason" value="prize"><button>Win a prize</button></form>`,
    }),
  );
  await page.goto("http://prize.example/");
  const [response] = await Promise.all([
    page.waitForResponse(`${baseURL}/analytics/loyalty/1`),
    page.getByRole("button", { name: "Win a prize" }).click(),
  ]);
  expect(response.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Request refused" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "请求已被拒绝" })).toBeVisible();
  // Still signed in: nothing was ended or changed.
  await page.goto("/guests");
  await expect(page).toHaveURL(/\/guests$/);
});
