// The outreach queue: due tasks by status, channel and date, never a guest in
// the recycle bin; staff record sent, done or skipped with an outcome, and
// each appears on the guest's timeline and in the audit log.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { NotFoundError } from "~/domain/errors";
import { deleteGuest } from "~/domain/guests/recycle-bin.server";
import { listOutreachQueue, QUEUE_PAGE_SIZE, recordOutreachOutcome } from "~/domain/outreach/outreach-tasks.server";
import { planBirthdayOutreach, planOtherCampaigns } from "~/domain/outreach/plan-outreach.server";
import { plantCampaign, plantGuest, plantReachableGuestsInBulk, plantStaffMember, wipeOutreach } from "../support/fixtures";

let marketing: Actor;
let desk: Actor;

beforeAll(async () => {
  marketing = (await plantStaffMember("MARKETING")).actor;
  desk = (await plantStaffMember("ADMIN")).actor;
});

beforeEach(async () => {
  await wipeOutreach();
});

let counter = 0;
async function guest(fullName: string, fields: Record<string, unknown> = {}) {
  counter += 1;
  return (
    await plantGuest(desk, {
      fullName,
      email: `queue-${counter}@guest.test`,
      consentEmail: "on",
      phone: `1380000${String(counter).padStart(4, "0")}`,
      consentPhone: "on",
      language: "en",
      ...fields,
    })
  ).guestId;
}

describe("the queue", () => {
  it("shows planned tasks due by a date, earliest first, by channel, without guests in the recycle bin", async () => {
    const early = await guest("Early Bird", { birthDate: "1980-02-23" });
    const late = await guest("Late Riser", { birthDate: "1980-02-27" });
    const binned = await guest("In The Bin", { birthDate: "1980-02-24" });
    const email = await plantCampaign(marketing, { name: "Birthday e-mail" });
    const phone = await plantCampaign(marketing, { name: "Birthday call", channel: "PHONE" });
    await planBirthdayOutreach(db(), { asOf: "2027-02-22", dryRun: false });
    await deleteGuest(db(), desk, binned);

    // Calls are due at once (to prepare); e-mails on the birthday.
    const byDay = await listOutreachQueue(db(), { dueBy: "2027-02-22" });
    expect(byDay.total).toBe(2);
    expect(byDay.tasks.map((t) => [t.guest.fullName, t.campaign.name, t.dueDate])).toEqual([
      ["Early Bird", "Birthday call", "2027-02-22"],
      ["Late Riser", "Birthday call", "2027-02-22"],
    ]);
    const byBirthday = await listOutreachQueue(db(), { dueBy: "2027-02-27", channel: "EMAIL" });
    expect(byBirthday.tasks.map((t) => [t.guestId, t.dueDate])).toEqual([
      [early, "2027-02-23"],
      [late, "2027-02-27"],
    ]);
    expect((await listOutreachQueue(db(), { campaignId: phone.id })).tasks.every((t) => t.campaignId === phone.id)).toBe(true);
    expect((await listOutreachQueue(db(), { campaignId: email.id, dueBy: "2027-02-26" })).total).toBe(1);
    expect((await listOutreachQueue(db(), { status: "SENT" })).total).toBe(0);
  });

  it("pages through a long queue", async () => {
    const ids = await plantReachableGuestsInBulk(QUEUE_PAGE_SIZE + 7);
    await plantCampaign(marketing, { name: "VIP care", kind: "VIP_CARE" });
    await planOtherCampaigns(db(), { asOf: "2026-11-27", dryRun: false });
    const first = await listOutreachQueue(db(), { dueBy: "2026-11-27" });
    expect(first).toMatchObject({ total: ids.length, page: 1, pageCount: 2 });
    expect(first.tasks).toHaveLength(QUEUE_PAGE_SIZE);
    const second = await listOutreachQueue(db(), { dueBy: "2026-11-27", page: 2 });
    expect(second.tasks.map((t) => t.guestId)).toEqual(ids.slice(QUEUE_PAGE_SIZE));
  });
});

