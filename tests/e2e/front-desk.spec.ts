// The check-in path at the desk: find the guest by initials with the
// keyboard, see the allergy before anything else, note a new preference.
import { expect, test } from "@playwright/test";
import { login, waitForHydration, ZHANG_SAN } from "./support";

test("desk finds 张三 by typing zs, opens the profile with the keyboard and adds a preference", async ({ page }) => {
  await login(page, "desk");
  await waitForHydration(page);

  const box = page.getByRole("searchbox", { name: "Search guests" });
  await expect(box).toBeFocused();
  await box.pressSequentially("zs");
  // Typeahead: results arrive without submitting the form.
  const zhang = page.locator("ol.results a.result-link", { hasText: ZHANG_SAN.fullName });
  await expect(zhang).toBeVisible();
  await expect(page).not.toHaveURL(/q=/);

  // ↓ from the box focuses the first result; further ↓ walk the list.
  await box.press("ArrowDown");
  const links = page.locator("ol.results a.result-link");
  await expect(links.first()).toBeFocused();
  const position = await links.evaluateAll((els, name) => els.findIndex((e) => e.textContent?.includes(name)), ZHANG_SAN.fullName);
  expect(position).toBeGreaterThanOrEqual(0);
  for (let i = 0; i < position; i++) await page.keyboard.press("ArrowDown");
  await expect(zhang).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/guests\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(ZHANG_SAN.fullName);
  const allergy = page.locator("section.alert-strip li.alert-allergy");
  await expect(allergy).toBeVisible();
  await expect(allergy).toContainText("Allergy");
  await expect(allergy).toContainText("peanuts");

  // Add a preference: the desk's additions wait for an archivist's review.
  const value = `Jasmine tea 茉莉花茶 ${Date.now()}`;
  await page.locator("summary", { hasText: "Add a preference" }).click();
  const form = page.getByRole("form", { name: "Add a preference" });
  await form.getByLabel("Category").selectOption({ label: "Beverage" });
  await form.getByLabel("Preference").fill(value);
  await form.getByLabel("Source").selectOption({ label: "Said by the guest" });
  await form.getByLabel("Note").fill("asked at check-in");
  await form.getByRole("button", { name: "Add a preference" }).click();

  const added = page.locator("ul.preference-list li", { hasText: value });
  await expect(added).toBeVisible();
  await expect(added).toContainText("Beverage");
  await expect(added).toContainText("Awaiting review");
  await expect(form.getByLabel("Preference")).toHaveValue("");

  await page.reload();
  await expect(page.locator("ul.preference-list li", { hasText: value })).toContainText("Awaiting review");
});

test("without JavaScript the desk can sign in and search with the form", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, locale: "en-GB", javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await login(page, "desk");
    await page.getByRole("searchbox", { name: "Search guests" }).fill("zs");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/\/guests\?q=zs$/);
    const zhang = page.locator("ol.results a.result-link", { hasText: ZHANG_SAN.fullName });
    await expect(zhang).toBeVisible();
    await zhang.click();
    await expect(page.locator("section.alert-strip li.alert-allergy")).toContainText("peanuts");
  } finally {
    await context.close();
  }
});
