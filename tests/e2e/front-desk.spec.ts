// The check-in path at the desk: find the guest by initials with the
// keyboard, see the allergy before anything else, note a new preference; the
// duplicate warning, many namesakes, and observations in two steps.
import { expect, test } from "@playwright/test";
import { login, openGuest, readDb, signedInPage, waitForHydration, ZHANG_SAN } from "./support";

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

test("the possible-duplicate warning takes the focus and scrolls into view, keeping what was typed", async ({ page }) => {
  await login(page, "desk");
  await page.goto("/guests/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New guest profile");
  await waitForHydration(page);
  await page.getByRole("textbox", { name: "Full name" }).fill("张三丰");
  await page.getByRole("textbox", { name: "Phone" }).fill(ZHANG_SAN.phone);
  await page.getByRole("textbox", { name: "Notes" }).fill("walk-in");
  // Save sits at the bottom of the long form: the page is scrolled down to it.
  await page.getByRole("button", { name: "Save" }).click();

  const warning = page.locator(".warning[role=alert]");
  await expect(warning).toContainText("This guest may already have a profile");
  await expect(warning).toContainText(ZHANG_SAN.profileNumber);
  await expect(warning).toBeFocused();
  await expect(warning).toBeInViewport();
  expect(await page.evaluate(() => document.activeElement?.classList.contains("warning"))).toBe(true);
  const box = await warning.boundingBox();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y).toBeLessThan(page.viewportSize()!.height);
  await expect(page.getByRole("textbox", { name: "Full name" })).toHaveValue("张三丰");
  await expect(page.getByRole("textbox", { name: "Phone" })).toHaveValue(ZHANG_SAN.phone);
  await expect(page.getByRole("textbox", { name: "Notes" })).toHaveValue("walk-in");
});

test.describe("many namesakes", () => {
  const name = "司马明";
  test.beforeAll(async ({ browser, baseURL }) => {
    // 25 guests of one name, through the app's own new-guest form; the VIP last (the highest id).
    // beforeAll runs again in a new worker after a failed test: plant only what is missing.
    const [{ n: planted }] = await readDb<{ n: number }>(`SELECT COUNT(*) AS n FROM "Guest" WHERE "fullName" = ?`, name);
    const { context, page } = await signedInPage(browser, baseURL, "desk");
    try {
      for (let i = planted; i < 25; i++) {
        const vip = i === 24;
        const response = await page.request.post("/guests/new", {
          headers: { Origin: new URL(baseURL!).origin },
          form: {
            fullName: name,
            gender: "UNDISCLOSED",
            birthdayCalendar: "GREGORIAN",
            language: "zh-CN",
            vipLevel: vip ? "2" : "0",
            phone: vip ? "139 0000 4321" : `139 1000 ${String(1000 + i)}`,
            birthDate: vip ? "1985-06-01" : `19${60 + i}-03-0${1 + (i % 9)}`,
            confirmDuplicate: "on",
          },
        });
        expect(response.ok(), `guest ${i}: ${response.status()}`).toBe(true);
      }
    } finally {
      await context.close();
    }
  });

  test("the search says how many match, shows more on request and suggests narrowing by phone tail, birth year or company", async ({
    page,
  }) => {
    await login(page, "desk");
    await waitForHydration(page);
    const box = page.getByRole("searchbox", { name: "Search guests" });
    await box.fill(name);
    const results = page.locator("ol.results a.result-link");
    await expect(page.getByText(`Showing 20 of 25 guests matching “${name}”`)).toBeVisible();
    await expect(results).toHaveCount(20);
    // Ranked among all 25: the VIP, planted last, is first.
    await expect(results.first()).toContainText("VIP 2");
    await expect(
      page.getByText(
        `add the last 4 digits of the phone (“${name} 1234”), the birth year (“${name} 1985”) or, after a Chinese name, the company (“${name} 华为”)`,
      ),
    ).toBeVisible();

    await page.getByRole("link", { name: "Show more" }).click();
    await expect(results).toHaveCount(25);
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(page.getByRole("link", { name: "Show more" })).toHaveCount(0);
    await expect(page.getByText(/^Showing \d+ of/)).toHaveCount(0);
    // The keyboard goes on from the first guest it added.
    await expect(results.nth(20)).toBeFocused();

    // Narrowed: the name and the phone's last digits, or the birth year.
    await box.fill(`${name} 4321`);
    await expect(results).toHaveCount(1);
    await expect(results.first()).toContainText("…4321");
    await box.fill(`${name} 1985`);
    await expect(results).toHaveCount(1);
    await expect(results.first()).toContainText("born 1985");
  });

  test("without JavaScript, show more is a link that keeps the query", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, locale: "en-GB", javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await login(page, "desk");
      await page.goto(`/guests?${new URLSearchParams({ q: name })}`);
      await expect(page.locator("ol.results a.result-link")).toHaveCount(20);
      await page.getByRole("link", { name: "Show more" }).click();
      await expect(page.locator("ol.results a.result-link")).toHaveCount(25);
      await expect(page.getByRole("searchbox", { name: "Search guests" })).toHaveValue(name);
    } finally {
      await context.close();
    }
  });
});

