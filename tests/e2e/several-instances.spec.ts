// Two app instances on one PostgreSQL database, as a chain runs them behind
// its proxy (project "postgres" only): a session made on one works on the
// other, a stale edit on one is refused after a save on the other, and
// "sign out everywhere" on one ends the session on both. Cookies do not
// depend on the port, so one browser context talks to both instances.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, JOHN_SMITH, login, openGuest, waitForHydration } from "./support";

const other = (baseURL: string | undefined, path: string) => {
  const url = new URL(path, baseURL);
  url.port = String(Number(url.port) + 1);
  return url.toString();
};

async function openEditor(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Edit ${JOHN_SMITH.fullName}`);
  await waitForHydration(page);
}

test("a session made on one instance works on the other, and an edit saved on one makes the other's stale", async ({
  page,
  context,
  baseURL,
}) => {
  await login(page, "desk");
  const guestId = await openGuest(page, JOHN_SMITH.profileNumber, JOHN_SMITH.fullName);

  // The same session on the second instance.
  const second = await context.newPage();
  await second.goto(other(baseURL, `/guests/${guestId}`));
  await expect(second.getByRole("heading", { level: 1 })).toContainText(JOHN_SMITH.fullName);

  // Both open the editor; the second instance saves first.
  await openEditor(page, `/guests/${guestId}/edit`);
  await openEditor(second, other(baseURL, `/guests/${guestId}/edit`));
  const stamp = Date.now();
  await second.getByRole("textbox", { name: "Notes" }).fill(`Saved on the second instance ${stamp}`);
  await second.getByRole("button", { name: "Save" }).click();
  await expect(second).toHaveURL(new RegExp(`:${new URL(other(baseURL, "/")).port}/guests/${guestId}$`));

  // The first instance's form is on the old version: refused, what was typed kept.
  const notes = page.getByRole("textbox", { name: "Notes" });
  await notes.fill(`Saved on the first instance ${stamp}`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Someone else saved this profile while you were editing" })).toBeVisible();
  await expect(notes).toHaveValue(`Saved on the first instance ${stamp}`);
  await page.goto(`/guests/${guestId}`);
  await expect(page.locator('section[aria-labelledby="basics-h"] dl')).toContainText(`Saved on the second instance ${stamp}`);
});

test("signing out everywhere on one instance ends the session on the other", async ({ page, browser, baseURL }) => {
  const elsewhere = await browser.newContext({ locale: "en-GB" });
  try {
    // The same person signed in twice: here on the first instance, there on the second.
    await login(page, "marketing");
    const there = await elsewhere.newPage();
    await there.goto(other(baseURL, "/login"));
    await there.getByLabel("Username").fill("marketing");
    await there.getByLabel("Password").fill(DEMO_PASSWORD);
    await there.getByRole("button", { name: "Sign in" }).click();
    await expect(there).toHaveURL(/\/guests(\?|$)/);

    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login$/);

    await there.goto(other(baseURL, "/guests"));
    await expect(there).toHaveURL(/\/login\?redirectTo=%2Fguests$/);
  } finally {
    await elsewhere.close();
  }
});
