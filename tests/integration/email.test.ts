// E-mail outreach delivered to a real SMTP server started by the test
// (smtp-server, parsed with mailparser): recipient, subject, language, the
// unsubscribe header and link — and following that link records the opt-out.
// Failures are retried with back-off and end as FAILED, never dropped; two
// senders at once send each task once; without SMTP the outbox folder gets
// one .eml per task.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { deleteGuest } from "~/domain/guests/recycle-bin.server";
import { runNamedJob } from "../../jobs/registry.server";
import { planBirthdayOutreach, planHolidayOutreach } from "~/domain/outreach/plan-outreach.server";
import { backoffMs, MAX_ATTEMPTS, sendDueEmails } from "~/domain/outreach/send-outreach.server";
import { readUnsubscribeToken, recordOptOut } from "~/domain/outreach/unsubscribe.server";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/unsubscribe.$token";
import { simpleParser, type ParsedMail } from "mailparser";
import { startSmtp, type Smtp } from "../support/smtp";
import { holidayIdOf, plantCampaign, plantGuest, plantReachableGuestsInBulk, plantStaffMember, wipeOutreach } from "../support/fixtures";

const PLAN_AS_OF = "2027-02-22";
const BIRTHDAY = "2027-02-25";
const APP_URL = "https://crm.guest-archive.test";

let smtp: Smtp;
let marketing: Actor;
let desk: Actor;
const savedEnv = { ...process.env };

beforeAll(async () => {
  smtp = await startSmtp();
  marketing = (await plantStaffMember("MARKETING")).actor;
  desk = (await plantStaffMember("ADMIN")).actor;
});

afterAll(async () => {
  await smtp.close();
});

beforeEach(async () => {
  await wipeOutreach();
  smtp.received.length = 0;
  smtp.rejectNext(0);
  // createMailer reads these when each send starts.
  process.env.SMTP_HOST = "127.0.0.1";
  process.env.SMTP_PORT = String(smtp.port);
  process.env.SMTP_IGNORE_TLS = "true";
  delete process.env.SMTP_USER;
  delete process.env.SMTP_SECURE;
  process.env.APP_URL = APP_URL;
  process.env.MAIL_FROM = "Guest Care <care@guest-archive.test>";
});

afterEach(() => {
  for (const key of ["SMTP_HOST", "SMTP_PORT", "SMTP_IGNORE_TLS", "APP_URL", "MAIL_FROM", "OUTBOX_DIR"]) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
});

let counter = 0;
async function guest(fullName: string, fields: Record<string, unknown> = {}) {
  counter += 1;
  return (
    await plantGuest(desk, {
      fullName,
      email: `mail-${counter}@guest.test`,
      consentEmail: "on",
      language: "en",
      birthDate: "1980-02-25",
      ...fields,
    })
  ).guestId;
}

async function birthdayCampaign(fields: Record<string, unknown> = {}) {
  return plantCampaign(marketing, { name: "Birthday e-mail", ...fields });
}

const taskOf = async (guestId: number, campaignId?: number) =>
  db().outreachTask.findFirstOrThrow({ where: { guestId, ...(campaignId ? { campaignId } : {}) } });
const eventsOf = (guestId: number, name: string) => db().timelineEvent.findMany({ where: { guestId, name }, orderBy: { id: "asc" } });
const addressOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0].address;
/** A header exactly as it arrived ("Name: value"), unfolded. */
const rawHeader = (mail: ParsedMail, name: string) =>
  mail.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/\r?\n\s+/g, " ");
/** The link of the List-Unsubscribe header (mailparser files List-* headers under "list"). */
const unsubscribeHeaderUrl = (mail: ParsedMail) =>
  (mail.headers.get("list") as { unsubscribe?: { url?: string } } | undefined)?.unsubscribe?.url;

