// Post-stay surveys (issue: archive stewardship, item 5). After check-out the
// `surveys` job e-mails a signed link (to a real SMTP server started here),
// once per stay across re-runs; the guest answers without signing in, one
// answer per stay, and the answer feeds the satisfaction score. Staff record
// an answer given at the desk on the stay's survey page.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { readSurveyToken, surveyToken } from "~/domain/surveys/survey-invitations.server";
import { runNamedJob } from "../../jobs/registry.server";
import { action as linkAction, loader as linkLoader } from "~/routes/survey.$surveyToken";
import { action as staffAction, loader as staffLoader } from "~/routes/guests.$guestId_.stays.$stayId.survey";
import { plantGuest, plantProperty, plantStaffMember, plantStay } from "../support/fixtures";
import { requestWith, responseOf, signIn } from "../support/sign-in";
import { startSmtp, type Smtp } from "../support/smtp";

const AS_OF = "2027-03-10";
const APP_URL = "https://crm.guest-archive.test";
const PASSWORD = "correct horse battery";

let smtp: Smtp;
let desk: Actor;
let deskCookie: string;
let marketingCookie: string;
let propertyId: number;
const savedEnv = { ...process.env };

beforeAll(async () => {
  smtp = await startSmtp();
  propertyId = (await plantProperty("SVY")).id;
  const deskStaff = await plantStaffMember("FRONT_DESK");
  desk = deskStaff.actor;
  deskCookie = await signIn(deskStaff.username, PASSWORD);
  marketingCookie = await signIn((await plantStaffMember("MARKETING")).username, PASSWORD);
});

afterAll(async () => {
  await smtp.close();
});

beforeEach(async () => {
  await db().survey.deleteMany();
  await db().surveyInvitation.deleteMany();
  await db().stay.deleteMany({ where: { propertyId } });
  smtp.received.length = 0;
  smtp.rejectNext(0);
  Object.assign(process.env, {
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtp.port),
    SMTP_IGNORE_TLS: "true",
    APP_URL,
    MAIL_FROM: "Guest Care <care@guest-archive.test>",
  });
});

