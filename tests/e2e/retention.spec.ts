// Retention in the browser: an admin previews the purge, exports the list,
// runs it and brings one guest back from the recycle bin; an archivist's legal
// hold keeps a guest; an erasure at the guest's request leaves a certificate
// with no personal data in it.
//
// The purge changes the shared e2e data, so it only runs as of a date where
// the anchors (张三, John Smith, José Müller) are active or exempt — checked in
// the exported list before anything is purged — and the date and the guest are
// taken from the current preview, so a second run on the same database works.
import fs from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { JOHN_SMITH, JOSE_MULLER, login, waitForHydration, ZHANG_SAN } from "./support";

const CSV_HEADER = "profile_number,name,last_stay,last_active,inactive_days,decision,exemptions";
const THRESHOLD_DAYS = 1095;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A phone number no other guest shares (the duplicate check compares the last 8 digits) and that is
 * valid whatever the clock says: London's 020 7xxx xxxx range (020 2…, 5…, 6…, 9… are not assigned,
 * and the form refuses numbers that are not valid).
 */
function uniquePhone(): string {
  const digits = String(Date.now() % 10_000_000).padStart(7, "0");
  return `+44 20 7${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/** Preview the purge as of `date` through the page's own GET form. */
async function previewAt(page: Page, date: string) {
  await page.getByLabel("Purge date").fill(date);
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]asOf=${date}`));
  // The export link follows the previewed date once the new data has rendered.
  await expect(page.getByRole("link", { name: "Export the list (CSV)" })).toHaveAttribute("href", new RegExp(`asOf=${date}`));
}

async function toPurgeCount(page: Page): Promise<number> {
  const line = page.getByText(/^\d+ guests? would move to the recycle bin$/);
  await expect(line).toBeVisible();
  return Number((await line.textContent())!.match(/^(\d+)/)![1]);
}

/** Create a profile through the new-guest form; returns its id and profile number. */
async function createGuest(page: Page, fullName: string, phone: string) {
  await page.goto("/guests/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New guest profile");
  await waitForHydration(page);
  await page.getByRole("textbox", { name: "Full name" }).fill(fullName);
  await page.getByRole("textbox", { name: "Phone" }).fill(phone);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page).toHaveURL(/\/guests\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(fullName);
  const profileNumber = (await page.locator(".profile-number").textContent())!.match(/G\d{8}/)![0];
  return { id: Number(new URL(page.url()).pathname.split("/").pop()), profileNumber };
}

/** The row of a paged table holding `text`, following the pager's "Next" link until found. */
async function findRowAcrossPages(page: Page, text: string) {
  for (;;) {
    const row = page.locator("table tbody tr", { hasText: text });
    if (await row.count()) return row;
    const next = page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" });
    if (!(await next.count())) return row; // not there: the caller's expectation fails on it
    const before = page.url();
    await next.click();
    await expect(page).not.toHaveURL(before);
  }
}

