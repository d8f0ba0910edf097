// An administrator gives a new front-desk agent an account: a one-time
// password that must be changed at the first sign-in. Later the admin
// deactivates the account and the agent's open session ends at once.
import { expect, test } from "@playwright/test";
import { login, loginWith, sessionCookieOf } from "./support";

test("admin creates a desk account; the agent must change the one-time password; deactivation ends the agent's session", async ({
  page,
  browser,
  baseURL,
}) => {
  const username = `desk.e2e${Date.now() % 1_000_000}`;
  const ownPassword = "Dragon boats on the Huangpu at dawn";

  // The admin creates the account.
  await login(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
  await page.getByRole("link", { name: "New staff account" }).click();
  await page.getByLabel("Username", { exact: true }).fill(username);
  await page.getByLabel("Name", { exact: true }).fill("Xu Lan 许兰");
  await page.getByLabel("Role").selectOption({ label: "Front desk" });
  await page.getByLabel("Department").selectOption({ label: "Front office" });
  await page.getByLabel("Home property").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Create account" }).click();
  const shown = page.getByTestId("one-time-password");
  await expect(shown).toBeVisible();
  const oneTimePassword = (await shown.innerText()).trim();
  expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);

  // The agent signs in with it, in their own browser, and must choose a password first.
  const agentContext = await browser.newContext({ baseURL, locale: "en-GB" });
  const agent = await agentContext.newPage();
  try {
    await loginWith(agent, username, oneTimePassword);
    await expect(agent).toHaveURL(/\/account\/password$/);
    await expect(agent.getByText("You signed in with a one-time password")).toBeVisible();
    // Every other page leads back here.
    await agent.goto("/arrivals");
    await expect(agent).toHaveURL(/\/account\/password\?redirectTo=%2Farrivals$/);
    // A guessable password is refused.
    await agent.getByLabel("One-time password").fill(oneTimePassword);
    await agent.getByLabel("New password", { exact: true }).fill("password1234");
    await agent.getByLabel("New password again").fill("password1234");
    await agent.getByRole("button", { name: "Save password" }).click();
    await expect(agent.getByText("Too easy to guess")).toBeVisible();
    await agent.getByLabel("One-time password").fill(oneTimePassword);
    await agent.getByLabel("New password", { exact: true }).fill(ownPassword);
    await agent.getByLabel("New password again").fill(ownPassword);
    await agent.getByRole("button", { name: "Save password" }).click();
    await expect(agent).toHaveURL(/\/arrivals$/);
    await expect(agent.getByRole("heading", { level: 1 })).toBeVisible();
    const cookie = await sessionCookieOf(agentContext);
    expect(cookie?.httpOnly).toBe(true);

    // The admin sees the new account in the list and deactivates it.
    await page.goto("/staff");
    const row = page.getByRole("row", { name: new RegExp(username.replace(".", "\\.")) });
    await expect(row).toContainText("Front desk");
    await expect(row).toContainText("Active");
    await row.getByRole("link", { name: "Xu Lan 许兰" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Xu Lan 许兰");
    await expect(page.locator("dt", { hasText: "Open sessions" }).locator("xpath=following-sibling::dd[1]")).toHaveText("1");
    await page.getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByRole("status")).toContainText("Account deactivated; its sessions have ended.");

    // The agent's open session is over: the next page is the login page.
    await agent.goto("/guests");
    await expect(agent).toHaveURL(/\/login\?redirectTo=%2Fguests$/);
    await expect(agent.getByRole("heading", { level: 1, name: "Sign in to Guest Archive" })).toBeVisible();
    // And the account cannot sign in again.
    await loginWith(agent, username, ownPassword);
    await expect(agent.getByRole("alert")).toContainText("Wrong username or password.");
  } finally {
    await agentContext.close();
  }
});

test("every page of the demo says it is a demo", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("complementary", { name: "Demo." })).toContainText("not for real guest data");
  await login(page, "desk");
  await expect(page.getByRole("complementary", { name: "Demo." })).toBeVisible();
});

test("a user signs out everywhere from the account page", async ({ page, browser, baseURL }) => {
  const other = await browser.newContext({ baseURL, locale: "en-GB" });
  try {
    const second = await other.newPage();
    await login(second, "marketing");
    await login(page, "marketing");
    await page.getByRole("link", { name: /Chen Jing/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    // The web server hands the socket's address to the app: each session shows where it signed in from.
    await expect(page.getByRole("table")).toContainText(/127\.0\.0\.1|::1/);
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await second.goto("/guests");
    await expect(second).toHaveURL(/\/login\?redirectTo=%2Fguests$/);
  } finally {
    await other.close();
  }
});
