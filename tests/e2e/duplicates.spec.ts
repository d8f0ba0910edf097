// The archivist's duplicate queue: a second profile of one guest (pinyin in the
// other order, the phone written another way) is queued as it is saved; the
// archivist opens the queue, compares the pair and marks it "not the same
// guest", which closes it for good.
import { expect, test, type Page } from "@playwright/test";
import { login, waitForHydration } from "./support";

async function createGuest(page: Page, fullName: string, phone: string, confirmDuplicate: boolean) {
  await page.goto("/guests/new");
  await waitForHydration(page);
  await page.getByRole("textbox", { name: "Full name" }).fill(fullName);
  await page.getByRole("textbox", { name: "Phone" }).fill(phone);
  await page.getByRole("button", { name: "Save" }).click();
  if (confirmDuplicate) {
    await expect(page.locator(".warning[role=alert]")).toContainText("This guest may already have a profile");
    await page.getByLabel("It is a different person — create the profile anyway").check();
    await page.getByRole("button", { name: "Save" }).click();
  }
  await expect(page).toHaveURL(/\/guests\/\d+$/);
}

test("archivist opens the queue, compares a pair and marks it not the same guest", async ({ page }) => {
  // Unique per run, so a repeated run makes a pair of its own.
  const digits = String(Date.now() % 100_000_000).padStart(8, "0");
  await login(page, "archivist");
  await createGuest(page, "司徒雅文", `+86 139 ${digits.slice(0, 4)} ${digits.slice(4)}`, false);
  await createGuest(page, "Yawen Situ", `0086 139${digits}`, true);

  await page.getByRole("link", { name: "Duplicates" }).click();
  await expect(page).toHaveURL(/\/duplicates$/);
  await expect(page.getByRole("heading", { level: 1, name: "Possible duplicates" })).toBeVisible();
  const row = page.locator("tbody tr", { hasText: "Yawen Situ" });
  await expect(row).toContainText("司徒雅文");
  await expect(row).toContainText("Same phone number");
  await row.getByRole("link", { name: /^Compare/ }).click();

  await expect(page).toHaveURL(/\/duplicates\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Compare");
  await expect(page.getByRole("cell", { name: "Same name in another script, spelling or order" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Merge…" }).first()).toHaveAttribute("href", /\/guests\/merge\?survivor=\d+&other=\d+$/);
  await waitForHydration(page);
  await page.getByLabel("Reason (optional)").fill("Two guests, one shared phone");
  await page.getByRole("button", { name: "Not the same guest" }).click();
  await expect(page.getByRole("status")).toContainText("Marked as not the same guest");

  // Gone from the open queue, listed among the decided pairs.
  await page.goto("/duplicates");
  await expect(page.locator("tbody tr", { hasText: "Yawen Situ" })).toHaveCount(0);
  await page.goto("/duplicates?status=NOT_SAME");
  await expect(page.locator("tbody tr", { hasText: "Yawen Situ" })).toHaveCount(1);
});
