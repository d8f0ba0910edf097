// English and Simplified Chinese: the header switch, and the browser's language by default.
import { expect, test } from "@playwright/test";
import { login, openGuest, waitForHydration, ZHANG_SAN } from "./support";

test("the header button switches the interface to Chinese and back", async ({ page }) => {
  await login(page, "desk");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find a guest");
  await waitForHydration(page);

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("查找宾客");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page).toHaveURL(/\/guests$/);
  // Page titles go through the translation layer too, not a fixed "English / 中文" pair.
  await expect(page).toHaveTitle("宾客档案 · 搜索");
  // The choice is remembered across page loads.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("查找宾客");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find a guest");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveTitle("Guest Archive · Search");
});

test.describe("with a Chinese browser", () => {
  test.use({ locale: "zh-CN" });

  test("the login page is in Chinese by default", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录宾客档案");
    await expect(page).toHaveTitle("宾客档案 · 登录");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("button", { name: "English" })).toBeVisible();
  });
});

test("an inferred preference's evidence reads in the staff member's language", async ({ page }) => {
  await login(page, "archivist");
  await openGuest(page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
  await expect(page.getByText("ordered it on 4 of the last 5 stays")).toBeVisible();
  await waitForHydration(page);
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByText("最近 5 次入住中有 4 次点过")).toBeVisible();
});