test("an observation takes two steps from the profile: open the form, send it", async ({ page }) => {
  await login(page, "desk");
  await openGuest(page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
  await waitForHydration(page);
  const value = `Reads the FT 读金融时报 ${Date.now()}`;

  await page.locator("summary", { hasText: "Add an observation" }).click();
  const form = page.getByRole("form", { name: "Add an observation" });
  const category = form.getByLabel("Category");
  await expect(category).toBeFocused();
  await category.selectOption({ label: "Reading" });
  await form.getByRole("textbox", { name: "Observation" }).fill(value);
  await form.getByRole("button", { name: "Add an observation" }).click();

  const saved = page.getByRole("status").filter({ hasText: `Observation saved for ${ZHANG_SAN.fullName}` });
  await expect(saved).toContainText("waits for the archive centre's review");
  await expect(saved).toBeInViewport();
  await expect(page.locator("ul.preference-list li", { hasText: value })).toContainText("Awaiting review");
  await expect(form).toBeHidden();
  await expect(page.locator("summary", { hasText: "Add an observation" })).toBeFocused();
  const rows = await readDb<{ source: string; status: string }>(`SELECT "source", "status" FROM "Preference" WHERE "value" = ?`, value);
  expect(rows).toEqual([{ source: "STAFF_OBSERVED", status: "PENDING_REVIEW" }]);
});

test("an observation takes two steps from a guest's arrival brief, and the brief stays where it was", async ({ page }) => {
  await login(page, "desk");
  await page.goto("/arrivals");
  const brief = page.locator("ol.arrival-list li", { hasText: ZHANG_SAN.fullName });
  await expect(brief).toBeVisible();
  await waitForHydration(page);
  const value = `Prefers a room far from the lift 远离电梯 ${Date.now()}`;

  await brief.locator("summary", { hasText: "Add an observation" }).click();
  const category = brief.getByLabel("Category");
  await expect(category).toBeFocused();
  await category.selectOption({ label: "Room" });
  await brief.getByRole("textbox", { name: "Observation" }).fill(value);
  await brief.getByRole("button", { name: "Add an observation" }).click();

  const saved = brief.getByRole("status");
  await expect(saved).toHaveText(`Observation saved for ${ZHANG_SAN.fullName}: it waits for the archive centre's review.`);
  await expect(saved).toBeInViewport();
  await expect(page).toHaveURL(/\/arrivals/);
  const rows = await readDb<{ source: string; category: string }>(`SELECT "source", "category" FROM "Preference" WHERE "value" = ?`, value);
  expect(rows).toEqual([{ source: "STAFF_OBSERVED", category: "ROOM" }]);
});
