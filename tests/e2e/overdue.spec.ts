// Deadlines that alert, in the browser: an admin runs the deadlines job from
// the Jobs page; the manager (the demo's duty and general manager) sees the
// overdue complaints on the Overdue board with the steps that fired and whom
// they told, and finds them in the notification centre. The demo plants an
// open complaint a week old (张三's), long past its resolve-by.
import { expect, test } from "@playwright/test";
import { signedInPage, waitForHydration } from "./support";

test("a manager sees an overdue complaint on the board and is notified once", async ({ browser, baseURL }) => {
  const admin = await signedInPage(browser, baseURL, "admin");
  await admin.page.goto("/jobs");
  await waitForHydration(admin.page);
  const runs = admin.page.locator("table tbody tr");
  const newestBefore = (await runs.count()) ? Number((await runs.first().locator("td").first().textContent())!.trim()) : 0;
  const form = admin.page.locator("form", { has: admin.page.locator('input[name="job"][value="deadlines"]') });
  // Twice: the second run tells no one again.
  for (let i = 1; i <= 2; i++) {
    await form.getByRole("button", { name: "Run now" }).click();
    await expect(async () => {
      expect(Number((await runs.first().locator("td").first().textContent())!.trim())).toBeGreaterThanOrEqual(newestBefore + i);
    }).toPass({ timeout: 15_000 });
    await expect(runs.first().locator("td").nth(3)).toHaveText("Succeeded", { timeout: 60_000 });
  }
  await admin.context.close();

  const { context, page } = await signedInPage(browser, baseURL, "manager");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overdue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overdue" })).toBeVisible();
  const rows = page.locator("tr.overdue-complaint");
  await expect(rows.first()).toBeVisible();
  const row = rows.filter({ hasText: "Not resolved: duty manager told" }).first();
  await expect(row).toContainText("Still not resolved: general manager told");
  await expect(row.locator("td.overdue").first()).toBeVisible();
  // No complaint text on the board.
  await expect(page.getByText("Air conditioning rattled all night")).toHaveCount(0);

  const profileNumber = (await row.locator("td").first().innerText()).match(/G\d{8}/)![0];

  // The notification centre: one message per step, however many runs.
  await page.getByRole("link", { name: /^Notifications/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.locator("li.notification", { hasText: `A complaint about ${profileNumber} is past its resolve-by.` })).toHaveCount(1);
  await expect(
    page.locator("li.notification", { hasText: `A complaint about ${profileNumber} is still unresolved 4 hours after` }),
  ).toHaveCount(1);
  await context.close();
});
