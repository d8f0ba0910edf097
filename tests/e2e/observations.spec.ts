// A housekeeper records what they noticed from a phone; the archive centre
// accepts it from the inbox; it is part of the profile; the housekeeper is told.
import { expect, test, type Page } from "@playwright/test";
import { login, loginWith, openGuest, waitForHydration, ZHANG_SAN } from "./support";

async function expectNoSidewaysScroll(page: Page, what: string) {
  const width = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
  expect(width.doc, `${what} scrolls sideways`).toBeLessThanOrEqual(376);
  expect(width.body, `${what} scrolls sideways`).toBeLessThanOrEqual(376);
}

test("a housekeeper's observation from a 375 px phone is accepted in the inbox, shows on the profile, and the sender is told", async ({
  page,
  browser,
  baseURL,
}) => {
  const username = `hk.e2e${Date.now() % 1_000_000}`;
  const ownPassword = "Lanterns over the West Lake at dusk";
  const observed = `No white lilies in the room ${Date.now() % 10_000}`;

  // The admin gives the housekeeper an account: a front-desk role in the housekeeping department.
  await login(page, "admin");
  await page.goto("/staff/new");
  await page.getByLabel("Username", { exact: true }).fill(username);
  await page.getByLabel("Name", { exact: true }).fill("Liu Yan 刘燕");
  await page.getByLabel("Role").selectOption({ label: "Front desk" });
  await page.getByLabel("Department").selectOption({ label: "Housekeeping" });
  await page.getByLabel("Home property").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Create account" }).click();
  const oneTimePassword = (await page.getByTestId("one-time-password").innerText()).trim();

  const phoneContext = await browser.newContext({ baseURL, locale: "en-GB", viewport: { width: 375, height: 812 }, isMobile: true });
  const phone = await phoneContext.newPage();
  try {
    await loginWith(phone, username, oneTimePassword);
    await expect(phone).toHaveURL(/\/account\/password/);
    await phone.getByLabel("One-time password").fill(oneTimePassword);
    await phone.getByLabel("New password", { exact: true }).fill(ownPassword);
    await phone.getByLabel("New password again").fill(ownPassword);
    await phone.getByRole("button", { name: "Save password" }).click();
    await expect(phone).not.toHaveURL(/\/account\/password/);

    // On the phone: find the guest, then kind, words, send.
    await phone.goto("/observe");
    await waitForHydration(phone);
    await expectNoSidewaysScroll(phone, "/observe");
    await phone.getByLabel("Guest name, room or profile number").fill(ZHANG_SAN.fullName);
    await phone.getByRole("button", { name: "Find" }).click();
    await phone.getByRole("link", { name: new RegExp(ZHANG_SAN.profileNumber) }).click();
    await expect(phone.getByText(`Observation about ${ZHANG_SAN.fullName}`)).toBeVisible();
    await waitForHydration(phone);
    await expectNoSidewaysScroll(phone, "the observation form");
    await phone.getByLabel("Taboo").check();
    await phone.getByLabel("Observation", { exact: true }).fill(observed);
    await phone.getByRole("button", { name: "Add an observation" }).click();
    await expect(phone.getByRole("status")).toContainText("it waits for the archive centre's review");
    await expectNoSidewaysScroll(phone, "the observation form after sending");

    // The archive centre accepts it from the inbox, filtered to housekeeping.
    await page.context().clearCookies();
    await login(page, "archivist");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Observations inbox" }).click();
    await page.getByLabel("Department").selectOption({ label: "Housekeeping" });
    await page.getByRole("button", { name: "Filter" }).click();
    const item = page.locator("li.inbox-item", { hasText: observed });
    await expect(item).toContainText("Housekeeping");
    await expect(item).toContainText("Liu Yan 刘燕");
    await item.getByRole("button", { name: "Accept", exact: true }).click();
    await expect(page.getByRole("status")).toContainText("1 observation reviewed");
    await expect(page.locator("li.inbox-item", { hasText: observed })).toHaveCount(0);

    // It is part of the profile: listed without "awaiting review", and a taboo in the alert strip.
    await openGuest(page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
    const listed = page.locator("ul.preference-list li", { hasText: observed });
    await expect(listed).toBeVisible();
    await expect(listed).not.toContainText("Awaiting review");
    await expect(page.locator("section.alert-strip li", { hasText: observed })).not.toContainText("unreviewed");

    // The housekeeper sees the outcome: an unread count in the navigation, the message on the page.
    await phone.goto("/observe");
    const bell = phone.getByRole("link", { name: "Notifications (1 unread)" });
    await expect(bell).toBeVisible();
    await bell.click();
    const message = phone.locator("li.notification.unread", { hasText: observed });
    await expect(message).toContainText(`about ${ZHANG_SAN.profileNumber} was accepted`);
    await expectNoSidewaysScroll(phone, "/notifications");
    await waitForHydration(phone);
    await message.getByRole("button", { name: "Mark read" }).click();
    await expect(phone.locator("li.notification.read", { hasText: observed })).toBeVisible();
    await expect(phone.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  } finally {
    await phoneContext.close();
  }
});