test("admin previews the purge, exports the list, runs it and restores a purged guest", async ({ page }) => {
  test.setTimeout(90_000);
  await login(page, "admin");
  await page.goto("/retention");
  await expect(page.getByRole("heading", { level: 1, name: "Retention policy and purge" })).toBeVisible();
  await waitForHydration(page);

  // The seeded data has guests gone for over three years today; if an earlier
  // run took them all, look a year or two ahead (the anchors stay active then).
  const today = await page.getByLabel("Purge date").inputValue();
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  let asOf = "";
  let count = 0;
  for (const date of [today, addDays(today, 365), addDays(today, 730)]) {
    await previewAt(page, date);
    count = await toPurgeCount(page);
    if (count > 0) {
      asOf = date;
      break;
    }
  }
  expect(count, "someone to purge within two years of today").toBeGreaterThan(0);
  await expect(page.getByRole("heading", { level: 2, name: /^Who the purge would take on / })).toBeVisible();

  // Each listed guest says why: inactive for longer than the threshold.
  const rows = page.locator("table tbody tr");
  await expect(rows).toHaveCount(Math.min(count, 50));
  const first = rows.first();
  const why = first.locator("td").nth(4);
  await expect(why).toHaveText(new RegExp(`^inactive \\d+ days \\(threshold ${THRESHOLD_DAYS}\\)$`));
  const inactiveDays = Number((await why.textContent())!.match(/inactive (\d+) days/)![1]);
  expect(inactiveDays).toBeGreaterThanOrEqual(THRESHOLD_DAYS);
  const profileNumber = (await first.locator("td").nth(0).textContent())!.trim();
  const fullName = (await first.locator("td").nth(1).textContent())!.trim();
  expect(profileNumber).toMatch(/^G\d{8}$/);
  expect(fullName).not.toBe("");

  // The audited export: the whole list, with the rule's numbers per guest.
  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export the list (CSV)" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`retention-preview-${asOf}.csv`);
  const csv = await fs.readFile(await download.path(), "utf8");
  expect(csv.startsWith("\uFEFF"), "a UTF-8 BOM first").toBe(true);
  const lines = csv.slice(1).split(/\r?\n/).filter(Boolean);
  expect(lines[0]).toBe(CSV_HEADER);
  const guestLine = lines.find((l) => l.startsWith(`${profileNumber},`));
  expect(guestLine, `${profileNumber} in the CSV`).toBeDefined();
  expect(guestLine).toMatch(new RegExp(`,${inactiveDays},purge,$`));
  expect(lines.filter((l) => /,purge,[^,]*$/.test(l))).toHaveLength(count);
  // Guard for the other spec files: no anchor is purged as of this date.
  for (const anchor of [ZHANG_SAN, JOHN_SMITH, JOSE_MULLER]) {
    const line = lines.find((l) => l.startsWith(`${anchor.profileNumber},`));
    if (line) expect(line, `${anchor.fullName} must not be purged`).not.toMatch(/,purge,[^,]*$/);
  }

  // Run it for real (not a dry run).
  await expect(page.getByRole("checkbox", { name: "dry run" })).not.toBeChecked();
  await page.getByRole("button", { name: `Run the purge as of ${asOf}` }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByRole("heading", { level: 1, name: "Scheduled jobs" })).toBeVisible();

  // Newest run first: ours. The page refreshes itself while it runs.
  const newest = page.locator("table tbody tr").first();
  await expect(newest).toContainText("Retention purge");
  await expect(newest).not.toContainText("dry run");
  await expect(newest.locator("td").nth(2)).toHaveText(asOf);
  const runId = (await newest.locator("td").first().textContent())!.trim();
  const run = page.locator("table tbody tr").filter({ has: page.locator("td:first-child", { hasText: new RegExp(`^${runId}$`) }) });
  await expect(run.locator("td").nth(3)).toHaveText("Succeeded", { timeout: 30_000 });
  const counts = run.locator("td").nth(6);
  await expect(counts).toContainText(/softDeleted: \d+/);
  const softDeleted = Number((await counts.textContent())!.match(/softDeleted: (\d+)/)![1]);
  expect(softDeleted).toBeGreaterThan(0);
  expect(softDeleted).toBe(count);

  // The noted guest is in the recycle bin, moved there by the policy.
  await page.goto("/recycle-bin");
  await expect(page.getByRole("heading", { level: 1, name: "Recycle bin" })).toBeVisible();
  const binRow = await findRowAcrossPages(page, profileNumber);
  await expect(binRow).toHaveCount(1);
  await expect(binRow).toContainText(fullName);
  await expect(binRow.locator("td").nth(3)).toHaveText("Retention policy");
  await expect(binRow.locator("td").nth(4)).toHaveText("System");

  // Restore it, and its profile opens again.
  await binRow.getByRole("button", { name: `Restore ${fullName}` }).click();
  const notice = page.getByRole("status");
  await expect(notice).toContainText(`Profile ${profileNumber} restored.`);
  await expect(page.locator("table tbody tr", { hasText: profileNumber })).toHaveCount(0);
  await notice.getByRole("link", { name: "Open it" }).click();
  await expect(page).toHaveURL(/\/guests\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(fullName);
  await expect(page.locator(".profile-number")).toContainText(profileNumber);

  // The anchors the other spec files use are untouched.
  for (const anchor of [ZHANG_SAN, JOHN_SMITH, JOSE_MULLER]) {
    await page.goto(`/guests?${new URLSearchParams({ q: anchor.profileNumber })}`);
    await expect(page.locator("ol.results a.result-link", { hasText: anchor.fullName }).first()).toBeVisible();
  }
});

test("archivist's legal hold shows on the profile and keeps the guest from a far-future purge", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const fullName = `Hollis Ravensworth ${stamp}`;
  const reason = `Court order 2024/${stamp}`;
  await login(page, "archivist");
  const guest = await createGuest(page, fullName, uniquePhone());

  const protection = page.getByRole("region", { name: "Data protection" });
  await expect(protection).toContainText("Not on legal hold.");
  await protection.getByLabel("Reason for the legal hold").fill(reason);
  await protection.getByRole("button", { name: "Place on legal hold" }).click();
  await expect(protection.getByText(`On legal hold: ${reason}`)).toBeVisible();
  await expect(protection.getByRole("button", { name: "Release the legal hold" })).toBeVisible();
  // It is stored, not just shown: a fresh load still says so.
  await page.reload();
  await expect(page.getByRole("region", { name: "Data protection" }).getByText(`On legal hold: ${reason}`)).toBeVisible();

  // Ten years on the new guest is long inactive, but the hold keeps them.
  await page.goto("/retention");
  await expect(page.getByRole("heading", { level: 1, name: "Retention policy and purge" })).toBeVisible();
  await waitForHydration(page);
  const today = await page.getByLabel("Purge date").inputValue();
  const farFuture = addDays(today, 3650);
  await previewAt(page, farFuture);
  // An archivist may preview but not run the purge.
  await expect(page.getByRole("button", { name: /^Run the purge/ })).toHaveCount(0);
  await expect(page.getByText(/inactive guests kept by exemptions: .*legal hold \d+/)).toBeVisible();

  await page.getByRole("link", { name: "Show who is kept" }).click();
  await expect(page).toHaveURL(/[?&]show=exempt/);
  await expect(page.getByRole("link", { name: "Show who is kept" })).toHaveAttribute("aria-current", "page");
  const kept = await findRowAcrossPages(page, guest.profileNumber);
  await expect(kept).toHaveCount(1);
  await expect(kept).toContainText(fullName);
  await expect(kept.locator("td").nth(4)).toHaveText(/^kept: .*legal hold/);

  // …and not among those who go.
  await page.goto(`/retention?${new URLSearchParams({ asOf: farFuture, show: "purge" })}`);
  const goes = await findRowAcrossPages(page, guest.profileNumber);
  await expect(goes).toHaveCount(0);
});

