// A post-stay survey in the browser: an admin runs the surveys job from the
// Jobs page; a guest opens the e-mailed link on a phone, without signing in,
// answers 0–10 with a comment in Chinese; a second visit says it was
// answered; the desk sees the score on the guest's profile and the answer on
// the stay's survey page.
import { expect, test } from "@playwright/test";
import { surveyToken } from "../../app/domain/surveys/survey-invitations.server";
import config from "../../playwright.config";
import { readDb, signedInPage, waitForHydration } from "./support";

test("a guest answers the e-mailed survey link and the desk sees it", async ({ browser, baseURL }) => {
  // ---- An admin runs the surveys job now, as of today (the demo has guests who checked out this week).
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
     WHERE i."status" = 'SENT' ORDER BY i."id" LIMIT 1`,
  );
  expect(invitation, "the surveys job sent no link (no checked-out stay with e-mail consent in the last 7 days?)").toBeTruthy();

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