describe("recording what happened", () => {
  it("marks a call done with its outcome, on the timeline and in the audit log, and out of the planned queue", async () => {
    const id = await guest("Called Guest", { birthDate: "1980-02-25" });
    const campaign = await plantCampaign(marketing, { name: "Birthday call", channel: "PHONE" });
    await planBirthdayOutreach(db(), { asOf: "2027-02-22", dryRun: false });
    const task = await db().outreachTask.findFirstOrThrow({ where: { guestId: id } });

    await recordOutreachOutcome(db(), marketing, task.id, "DONE", "Called; she will stay for her birthday");
    expect(await db().outreachTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
      status: "DONE",
      outcome: "Called; she will stay for her birthday",
      handledById: marketing.staffId,
      sentAt: null,
    });
    const events = await db().timelineEvent.findMany({ where: { guestId: id, name: "outreach.done" } });
    expect(events.map((e) => [e.actorId, e.properties])).toEqual([
      [
        marketing.staffId,
        { taskId: task.id, campaignId: campaign.id, channel: "PHONE", outcome: "Called; she will stay for her birthday" },
      ],
    ]);
    const audit = await db().auditEntry.findMany({ where: { entity: "OutreachTask", entityId: task.id } });
    expect(audit.map((a) => [a.staffId, a.guestId, a.changes])).toEqual([
      [marketing.staffId, id, { status: ["PLANNED", "DONE"], outcome: "Called; she will stay for her birthday" }],
    ]);
    expect((await listOutreachQueue(db(), { dueBy: "2027-02-28" })).total).toBe(0);
    expect((await listOutreachQueue(db(), { status: "DONE" })).tasks.map((t) => t.id)).toEqual([task.id]);
  });

  it("marks a letter sent (dated once) and then done, or a task skipped", async () => {
    const letter = await guest("Letter Guest", { birthDate: "1980-02-25", consentMail: "on", address: "1 Bund Road" });
    const skip = await guest("Skip Guest", { birthDate: "1980-02-26", consentMail: "on", address: "2 Bund Road" });
    await plantCampaign(marketing, { name: "Birthday card", channel: "MAIL" });
    await planBirthdayOutreach(db(), { asOf: "2027-02-22", dryRun: false });
    const [a, b] = await Promise.all([letter, skip].map((guestId) => db().outreachTask.findFirstOrThrow({ where: { guestId } })));

    await recordOutreachOutcome(db(), marketing, a.id, "SENT", null);
    const sent = await db().outreachTask.findUniqueOrThrow({ where: { id: a.id } });
    expect(sent.status).toBe("SENT");
    expect(sent.sentAt).toBeInstanceOf(Date);
    await recordOutreachOutcome(db(), marketing, a.id, "DONE", "Thanked us by WeChat");
    expect(await db().outreachTask.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      status: "DONE",
      sentAt: sent.sentAt,
      outcome: "Thanked us by WeChat",
    });

    await recordOutreachOutcome(db(), marketing, b.id, "SKIPPED", "Moved abroad");
    expect(await db().outreachTask.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({
      status: "SKIPPED",
      outcome: "Moved abroad",
    });
    const names = (await db().timelineEvent.findMany({ where: { name: { startsWith: "outreach." } }, orderBy: { id: "asc" } })).map((e) => [
      e.guestId,
      e.name,
    ]);
    expect(names).toEqual([
      [letter, "outreach.planned"],
      [skip, "outreach.planned"],
      [letter, "outreach.sent"],
      [letter, "outreach.done"],
      [skip, "outreach.skipped"],
    ]);
  });

  it("refuses a task of a guest in the recycle bin, or one that does not exist", async () => {
    const id = await guest("Binned Task", { birthDate: "1980-02-25" });
    await plantCampaign(marketing, { channel: "PHONE" });
    await planBirthdayOutreach(db(), { asOf: "2027-02-22", dryRun: false });
    const task = await db().outreachTask.findFirstOrThrow({ where: { guestId: id } });
    await deleteGuest(db(), desk, id);
    await expect(recordOutreachOutcome(db(), marketing, task.id, "DONE", null)).rejects.toThrow(NotFoundError);
    await expect(recordOutreachOutcome(db(), marketing, task.id + 1000, "DONE", null)).rejects.toThrow(NotFoundError);
    expect((await db().outreachTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("PLANNED");
  });
});

describe("birthdays across the year end", () => {
  it("plans a 2 January birthday from 28 December", async () => {
    const id = await guest("New Year Baby", { birthDate: "1985-01-02" });
    await plantCampaign(marketing, {});
    await planBirthdayOutreach(db(), { asOf: "2026-12-28", dryRun: false });
    expect(await db().outreachTask.findFirstOrThrow({ where: { guestId: id } })).toMatchObject({
      occasionKey: "birthday:2027-01-02",
      occasionDate: "2027-01-02",
    });
  });
});