test("archivist erases a guest on request: wrong number refused, certificate holds no personal data", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const fullName = `Odalys Fenwick-Marsh ${stamp}`;
  const phone = uniquePhone();
  await login(page, "archivist");
  const guest = await createGuest(page, fullName, phone);
  const profileUrl = new URL(page.url()).pathname;
  await waitForHydration(page);

  const protection = page.getByRole("region", { name: "Data protection" });
  await protection.locator("summary", { hasText: "Erase personal data now (guest's request)" }).click();
  const reason = protection.getByLabel("Reason", { exact: true });
  await expect(reason).toBeVisible();
  await reason.fill("Guest's written request");
  const confirm = protection.getByLabel(`Type the profile number ${guest.profileNumber} to confirm`);

  // A wrong number is refused and nothing is erased.
  const wrong = guest.profileNumber.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
  await confirm.fill(wrong);
  await protection.getByRole("button", { name: "Erase now" }).click();
  await expect(protection.getByText("Type the profile number exactly as shown.")).toBeVisible();
  await expect(confirm).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(new RegExp(`${profileUrl}$`));
  await page.goto(profileUrl);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(fullName);
  await expect(page.locator('section[aria-labelledby="basics-h"] dl')).toContainText(phone);
  await page.goto(`/guests?${new URLSearchParams({ q: fullName })}`);
  await expect(page.locator("ol.results a.result-link", { hasText: fullName })).toBeVisible();

  // The right number erases at once and shows the certificate.
  await page.goto(profileUrl);
  await waitForHydration(page);
  const again = page.getByRole("region", { name: "Data protection" });
  await again.locator("summary", { hasText: "Erase personal data now (guest's request)" }).click();
  await again.getByLabel(`Type the profile number ${guest.profileNumber} to confirm`).fill(guest.profileNumber);
  await again.getByRole("button", { name: "Erase now" }).click();
  await expect(page).toHaveURL(/\/erasure-certificates\/ER-\d{4}-\d{6}$/);
  const certificate = page.locator("article.certificate");
  await expect(certificate.getByRole("heading", { level: 1, name: "Erasure certificate" })).toBeVisible();
  await expect(certificate).toContainText(guest.profileNumber);
  await expect(certificate).toContainText("guest request");
  await expect(certificate.getByRole("heading", { level: 2, name: "What was erased (records affected)" })).toBeVisible();
  const categories = certificate.getByRole("listitem");
  expect(await categories.count()).toBeGreaterThan(0);
  await expect(categories.filter({ hasText: /^Name: \d+$/ })).toHaveCount(1);
  await expect(categories.filter({ hasText: /^Contacts \(phone, e-mail, company\): \d+$/ })).toHaveCount(1);
  // No personal data anywhere on the page: not the name, not the phone.
  const body = page.locator("body");
  await expect(body).not.toContainText(fullName);
  await expect(body).not.toContainText(stamp);
  await expect(body).not.toContainText(phone);
  await expect(body).not.toContainText(phone.replace(/\D/g, "").slice(-8));

  // Search finds the guest no more, by name or by phone.
  await page.goto(`/guests?${new URLSearchParams({ q: fullName })}`);
  await expect(page.getByText(`No guest matches “${fullName}”.`)).toBeVisible();
  await page.goto(`/guests?${new URLSearchParams({ q: phone })}`);
  await expect(page.locator(".no-match, ol.results")).toBeVisible();
  await expect(page.locator("a.result-link", { hasText: stamp })).toHaveCount(0);
});
