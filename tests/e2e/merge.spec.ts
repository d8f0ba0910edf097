// An archivist merges two profiles of one guest, finds the survivor by the
// old profile number, and undoes the merge (issue 12). The two profiles are
// made here, so the seeded guests other files check stay as they are.
import { expect, test, type Page } from "@playwright/test";
import { login, waitForHydration } from "./support";

async function createGuest(page: Page, fullName: string, fields: { phone?: string; company?: string }) {
  await page.goto("/guests/new");
  await waitForHydration(page);
  await page.getByRole("textbox", { name: "Full name" }).fill(fullName);
  if (fields.phone) await page.getByRole("textbox", { name: "Phone" }).fill(fields.phone);
  if (fields.company) await page.getByRole("textbox", { name: "Company" }).fill(fields.company);
  await page.getByRole("button", { name: "Save" }).click();
  // The same name twice: the second save may ask to confirm it is a new guest.
  const confirm = page.getByRole("checkbox", { name: /different person/i });
  if (await confirm.isVisible().catch(() => false)) {
    await confirm.check();
    await page.getByRole("button", { name: "Save" }).click();
  }
  await expect(page).toHaveURL(/\/guests\/\d+$/);
  const number = (await page.locator(".profile-number").innerText()).match(/G\d{8}/)![0];
  return { id: Number(new URL(page.url()).pathname.split("/").pop()), number };
}

test("archivist merges two profiles, the old number leads to the survivor, and the merge is undone", async ({ page }) => {
  const suffix = String(Date.now()).slice(-6);
  await login(page, "archivist");
  const survivor = await createGuest(page, `Merge Keeper ${suffix}`, { phone: `1370${suffix}1` });
  const other = await createGuest(page, `Merge Keeper ${suffix}`, { company: "Harbour Ltd" });

  // Choose the two by profile number, from the survivor's profile.
  await page.goto(`/guests/${survivor.id}`);
  await page.getByRole("link", { name: "Merge with another profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Merge two profiles" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Survivor's profile number" })).toHaveValue(survivor.number);
  await page.getByRole("textbox", { name: "Profile number to merge into it" }).fill(other.number);
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page).toHaveURL(new RegExp(`/guests/merge\\?survivor=${survivor.id}&other=${other.id}`));

  // Side by side: the company only the other has is kept; pick the survivor's phone explicitly.
  await expect(page.locator("tr[data-field=company]")).toContainText("Harbour Ltd");
  await page.getByRole("radio", { name: "Keep Phone of the survivor" }).check();
  await page.getByRole("button", { name: "Review the merge" }).click();
  await expect(page.getByRole("heading", { name: "Confirm the merge" })).toBeVisible();
  await page.getByRole("button", { name: `Merge ${other.number} into ${survivor.number}` }).click();

  // The survivor, with a notice.
  await expect(page).toHaveURL(new RegExp(`/guests/${survivor.id}\\?merged=\\d+`));
  await expect(page.getByRole("status")).toContainText(`Profile ${other.number} was merged into this one.`);
  await expect(page.getByRole("heading", { name: "Where the values came from" })).toBeVisible();

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
  await page.getByRole("button", { name: "Undo merge" }).click();
  await expect(page.getByRole("status")).toContainText("Merge undone: both profiles are back.");
  await page.goto(`/guests/${other.id}`);
  await expect(page).toHaveURL(new RegExp(`/guests/${other.id}$`));
  await expect(page.locator(".profile-number")).toContainText(other.number);
});