/** A clock the test moves by hand. */
function clock(start: string) {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe("sending through SMTP", () => {
  it("delivers the planned message on the birthday: recipient, subject, body, unsubscribe header and link", async () => {
    const id = await guest("John Mail");
    await birthdayCampaign();
    await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
    const task = await taskOf(id);
    expect(task).toMatchObject({ dueDate: BIRTHDAY, status: "PLANNED" });

    // Not due before the day itself.
    expect(await sendDueEmails(db(), { asOf: PLAN_AS_OF, dryRun: false })).toMatchObject({ due: 0, sent: 0 });
    expect(smtp.received).toHaveLength(0);

    expect(await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false })).toEqual({ due: 1, sent: 1, failed: 0, retrying: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(addressOf(mail)).toBe((await db().guest.findUniqueOrThrow({ where: { id } })).email);
    expect(mail.from!.value[0].address).toBe("care@guest-archive.test");
    expect(mail.subject).toBe("Happy birthday, John Mail!");
    expect(mail.messageId).toBe(`<outreach-task-${task.id}@guest-archive.local>`);
    expect(mail.text).toContain("Dear John Mail,\nGuest Archive Hotels wishes you a wonderful 2027-02-25.");

    const link = mail.text!.match(/Unsubscribe: (\S+)/)?.[1];
    expect(link).toMatch(new RegExp(`^${APP_URL}/unsubscribe/[\\w-]+\\.[\\w-]+$`));
    expect(mail.html).toContain(`<a href="${link}">Unsubscribe</a>`);
    expect(rawHeader(mail, "List-Unsubscribe")).toBe(`List-Unsubscribe: <${link}>`);
    expect(unsubscribeHeaderUrl(mail)).toBe(link);
    expect(rawHeader(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const token = link!.split("/").pop()!;
    expect(readUnsubscribeToken(token)).toEqual({ guestId: id, channel: "EMAIL" });

    expect(await taskOf(id)).toMatchObject({ status: "SENT", attempts: 1, lastError: null, nextAttemptAt: null });
    expect((await taskOf(id)).sentAt).toBeInstanceOf(Date);
    expect((await eventsOf(id, "outreach.sent")).map((e) => e.properties)).toEqual([
      { taskId: task.id, campaignId: task.campaignId, channel: "EMAIL" },
    ]);

    // Sent is sent: the next run sends nothing again.
    expect(await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false })).toMatchObject({ due: 0, sent: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("writes to a Chinese-speaking guest in Chinese, the unsubscribe text too", async () => {
    const id = await guest("王小红", { language: "zh-CN" });
    await birthdayCampaign();
    await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
    await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false });
    const mail = smtp.received[0];
    expect(mail.subject).toBe("王小红，生日快乐！");
    expect(mail.text).toContain("尊敬的王小红：\n宾客档案酒店祝您2027-02-25快乐！");
    expect(mail.text).toMatch(/退订：https:\/\/crm\.guest-archive\.test\/unsubscribe\/\S+/);
    expect(mail.html).toContain(">退订</a>");
    expect(
      readUnsubscribeToken(
        mail
          .text!.match(/退订：(\S+)/)![1]
          .split("/")
          .pop()!,
      ),
    ).toEqual({ guestId: id, channel: "EMAIL" });
  });

  it("escapes the message in the HTML part", async () => {
    await guest("Tom <b>&</b> Jerry");
    await birthdayCampaign();
    await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
    await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false });
    expect(smtp.received[0].html).toContain("Dear Tom &lt;b&gt;&amp;&lt;/b&gt; Jerry,<br>");
    expect(smtp.received[0].html).not.toContain("<b>&</b>");
  });

  it("sends nothing on a dry run, nor to a guest in the recycle bin, and skips a guest who withdrew consent after planning", async () => {
    const binned = await guest("Binned Later");
    const withdrew = await guest("Withdrew Later");
    await birthdayCampaign();
    await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
    await deleteGuest(db(), desk, binned);
    await db().guest.update({ where: { id: withdrew }, data: { consentEmail: false } });

    expect(await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: true })).toEqual({ due: 1, sent: 0, failed: 0, retrying: 0 });
    expect(await taskOf(withdrew)).toMatchObject({ status: "PLANNED", attempts: 0 });

    expect(await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false })).toMatchObject({ due: 1, sent: 0 });
    expect(smtp.received).toHaveLength(0);
    expect(await taskOf(withdrew)).toMatchObject({ status: "SKIPPED", outcome: "no e-mail consent" });
    // The binned guest's task waits (restored guests are still greeted); it is not sent.
    expect(await taskOf(binned)).toMatchObject({ status: "PLANNED", attempts: 0 });
  });

  it("runs as the send-email job, recorded with its counts", async () => {
    await guest("Job Mail A");
    await guest("Job Mail B");
    await birthdayCampaign();
    await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
    const outcome = await runNamedJob(db(), "send-email", { asOf: BIRTHDAY, dryRun: false, trigger: "manual" });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", counts: { due: 2, sent: 2, failed: 0, retrying: 0 } });
    expect(smtp.received.map(addressOf).sort()).toEqual(
      (await db().guest.findMany({ select: { email: true } })).map((g) => g.email).sort(),
    );
  });
});

