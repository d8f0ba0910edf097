// Loyalty analytics in the browser: a manager opens the dashboards (scored in
// the background when nobody has yet), filters a property, clicks a
// segment, sees its guests and turns them into a draft campaign audience; the
// charts are drawn as SVG. Also: the audited CSV export, the monthly report,
// the loyalty card on a profile, and the Chinese page.
import { expect, test } from "@playwright/test";
import { login, openGuest, openScoredDashboard, readDb, waitForHydration, ZHANG_SAN } from "./support";

test("a manager filters a property, opens a segment's guests and makes them a campaign audience", async ({ page }) => {
  await login(page, "manager");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page).toHaveURL(/\/analytics$/);
  await openScoredDashboard(page);
  await waitForHydration(page);

  // Charts are drawn (recharts after hydration; the heat map is plain SVG).
  await expect(page.locator("[data-chart=segments] svg.recharts-surface").first()).toBeVisible();
  await expect(page.locator("[data-chart=quadrant] svg.recharts-surface").first()).toBeVisible();
  await expect(page.locator("[data-chart=rfm] svg.heatmap-svg")).toBeVisible();
  expect(await page.locator("svg.recharts-surface").count()).toBeGreaterThanOrEqual(8);

  // Filter one property.
  await page.getByLabel("Property").selectOption({ label: "Guest Archive Bund, Shanghai (CNY)" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/propertyId=\d+/);
  const propertyId = Number(new URL(page.url()).searchParams.get("propertyId"));
  await expect(page.getByLabel("Property")).toHaveValue(String(propertyId));

  // Click the Champions segment: its guests, at that property.
  const segments = page.locator("[data-chart=segments]");
  const champions = segments.getByRole("link", { name: "Champions" });
  // The URL changes before React has drawn the filtered page: wait for the links to follow.
  await expect(champions).toHaveAttribute("href", new RegExp(`propertyId=${propertyId}`));
  await champions.click();
  await expect(page).toHaveURL(/\/analytics\/guests\?.*segment=CHAMPIONS/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Guests: Champions · Guest Archive Bund, Shanghai");
  const rows = page.locator("table.analytics-guests tbody tr");
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(rows.first().locator("td").nth(2)).toHaveText("Champions");

  // …and make them a campaign audience: a draft campaign following the segment rule.
  const name = `Champions of the Bund ${Date.now()}`;
  await page.getByLabel("Campaign name").fill(name);
  await page.getByRole("button", { name: "Make a campaign audience" }).click();
  await expect(page.getByRole("status")).toContainText(/Draft campaign #\d+ created/);
  const [campaign] = await readDb<{
    id: number;
    kind: string;
    status: string;
    channel: string;
    audience: string;
    templateEn: string;
    createdById: number;
  }>(`SELECT "id", "kind", "status", "channel", "audience", "templateEn", "createdById" FROM "Campaign" WHERE "name" = ?`, name);
  expect(campaign).toMatchObject({ kind: "VIP_CARE", status: "DRAFT", channel: "EMAIL" });
  expect(JSON.parse(campaign.audience)).toEqual({ segments: ["CHAMPIONS"], propertyId });
  expect(campaign.templateEn).toContain("{name}");
  const audit = await readDb<{ n: number }>(
    `SELECT COUNT(*) AS "n" FROM "AuditEntry" WHERE "entity" = 'Campaign' AND "action" = 'CREATE' AND "entityId" = ?`,
    campaign.id,
  );
  expect(audit[0].n).toBe(1);
});

test("an RFM cell drills into its guests, which a manager may export as CSV (audited)", async ({ page }) => {
  await login(page, "manager");
  await page.goto("/analytics");
  const cell = page.locator("[data-chart=rfm] svg a").first();
  const label = await cell.getAttribute("aria-label");
  const [, r, f] = /^R(\d) F(\d)/.exec(label ?? "") ?? [];
  await cell.click();
  await expect(page).toHaveURL(new RegExp(`/analytics/guests\\?r=${r}&f=${f}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Guests: R${r} · F${f}`);
  await expect(page.locator("table.analytics-guests tbody tr").first().locator("td").nth(4)).toContainText(`R${r} F${f}`);

  const before = (
    await readDb<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "AuditEntry" WHERE "action" = 'EXPORT' AND "entity" = 'AnalyticsGuestList'`)
  )[0].n;
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
  // A UTF-8 BOM first, so Excel reads the Chinese names as UTF-8.
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text.slice(1).split("\r\n")[0]).toBe(
    "profile_number,name,segment,value_tier,lifecycle,r,f,m,recency_days,stays_in_window,spend_minor_units,currency,satisfaction,nps,credit,promoter",
  );
  expect(text).toMatch(new RegExp(`^G\\d{8},.*,${r},${f},`, "m"));
  const after = (
    await readDb<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "AuditEntry" WHERE "action" = 'EXPORT' AND "entity" = 'AnalyticsGuestList'`)
  )[0].n;
  expect(after).toBe(before + 1);
});

test("an administrator sees the lists but may not export them", async ({ page }) => {
  await login(page, "admin");
  await page.goto("/analytics/guests?segment=CHAMPIONS");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Guests: Champions");
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveCount(0);
  const response = await page.request.get("/analytics/guests.csv?segment=CHAMPIONS");
  expect(response.status()).toBe(403);
});

test("the front desk has no analytics", async ({ page }) => {
  await login(page, "desk");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Analytics" })).toHaveCount(0);
  expect((await page.goto("/analytics"))?.status()).toBe(403);
});

test("the monthly archive report is printable and downloads as CSV", async ({ page }) => {
  await login(page, "manager");
  await page.goto("/analytics/report");
  await expect(page.getByRole("heading", { level: 1, name: /^Archive report — / })).toBeVisible();
  for (const section of ["Archive", "Complaints", "Outreach", "Stays and revenue", "Segments"]) {
    await expect(page.getByRole("heading", { level: 2, name: section })).toBeVisible();
  }
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  const response = await page.request.get("/analytics/report.csv");
  expect(response.status()).toBe(200);
  const bytes = await response.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csv = bytes.subarray(3).toString("utf8");
  expect(csv.split("\r\n")[0]).toBe("section,item,value");
  expect(csv).toContain("complaints,handled_on_time,");
});

test("the profile shows the scores explained, and a manager records a referral with points", async ({ page }) => {
  await login(page, "manager");
  await openScoredDashboard(page);
  await openGuest(page, ZHANG_SAN.profileNumber, ZHANG_SAN.fullName);
  await waitForHydration(page);
  const card = page.locator("section.loyalty");
  await expect(card.getByRole("heading", { level: 2, name: "Loyalty" })).toBeVisible();
  await expect(card.locator(".explanation")).toHaveText(/^R\d F\d M\d — last stay .+, \d+ stays? in 24 months, ¥[\d,]+$/);

  await card.getByText("Record a referral").click();
  await card.getByLabel("Who was recommended").fill("Li Si");
  await card.getByRole("button", { name: "Save referral" }).click();
  await expect(card.getByRole("status")).toHaveText("Saved.");
  await expect(card.locator(".balance")).toHaveText(/Balance: [\d,]+ points/);
  await expect(card.getByText("Li Si")).toBeVisible();

  // Redeeming more than the balance is refused with a message.
  await card.getByText("Award or redeem points").click();
  await card.getByLabel("Points", { exact: true }).fill("-99999");
  await card.getByLabel("Reason").fill("Spa voucher");
  await card.getByRole("button", { name: "Save points" }).click();
  await expect(card.getByRole("alert")).toHaveText("The guest does not have that many points to redeem.");
});

test("the dashboard speaks Chinese", async ({ page }) => {
  await login(page, "manager");
  await page.goto("/analytics");
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "忠诚度分析" })).toBeVisible();
  await expect(page.locator("[data-chart=segments]").getByRole("link", { name: "核心贵宾" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Loyalty analytics" })).toBeVisible();
});

test("every figure stays inside its tile, at desk width and on a phone", async ({ page }) => {
  await login(page, "manager");
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await openScoredDashboard(page);
    const tiles = await page.locator("ul.kpis li").evaluateAll((items) =>
      items.map((li) => {
        const tile = li.getBoundingClientRect();
        const figure = li.querySelector("strong")!.getBoundingClientRect();
        return { text: li.textContent, overflow: Math.max(figure.right - tile.right, tile.left - figure.left) };
      }),
    );
    expect(tiles.length).toBeGreaterThan(5);
    for (const tile of tiles) expect(tile.overflow, `${width}px: ${tile.text}`).toBeLessThanOrEqual(0);
  }
});
