// An archivist imports the hotel's old guest file: a GBK CSV as Excel on a
// Chinese Windows writes it. The columns are suggested from the Chinese
// headers, one is mapped by hand; a dry run counts, the import makes the same
// counts, the rejected row comes back as a file with its line and reason, and
// the guests are found with their Chinese names.
import fs from "node:fs";
import iconv from "iconv-lite";
import { expect, test } from "@playwright/test";
import { login, waitForHydration } from "./support";

test("archivist uploads a GBK CSV, maps columns, runs a dry run, imports and downloads the rejected rows", async ({ page }) => {
  const tag = String(Date.now() % 100_000_000).padStart(8, "0");
  const text = [
    "会员号,姓名,联络方式,邮箱,生日",
    `GBK-${tag}-1,欧阳娜娜,139${tag},nana.${tag}@example.cn,1990/6/15`,
    `GBK-${tag}-2,司马光明,138${tag},,1975-01-20`,
    `GBK-${tag}-3,,137${tag},nobody.${tag}@example.cn,`,
  ].join("\r\n");
  await login(page, "archivist");
  await page.getByRole("link", { name: "Import" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a file" })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel("What the file holds").selectOption("guests");
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: `客人-${tag}.csv`, mimeType: "text/csv", buffer: iconv.encode(text + "\r\n", "gbk") });
  await page.getByRole("button", { name: "Upload and map columns" }).click();

  const mapping = page.getByRole("form", { name: "Columns" });
  await expect(mapping).toContainText("gb18030");
  await expect(page.getByLabel("Name *")).toHaveValue("姓名");
  await expect(page.getByLabel("Source's id")).toHaveValue("会员号");
  await expect(page.getByLabel("Phone")).toHaveValue("");
  await expect(page.getByTestId("import-preview")).toContainText("欧阳娜娜");
  await page.getByLabel("Phone").selectOption("联络方式");
  await page.getByLabel("Save this mapping as (optional)").fill(`Old PMS ${tag}`);
  await page.getByRole("button", { name: "Dry run" }).click();

  const run = page.getByTestId("import-run");
  await expect(page).toHaveURL(/\/imports\?run=\d+$/);
  await expect(run.getByTestId("import-status")).toHaveText("done", { timeout: 15_000 });
  await expect(run).toContainText("dry run");
  await expect(run.getByTestId("count-created")).toHaveText("2");
  await expect(run.getByTestId("count-rejected")).toHaveText("1");
  await page.getByRole("button", { name: "Import this file now" }).click();

  await expect(page.getByTestId("import-run")).not.toContainText("dry run", { timeout: 15_000 });
  await expect(page.getByTestId("import-status")).toHaveText("done", { timeout: 15_000 });
  await expect(page.getByTestId("count-created")).toHaveText("2");
  await expect(page.getByTestId("count-rejected")).toHaveText("1");
  await expect(page.getByRole("button", { name: "Undo this import" })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download the rejected rows \(1 row\)/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`客人-${tag}.rejected.csv`);
  const rejected = fs
    .readFileSync(await download.path(), "utf8")
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
  expect(rejected).toEqual([
    "会员号,姓名,联络方式,邮箱,生日,line,reason",
    `GBK-${tag}-3,,137${tag},nobody.${tag}@example.cn,,4,fullName: Required.`,
  ]);

  await page.goto(`/guests?q=${encodeURIComponent(`139${tag}`)}`);
  await expect(page.getByRole("link", { name: /欧阳娜娜/ }).first()).toBeVisible();

  // The saved mapping brings back the column mapped by hand; the same file again changes nothing.
  await page.goto("/imports");
  await waitForHydration(page);
  await page.getByLabel("Saved mapping").selectOption({ label: `Guests · Old PMS ${tag}` });
  await page
    .getByLabel("File", { exact: true })
    .setInputFiles({ name: `客人-${tag}.csv`, mimeType: "text/csv", buffer: iconv.encode(text + "\r\n", "gbk") });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByLabel("Phone")).toHaveValue("联络方式");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("import-status")).toHaveText("done", { timeout: 15_000 });
  await expect(page.getByTestId("count-unchanged")).toHaveText("2");
  await expect(page.getByTestId("count-created")).toHaveText("0");
});