describe("the unsubscribe link", () => {
  const midAutumn = async (channel = "EMAIL") =>
    plantCampaign(marketing, {
      name: `Mid-Autumn ${channel}`,
      kind: "HOLIDAY",
      holidayId: String(await holidayIdOf("MID_AUTUMN")),
      leadDays: "10",
      channel,
      subjectEn: "Happy {holiday}, {name}",
      subjectZh: "{name}，{holiday}快乐",
    });
  const post = (url: string, body?: string) =>
    new Request(url, { method: "POST", ...(body ? { body, headers: { "Content-Type": "application/x-www-form-urlencoded" } } : {}) });

  it("records the opt-out through the page's action: consent off, a timeline event, the guest's other planned e-mails skipped", async () => {
    const id = await guest("Opt Out", { consentSms: "on", phone: "13800003333" });
    const other = await guest("Stays Subscribed");
    const birthday = await birthdayCampaign();
    const email = await midAutumn("EMAIL");
    const sms = await midAutumn("SMS");
    await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
    await planHolidayOutreach(db(), { asOf: "2027-09-06", dryRun: false });
    expect(await db().outreachTask.count({ where: { guestId: id } })).toBe(3);

    await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false });
    const mail = smtp.received.find((m) => m.subject === "Happy birthday, Opt Out!")!;
    const link = unsubscribeHeaderUrl(mail)!;
    expect(mail.text).toContain(link);
    const token = new URL(link).pathname.split("/").pop()!;

    // Opening the page only asks; nothing changes yet.
    expect(await (await unsubscribeLoader({ request: new Request(link), params: { token }, context: {} })).json()).toEqual({
      channel: "EMAIL",
      already: false,
    });
    expect((await db().guest.findUniqueOrThrow({ where: { id } })).consentEmail).toBe(true);

    // The mail client's one-click POST (RFC 8058), or the page's button.
    const response = await unsubscribeAction({ request: post(link, "List-Unsubscribe=One-Click"), params: { token }, context: {} });
    expect(await response.json()).toEqual({ done: true, changed: true });

    const after = await db().guest.findUniqueOrThrow({ where: { id } });
    expect(after).toMatchObject({ consentEmail: false, consentSms: true, version: 2 });
    expect((await eventsOf(id, "outreach.unsubscribed")).map((e) => e.properties)).toEqual([{ channel: "EMAIL" }]);
    const audit = await db().auditEntry.findMany({ where: { guestId: id, entity: "Guest", action: "UPDATE" } });
    expect(audit.map((a) => a.changes)).toEqual([{ consentEmail: [true, false], via: "unsubscribe link" }]);
    expect(await taskOf(id, email.id)).toMatchObject({ status: "SKIPPED", outcome: "unsubscribed" });
    expect(await taskOf(id, sms.id)).toMatchObject({ status: "PLANNED" });
    expect(await taskOf(id, birthday.id)).toMatchObject({ status: "SENT" }); // the birthday e-mail had already gone
    expect(await taskOf(other, email.id)).toMatchObject({ status: "PLANNED" });

    // Reopened, the link says so; a second click changes nothing more.
    expect(await (await unsubscribeLoader({ request: new Request(link), params: { token }, context: {} })).json()).toEqual({
      channel: "EMAIL",
      already: true,
    });
    const again = await unsubscribeAction({ request: post(link), params: { token }, context: {} });
    expect(await again.json()).toEqual({ done: true, changed: false });
    expect(await eventsOf(id, "outreach.unsubscribed")).toHaveLength(1);
    expect((await db().guest.findUniqueOrThrow({ where: { id } })).version).toBe(2);

    // On Mid-Autumn only the other guest gets the e-mail.
    smtp.received.length = 0;
    expect(await sendDueEmails(db(), { asOf: "2027-09-15", dryRun: false })).toMatchObject({ due: 1, sent: 1 });
    expect(smtp.received.map((m) => m.subject)).toEqual(["Happy Mid-Autumn Festival, Stays Subscribed"]);
  });

  it("refuses a forged or mangled link and changes nothing", async () => {
    const id = await guest("Not Forgeable");
    await birthdayCampaign();
    await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
    await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false });
    const token = smtp.received[0].text!.match(/Unsubscribe: \S+\/unsubscribe\/(\S+)/)![1];
    const [, signature] = token.split(".");
    const forged = `${Buffer.from(`${id + 1}.EMAIL`).toString("base64url")}.${signature}`;
    for (const bad of [forged, `${token}x`, "nonsense"]) {
      const url = `${APP_URL}/unsubscribe/${bad}`;
      await expect(unsubscribeAction({ request: post(url), params: { token: bad }, context: {} })).rejects.toMatchObject({ status: 404 });
      await expect(unsubscribeLoader({ request: new Request(url), params: { token: bad }, context: {} })).rejects.toMatchObject({
        status: 404,
      });
    }
    expect((await db().guest.findUniqueOrThrow({ where: { id } })).consentEmail).toBe(true);
    expect(await db().timelineEvent.count({ where: { name: "outreach.unsubscribed" } })).toBe(0);
  });

  it("keeps an unsubscribed guest out of the next campaigns", async () => {
    const id = await guest("Gone For Good");
    await guest("Still Here");
    await recordOptOut(db(), id, "EMAIL");
    await midAutumn("EMAIL");
    await planHolidayOutreach(db(), { asOf: "2027-09-06", dryRun: false });
    expect((await db().outreachTask.findMany({ include: { guest: true } })).map((t) => t.guest.fullName)).toEqual(["Still Here"]);
  });
});

