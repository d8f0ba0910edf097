// An archivist moves a profile to the recycle bin and brings it back whole.
// Uses José Müller, not 张三, so the other files' checks are unaffected.
import { expect, test } from "@playwright/test";
import { JOSE_MULLER, login, waitForHydration } from "./support";

test("archivist deletes José Müller, search loses him, Restore brings him back", async ({ page }) => {
  await login(page, "archivist");
  await waitForHydration(page);

  // Pick the guest through the typeahead.
  await page.getByRole("searchbox", { name: "Search guests" }).pressSequentially("muller");
  const result = page.locator("ol.results a.result-link", { hasText: JOSE_MULLER.fullName });
  await expect(result).toBeVisible();
  await result.click();
  await expect(page).toHaveURL(/\/guests\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(JOSE_MULLER.fullName);
  const profileUrl = new URL(page.url()).pathname;

  // Delete, accepting the confirmation.
  let confirmText = "";
  page.once("dialog", (dialog) => {
    confirmText = dialog.message();
    void dialog.accept();
  });
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/recycle-bin$/);
  expect(confirmText).toContain("recycle bin");
  await expect(page.getByRole("heading", { level: 1, name: "Recycle bin" })).toBeVisible();
  const row = page.locator("tbody tr", { hasText: JOSE_MULLER.profileNumber });
  await expect(row).toContainText(JOSE_MULLER.fullName);

  // Search no longer finds him — not by name, not by profile number (a prefix
  // search, so other G0000003… guests may still be listed), not by e-mail.
  for (const q of ["muller", JOSE_MULLER.profileNumber]) {
    await page.goto(`/guests?${new URLSearchParams({ q })}`);
    await expect(page.locator(".no-match, ol.results")).toBeVisible();
    await expect(page.locator("a.result-link", { hasText: JOSE_MULLER.fullName })).toHaveCount(0);
  }
  await page.goto(`/guests?${new URLSearchParams({ q: JOSE_MULLER.email })}`);
  await expect(page.getByText(`No guest matches “${JOSE_MULLER.email}”.`)).toBeVisible();
  // And his profile is gone.
  const gone = await page.goto(profileUrl);
  expect(gone?.status()).toBe(404);

  // Restore.
  await page.goto("/recycle-bin");
  await page.getByRole("button", { name: `Restore ${JOSE_MULLER.fullName}` }).click();
  const notice = page.getByRole("status");
  await expect(notice).toContainText(`Profile ${JOSE_MULLER.profileNumber} restored.`);
  await expect(page.locator("tbody tr", { hasText: JOSE_MULLER.profileNumber })).toHaveCount(0);
  await notice.getByRole("link", { name: "Open it" }).click();
  await expect(page).toHaveURL(new RegExp(`${profileUrl}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(JOSE_MULLER.fullName);

  // Search finds him again, through the typeahead.
  await page.goto("/guests");
  await waitForHydration(page);
  await page.getByRole("searchbox", { name: "Search guests" }).pressSequentially("muller");
  await expect(page.locator("ol.results a.result-link", { hasText: JOSE_MULLER.fullName })).toBeVisible();
});
