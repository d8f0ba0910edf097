// Outreach in the browser: marketing creates a holiday campaign, previews
// who it reaches and what they would read, activates it; an admin runs the
// holidays job from the Jobs page; marketing finds the planned tasks in the
// outreach queue; a guest unsubscribes from the e-mail's link and the task
// is skipped.
//
// Nothing here depends on today's date: "today" is read from the app (the
// queue's "Due by" defaults to it), the nearest holiday is taken from the
// holidays page (cross-checked against the lunar library), and the lead days
// are set so the job, run as of today, reaches it. On the rare days when no
// holiday falls within the 90 lead days a campaign allows, an admin adds one.
import { expect, test, type Page } from "@playwright/test";
import { addDays, daysBetween } from "../../app/domain/calendar/occasions";
import { holidayDate } from "../../app/domain/outreach/holidays";
import { unsubscribeToken } from "../../app/domain/outreach/unsubscribe.server";
import { formatDate } from "../../app/ui/format";
import config from "../../playwright.config";
import { signedInPage, waitForHydration } from "./support";

const MAX_LEAD_DAYS = 90;

type Holiday = { name: string; date: string };

/** Errors thrown in the browser (a page that renders on the server but breaks on hydration shows "Something went wrong"). */
function collectBrowserErrors(page: Page, into: string[]) {
  page.on("pageerror", (error) => into.push(`${page.url()}: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && /React|Hydrat|TypeError|ReferenceError/.test(message.text()))
      into.push(`${page.url()}: ${message.text().slice(0, 300)}`);
  });
}

/** Today as the app sees it (the queue's "Due by" defaults to today). */
async function appToday(page: Page): Promise<string> {
  await page.goto("/outreach");
  const today = await page.getByLabel("Due by").inputValue();
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  return today;
}

/**
 * The active holidays with their next date on or after `today`, read from the
 * holidays page (this year's and next year's date columns). Each shown date is
 * checked against the lunar library's, so the page and the jobs agree.
 */
async function upcomingHolidays(page: Page, today: string): Promise<Holiday[]> {
  await page.goto("/outreach/holidays");
  await expect(page.getByRole("heading", { level: 1, name: "Holidays" })).toBeVisible();
  const year = Number(today.slice(0, 4));
  await expect(page.locator("thead th").nth(2)).toHaveText(String(year));
  await expect(page.locator("thead th").nth(3)).toHaveText(String(year + 1));
  const rows = page.locator("table tbody tr");
  const found: Holiday[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = rows.nth(i).locator("td");
    const name = (await cells.nth(0).textContent())!.trim();
    const rule = (await cells.nth(1).textContent())!.trim();
    const status = (await cells.nth(4).textContent())!.trim();
    if (status !== "On") continue;
    // "Lunar 8/15"-style or "12/25": month and day of the rule.
    const [month, day] = rule
      .match(/(\d+)\/(\d+)/)!
      .slice(1)
      .map(Number);
    const calendar = /lunar|农历/i.test(rule) ? ("LUNAR" as const) : ("GREGORIAN" as const);
    const dates = [holidayDate({ calendar, month, day }, year), holidayDate({ calendar, month, day }, year + 1)];
    await expect(cells.nth(2)).toHaveText(formatDate(dates[0], "en"));
    await expect(cells.nth(3)).toHaveText(formatDate(dates[1], "en"));
    const next = dates.find((d) => d >= today);
    if (next) found.push({ name, date: next });
  }
  return found.sort((a, b) => a.date.localeCompare(b.date));
}

test("marketing creates a holiday campaign, previews and activates it; the holidays job plans it into the queue", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const marketing = await signedInPage(browser, baseURL, "marketing");
  const page = marketing.page;
  const browserErrors: string[] = [];
  collectBrowserErrors(page, browserErrors);

  // ---- Which holiday, and how many lead days.
  const today = await appToday(page);
  let holiday = (await upcomingHolidays(page, today)).find((h) => daysBetween(today, h.date) < MAX_LEAD_DAYS);
  if (!holiday) {
    // No configured holiday within reach today: an admin adds one two weeks ahead.
    let date = addDays(today, 14);
    if (date.endsWith("-02-29")) date = addDays(date, 1);
    const stamp = Date.now().toString(36).toUpperCase();
    const admin = await signedInPage(browser, baseURL, "admin");
    await admin.page.goto("/outreach/holidays");
    await waitForHydration(admin.page);
    await admin.page.getByText("Add a holiday").first().click();
    await admin.page.getByLabel("Code (e.g. NATIONAL_DAY)").fill(`E2E_${stamp}`);
    await admin.page.getByLabel("Name (English)").fill(`E2E Day ${stamp}`);
    await admin.page.getByLabel("Name (Chinese)").fill(`测试节 ${stamp}`);
    await admin.page.getByLabel("Month", { exact: true }).fill(String(Number(date.slice(5, 7))));
    await admin.page.getByLabel("Day", { exact: true }).fill(String(Number(date.slice(8, 10))));
    await admin.page.getByRole("button", { name: "Add a holiday" }).click();
    await expect(admin.page.locator("table tbody tr", { hasText: `E2E Day ${stamp}` })).toBeVisible();
    await admin.context.close();
    holiday = (await upcomingHolidays(page, today)).find((h) => h.name === `E2E Day ${stamp}`)!;
    expect(holiday.date).toBe(date);
  }
  const leadDays = daysBetween(today, holiday.date) + 1;
  expect(leadDays).toBeLessThanOrEqual(MAX_LEAD_DAYS);

  // ---- Outreach → Campaigns → New campaign.
  await page.getByRole("navigation", { name: "Outreach sections" }).getByRole("link", { name: "Campaigns" }).click();
  await expect(page).toHaveURL(/\/outreach\/campaigns$/);
  await page.getByRole("link", { name: "New campaign" }).click();
  await expect(page).toHaveURL(/\/outreach\/campaigns\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "New campaign" })).toBeVisible();
  await waitForHydration(page);

  const name = `E2E ${holiday.name} ${Date.now().toString(36)}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Kind").selectOption({ label: "Holiday" });
  await page.getByLabel("Holiday", { exact: true }).selectOption({ label: holiday.name });
  await page.getByLabel("Channel").selectOption({ label: "E-mail" });
  await page.getByLabel(/^Lead days/).fill(String(leadDays));
  await page.getByLabel("Subject (English)").fill("Happy {holiday}, {name}!");
  await page.getByLabel("Subject (Chinese)").fill("{name}，{holiday}快乐！");
  await page.getByLabel("Message (English)").fill("Dear {name},\nEveryone at {hotel} wishes you a happy {holiday} on {date}.");
  await page.getByLabel("Message (Chinese)").fill("尊敬的{name}：\n{hotel}祝您{holiday}快乐！");
  // Audience left empty: everyone who agreed to e-mail.
  await page.getByRole("button", { name: "Save" }).click();

  // ---- The campaign page: a draft, its audience size and sample messages.
  await expect(page).toHaveURL(/\/outreach\/campaigns\/\d+$/);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toContainText(name);
  await expect(heading).toContainText("Draft");
  await expect(page.getByLabel("As of")).toHaveValue(today);
  const sizeLine = page.getByText(/^\d+ guests would get this$/);
  await expect(sizeLine).toBeVisible();
  const audience = Number((await sizeLine.textContent())!.match(/^(\d+)/)![1]);
  expect(audience).toBeGreaterThan(0);
  await expect(page.getByText(`next: ${formatDate(holiday.date, "en")}`)).toBeVisible();
  const samples = page.locator("ul.samples li.sample");
  await expect(samples.first()).toBeVisible();
  expect(await samples.count()).toBe(Math.min(audience, 5));
  // Each sample is rendered for its guest in their language: no placeholder left.
  for (let i = 0; i < (await samples.count()); i++) {
    const text = (await samples.nth(i).textContent())!;
    expect(text).not.toMatch(/\{(name|holiday|date|hotel)\}/);
    expect(text).toMatch(new RegExp(`Happy ${holiday.name}, |，.+快乐！`));
  }

  // ---- Activate.
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(heading).toContainText("Active");
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();

  // ---- An admin runs the holidays job now, as of today.
  const admin = await signedInPage(browser, baseURL, "admin");
  collectBrowserErrors(admin.page, browserErrors);
  await admin.page.goto("/jobs");
  await expect(admin.page.getByRole("heading", { level: 1, name: "Scheduled jobs" })).toBeVisible();
  await waitForHydration(admin.page);
  const runs = admin.page.locator("table tbody tr");
  const newestBefore = (await runs.count()) ? Number((await runs.first().locator("td").first().textContent())!.trim()) : 0;
  const form = admin.page.locator("form", { has: admin.page.locator('input[name="job"][value="holidays"]') });
  await expect(form.getByLabel("As of")).toHaveValue(today);
  await expect(form.getByRole("checkbox", { name: "dry run" })).not.toBeChecked();
  await form.getByRole("button", { name: "Run now" }).click();
  await expect(admin.page).toHaveURL(/\/jobs$/);
  const run = runs.first();
  await expect(async () => {
    expect(Number((await run.locator("td").first().textContent())!.trim())).toBeGreaterThan(newestBefore);
  }).toPass({ timeout: 15_000 });
  await expect(run.locator("td").nth(2)).toHaveText(today);
  await expect(run.locator("td").nth(3)).toHaveText("Succeeded", { timeout: 60_000 });
  const counts = (await run.locator("td").nth(6).textContent())!;
  expect(Number(counts.match(/planned: (\d+)/)![1])).toBeGreaterThanOrEqual(audience);
  await admin.context.close();

  // ---- The campaign list counts the planned tasks: one per guest in the audience.
  await page.goto("/outreach/campaigns");
  await expect(page.locator("table tbody tr", { hasText: name })).toContainText(`Planned ${audience}`);

  // ---- The queue: e-mail greetings are due on the holiday itself.
  await page.getByRole("navigation", { name: "Outreach sections" }).getByRole("link", { name: "Outreach queue" }).click();
  await expect(page).toHaveURL(/\/outreach$/);
  await page.getByLabel("Due by").fill(holiday.date);
  await page.getByLabel("Channel").selectOption({ label: "E-mail" });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`dueBy=${holiday.date}`));
  // The URL changes before the filtered list replaces the old one: wait for the
  // content (our campaign's tasks), then read the count it shows.
  const ours = page.locator("li.task", { hasText: name });
  await expect(ours.first()).toBeVisible();
  await expect(async () => {
    const total = Number((await page.getByText(/^\d+ tasks$/).textContent())!.match(/^(\d+)/)![1]);
    expect(total).toBeGreaterThanOrEqual(audience);
  }).toPass({ timeout: 10_000 });
  await expect(ours.first()).toContainText(`due ${formatDate(holiday.date, "en")}`);
  await expect(ours.first()).toContainText(`occasion ${formatDate(holiday.date, "en")}`);
  await expect(ours.first()).toContainText("E-mail");
  // The guest of the first task: the one who will unsubscribe below.
  const guestLink = ours.first().getByRole("heading", { level: 2 }).getByRole("link");
  const guestName = (await guestLink.textContent())!.trim();
  const guestId = Number((await guestLink.getAttribute("href"))!.split("/").pop());

  // Before the holiday's date the queue does not show them as due yet.
  if (holiday.date > today) {
    await page.goto(`/outreach?status=PLANNED&channel=EMAIL&dueBy=${addDays(holiday.date, -1)}`);
    await expect(page.locator("li.task", { hasText: name })).toHaveCount(0);
  }

  // ---- A guest follows the unsubscribe link of that e-mail, without signing in.
  // Links are signed with the server's secret (UNSUBSCRIBE_SECRET, else SESSION_SECRET).
  const serverEnv = (Array.isArray(config.webServer) ? config.webServer[0] : config.webServer)!.env!;
  process.env.UNSUBSCRIBE_SECRET = serverEnv.UNSUBSCRIBE_SECRET ?? serverEnv.SESSION_SECRET;
  const token = unsubscribeToken(guestId, "EMAIL");
  const visitor = await browser.newContext({ baseURL, locale: "en-GB" });
  const guestPage = await visitor.newPage();
  collectBrowserErrors(guestPage, browserErrors);
  const forged = await guestPage.goto(`/unsubscribe/${unsubscribeToken(guestId + 1, "EMAIL").split(".")[0]}.${token.split(".")[1]}`);
  expect(forged!.status()).toBe(404);
  await guestPage.goto(`/unsubscribe/${token}`);
  await expect(guestPage.getByRole("heading", { level: 1, name: "Unsubscribe" })).toBeVisible();
  await expect(guestPage.getByText("Stop receiving our messages by E-mail?")).toBeVisible();
  await waitForHydration(guestPage);
  await guestPage.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(guestPage.getByRole("status")).toHaveText("You are unsubscribed. We are sorry to see you go.");
  await visitor.close();

  // Marketing sees the task skipped, and the opt-out on the guest's timeline.
  await page.goto(`/outreach?status=SKIPPED&channel=EMAIL`);
  const skipped = page.locator("li.task", { hasText: name }).filter({ has: page.locator(`a[href="/guests/${guestId}"]`) });
  await expect(skipped).toHaveCount(1);
  await expect(skipped).toContainText("Outcome: unsubscribed");
  await page.goto(`/outreach?status=PLANNED&channel=EMAIL&dueBy=${holiday.date}`);
  await expect(page.locator("li.task", { hasText: name }).filter({ has: page.locator(`a[href="/guests/${guestId}"]`) })).toHaveCount(0);
  await page.goto(`/guests/${guestId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(guestName);
  const timeline = page.locator("ol.timeline");
  await expect(timeline).toContainText("Unsubscribed");
  await expect(timeline).toContainText("Outreach planned");

  expect(browserErrors).toEqual([]);
  await marketing.context.close();
});

test("marketing switches a campaign's kind and sees its texts; activating a birthday campaign warns of the active one", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const { page, context } = await signedInPage(browser, baseURL, "marketing");
  const browserErrors: string[] = [];
  collectBrowserErrors(page, browserErrors);
  const stamp = Date.now().toString(36);

  // ---- A new campaign starts with the birthday texts; switching the kind brings the holiday ones.
  await page.goto("/outreach/campaigns/new");
  await expect(page.getByRole("heading", { level: 1, name: "New campaign" })).toBeVisible();
  await waitForHydration(page);
  await expect(page.getByLabel("Subject (English)")).toHaveValue("Happy birthday, {name}!");
  await page.getByLabel("Kind").selectOption({ label: "Holiday" });
  await expect(page.getByLabel("Subject (English)")).toHaveValue("Happy {holiday}, {name}!");
  await expect(page.getByLabel("Subject (Chinese)")).toHaveValue("{name}，{holiday}快乐！");
  await expect(page.getByLabel("Message (Chinese)")).toHaveValue(/\{hotel\}全体员工祝您\{holiday\}快乐！/);
  await expect(page.getByText("The texts now follow the kind: Holiday.")).toBeVisible();
  await expect(page.getByText(/^Placeholders a Holiday campaign fills: .*\{holiday\}/)).toBeVisible();

  // A text marketing wrote stays when the kind changes back, with a warning; the untouched ones follow.
  await page.getByLabel("Subject (English)").fill("Our gift for you, {name}");
  await page.getByLabel("Kind").selectOption({ label: "Birthday" });
  await expect(page.getByLabel("Subject (English)")).toHaveValue("Our gift for you, {name}");
  await expect(page.getByLabel("Subject (Chinese)")).toHaveValue("{name}，生日快乐！");
  await expect(page.getByText("Your own texts stay as you wrote them; check that they fit: Subject (English).")).toBeVisible();

  // ---- Saved as a birthday campaign by e-mail: the demo's active "Birthday greetings" greets the same guests.
  const name = `E2E birthdays ${stamp}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Save" }).click();
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toContainText(name);
  await expect(heading).toContainText("Draft");
  const overlap = page.locator("ul.activation-checks li", { hasText: "Birthday greetings · 生日祝福" });
  await expect(overlap).toHaveText(
    /^Warning: “Birthday greetings · 生日祝福” is active for the same occasion on the same channel: both would reach \d+ guests?\.$/,
  );

  // Activate without confirming: refused, still a draft. Confirmed: active.
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByRole("alert")).toHaveText(/Activating needs your confirmation/);
  await expect(heading).toContainText("Draft");
  await page.getByLabel("Activate anyway: I have read the warnings").check();
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(heading).toContainText("Active");
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();

  expect(browserErrors).toEqual([]);
  await context.close();
});