describe("failures", () => {
  it("keeps a refused message planned with the error and a retry time, and sends it once the server accepts", async () => {
    const id = await guest("Retry Later");
    await birthdayCampaign();
    await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
    const c = clock("2027-02-25T01:00:00Z");

    smtp.rejectNext(1);
    expect(await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false, now: c.now })).toEqual({ due: 1, sent: 0, failed: 0, retrying: 1 });
    expect(smtp.received).toHaveLength(0);
    const failed = await taskOf(id);
    expect(failed).toMatchObject({ status: "PLANNED", attempts: 1, sentAt: null });
    expect(failed.lastError).toMatch(/Mailbox unavailable \(test\)/);
    expect(failed.nextAttemptAt).toEqual(new Date(c.now().getTime() + backoffMs(1)));
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThan(c.now().getTime());

    // Not before the back-off has passed.
    c.advance(backoffMs(1) - 1_000);
    expect(await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false, now: c.now })).toMatchObject({ due: 0, sent: 0 });
    c.advance(1_000);
    expect(await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false, now: c.now })).toMatchObject({ due: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(await taskOf(id)).toMatchObject({ status: "SENT", attempts: 2, lastError: null, nextAttemptAt: null });
  });

  it(`gives up after ${MAX_ATTEMPTS} refused attempts: FAILED, on the timeline, never dropped`, async () => {
    const id = await guest("Always Refused");
    await birthdayCampaign();
    await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
    const c = clock("2027-02-25T01:00:00Z");
    smtp.rejectNext(1_000);

    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      expect(await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false, now: c.now })).toMatchObject({ sent: 0, retrying: 1, failed: 0 });
      const task = await taskOf(id);
      expect(task).toMatchObject({ status: "PLANNED", attempts: attempt });
      expect(task.nextAttemptAt).toEqual(new Date(c.now().getTime() + backoffMs(attempt)));
      c.advance(backoffMs(attempt));
    }
    expect(await eventsOf(id, "outreach.failed")).toHaveLength(0);
    expect(await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false, now: c.now })).toMatchObject({ sent: 0, retrying: 0, failed: 1 });
    const task = await taskOf(id);
    expect(task).toMatchObject({ status: "FAILED", attempts: MAX_ATTEMPTS, nextAttemptAt: null, sentAt: null });
    expect(task.lastError).toMatch(/Mailbox unavailable/);
    const events = await eventsOf(id, "outreach.failed");
    expect(events).toHaveLength(1);
    expect(events[0].properties).toMatchObject({ taskId: task.id });
    expect((events[0].properties as { error: string }).error).toMatch(/Mailbox unavailable/);

    // Nothing more is tried, however late it gets.
    c.advance(30 * 86_400_000);
    expect(await sendDueEmails(db(), { asOf: "2027-03-31", dryRun: false, now: c.now })).toMatchObject({ due: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it("records an unreachable server as a failure to retry, not a crash", async () => {
    const id = await guest("No Server");
    await birthdayCampaign();
    await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
    const closed = await startSmtp();
    await closed.close();
    process.env.SMTP_PORT = String(closed.port);
    expect(await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false })).toMatchObject({ sent: 0, retrying: 1 });
    expect(await taskOf(id)).toMatchObject({ status: "PLANNED", attempts: 1 });
    expect((await taskOf(id)).lastError).toMatch(/ECONNREFUSED/);
  });
});

