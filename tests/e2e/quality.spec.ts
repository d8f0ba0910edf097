// The archivist's data-quality queue: two guests saved with a misspelt e-mail
// domain are found as they are saved; the archivist accepts one as correct
// (it stays closed on the next nightly run too, see the integration tests)
// and fixes the other in place through the edit form.
import { expect, test, type Page } from "@playwright/test";
import { login, waitForHydration } from "./support";

async function createGuest(page: Page, fullName: string, phone: string, email: string) {
  await page.goto("/guests/new");
  await waitForHydration(page);
  await page.getByRole("textbox", { name: "Full name" }).fill(fullName);
  await page.getByRole("textbox", { name: "Phone" }).fill(phone);
  await page.getByRole("textbox", { name: "E-mail" }).fill(email);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/guests\/\d+$/);
}

test("archivist accepts one finding as correct and fixes another in place", async ({ page }) => {
  // Unique per run, so a repeated run has findings of its own.
  const run = String(Date.now() % 100_000_000).padStart(8, "0");
  const kept = `Quality Kept ${run}`;
  const fixed = `Quality Fixed ${run}`;
  await login(page, "archivist");
  await createGuest(page, kept, `+86 137 ${run.slice(0, 4)} ${run.slice(4)}`, `kept${run}@gmial.com`);
  await expect(page.locator("#quality")).toContainText("E-mail domain impossible or misspelt");
  await createGuest(page, fixed, `+86 136 ${run.slice(4)} ${run.slice(0, 4)}`, `fixed${run}@gmial.com`);

  await page.getByRole("link", { name: "Data quality" }).click();
  await expect(page).toHaveURL(/\/quality$/);
  await expect(page.getByRole("heading", { level: 1, name: "Data-quality findings" })).toBeVisible();
  await page.getByLabel("Rule").selectOption({ label: "E-mail domain impossible or misspelt" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/rule=email-domain/);

  const keptRow = page.locator("tbody tr", { hasText: kept });
  await expect(keptRow).toContainText("Did you mean gmail.com?");
  await expect(keptRow).toContainText("% complete");
  await waitForHydration(page);
  await keptRow.getByRole("button", { name: /^Accept as correct/ }).click();
  await expect(page.getByText("Accepted as correct")).toBeVisible();
  await expect(page.locator("tbody tr", { hasText: kept })).toHaveCount(0);

  const fixedRow = page.locator("tbody tr", { hasText: fixed });
  await fixedRow.getByRole("link", { name: /^Fix in place/ }).click();
  await expect(page).toHaveURL(/\/guests\/\d+\/edit#email$/);
  await waitForHydration(page);
  await page.getByRole("textbox", { name: "E-mail" }).fill(`fixed${run}@gmail.com`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/guests\/\d+$/);
  await expect(page.locator("#quality")).toContainText("No open data-quality findings.");

  await page.goto("/quality?rule=email-domain");
  await expect(page.locator("tbody tr", { hasText: fixed })).toHaveCount(0);
  await expect(page.locator("tbody tr", { hasText: kept })).toHaveCount(0);
});
