// A post-stay survey in the browser: the desk records a guest (e-mail
// consent) and a stay that checked out yesterday; an admin runs the surveys
// job from the Jobs page; a guest opens the e-mailed link on a phone, without signing in,
// answers 0–10 with a comment in Chinese; a second visit says it was
// answered; the desk sees the score on the guest's profile and the answer on
// the stay's survey page.
import { expect, test } from "@playwright/test";
import { DateTime } from "luxon";
import { surveyToken } from "../../app/domain/surveys/survey-invitations.server";
import config from "../../playwright.config";
import { readDb, signedInPage, waitForHydration } from "./support";

test("a guest answers the e-mailed survey link and the desk sees it", async ({ browser, baseURL }) => {
  // ---- The desk records a guest who checked out yesterday (the demo's own recent stays may all have surveys).
  const suffix = String(Date.now()).slice(-7);
  const fullName = `Survey Guest ${suffix}`;
  const deskAtDesk = await signedInPage(browser, baseURL, "desk");
  const desk0 = deskAtDesk.page;
  await desk0.goto("/guests/new");
  await waitForHydration(desk0);
  await desk0.getByRole("textbox", { name: "Full name" }).fill(fullName);
  await desk0.getByRole("textbox", { name: "E-mail" }).fill(`survey.${suffix}@guest.test`);
  await desk0.getByRole("checkbox", { name: "E-mail" }).check();
  await desk0.getByRole("button", { name: "Save" }).click();
  const confirm = desk0.getByRole("checkbox", { name: /different person/i });
  if (await confirm.isVisible().catch(() => false)) {
    await confirm.check();
    await desk0.getByRole("button", { name: "Save" }).click();
  }
  await expect(desk0).toHaveURL(/\/guests\/\d+$/);
  const guestId = Number(new URL(desk0.url()).pathname.split("/").pop());
  await waitForHydration(desk0);
  const today = DateTime.now().setZone("Asia/Shanghai");
  await desk0.getByText("Add a stay", { exact: true }).first().click();
  const stayForm = desk0.getByRole("form", { name: "Add a stay" });
  await stayForm.getByLabel("Property").selectOption({ index: 1 });
  await stayForm.getByLabel("Status").selectOption({ label: "Checked out" });
  await stayForm.getByLabel("Arrival").fill(today.minus({ days: 3 }).toISODate()!);
  await stayForm.getByLabel("Departure").fill(today.minus({ days: 1 }).toISODate()!);
  await stayForm.getByLabel("Room type").selectOption({ index: 1 });
  await stayForm.getByLabel("Channel").selectOption({ index: 1 });
  await stayForm.getByLabel("Purpose").selectOption({ index: 1 });
  await stayForm.getByRole("button", { name: "Add a stay" }).click();
  await expect(desk0.locator(`a[href^="/guests/${guestId}/stays/"][href$="/survey"]`)).toHaveText("Record the guest's answer");
  await deskAtDesk.context.close();

  // ---- An admin runs the surveys job now, as of today.
  const admin = await signedInPage(browser, baseURL, "admin");
  await admin.page.goto("/jobs");
  await waitForHydration(admin.page);
  const runs = admin.page.locator("table tbody tr");
  const newestBefore = (await runs.count()) ? Number((await runs.first().locator("td").first().textContent())!.trim()) : 0;
  const form = admin.page.locator("form", { has: admin.page.locator('input[name="job"][value="surveys"]') });
  await form.getByRole("button", { name: "Run now" }).click();
  const run = runs.first();
  await expect(async () => {
    expect(Number((await run.locator("td").first().textContent())!.trim())).toBeGreaterThan(newestBefore);
  }).toPass({ timeout: 15_000 });
  await expect(run.locator("td").nth(3)).toHaveText("Succeeded", { timeout: 60_000 });
  await admin.context.close();

  const [invitation] = await readDb<{ id: number; stayId: number; guestId: number }>(
    `SELECT i."id", i."stayId", s."guestId" FROM "SurveyInvitation" i JOIN "Stay" s ON s."id" = i."stayId"
     WHERE i."status" = 'SENT' AND s."guestId" = ? ORDER BY i."id" LIMIT 1`,
    guestId,
  );
  expect(invitation, "the surveys job sent no link for the stay checked out yesterday").toBeTruthy();

  // ---- The guest, on a phone, follows the link (signed with the server's secret).
  const serverEnv = (Array.isArray(config.webServer) ? config.webServer[0] : config.webServer)!.env!;
  process.env.UNSUBSCRIBE_SECRET = serverEnv.UNSUBSCRIBE_SECRET ?? serverEnv.SESSION_SECRET;
  const token = surveyToken(invitation.id);
  const phone = await browser.newContext({
    baseURL,
    locale: "zh-CN",
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const guest = await phone.newPage();
  expect((await guest.goto(`/survey/${surveyToken(invitation.id + 100_000)}`))!.status()).toBe(404);
  await guest.goto(`/survey/${token}`);
  await expect(guest.getByRole("heading", { level: 1 })).toContainText("入住体验如何");
  await waitForHydration(guest);
  // Nothing wider than the phone.
  expect(await guest.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // Sending without a score keeps the comment and says what is missing.
  const comment = guest.getByLabel("想对我们说的话（选填）");
  await comment.fill("前台服务热情，房间安静");
  await guest.getByRole("button", { name: "提交我的回答" }).click();
  await expect(guest.locator(".field-error").first()).toBeVisible();
  await expect(comment).toHaveValue("前台服务热情，房间安静");
  await guest.getByRole("radio", { name: "9" }).check();
  await guest.getByRole("button", { name: "提交我的回答" }).click();
  await expect(guest.getByRole("status")).toHaveText("谢谢您，您的回答已记录。");
  await guest.reload();
  await expect(guest.getByRole("status")).toHaveText("此调查已经回答过了，谢谢您。");
  await phone.close();

  // ---- The desk sees the score on the profile and the answer on the stay's survey page.
  const desk = await signedInPage(browser, baseURL, "desk");
  await desk.page.goto(`/guests/${invitation.guestId}`);
  const scoreLink = desk.page.locator(`a[href="/guests/${invitation.guestId}/stays/${invitation.stayId}/survey"]`);
  await expect(scoreLink).toHaveText("9 / 10");
  await scoreLink.click();
  await expect(desk.page.getByRole("heading", { level: 1, name: "Post-stay survey" })).toBeVisible();
  await expect(desk.page.locator(".survey-score")).toHaveText("9 / 10");
  await expect(desk.page.getByText("前台服务热情，房间安静")).toBeVisible();
  await expect(desk.page.getByText("by the guest, through the e-mailed link")).toBeVisible();
  await desk.context.close();
});