describe("two senders at once", () => {
  it("send each task exactly once", async () => {
    const ids = await plantReachableGuestsInBulk(24, { birthDate: "1990-02-25" });
    await birthdayCampaign();
    await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
    expect(await db().outreachTask.count()).toBe(ids.length);

    const [a, b] = await Promise.all([
      sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false }),
      sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false }),
    ]);
    expect(a.sent + b.sent).toBe(ids.length);
    expect(smtp.received).toHaveLength(ids.length);
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(ids.length);
    expect(new Set(smtp.received.map(addressOf)).size).toBe(ids.length);
    expect(await db().outreachTask.count({ where: { status: "SENT", attempts: 1 } })).toBe(ids.length);
    expect(await db().timelineEvent.count({ where: { name: "outreach.sent" } })).toBe(ids.length);
  });

  it("as two send-email jobs: one runs, the other is skipped or finds nothing left", async () => {
    const ids = await plantReachableGuestsInBulk(10, { birthDate: "1990-02-25" });
    await birthdayCampaign();
    await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
    const outcomes = await Promise.all([
      runNamedJob(db(), "send-email", { asOf: BIRTHDAY, dryRun: false, trigger: "schedule" }),
      runNamedJob(db(), "send-email", { asOf: BIRTHDAY, dryRun: false, trigger: "schedule" }),
    ]);
    expect(outcomes.every((o) => o.status === "SUCCEEDED" || o.status === "SKIPPED")).toBe(true);
    expect(smtp.received).toHaveLength(ids.length);
  });
});

describe("without SMTP settings", () => {
  it("writes one .eml per task into the outbox folder", async () => {
    const outbox = fs.mkdtempSync(path.join(os.tmpdir(), "guest-archive-outbox-"));
    try {
      delete process.env.SMTP_HOST;
      process.env.OUTBOX_DIR = outbox;
      const en = await guest("Outbox English");
      await guest("Outbox Chinese", { language: "zh-CN" });
      await birthdayCampaign();
      await planBirthdayOutreach(db(), { asOf: PLAN_AS_OF, dryRun: false });
      expect(await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false })).toMatchObject({ due: 2, sent: 2 });
      expect(smtp.received).toHaveLength(0);

      const tasks = await db().outreachTask.findMany({ orderBy: { id: "asc" } });
      const files = fs.readdirSync(outbox).sort();
      expect(files).toEqual(tasks.map((t) => `outreach-task-${t.id}@guest-archive.local.eml`).sort());
      const mail = await simpleParser(fs.readFileSync(path.join(outbox, `outreach-task-${(await taskOf(en)).id}@guest-archive.local.eml`)));
      expect(addressOf(mail)).toBe((await db().guest.findUniqueOrThrow({ where: { id: en } })).email);
      expect(mail.subject).toBe("Happy birthday, Outbox English!");
      expect(unsubscribeHeaderUrl(mail)).toMatch(new RegExp(`^${APP_URL}/unsubscribe/`));
      expect(mail.text).toMatch(/Unsubscribe: https:\/\/crm\.guest-archive\.test\/unsubscribe\//);
      expect(await db().outreachTask.count({ where: { status: "SENT" } })).toBe(2);

      // Sending again writes nothing more.
      await sendDueEmails(db(), { asOf: BIRTHDAY, dryRun: false });
      expect(fs.readdirSync(outbox)).toHaveLength(2);
    } finally {
      fs.rmSync(outbox, { recursive: true, force: true });
    }
  });
});
