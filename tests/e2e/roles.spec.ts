// What each role may see: the desk has no access register and no spend, and
// sees ID numbers masked; the archivist's register records who viewed whom.
import { expect, test } from "@playwright/test";
import { displayNameOf, login, openGuest, signedInPage, ZHANG_SAN } from "./support";

test("front desk cannot open the access register and has no link to it", async ({ page }) => {
  await login(page, "desk");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Search" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Access register" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Recycle bin" })).toHaveCount(0);

  const response = await page.goto("/audit");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
  await expect(page.locator("table.audit-table")).toHaveCount(0);

  const guestId = await openGuest(page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
  await expect(page.getByRole("link", { name: "Access register" })).toHaveCount(0);
  const perGuest = await page.goto(`/guests/${guestId}/audit`);
  expect(perGuest?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
});

test("front desk sees no spend and only a masked ID number", async ({ page }) => {
  await login(page, "desk");
  await openGuest(page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
  await expect(page.getByText("Spend is not shown to your role.")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Room revenue" })).toHaveCount(0);

  const basics = page.locator('section[aria-labelledby="basics-h"] dl');
  const idRow = basics.locator("dt", { hasText: "Resident ID card" });
  await expect(idRow).toBeVisible();
  const idValue = idRow.locator("xpath=following-sibling::dd[1]");
  await expect(idValue).toHaveText(/^•+[0-9X]{4}$/);
  // The full 18-character resident ID number is nowhere on the page.
  await expect(page.locator("main")).not.toContainText(/\d{17}[\dX]/);
});

test("marketing sees that 张三 complained, not what he said; the desk reads it", async ({ page, browser, baseURL }) => {
  const complaintText = "Air conditioning rattled all night";
  await login(page, "marketing");
  await openGuest(page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
  const feedback = page.locator('section[aria-labelledby="feedback-h"]');
  await expect(feedback.getByText("Complaint", { exact: true })).toBeVisible();
  await expect(feedback.getByText("What the guest said and how it was handled is not visible to your role.")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(complaintText);

  const desk = await signedInPage(browser, baseURL, "desk");
  try {
    await openGuest(desk.page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
    await expect(desk.page.locator('section[aria-labelledby="feedback-h"]')).toContainText(complaintText);
    await expect(desk.page.getByText("not visible to your role")).toHaveCount(0);
  } finally {
    await desk.context.close();
  }
});

test("archivist sees VIEW entries, and the per-guest register lists the desk's view", async ({ page, browser, baseURL }) => {
  // The desk views 张三 first, in its own session.
  const desk = await signedInPage(browser, baseURL, "desk");
  try {
    await openGuest(desk.page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
  } finally {
    await desk.context.close();
  }

  await login(page, "archivist");
  const nav = page.getByRole("navigation", { name: "Main" });
  const guestId = await openGuest(page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
  // Spend is shown to the archivist.
  await expect(page.getByText("Spend is not shown to your role.")).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Room revenue" })).toBeVisible();

  // The register, filtered to the archivist's own views.
  await nav.getByRole("link", { name: "Access register" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("heading", { level: 1, name: "Access register" })).toBeVisible();
  await page.getByLabel("Who").selectOption({ label: displayNameOf("archivist") });
  await page.getByLabel("Action").selectOption({ label: "Viewed" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=VIEW/);
  const ownView = page.locator("table.audit-table tbody tr", { hasText: `${ZHANG_SAN.fullName} · ${ZHANG_SAN.profileNumber}` }).first();
  await expect(ownView).toContainText("Viewed");
  await expect(ownView).toContainText(displayNameOf("archivist"));

  // The guest's own register, reached from the profile.
  await page.goto(`/guests/${guestId}`);
  await page.locator(".profile-actions").getByRole("link", { name: "Access register" }).click();
  await expect(page).toHaveURL(new RegExp(`/guests/${guestId}/audit$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Access register: ${ZHANG_SAN.fullName}`);
  const deskView = page.locator("table.audit-table tbody tr", { hasText: displayNameOf("desk") }).filter({ hasText: "Viewed" });
  await expect(deskView.first()).toBeVisible();
});
