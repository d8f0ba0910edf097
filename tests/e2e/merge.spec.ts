// An archivist opens the duplicate queue, compares a pair side by side,
// merges it, finds the survivor by the old profile number, and undoes the
// merge — the pair is back in the queue (issue 12). The two profiles are made
// here, so the seeded guests other files check stay as they are.
import { expect, test, type Page } from "@playwright/test";
import { login, waitForHydration } from "./support";

async function createGuest(page: Page, fullName: string, fields: { phone?: string; company?: string }, likelyDuplicate = false) {
  await page.goto("/guests/new");
  await waitForHydration(page);
  await page.getByRole("textbox", { name: "Full name" }).fill(fullName);
  if (fields.phone) await page.getByRole("textbox", { name: "Phone" }).fill(fields.phone);
  if (fields.company) await page.getByRole("textbox", { name: "Company" }).fill(fields.company);
  await page.getByRole("button", { name: "Save" }).click();
  if (likelyDuplicate) {
    // The save finds the first profile and asks to confirm this is a new guest.
    await expect(page.locator(".warning[role=alert]")).toContainText("This guest may already have a profile");
    await page.getByLabel("It is a different person — create the profile anyway").check();
    await page.getByRole("button", { name: "Save" }).click();
  }
  await expect(page).toHaveURL(/\/guests\/\d+$/);
  const number = (await page.locator(".profile-number").innerText()).match(/G\d{8}/)![0];
  return { id: Number(new URL(page.url()).pathname.split("/").pop()), number };
}

test("archivist merges a pair from the duplicate queue, the old number leads to the survivor, and the merge is undone", async ({
  page,
}) => {
  // Unique per run, so a repeated run makes a pair of its own.
  const digits = String(Date.now() % 100_000_000).padStart(8, "0");
  await login(page, "archivist");
  const survivor = await createGuest(page, "欧阳明轩", { phone: `+86 137 ${digits.slice(0, 4)} ${digits.slice(4)}` });
  const other = await createGuest(page, "Mingxuan Ouyang", { phone: `0086 137${digits}`, company: "Harbour Ltd" }, true);

  // The queue: the pair the save found, compared side by side.
  await page.getByRole("link", { name: "Duplicates" }).click();
  await expect(page).toHaveURL(/\/duplicates$/);
  const row = page.locator("tbody tr", { hasText: other.number });
  await expect(row).toContainText(survivor.number);
  await expect(row).toContainText("Same phone number");
  await row.getByRole("link", { name: /^Compare/ }).click();
  await expect(page).toHaveURL(/\/duplicates\/\d+$/);
  const candidateUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Compare");
  await expect(page.getByRole("columnheader", { name: survivor.number })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: other.number })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Harbour Ltd" })).toBeVisible();

  // Merge, keeping the profile made first.
  await page
    .locator("p", { hasText: `(${survivor.number})` })
    .getByRole("link", { name: "Merge…" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/guests/merge\\?survivor=${survivor.id}&other=${other.id}`));
  await expect(page.getByRole("heading", { level: 1, name: "Merge two profiles" })).toBeVisible();
  // Side by side: the company only the other has is kept; pick the survivor's name explicitly.
  await expect(page.locator("tr[data-field=company]")).toContainText("Harbour Ltd");
  await page.getByRole("radio", { name: "Keep Full name of the survivor" }).check();
  await page.getByRole("button", { name: "Review the merge" }).click();
  await expect(page.getByRole("heading", { name: "Confirm the merge" })).toBeVisible();
  await page.getByRole("button", { name: `Merge ${other.number} into ${survivor.number}` }).click();

  // The survivor, with a notice.
  await expect(page).toHaveURL(new RegExp(`/guests/${survivor.id}\\?merged=\\d+`));
  await expect(page.getByRole("status")).toContainText(`Profile ${other.number} was merged into this one.`);
  await expect(page.getByRole("heading", { name: "Where the values came from" })).toBeVisible();

  // Decided in the queue.
  await page.goto("/duplicates");
  await expect(page.locator("tbody tr", { hasText: other.number })).toHaveCount(0);

  // The old number, typed in the search, finds the survivor; its old link leads there too.
  await page.goto(`/guests?${new URLSearchParams({ q: other.number })}`);
  const found = page.locator("ol.results a.result-link");
  await expect(found).toHaveCount(1);
  await found.click();
  await expect(page).toHaveURL(new RegExp(`/guests/${survivor.id}$`));
  await page.goto(`/guests/${other.id}`);
  await expect(page).toHaveURL(new RegExp(`/guests/${survivor.id}\\?from=${other.id}$`));
  await expect(page.getByRole("status")).toContainText(`Profile ${other.number} was merged into this one: it leads here.`);

  // Undo, from the merge record.
  await page.getByRole("status").getByRole("link", { name: "Merge record and undo" }).click();
  await expect(page).toHaveURL(/\/merges\/\d+$/);
  await waitForHydration(page);
  await page.getByRole("button", { name: "Undo merge" }).click();
  await expect(page.getByRole("status")).toContainText("Merge undone: both profiles are back.");
  await page.goto(`/guests/${other.id}`);
  await expect(page).toHaveURL(new RegExp(`/guests/${other.id}$`));
  await expect(page.locator(".profile-number")).toContainText(other.number);

  // And the pair is back in the queue, undecided.
  await page.goto("/duplicates");
  await expect(page.locator("tbody tr", { hasText: other.number })).toHaveCount(1);
  await page.goto(candidateUrl);
  await expect(page.locator("p", { hasText: `(${survivor.number})` }).getByRole("link", { name: "Merge…" })).toBeVisible();
});
