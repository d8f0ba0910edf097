// The guest editor: two people saving the same profile, field errors that
// keep what was typed, and a new profile started from a search that found nobody.
import { expect, test } from "@playwright/test";
import { JOHN_SMITH, login, openGuest, signedInPage, waitForHydration } from "./support";

test("a second save on a stale version is refused and keeps what was typed", async ({ browser, baseURL }) => {
  const desk = await signedInPage(browser, baseURL, "desk");
  const manager = await signedInPage(browser, baseURL, "manager");
  try {
    const guestId = await openGuest(desk.page, JOHN_SMITH.profileNumber, JOHN_SMITH.fullName);
    for (const { page } of [desk, manager]) {
      await page.goto(`/guests/${guestId}/edit`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit ${JOHN_SMITH.fullName}`);
      await waitForHydration(page);
    }
    const stamp = Date.now();
    const first = `Late check-out agreed ${stamp}`;
    const second = `Quiet room on a high floor ${stamp}`;

    // The desk saves first.
    await desk.page.getByRole("textbox", { name: "Notes" }).fill(first);
    await desk.page.getByRole("button", { name: "Save" }).click();
    await expect(desk.page).toHaveURL(new RegExp(`/guests/${guestId}$`));
    await expect(desk.page.locator('section[aria-labelledby="basics-h"] dl')).toContainText(first);

    // The manager, still on the version they loaded, saves second.
    const notes = manager.page.getByRole("textbox", { name: "Notes" });
    await notes.fill(second);
    await manager.page.getByRole("textbox", { name: "Company" }).fill("Contoso Ltd");
    await manager.page.getByRole("button", { name: "Save" }).click();
    await expect(
      manager.page.getByRole("alert").filter({ hasText: "Someone else saved this profile while you were editing" }),
    ).toBeVisible();
    await expect(manager.page).toHaveURL(new RegExp(`/guests/${guestId}/edit$`));
    await expect(notes).toHaveValue(second);
    await expect(manager.page.getByRole("textbox", { name: "Company" })).toHaveValue("Contoso Ltd");

    // The desk's change is intact; the manager's was not written.
    await manager.page.goto(`/guests/${guestId}`);
    const basics = manager.page.locator('section[aria-labelledby="basics-h"] dl');
    await expect(basics).toContainText(first);
    await expect(basics).not.toContainText(second);
    await expect(basics).toContainText(JOHN_SMITH.company);
  } finally {
    await desk.context.close();
    await manager.context.close();
  }
});

test("a bad e-mail on the new-guest form shows a field error and keeps the other values", async ({ page }) => {
  // Unique per run, so a repeated run does not trip the duplicate warning.
  const phone = `+46 8 ${String(Date.now() % 10_000_000)
    .padStart(7, "0")
    .replace(/(\d{3})(\d{4})/, "$1 $2")}`;
  await login(page, "desk");
  await page.goto("/guests/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New guest profile");
  await waitForHydration(page);

  await page.getByRole("textbox", { name: "Full name" }).fill("Ingrid Bergqvist");
  await page.getByRole("textbox", { name: "Phone" }).fill(phone);
  await page.getByRole("textbox", { name: "Company" }).fill("Fjord Freight AB");
  const email = page.getByRole("textbox", { name: "E-mail" });
  await email.fill("ingrid.at.example");
  await page.getByRole("button", { name: "Save" }).click();

  await expect(page.getByText("Enter a valid e-mail address.")).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/guests\/new$/);
  await expect(page.getByRole("textbox", { name: "Full name" })).toHaveValue("Ingrid Bergqvist");
  await expect(page.getByRole("textbox", { name: "Phone" })).toHaveValue(phone);
  await expect(page.getByRole("textbox", { name: "Company" })).toHaveValue("Fjord Freight AB");
  await expect(email).toHaveValue("ingrid.at.example");

  // Correcting it lets the profile be created.
  await email.fill(`ingrid.${Date.now()}@example.se`);
  await expect(page.getByText("Enter a valid e-mail address.")).toHaveCount(0);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/guests\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ingrid Bergqvist");
});

test("a search that finds nobody offers a new profile with the name filled in", async ({ page }) => {
  const name = `Quentin Ablewhite ${Date.now().toString(36)}`;
  await login(page, "desk");
  await waitForHydration(page);
  await page.getByRole("searchbox", { name: "Search guests" }).fill(name);
  await expect(page.getByText(`No guest matches “${name}”.`)).toBeVisible();

  await page.getByRole("link", { name: "Create a new profile" }).click();
  await expect(page).toHaveURL(/\/guests\/new\?fullName=/);
  const fullName = page.getByRole("textbox", { name: "Full name" });
  await expect(fullName).toHaveValue(name);
  await page.getByRole("button", { name: "Save" }).click();

  await expect(page).toHaveURL(/\/guests\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.locator(".profile-number")).toContainText(/G\d{8}/);

  // The new guest can now be found.
  await page.goto(`/guests?${new URLSearchParams({ q: name })}`);
  await expect(page.locator("ol.results a.result-link", { hasText: name })).toBeVisible();
});