afterEach(() => {
  for (const key of ["SMTP_HOST", "SMTP_PORT", "SMTP_IGNORE_TLS", "APP_URL", "MAIL_FROM", "SURVEY_LINK_DAYS"]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

let counter = 0;
async function guestWithStay(fields: Record<string, unknown>, stay: Record<string, unknown> = {}) {
  counter += 1;
  const { guestId } = await plantGuest(desk, {
    fullName: `Survey Guest ${counter}`,
    email: `survey-${counter}@guest.test`,
    consentEmail: "on",
    language: "en",
    ...fields,
  });
  const planted = await plantStay(desk, guestId, {
    propertyId,
    roomNumber: "1808",
    arrivalDate: "2027-03-06",
    departureDate: "2027-03-09",
    status: "CHECKED_OUT",
    ...stay,
  });
  return { guestId, stayId: planted.id };
}

const runSurveys = (dryRun = false) => runNamedJob(db(), "surveys", { asOf: AS_OF, dryRun, trigger: "cli" });
const linkIn = (mail: ParsedMail) => /https:\/\/crm\.guest-archive\.test\/survey\/([\w.-]+)/.exec(mail.text ?? "")![1];
const recipient = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0].address;

function linkRequest(token: string, form?: Record<string, string>) {
  const init: RequestInit = form ? { method: "POST", body: new URLSearchParams(form) } : {};
  return new Request(`${APP_URL}/survey/${token}`, init);
}
const openLink = (token: string) =>
  responseOf(() => linkLoader({ request: linkRequest(token), params: { surveyToken: token }, context: {} }));
const answerLink = (token: string, form: Record<string, string>) =>
  responseOf(() => linkAction({ request: linkRequest(token, form), params: { surveyToken: token }, context: {} }));

describe("the surveys job", () => {
  it("e-mails one signed link per checked-out stay, in the guest's language, and a re-run sends nothing twice", async () => {
    const english = await guestWithStay({});
    const chinese = await guestWithStay({ fullName: "王小明", language: "zh-CN" });
    const noConsent = await guestWithStay({ consentEmail: undefined });
    const noEmail = await guestWithStay({ email: undefined });
    const longAgo = await guestWithStay({}, { arrivalDate: "2027-02-20", departureDate: "2027-02-25" });
    const inHouse = await guestWithStay({}, { arrivalDate: "2027-03-09", departureDate: "2027-03-12", status: "IN_HOUSE" });

    const dry = await runSurveys(true);
    expect(dry.counts).toMatchObject({ planned: 2 });
    expect(await db().surveyInvitation.count()).toBe(0);
    expect(smtp.received).toHaveLength(0);

    const first = await runSurveys();
    expect(first.counts).toMatchObject({ planned: 2, sent: 2, failed: 0 });
    const invited = await db().surveyInvitation.findMany({ orderBy: { stayId: "asc" } });
    expect(invited.map((i) => i.stayId)).toEqual([english.stayId, chinese.stayId]);
    expect(invited.every((i) => i.status === "SENT")).toBe(true);
    for (const other of [noConsent, noEmail, longAgo, inHouse]) expect(invited.some((i) => i.stayId === other.stayId)).toBe(false);

    const byAddress = new Map(smtp.received.map((m) => [recipient(m), m]));
    const zhMail = [...byAddress.values()].find((m) => m.subject?.includes("入住体验"))!;
    expect(zhMail.text).toContain("尊敬的王小明");
    const enMail = [...byAddress.values()].find((m) => m.subject?.startsWith("How was your stay"))!;
    expect(readSurveyToken(linkIn(enMail))).toBe(invited[0].id);
    // The one-click unsubscribe header, as every e-mail of ours carries (mailparser files List-* under "list").
    expect((enMail.headers.get("list") as { unsubscribe?: { url?: string } }).unsubscribe?.url).toMatch(
      /^https:\/\/crm\.guest-archive\.test\/unsubscribe\//,
    );

    const again = await runSurveys();
    expect(again.counts).toMatchObject({ planned: 0, sent: 0 });
    expect(smtp.received).toHaveLength(2);
    const timeline = await db().timelineEvent.findMany({ where: { guestId: english.guestId, name: "survey.invited" } });
    expect(timeline).toHaveLength(1);
  });

  it("two schedulers at once plan and send each stay's link once", async () => {
    await guestWithStay({});
    await guestWithStay({});
    await Promise.all([
      runNamedJob(db(), "surveys", { asOf: AS_OF, dryRun: false, trigger: "schedule" }),
      runNamedJob(db(), "surveys", { asOf: AS_OF, dryRun: false, trigger: "schedule" }),
    ]);
    await runSurveys();
    expect(await db().surveyInvitation.count()).toBe(2);
    expect(smtp.received).toHaveLength(2);
  });

  it("a refused recipient is retried, not dropped, and a guest who withdrew consent is skipped", async () => {
    await guestWithStay({});
    await guestWithStay({});
    // Both planned; the first delivery refused.
    smtp.rejectNext(1);
    const run = await runSurveys();
    expect(run.counts).toMatchObject({ planned: 2, sent: 1, retrying: 1 });
    const waiting = await db().surveyInvitation.findFirstOrThrow({ where: { status: "PLANNED" } });
    expect(waiting.attempts).toBe(1);
    expect(waiting.lastError).toMatch(/Mailbox unavailable/);
    // Consent withdrawn before the retry: skipped, never sent.
    const stay = await db().stay.findUniqueOrThrow({ where: { id: waiting.stayId }, select: { guestId: true } });
    await db().guest.update({ where: { id: stay.guestId }, data: { consentEmail: false } });
    await db().surveyInvitation.update({ where: { id: waiting.id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    const retry = await runSurveys();
    expect(retry.counts).toMatchObject({ skipped: 1, sent: 0 });
    expect(smtp.received).toHaveLength(1);
  });
});

describe("the guest's survey link", () => {
  async function sentLink() {
    const planted = await guestWithStay({});
    await runSurveys();
    return { ...planted, token: linkIn(smtp.received.at(-1)!) };
  }

  it("answers once, without signing in, into the stay's survey, the access register and the satisfaction score", async () => {
    const { guestId, stayId, token } = await sentLink();
    const page = await openLink(token);
    expect(page.status).toBe(200);
    const shown = (await page.json()) as { link: Record<string, unknown> };
    expect(shown.link).toMatchObject({ state: "open", arrivalDate: "2027-03-06", departureDate: "2027-03-09" });
    // The page names the stay, never the guest.
    expect(JSON.stringify(shown)).not.toContain("Survey Guest");

    const bad = await answerLink(token, { score: "11", comment: "房间很安静，早餐很好" });
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(badBody.result.error.score).toEqual(["error.surveyScore"]);
    expect(badBody.result.initialValue.comment).toBe("房间很安静，早餐很好");
    expect(await db().survey.count({ where: { stayId } })).toBe(0);

    const good = await answerLink(token, { score: "9", comment: "房间很安静，早餐很好" });
    expect(good.status).toBe(200);
    expect(await good.json()).toMatchObject({ recorded: true, link: { state: "answered" } });
    const survey = await db().survey.findUniqueOrThrow({ where: { stayId } });
    expect(survey).toMatchObject({ guestId, score: 9, comment: "房间很安静，早餐很好", source: "SURVEY_LINK" });
    expect((await db().surveyInvitation.findUniqueOrThrow({ where: { stayId } })).status).toBe("ANSWERED");
    const audit = await db().auditEntry.findFirstOrThrow({ where: { entity: "Survey", entityId: survey.id, action: "CREATE" } });
    expect(audit.staffId).toBeNull();
    expect(audit.changes).toMatchObject({ via: "SURVEY_LINK", score: 9 });

    const twice = await answerLink(token, { score: "2" });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ recorded: false, link: { state: "answered" } });
    expect(await db().survey.count({ where: { stayId } })).toBe(1);

    await runNamedJob(db(), "segments", { asOf: AS_OF, dryRun: false, trigger: "cli" });
    const score = await db().guestScore.findUniqueOrThrow({ where: { guestId } });
    expect(score.satisfaction).toBe(90);
  });

  it("two answers at once record one", async () => {
    const { stayId, token } = await sentLink();
    const answers = await Promise.all([answerLink(token, { score: "8" }), answerLink(token, { score: "3" })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(await db().survey.count({ where: { stayId } })).toBe(1);
  });

  it("refuses a forged, altered or expired link, and one of an erased guest", async () => {
    const { guestId, stayId, token } = await sentLink();
    const [payload] = token.split(".");
    expect((await openLink(`${payload}.${"A".repeat(32)}`)).status).toBe(404);
    expect((await openLink("not-a-token")).status).toBe(404);
    // Another invitation's id under this signature.
    const other = Buffer.from("survey.999999").toString("base64url");
    expect((await openLink(`${other}.${token.split(".")[1]}`)).status).toBe(404);
    // A well-signed token of an invitation that does not exist.
    expect((await openLink(surveyToken(999999))).status).toBe(404);

    await db().surveyInvitation.update({ where: { stayId }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    expect(await (await openLink(token)).json()).toMatchObject({ link: { state: "expired" } });
    expect((await answerLink(token, { score: "7" })).status).toBe(410);
    expect(await db().survey.count({ where: { stayId } })).toBe(0);

    await db().surveyInvitation.update({ where: { stayId }, data: { expiresAt: new Date(Date.now() + 86_400_000) } });
    await db().guest.update({ where: { id: guestId }, data: { anonymizedAt: new Date() } });
    expect((await openLink(token)).status).toBe(404);
  });
});

describe("the stay's survey page for staff", () => {
  const pageUrl = (guestId: number, stayId: number) => `/guests/${guestId}/stays/${stayId}/survey`;
  const params = (guestId: number, stayId: number) => ({ guestId: String(guestId), stayId: String(stayId) });

  it("records what the guest said at the desk, once, and shows it", async () => {
    const { guestId, stayId } = await guestWithStay({});
    const saved = await responseOf(() =>
      staffAction({
        request: requestWith(deskCookie, pageUrl(guestId, stayId), { score: "6", comment: "Lift was slow" }),
        params: params(guestId, stayId),
        context: {},
      }),
    );
    expect(saved.status).toBe(302);
    const survey = await db().survey.findUniqueOrThrow({ where: { stayId } });
    expect(survey).toMatchObject({ score: 6, comment: "Lift was slow", source: null });
    expect((await db().auditEntry.findFirstOrThrow({ where: { entity: "Survey", entityId: survey.id } })).staffId).toBe(desk.staffId);

    const again = await responseOf(() =>
      staffAction({
        request: requestWith(deskCookie, pageUrl(guestId, stayId), { score: "10" }),
        params: params(guestId, stayId),
        context: {},
      }),
    );
    expect(again.status).toBe(409);
    expect(((await again.json()) as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["error.surveyExists"]);

    const page = await responseOf(() =>
      staffLoader({ request: requestWith(deskCookie, pageUrl(guestId, stayId)), params: params(guestId, stayId), context: {} }),
    );
    expect(await page.json()).toMatchObject({ stay: { survey: { score: 6, comment: "Lift was slow" } } });
    const read = await db().auditEntry.findFirst({ where: { entity: "Survey", action: "VIEW", guestId } });
    expect(read?.staffId).toBe(desk.staffId);
  });

  it("refuses a stay that has not checked out, a bad score (keeping the comment), and roles without the permission", async () => {
    const { guestId, stayId } = await guestWithStay({}, { status: "RESERVED", arrivalDate: "2027-04-01", departureDate: "2027-04-03" });
    const early = await responseOf(() =>
      staffAction({
        request: requestWith(deskCookie, pageUrl(guestId, stayId), { score: "8" }),
        params: params(guestId, stayId),
        context: {},
      }),
    );
    expect(early.status).toBe(400);
    expect(((await early.json()) as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual([
      "error.surveyNotCheckedOut",
    ]);

    const done = await guestWithStay({});
    const bad = await responseOf(() =>
      staffAction({
        request: requestWith(deskCookie, pageUrl(done.guestId, done.stayId), { score: "", comment: "门口有噪音" }),
        params: params(done.guestId, done.stayId),
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
    expect(body.result.error.score).toBeTruthy();
    expect(body.result.initialValue.comment).toBe("门口有噪音");

    const marketing = await responseOf(() =>
      staffLoader({
        request: requestWith(marketingCookie, pageUrl(done.guestId, done.stayId)),
        params: params(done.guestId, done.stayId),
        context: {},
      }),
    );
    expect(marketing.status).toBe(403);
    // Another guest's stay under this guest's address is not found.
    const stranger = await responseOf(() =>
      staffLoader({ request: requestWith(deskCookie, pageUrl(guestId, done.stayId)), params: params(guestId, done.stayId), context: {} }),
    );
    expect(stranger.status).toBe(404);
    expect(await db().survey.count()).toBe(0);
  });
});
