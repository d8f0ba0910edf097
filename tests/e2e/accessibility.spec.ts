// axe-core on the pages the desk lives in: no serious or critical violations.
// And the profile on a phone-sized screen: no sideways scrolling, alerts visible.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { login, openGuest, waitForHydration, ZHANG_SAN } from "./support";

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")} — ${n.failureSummary?.replace(/\s+/g, " ")}`).join("\n")}`,
    )
    .join("\n");
  expect(serious, `axe found serious/critical violations on ${what}:\n${report}`).toEqual([]);
}

test("login page has no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await expectNoSeriousViolations(page, "/login");
});

test("search page with results has no serious accessibility violations", async ({ page }) => {
  await login(page, "desk");
  await waitForHydration(page);
  await page.getByRole("searchbox", { name: "Search guests" }).pressSequentially("zs");
  await expect(page.locator("ol.results a.result-link", { hasText: ZHANG_SAN.fullName })).toBeVisible();
  await expectNoSeriousViolations(page, "/guests (typeahead results for zs)");
});

test("张三's profile has no serious accessibility violations", async ({ page }) => {
  await login(page, "desk");
  await openGuest(page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
  await expect(page.locator("section.alert-strip")).toBeVisible();
  await expectNoSeriousViolations(page, `the profile of ${ZHANG_SAN.fullName}`);
});

test("arrivals page has no serious accessibility violations", async ({ page }) => {
  await login(page, "desk");
  await page.goto("/arrivals");
  // 张三 arrives today at the desk's property.
  await expect(page.locator("ol.arrival-list li", { hasText: ZHANG_SAN.fullName })).toBeVisible();
  await expectNoSeriousViolations(page, "/arrivals");
});

test.describe("on a 375×812 phone screen", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("the profile does not scroll sideways and the alert strip is visible", async ({ page }) => {
    await login(page, "desk");
    await openGuest(page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
    const strip = page.locator("section.alert-strip");
    await expect(strip).toBeVisible();
    await expect(strip).toBeInViewport();
    await expect(strip.locator("li.alert-allergy")).toBeInViewport();
    const width = await page.evaluate(() => {
      // Name the widest offenders, outermost first, so a failure says what to fix.
      const viewport = document.documentElement.clientWidth;
      const offenders = Array.from(document.querySelectorAll("body *"))
        .filter((el) => el.getBoundingClientRect().right > viewport + 1 && !el.closest(".table-scroll"))
        .slice(0, 8)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} (right ${Math.round(el.getBoundingClientRect().right)}px)`,
        );
      return { doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, offenders };
    });
    expect(width.doc, `page is wider than the screen (horizontal scroll); overflowing: ${width.offenders.join(", ")}`).toBeLessThanOrEqual(
      376,
    );
    expect(width.body).toBeLessThanOrEqual(376);
  });

  test.describe("in Chinese", () => {
    test("tables become stacked cards: each value under its column's name, none one character per line", async ({ page }) => {
      await login(page, "admin");
      await waitForHydration(page);
      await page.getByRole("button", { name: "中文" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      for (const path of ["/staff", "/audit"]) {
        await page.goto(path);
        const cells = page.locator("table.stack td[data-label]");
        await expect(cells.first()).toBeVisible();
        const layout = await cells.evaluateAll((tds) =>
          tds.slice(0, 40).map((td) => {
            const label = getComputedStyle(td, "::before").content;
            const box = td.getBoundingClientRect();
            const lineHeight = parseFloat(getComputedStyle(td).lineHeight) || 20;
            // A non-empty value must have room for more than a couple of characters per line.
            const valueWidth = box.width - parseFloat(getComputedStyle(td).paddingLeft);
            return { label, text: td.textContent ?? "", width: box.width, valueWidth, lines: Math.round(box.height / lineHeight) };
          }),
        );
        const headers = await page.locator("table.stack thead th").allTextContents();
        for (const cell of layout) {
          expect(headers.map((h) => JSON.stringify(h.trim()))).toContain(cell.label);
          expect(cell.width, `${path}: a card spans the screen`).toBeGreaterThan(300);
          expect(cell.valueWidth, `${path}: "${cell.text}" has room`).toBeGreaterThan(150);
          if (cell.text.length <= 8) expect(cell.lines, `${path}: "${cell.text}" on one line`).toBeLessThanOrEqual(2);
        }
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(wide, `${path} does not scroll sideways`).toBeLessThanOrEqual(376);
      }
    });
  });
});
