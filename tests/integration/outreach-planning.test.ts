// Planning outreach with fixed as-of dates: birthday campaigns (29 February in
// a common year, lunar birthdays), holiday campaigns (lunar holidays on their
// published dates), consent and the recycle bin, gifts and languages, the
// audience filters, and the promise that re-running a job, running two at
// once, or finishing a job killed halfway never plans anything twice.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { DomainError } from "~/domain/errors";
import { deleteGuest } from "~/domain/guests/recycle-bin.server";
import { runNamedJob } from "../../jobs/registry.server";
import { runJob } from "~/domain/jobs/run-job.server";
import { addPreference } from "~/domain/preferences/save-preferences.server";
import { preferenceFormSchema } from "~/domain/preferences/preference-form";
import { audienceWhere } from "~/domain/outreach/audience.server";
import { audienceSchema } from "~/domain/outreach/campaign-form";
import {
  ActivationRefused,
  activationCheck,
  listCampaigns,
  previewCampaign,
  setCampaignStatus,
  updateCampaign,
} from "~/domain/outreach/campaigns.server";
import { DEFAULT_TEXTS } from "~/domain/outreach/campaign-texts";
import { action as newCampaignAction } from "~/routes/outreach.campaigns.new";
import { action as campaignAction } from "~/routes/outreach.campaigns.$campaignId";
import { requestWith, responseOf, signIn } from "../support/sign-in";
import { DEFAULT_HOLIDAYS, ensureDefaultHolidays } from "~/domain/outreach/holidays";
import {
  BULK_PLAN_CHUNK,
  canPlanInBulk,
  PLAN_BATCH,
  planBirthdayOutreach,
  planHolidayOutreach,
  planOtherCampaigns,
} from "~/domain/outreach/plan-outreach.server";
import {
  campaignInput,
  holidayIdOf,
  plantCampaign,
  plantGuest,
  plantProperty,
  plantReachableGuestsInBulk,
  plantStaffMember,
  plantStay,
  wipeOutreach,
} from "../support/fixtures";

let marketing: Actor;
let desk: Actor;
let shanghai: number;
let beijing: number;

beforeAll(async () => {
  marketing = (await plantStaffMember("MARKETING")).actor;
  desk = (await plantStaffMember("ADMIN")).actor;
  shanghai = (await plantProperty("SHA")).id;
  beijing = (await plantProperty("PEK")).id;
  await db().identityMarker.createMany({
    data: [
      { code: "VIP", labelEn: "VIP", labelZh: "贵宾", color: "gold", icon: "star" },
      { code: "CORP", labelEn: "Corporate", labelZh: "协议客户", color: "blue", icon: "briefcase" },
    ],
  });
});

beforeEach(async () => {
  await wipeOutreach();
});

/** A guest who may be e-mailed (unless the fields say otherwise). */
let guestCounter = 0;
async function reachable(fullName: string, fields: Record<string, unknown> = {}) {
  guestCounter += 1;
  const email = `guest-${guestCounter}@guest.test`;
  return (await plantGuest(desk, { fullName, email, consentEmail: "on", language: "en", ...fields })).guestId;
}

async function prefer(guestId: number, category: string, value: string) {
  await addPreference(db(), desk, guestId, preferenceFormSchema.parse({ category, value }));
}

const tasksOf = (campaignId?: number) =>
  db().outreachTask.findMany({
    where: campaignId ? { campaignId } : {},
    orderBy: [{ guestId: "asc" }, { id: "asc" }],
    include: { guest: { select: { fullName: true } } },
  });

async function taskFor(guestId: number) {
  const tasks = await db().outreachTask.findMany({ where: { guestId } });
  expect(tasks.length, `tasks of guest #${guestId}`).toBeLessThanOrEqual(1);
  return tasks[0] ?? null;
}

/** No (campaign, guest, occasion) twice — checked on the rows, not trusted to the unique index. */
async function expectNoDuplicates() {
  const rows = await db().outreachTask.findMany({ select: { campaignId: true, guestId: true, occasionKey: true } });
  const keys = rows.map((r) => `${r.campaignId}/${r.guestId}/${r.occasionKey}`);
  expect(new Set(keys).size).toBe(keys.length);
  // Every task has exactly one "planned" event on the guest's timeline.
  const events = await db().timelineEvent.findMany({ where: { name: "outreach.planned" }, select: { properties: true } });
  const taskIds = events.map((e) => (e.properties as { taskId: number }).taskId);
  expect(new Set(taskIds).size).toBe(taskIds.length);
  expect(taskIds.length).toBe(rows.length);
}

describe("birthday campaign (e-mail, 7 lead days)", () => {
  const AS_OF = "2027-02-22"; // window 2027-02-22 … 2027-03-01, a common year

  it("greets a guest born on 29 February on 28 February 2027, and only those whose birthday falls in the window", async () => {
    const leap = await reachable("Leap Day", { birthDate: "1992-02-29" });
    const first = await reachable("Window Start", { birthDate: "1985-02-22" });
    const last = await reachable("Window End", { birthDate: "1980-03-01" });
    const before = await reachable("Day Before", { birthDate: "1980-02-21" });
    const after = await reachable("Day After", { birthDate: "1980-03-02" });
    await reachable("No Birthday");
    const campaign = await plantCampaign(marketing, { name: "Birthdays 2027" });

    const counts = await planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false });
    expect(counts).toEqual({ campaigns: 1, matched: 3, planned: 3, alreadyGreeted: 0 });

    expect(await taskFor(leap)).toMatchObject({
      campaignId: campaign.id,
      occasionKey: "birthday:2027-02-28",
      occasionDate: "2027-02-28",
      dueDate: "2027-02-28",
      channel: "EMAIL",
      status: "PLANNED",
      attempts: 0,
      language: "en",
      subject: "Happy birthday, Leap Day!",
    });
    expect(await taskFor(first)).toMatchObject({ occasionKey: "birthday:2027-02-22", occasionDate: "2027-02-22", dueDate: "2027-02-22" });
    expect(await taskFor(last)).toMatchObject({ occasionKey: "birthday:2027-03-01", occasionDate: "2027-03-01" });
    expect(await taskFor(before)).toBeNull();
    expect(await taskFor(after)).toBeNull();
    expect(await db().outreachTask.count()).toBe(3);
  });

  it("greets a 29 February guest on the day itself in a leap year", async () => {
    const leap = await reachable("Leap Year", { birthDate: "1992-02-29" });
    await plantCampaign(marketing, {});
    await planBirthdayOutreach(db(), { asOf: "2028-02-25", dryRun: false });
    expect(await taskFor(leap)).toMatchObject({ occasionKey: "birthday:2028-02-29", occasionDate: "2028-02-29" });
  });

  it("greets a lunar birthday on its Gregorian date that year, not on the Gregorian birth date", async () => {
    // Lunar 1/15 (元宵) is 20 February 2027; the guest's Gregorian birth date (5 October) is far away.
    const lantern = await reachable("Lunar Lantern", {
      birthdayCalendar: "LUNAR",
      lunarBirthMonth: "1",
      lunarBirthDay: "15",
      birthDate: "1970-10-05",
    });
    // A guest who keeps a lunar birthday far from February, though born on 20 February (Gregorian).
    const autumn = await reachable("Lunar Autumn", {
      birthdayCalendar: "LUNAR",
      lunarBirthMonth: "8",
      lunarBirthDay: "15",
      birthDate: "1988-02-20",
    });
    // Lunar calendar from the birth date alone: 1990-02-09 is lunar 1/14, which is 19 February 2027.
    const derived = await reachable("Lunar Derived", { birthdayCalendar: "LUNAR", birthDate: "1990-02-09" });
    const gregorian = await reachable("Solar Twin", { birthDate: "1970-02-20" });
    await plantCampaign(marketing, {});

    await planBirthdayOutreach(db(), { asOf: "2027-02-15", dryRun: false });
    expect(await taskFor(lantern)).toMatchObject({ occasionKey: "birthday:2027-02-20", occasionDate: "2027-02-20" });
    expect(await taskFor(derived)).toMatchObject({ occasionDate: "2027-02-19" });
    expect(await taskFor(gregorian)).toMatchObject({ occasionDate: "2027-02-20" });
    expect(await taskFor(autumn)).toBeNull();

    // Mid-Autumn 2027 is 15 September: the lunar 8/15 guest is greeted then.
    await planBirthdayOutreach(db(), { asOf: "2027-09-10", dryRun: false });
    expect(await taskFor(autumn)).toMatchObject({ occasionKey: "birthday:2027-09-15", occasionDate: "2027-09-15" });
  });

  it("greets a lunar 30th on the 29th when that month is short (除夕 2027 is 5 February)", async () => {
    const eve = await reachable("Lunar Eve", { birthdayCalendar: "LUNAR", lunarBirthMonth: "12", lunarBirthDay: "30" });
    await plantCampaign(marketing, {});
    await planBirthdayOutreach(db(), { asOf: "2027-02-01", dryRun: false });
    expect(await taskFor(eve)).toMatchObject({ occasionKey: "birthday:2027-02-05", occasionDate: "2027-02-05" });
  });

  it("skips guests without e-mail consent or without an address, in the recycle bin, or anonymised", async () => {
    const ok = await reachable("Has Consent", { birthDate: "1980-02-25" });
    const noConsent = await reachable("No Consent", { birthDate: "1980-02-25", consentEmail: "" });
    const smsOnly = await reachable("Sms Only", { birthDate: "1980-02-25", consentEmail: "", consentSms: "on", phone: "13800001111" });
    const noEmail = await reachable("No Email", { birthDate: "1980-02-25", email: "" });
    const deleted = await reachable("In The Bin", { birthDate: "1980-02-25" });
    const anonymised = await reachable("Anonymised Already", { birthDate: "1980-02-25" });
    await deleteGuest(db(), desk, deleted, "duplicate");
    // Only the flag: their birthday, address and consent still look reachable.
    await db().guest.update({ where: { id: anonymised }, data: { anonymizedAt: new Date("2027-01-01T00:00:00Z") } });
    await plantCampaign(marketing, {});

    expect(await planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false })).toEqual({
      campaigns: 1,
      matched: 1,
      planned: 1,
      alreadyGreeted: 0,
    });
    expect((await tasksOf()).map((t) => t.guestId)).toEqual([ok]);
    for (const id of [noConsent, smsOnly, noEmail, deleted, anonymised]) expect(await taskFor(id)).toBeNull();
  });

  it("reaches SMS-consenting guests with a phone on an SMS campaign, and no one who only consented to e-mail", async () => {
    const sms = await reachable("Sms Yes", { birthDate: "1980-02-25", consentEmail: "", consentSms: "on", phone: "13800002222" });
    const email = await reachable("Email Only", { birthDate: "1980-02-25" });
    await plantCampaign(marketing, { channel: "SMS" });
    await planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false });
    expect((await tasksOf()).map((t) => [t.guestId, t.channel, t.dueDate])).toEqual([[sms, "SMS", "2027-02-25"]]);
    expect(await taskFor(email)).toBeNull();
  });

  it("suggests a gift from the guest's likes that never clashes with an allergy or taboo", async () => {
    const chocolatePeanut = await reachable("Chocolate Peanut", { birthDate: "1980-02-25" });
    await prefer(chocolatePeanut, "HOBBY", "chocolate 巧克力");
    await prefer(chocolatePeanut, "ALLERGY", "peanuts 花生");
    const wineNoAlcohol = await reachable("Wine Teetotal", { birthDate: "1980-02-25" });
    await prefer(wineNoAlcohol, "BEVERAGE", "red wine 红酒");
    await prefer(wineNoAlcohol, "TABOO", "no alcohol 忌酒");
    const flowersPollen = await reachable("Flowers Pollen", { birthDate: "1980-02-25" });
    await prefer(flowersPollen, "AMENITY", "fresh flowers 鲜花");
    await prefer(flowersPollen, "ALLERGY", "pollen 花粉");
    const tea = await reachable("Green Tea", { birthDate: "1980-02-25" });
    await prefer(tea, "BEVERAGE", "green tea 绿茶");
    const teaZh = await reachable("Tea Chinese", { birthDate: "1980-02-25", language: "zh-CN" });
    await prefer(teaZh, "BEVERAGE", "普洱茶");
    await plantCampaign(marketing, {});

    await planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false });
    const gift = async (id: number) => (await taskFor(id))!.giftSuggestion;
    expect(await gift(chocolatePeanut)).not.toBe("handmade chocolates");
    expect(await gift(wineNoAlcohol)).not.toMatch(/wine|baijiu/);
    expect(await gift(flowersPollen)).not.toMatch(/flowers/);
    expect(await gift(tea)).toBe("a box of fine tea");
    expect(await gift(teaZh)).toBe("精选茶礼");
    // The message names the same gift.
    expect((await taskFor(tea))!.message).toContain("a box of fine tea");
  });

  it("writes to each guest in their language, from the campaign's template", async () => {
    const en = await reachable("English Guest", { birthDate: "1980-02-25", language: "en" });
    const zh = await reachable("张小明", { birthDate: "1980-02-26", language: "zh-CN" });
    const ja = await reachable("Japanese Guest", { birthDate: "1980-02-27", language: "ja" });
    await plantCampaign(marketing, { offer: "Free breakfast" });
    await planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false });

    const enTask = (await taskFor(en))!;
    expect(enTask).toMatchObject({
      language: "en",
      subject: "Happy birthday, English Guest!",
      giftSuggestion: "a basket of seasonal fruit",
    });
    expect(enTask.message).toBe(
      "Dear English Guest,\nGuest Archive Hotels wishes you a wonderful 2027-02-25. a basket of seasonal fruit is waiting for you. Free breakfast",
    );
    const zhTask = (await taskFor(zh))!;
    expect(zhTask).toMatchObject({ language: "zh-CN", subject: "张小明，生日快乐！", giftSuggestion: "时令水果篮" });
    expect(zhTask.message).toBe("尊敬的张小明：\n宾客档案酒店祝您2027-02-26快乐！我们为您准备了时令水果篮。Free breakfast");
    // Languages without their own template get the English one.
    expect((await taskFor(ja))!).toMatchObject({ language: "ja", subject: "Happy birthday, Japanese Guest!" });
  });

  it("puts every planned task on the guest's timeline", async () => {
    const a = await reachable("Timeline A", { birthDate: "1980-02-25" });
    const b = await reachable("Timeline B", { birthDate: "1980-02-28" });
    const campaign = await plantCampaign(marketing, { name: "Timeline birthdays" });
    await planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false });
    for (const guestId of [a, b]) {
      const task = (await taskFor(guestId))!;
      const events = await db().timelineEvent.findMany({ where: { guestId, name: "outreach.planned" } });
      expect(events).toHaveLength(1);
      expect(events[0].properties).toEqual({
        taskId: task.id,
        campaignId: campaign.id,
        campaign: "Timeline birthdays",
        occasion: task.occasionKey,
        channel: "EMAIL",
      });
    }
  });

  it("plans nothing on a dry run, for a draft or paused campaign, or for another kind of campaign", async () => {
    await reachable("Dry Run", { birthDate: "1980-02-25" });
    await plantCampaign(marketing, { name: "Draft" }, "DRAFT");
    await plantCampaign(marketing, { name: "Paused" }, "PAUSED");
    await plantCampaign(marketing, { name: "Holiday", kind: "HOLIDAY", holidayId: String(await holidayIdOf("SPRING_FESTIVAL")) });
    expect(await planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false })).toEqual({
      campaigns: 0,
      matched: 0,
      planned: 0,
      alreadyGreeted: 0,
    });
    const active = await plantCampaign(marketing, { name: "Active" });
    expect(await planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: true })).toEqual({
      campaigns: 1,
      matched: 1,
      planned: 0,
      alreadyGreeted: 0,
    });
    expect(await db().outreachTask.count()).toBe(0);
    await planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false });
    expect((await tasksOf()).map((t) => t.campaignId)).toEqual([active.id]);
  });

  it("does nothing twice when the job is re-run for the same day, or the next day", async () => {
    for (let i = 0; i < 5; i++) await reachable(`Rerun ${i}`, { birthDate: `1980-02-2${i + 3}` });
    await plantCampaign(marketing, {});

    const first = await runNamedJob(db(), "birthdays", { asOf: AS_OF, dryRun: false, trigger: "manual" });
    expect(first).toMatchObject({ status: "SUCCEEDED", counts: { campaigns: 1, matched: 5, planned: 5 } });
    const again = await runNamedJob(db(), "birthdays", { asOf: AS_OF, dryRun: false, trigger: "manual" });
    expect(again).toMatchObject({ status: "SUCCEEDED", counts: { campaigns: 1, matched: 5, planned: 0 } });
    const nextDay = await runNamedJob(db(), "birthdays", { asOf: "2027-02-23", dryRun: false, trigger: "schedule" });
    expect(nextDay).toMatchObject({ status: "SUCCEEDED", counts: { planned: 0 } });
    expect(await db().outreachTask.count()).toBe(5);
    await expectNoDuplicates();
  });

  it("does nothing twice when two planners run at once", async () => {
    const ids = await plantReachableGuestsInBulk(300, { birthDate: "1990-02-25" });
    await plantCampaign(marketing, {});

    const [a, b] = await Promise.all([
      planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false }),
      planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false }),
    ]);
    expect(a.planned + b.planned).toBe(ids.length);
    expect(await db().outreachTask.count()).toBe(ids.length);
    await expectNoDuplicates();
  });

  it("does nothing twice when two jobs processes start the job at once", async () => {
    const ids = await plantReachableGuestsInBulk(300, { birthDate: "1990-02-25" });
    await plantCampaign(marketing, {});

    const outcomes = await Promise.all([
      runNamedJob(db(), "birthdays", { asOf: AS_OF, dryRun: false, trigger: "schedule" }),
      runNamedJob(db(), "birthdays", { asOf: AS_OF, dryRun: false, trigger: "schedule" }),
    ]);
    expect(outcomes.map((o) => o.status)).toContain("SUCCEEDED");
    expect(outcomes.every((o) => o.status === "SUCCEEDED" || o.status === "SKIPPED")).toBe(true);
    expect(outcomes.reduce((sum, o) => sum + (o.counts.planned ?? 0), 0)).toBe(ids.length);
    expect(await db().outreachTask.count()).toBe(ids.length);
    await expectNoDuplicates();
  });

  it("finishes a job killed halfway exactly once when it is run again", async () => {
    const audience = PLAN_BATCH + 150;
    const ids = await plantReachableGuestsInBulk(audience, { birthDate: "1990-02-25" });
    await reachable("Not Today", { birthDate: "1990-06-01" });
    await plantCampaign(marketing, {});

    // The first run dies after its first batch (as if the process were killed).
    const killed = await runJob(db(), { job: "birthdays", asOf: AS_OF, dryRun: false, trigger: "schedule" }, (ctx) =>
      planBirthdayOutreach(db(), { asOf: ctx.asOf, dryRun: ctx.dryRun, progress: ctx.progress, maxBatches: 1 }),
    );
    expect(killed.status).toBe("FAILED");
    expect(killed.error).toMatch(/Stopped after 1 batches/);
    const half = await db().outreachTask.count();
    expect(half).toBe(PLAN_BATCH);

    const rerun = await runNamedJob(db(), "birthdays", { asOf: AS_OF, dryRun: false, trigger: "schedule" });
    expect(rerun).toMatchObject({ status: "SUCCEEDED", counts: { matched: audience, planned: audience - PLAN_BATCH } });
    expect(await db().outreachTask.count()).toBe(audience);
    expect(new Set((await db().outreachTask.findMany({ select: { guestId: true } })).map((t) => t.guestId))).toEqual(new Set(ids));
    await expectNoDuplicates();
  });
});

describe("holiday campaign", () => {
  async function holidayCampaign(code: string, fields: Record<string, unknown> = {}, status?: "DRAFT") {
    return plantCampaign(
      marketing,
      {
        name: `${code} greetings`,
        kind: "HOLIDAY",
        holidayId: String(await holidayIdOf(code)),
        leadDays: "10",
        subjectEn: "Happy {holiday}, {name}",
        subjectZh: "{name}，{holiday}快乐",
        templateEn: "{holiday} falls on {date}.",
        templateZh: "{date}是{holiday}。",
        ...fields,
      },
      status,
    );
  }

  it("plans Spring Festival 2027 (6 February) ten days ahead, and nothing before the window reaches it", async () => {
    const en = await reachable("Festival English");
    const zh = await reachable("春节客人", { language: "zh-CN" });
    await reachable("Festival No Consent", { consentEmail: "" });
    const campaign = await holidayCampaign("SPRING_FESTIVAL");

    expect(await planHolidayOutreach(db(), { asOf: "2027-01-20", dryRun: false })).toEqual({
      campaigns: 0,
      matched: 0,
      planned: 0,
      alreadyGreeted: 0,
    });
    expect(await db().outreachTask.count()).toBe(0);

    expect(await planHolidayOutreach(db(), { asOf: "2027-01-28", dryRun: false })).toEqual({
      campaigns: 1,
      matched: 2,
      planned: 2,
      alreadyGreeted: 0,
    });
    const tasks = await tasksOf(campaign.id);
    expect(tasks.map((t) => t.guestId)).toEqual([en, zh]);
    for (const t of tasks)
      expect(t).toMatchObject({
        occasionKey: "holiday:SPRING_FESTIVAL:2027",
        occasionDate: "2027-02-06",
        dueDate: "2027-02-06",
        status: "PLANNED",
      });
    expect(tasks[0]).toMatchObject({ subject: "Happy Spring Festival, Festival English", message: "Spring Festival falls on 2027-02-06." });
    expect(tasks[1]).toMatchObject({ subject: "春节客人，春节快乐", message: "2027-02-06是春节。" });

    // The next days plan nothing more for the same festival.
    for (const asOf of ["2027-01-29", "2027-02-06"]) expect((await planHolidayOutreach(db(), { asOf, dryRun: false })).planned).toBe(0);
    await expectNoDuplicates();
  });

  it("plans Spring Festival 2030 on 3 February and Mid-Autumn 2027 on 15 September", async () => {
    await reachable("Festival Guest");
    const spring = await holidayCampaign("SPRING_FESTIVAL");
    const midAutumn = await holidayCampaign("MID_AUTUMN");
    await planHolidayOutreach(db(), { asOf: "2030-01-25", dryRun: false });
    expect(await tasksOf(spring.id)).toMatchObject([{ occasionKey: "holiday:SPRING_FESTIVAL:2030", occasionDate: "2030-02-03" }]);
    await planHolidayOutreach(db(), { asOf: "2027-09-06", dryRun: false });
    expect(await tasksOf(midAutumn.id)).toMatchObject([
      { occasionKey: "holiday:MID_AUTUMN:2027", occasionDate: "2027-09-15", dueDate: "2027-09-15" },
    ]);
    expect(await db().outreachTask.count()).toBe(2);
  });

  it("has letters and calls prepared at once, not on the holiday", async () => {
    await reachable("Letter Guest", { consentMail: "on", address: "1 Bund Road" });
    await holidayCampaign("MID_AUTUMN", { channel: "MAIL" });
    await planHolidayOutreach(db(), { asOf: "2027-09-06", dryRun: false });
    expect(await tasksOf()).toMatchObject([{ channel: "MAIL", occasionDate: "2027-09-15", dueDate: "2027-09-06" }]);
  });

  it("plans in bulk SQL (no {gift} in the texts) with the same name, profile number, language and timeline as row by row", async () => {
    const en = await reachable("Bulk English");
    const zh = await reachable("批量客人", { language: "zh-CN" });
    const campaign = await holidayCampaign(
      "SPRING_FESTIVAL",
      {
        subjectEn: "{holiday} for {name} ({profileNumber})",
        subjectZh: "{name}（{profileNumber}）{holiday}快乐",
        templateEn: "Dear {name}, {hotel} on {date}: {offer} {unknown}",
        templateZh: "{name}：{hotel}，{date}，{offer}",
        offer: "50% off",
      },
      "DRAFT",
    );
    // Activation now refuses {unknown}: this is a campaign activated before the fit check, still planned as it stands.
    await db().campaign.update({ where: { id: campaign.id }, data: { status: "ACTIVE" } });
    expect(canPlanInBulk(campaign)).toBe(true);
    await planHolidayOutreach(db(), { asOf: "2027-01-28", dryRun: false });
    const numbers = Object.fromEntries(
      (await db().guest.findMany({ select: { id: true, profileNumber: true } })).map((g) => [g.id, g.profileNumber]),
    );
    const tasks = await tasksOf(campaign.id);
    expect(tasks.map((t) => [t.guestId, t.language, t.subject, t.message, t.giftSuggestion])).toEqual([
      [
        en,
        "en",
        `Spring Festival for Bulk English (${numbers[en]})`,
        "Dear Bulk English, Guest Archive Hotels on 2027-02-06: 50% off {unknown}",
        null,
      ],
      [zh, "zh-CN", `批量客人（${numbers[zh]}）春节快乐`, "批量客人：宾客档案酒店，2027-02-06，50% off", null],
    ]);
    for (const task of tasks) {
      const events = await db().timelineEvent.findMany({ where: { guestId: task.guestId, name: "outreach.planned" } });
      expect(events.map((e) => e.properties)).toEqual([
        {
          taskId: task.id,
          campaignId: campaign.id,
          campaign: "SPRING_FESTIVAL greetings",
          occasion: "holiday:SPRING_FESTIVAL:2027",
          channel: "EMAIL",
        },
      ]);
      // Timestamps written by raw SQL read back as real dates.
      expect(task.createdAt).toBeInstanceOf(Date);
      expect(Number.isNaN(task.createdAt.getTime())).toBe(false);
      expect(events[0].happensAt.getTime()).toBe(task.createdAt.getTime());
    }
  });

  it("suggests a safe gift per guest when the holiday texts name {gift}", async () => {
    const chocolatePeanut = await reachable("Gift Chocolate", { language: "zh-CN" });
    await prefer(chocolatePeanut, "HOBBY", "chocolate 巧克力");
    await prefer(chocolatePeanut, "ALLERGY", "peanuts 花生");
    const tea = await reachable("Gift Tea");
    await prefer(tea, "BEVERAGE", "oolong tea");
    const campaign = await holidayCampaign("MID_AUTUMN", {
      templateEn: "Dear {name}, {gift} for {holiday}.",
      templateZh: "{name}：{holiday}礼物是{gift}。",
    });
    expect(canPlanInBulk(campaign)).toBe(false);
    await planHolidayOutreach(db(), { asOf: "2027-09-06", dryRun: false });
    expect((await taskFor(tea))!).toMatchObject({
      giftSuggestion: "a box of fine tea",
      message: "Dear Gift Tea, a box of fine tea for Mid-Autumn Festival.",
    });
    const zhTask = (await taskFor(chocolatePeanut))!;
    expect(zhTask.giftSuggestion).not.toBe("手工巧克力");
    expect(zhTask.message).toBe(`Gift Chocolate：中秋节礼物是${zhTask.giftSuggestion}。`);
    await expectNoDuplicates();
  });

  it("finishes a bulk run killed halfway exactly once, and two bulk runs at once plan each guest once", async () => {
    // Guests far apart in id, so the audience spans two bulk chunks.
    const base = (await db().guest.aggregate({ _max: { id: true } }))._max.id ?? 0;
    const firstId = Math.ceil((base + 1) / BULK_PLAN_CHUNK) * BULK_PLAN_CHUNK + 1;
    const ids = [firstId, firstId + 1, firstId + BULK_PLAN_CHUNK + 5];
    await db().guest.createMany({
      data: ids.map((id) => ({
        id,
        profileNumber: `K${id}`,
        fullName: `Chunked ${id}`,
        email: `k${id}@guest.test`,
        consentEmail: true,
        language: "en",
      })),
    });
    await holidayCampaign("SPRING_FESTIVAL");

    const killed = await runJob(db(), { job: "holidays", asOf: "2027-01-28", dryRun: false, trigger: "schedule" }, (ctx) =>
      planHolidayOutreach(db(), {
        asOf: ctx.asOf,
        dryRun: false,
        progress: ctx.progress,
        maxBatches: Math.floor(firstId / BULK_PLAN_CHUNK) + 1,
      }),
    );
    expect(killed.status).toBe("FAILED");
    expect((await db().outreachTask.findMany({ select: { guestId: true }, orderBy: { guestId: "asc" } })).map((t) => t.guestId)).toEqual(
      ids.slice(0, 2),
    );

    const [a, b] = await Promise.all([
      planHolidayOutreach(db(), { asOf: "2027-01-28", dryRun: false }),
      planHolidayOutreach(db(), { asOf: "2027-01-29", dryRun: false }),
    ]);
    expect(a.planned + b.planned).toBe(1);
    expect((await db().outreachTask.findMany({ select: { guestId: true }, orderBy: { guestId: "asc" } })).map((t) => t.guestId)).toEqual(
      ids,
    );
    await expectNoDuplicates();
  });

  it("plans nothing for a holiday that admins switched off", async () => {
    await reachable("Switched Off");
    await holidayCampaign("MID_AUTUMN");
    await db().holiday.update({ where: { code: "MID_AUTUMN" }, data: { active: false } });
    try {
      expect(await planHolidayOutreach(db(), { asOf: "2027-09-06", dryRun: false })).toMatchObject({ planned: 0 });
    } finally {
      await db().holiday.update({ where: { code: "MID_AUTUMN" }, data: { active: true } });
    }
  });
});

describe("other campaigns", () => {
  it("invites once per event date, from lead days before it until the day", async () => {
    const guest = await reachable("Party Guest");
    await plantCampaign(marketing, { name: "Christmas party", kind: "EVENT_INVITATION", eventDate: "2026-12-24", leadDays: "30" });
    expect((await planOtherCampaigns(db(), { asOf: "2026-11-20", dryRun: false })).planned).toBe(0);
    expect((await planOtherCampaigns(db(), { asOf: "2026-11-27", dryRun: false })).planned).toBe(1);
    expect((await planOtherCampaigns(db(), { asOf: "2026-11-28", dryRun: false })).planned).toBe(0);
    expect((await planOtherCampaigns(db(), { asOf: "2026-12-25", dryRun: false })).campaigns).toBe(0);
    expect(await tasksOf()).toMatchObject([
      { guestId: guest, occasionKey: "event:2026-12-24", occasionDate: "2026-12-24", dueDate: "2026-12-24" },
    ]);
  });

  it("plans a VIP-care touch once per guest, however often it runs", async () => {
    await reachable("Vip Care", { vipLevel: "3" });
    await reachable("Not Vip", { vipLevel: "1" });
    await plantCampaign(marketing, { name: "VIP care", kind: "VIP_CARE", channel: "PHONE", minVipLevel: "3" });
    await db().guest.updateMany({ data: { consentPhone: true, phone: "13900001111" } });
    expect((await planOtherCampaigns(db(), { asOf: "2026-11-27", dryRun: false })).planned).toBe(1);
    expect((await planOtherCampaigns(db(), { asOf: "2026-12-27", dryRun: false })).planned).toBe(0);
    expect(await tasksOf()).toMatchObject([
      { guest: { fullName: "Vip Care" }, occasionKey: "once", channel: "PHONE", dueDate: "2026-11-27" },
    ]);
  });
});

describe("audience filters", () => {
  const AS_OF = "2026-11-27";
  const who = async (filter: Record<string, unknown>, channel: "EMAIL" | "SMS" = "EMAIL") => {
    const guests = await db().guest.findMany({
      where: audienceWhere(audienceSchema.parse(filter), channel, AS_OF),
      select: { fullName: true },
      orderBy: { id: "asc" },
    });
    return guests.map((g) => g.fullName);
  };
  const stay = (guestId: number, propertyId: number, arrivalDate: string, departureDate: string, status = "CHECKED_OUT") =>
    plantStay(desk, guestId, { propertyId: String(propertyId), arrivalDate, departureDate, status, roomNumber: "801" });

  beforeEach(async () => {
    const recent = await reachable("Recent Vip", { vipLevel: "4", markers: ["VIP"], company: "Acme Ltd" });
    await stay(recent, shanghai, "2026-09-28", "2026-10-01");
    const lapsed = await reachable("Lapsed Corp", { vipLevel: "2", markers: ["CORP"], company: "华为技术" });
    await stay(lapsed, beijing, "2025-05-28", "2025-06-01");
    const booked = await reachable("Lapsed Booked", { vipLevel: "1" });
    await stay(booked, shanghai, "2025-05-28", "2025-06-01");
    await stay(booked, shanghai, "2027-01-10", "2027-01-12", "RESERVED");
    const both = await reachable("Old And New", { vipLevel: "3", company: "Acme Ltd" });
    await stay(both, beijing, "2024-03-01", "2024-03-05");
    await stay(both, beijing, "2026-11-20", "2026-11-24");
    await reachable("Never Stayed", { vipLevel: "5", markers: ["VIP"] });
    const hidden = await reachable("Vip Without Consent", { vipLevel: "5", markers: ["VIP"], consentEmail: "" });
    await stay(hidden, shanghai, "2026-09-28", "2026-10-01");
    const binned = await reachable("Vip In Bin", { vipLevel: "5", markers: ["VIP"] });
    await deleteGuest(db(), desk, binned);
    const scores = await db().guest.findMany({
      where: { fullName: { in: ["Recent Vip", "Lapsed Corp", "Never Stayed"] } },
      select: { id: true, fullName: true },
    });
    const segmentOf: Record<string, string> = { "Recent Vip": "CHAMPIONS", "Lapsed Corp": "AT_RISK_HIGH_VALUE", "Never Stayed": "NEW" };
    await db().guestScore.createMany({
      data: scores.map((g) => ({
        guestId: g.id,
        asOf: AS_OF,
        frequency: 1,
        monetary: 100,
        r: 3,
        f: 3,
        m: 3,
        valueTier: "GOLD",
        lifecycle: "REPEAT",
        segment: segmentOf[g.fullName],
      })),
    });
  });

  it("reaches everyone with consent who is not in the recycle bin when the filter is empty", async () => {
    expect(await who({})).toEqual(["Recent Vip", "Lapsed Corp", "Lapsed Booked", "Old And New", "Never Stayed"]);
  });

  it("filters by identity marker and VIP level", async () => {
    expect(await who({ markers: ["VIP"] })).toEqual(["Recent Vip", "Never Stayed"]);
    expect(await who({ markers: ["VIP", "CORP"] })).toEqual(["Recent Vip", "Lapsed Corp", "Never Stayed"]);
    expect(await who({ minVipLevel: 3 })).toEqual(["Recent Vip", "Old And New", "Never Stayed"]);
    expect(await who({ minVipLevel: 0 })).toHaveLength(5);
  });

  it("filters by last stay: within the last N days, or not for N days (win-back)", async () => {
    expect(await who({ lastStayWithinDays: 90 })).toEqual(["Recent Vip", "Old And New"]);
    expect(await who({ lastStayWithinDays: 5 })).toEqual(["Old And New"]);
    // Lapsed: has stayed, not in the last year, and has no stay booked.
    expect(await who({ lastStayMoreThanDays: 365 })).toEqual(["Lapsed Corp"]);
    expect(await who({ lastStayMoreThanDays: 30 })).toEqual(["Recent Vip", "Lapsed Corp"]);
  });

  it("filters by property, company and segment", async () => {
    expect(await who({ propertyId: beijing })).toEqual(["Lapsed Corp", "Old And New"]);
    expect(await who({ propertyId: shanghai })).toEqual(["Recent Vip", "Lapsed Booked"]);
    expect(await who({ companies: ["Acme Ltd"] })).toEqual(["Recent Vip", "Old And New"]);
    expect(await who({ companies: ["华为技术", "Nobody Inc"] })).toEqual(["Lapsed Corp"]);
    expect(await who({ segments: ["CHAMPIONS"] })).toEqual(["Recent Vip"]);
    expect(await who({ segments: ["AT_RISK_HIGH_VALUE", "NEW"] })).toEqual(["Lapsed Corp", "Never Stayed"]);
  });

  it("combines filters: every condition must hold", async () => {
    expect(await who({ companies: ["Acme Ltd"], minVipLevel: 4 })).toEqual(["Recent Vip"]);
    expect(await who({ markers: ["VIP"], lastStayWithinDays: 90 })).toEqual(["Recent Vip"]);
    expect(await who({ propertyId: beijing, lastStayMoreThanDays: 365 })).toEqual(["Lapsed Corp"]);
  });

  it("reaches the same guests planning in bulk SQL as the audience filter says, for every filter", async () => {
    const filters: Record<string, unknown>[] = [
      {},
      { markers: ["VIP"] },
      { markers: ["VIP", "CORP"] },
      { minVipLevel: 3 },
      { lastStayWithinDays: 90 },
      { lastStayMoreThanDays: 365 },
      { lastStayMoreThanDays: 30 },
      { propertyId: beijing },
      { companies: ["Acme Ltd", "华为技术"] },
      { segments: ["CHAMPIONS", "NEW"] },
      { markers: ["VIP"], lastStayWithinDays: 90, minVipLevel: 4 },
    ];
    const christmas = String(await holidayIdOf("CHRISTMAS"));
    for (const filter of filters) {
      const fields: Record<string, unknown> = { ...filter };
      for (const key of ["minVipLevel", "lastStayWithinDays", "lastStayMoreThanDays", "propertyId"])
        if (key in fields) fields[key] = String(fields[key]);
      if (Array.isArray(fields.companies)) fields.companies = (fields.companies as string[]).join(",");
      const campaign = await plantCampaign(marketing, {
        name: `Filter ${JSON.stringify(filter)}`,
        kind: "HOLIDAY",
        holidayId: christmas,
        leadDays: "30",
        templateEn: "Merry {holiday}, {name}",
        templateZh: "{name}，{holiday}快乐",
        ...fields,
      });
      expect(canPlanInBulk(campaign)).toBe(true);
      await planHolidayOutreach(db(), { asOf: AS_OF, dryRun: false });
      const planned = (await tasksOf(campaign.id)).map((t) => t.guest.fullName);
      expect(planned, JSON.stringify(filter)).toEqual(await who(filter));
      await setCampaignStatus(db(), marketing, campaign.id, "ARCHIVED", { asOf: AS_OF });
      // Each filter's campaign greets for the same Christmas: the earlier ones' greetings would cap it.
      await db().outreachTask.deleteMany();
    }
  });

  it("plans tasks for exactly the filtered audience of a campaign saved through the form", async () => {
    const campaign = await plantCampaign(marketing, {
      name: "Acme and Huawei at Christmas",
      kind: "HOLIDAY",
      holidayId: String(await holidayIdOf("CHRISTMAS")),
      leadDays: "30",
      companies: "Acme Ltd，华为技术",
      minVipLevel: "2",
    });
    expect(campaign.audience).toEqual({ companies: ["Acme Ltd", "华为技术"], minVipLevel: 2 });
    expect(await planHolidayOutreach(db(), { asOf: AS_OF, dryRun: false })).toEqual({
      campaigns: 1,
      matched: 3,
      planned: 3,
      alreadyGreeted: 0,
    });
    expect((await tasksOf(campaign.id)).map((t) => [t.guest.fullName, t.occasionKey, t.occasionDate])).toEqual([
      ["Recent Vip", "holiday:CHRISTMAS:2026", "2026-12-25"],
      ["Lapsed Corp", "holiday:CHRISTMAS:2026", "2026-12-25"],
      ["Old And New", "holiday:CHRISTMAS:2026", "2026-12-25"],
    ]);
  });
});

describe("campaigns", () => {
  it("previews the audience size and sample messages before activating", async () => {
    for (let i = 1; i <= 7; i++) await reachable(`Preview ${i}`, { vipLevel: String(i % 6), language: i === 5 ? "zh-CN" : "en" });
    await reachable("Preview Hidden", { consentEmail: "" });
    const campaign = await plantCampaign(
      marketing,
      {
        name: "Mid-Autumn",
        kind: "HOLIDAY",
        holidayId: String(await holidayIdOf("MID_AUTUMN")),
        leadDays: "10",
        subjectEn: "Happy {holiday}",
        subjectZh: "{holiday}快乐",
        templateEn: "Dear {name}, see you on {date}. {offer}",
        templateZh: "{name}您好，{date}见。{offer}",
        offer: "A box of mooncakes",
      },
      "DRAFT",
    );

    const preview = await previewCampaign(db(), campaign.id, "2027-09-01");
    expect(preview.audienceSize).toBe(7);
    expect(preview.everyoneEligible).toBeNull();
    expect(preview.occasion).toEqual({ year: 2027, date: "2027-09-15" });
    expect(preview.samples).toHaveLength(5);
    // Highest VIP level first.
    expect(preview.samples.map((s) => s.fullName)).toEqual(["Preview 5", "Preview 4", "Preview 3", "Preview 2", "Preview 1"]);
    expect(preview.samples[0]).toMatchObject({
      language: "zh-CN",
      subject: "中秋节快乐",
      message: "Preview 5您好，2027-09-15见。A box of mooncakes",
      gift: "时令水果篮",
    });
    expect(preview.samples[1]).toMatchObject({
      language: "en",
      subject: "Happy Mid-Autumn Festival",
      message: "Dear Preview 4, see you on 2027-09-15. A box of mooncakes",
    });
    // Previewing plans nothing.
    expect(await db().outreachTask.count()).toBe(0);
  });

  it("previews a birthday campaign: those with a birthday in the lead days, out of everyone eligible", async () => {
    await reachable("Birthday Soon", { birthDate: "1980-02-25" });
    await reachable("Leap Soon", { birthDate: "1992-02-29" });
    await reachable("Birthday Later", { birthDate: "1980-06-25" });
    await reachable("Birthday Unknown");
    const campaign = await plantCampaign(marketing, {}, "DRAFT");
    const preview = await previewCampaign(db(), campaign.id, "2027-02-22");
    expect(preview).toMatchObject({ audienceSize: 2, everyoneEligible: 4, occasion: null });
    expect(preview.samples.map((s) => s.fullName).sort()).toEqual(["Birthday Soon", "Leap Soon"]);
    expect(preview.samples.find((s) => s.fullName === "Leap Soon")!.subject).toBe("Happy birthday, Leap Soon!");
  });

  it("moves between statuses only along the allowed transitions", async () => {
    const campaign = await plantCampaign(marketing, {}, "DRAFT");
    const statusOf = async () => (await db().campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status;
    await expect(setCampaignStatus(db(), marketing, campaign.id, "PAUSED", { asOf: "2027-02-22" })).rejects.toThrow(DomainError);
    await setCampaignStatus(db(), marketing, campaign.id, "ACTIVE", { asOf: "2027-02-22" });
    expect(await statusOf()).toBe("ACTIVE");
    await expect(setCampaignStatus(db(), marketing, campaign.id, "ACTIVE", { asOf: "2027-02-22" })).rejects.toThrow(DomainError);
    await setCampaignStatus(db(), marketing, campaign.id, "PAUSED", { asOf: "2027-02-22" });
    await setCampaignStatus(db(), marketing, campaign.id, "ACTIVE", { asOf: "2027-02-22" });
    await setCampaignStatus(db(), marketing, campaign.id, "ARCHIVED", { asOf: "2027-02-22" });
    expect(await statusOf()).toBe("ARCHIVED");
    await expect(setCampaignStatus(db(), marketing, campaign.id, "ACTIVE", { asOf: "2027-02-22" })).rejects.toMatchObject({
      messageKey: "error.transition",
    });
    expect(await statusOf()).toBe("ARCHIVED");
    const audit = await db().auditEntry.findMany({
      where: { entity: "Campaign", entityId: campaign.id, action: "UPDATE" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.changes)).toEqual([
      { status: ["DRAFT", "ACTIVE"] },
      { status: ["ACTIVE", "PAUSED"] },
      { status: ["PAUSED", "ACTIVE"] },
      { status: ["ACTIVE", "ARCHIVED"] },
    ]);
  });

  it("keeps a guest list chosen in analytics only while marketing keeps it", async () => {
    const campaign = await plantCampaign(marketing, { name: "Chosen", kind: "VIP_CARE" }, "DRAFT");
    await db().campaign.update({ where: { id: campaign.id }, data: { audience: { guestIds: [1, 2, 3] } } });
    await updateCampaign(
      db(),
      marketing,
      campaign.id,
      campaignInput({ name: "Chosen", kind: "VIP_CARE", keepGuestIds: "on", minVipLevel: "1" }),
    );
    expect((await db().campaign.findUniqueOrThrow({ where: { id: campaign.id } })).audience).toEqual({
      minVipLevel: 1,
      guestIds: [1, 2, 3],
    });
    await updateCampaign(db(), marketing, campaign.id, campaignInput({ name: "Chosen", kind: "VIP_CARE" }));
    expect((await db().campaign.findUniqueOrThrow({ where: { id: campaign.id } })).audience).toEqual({});
  });

  it("lists campaigns with their task counts by status", async () => {
    await reachable("Listed A", { birthDate: "1980-02-25" });
    await reachable("Listed B", { birthDate: "1980-02-26" });
    const campaign = await plantCampaign(marketing, { name: "Listed" });
    await planBirthdayOutreach(db(), { asOf: "2027-02-22", dryRun: false });
    await db().outreachTask.updateMany({ where: { guest: { fullName: "Listed B" } }, data: { status: "SENT" } });
    const listed = (await listCampaigns(db())).find((c) => c.id === campaign.id)!;
    expect(listed.tasks).toEqual({ PLANNED: 1, SENT: 1 });
  });
});

describe("the default holidays", () => {
  it("are put in once when several first visits arrive at the same moment", async () => {
    for (let round = 0; round < 5; round++) {
      await db().holiday.deleteMany();
      await db().$queryRawUnsafe("SELECT 1"); // a warm connection or two, as a running server has
      await Promise.all(Array.from({ length: 8 }, () => ensureDefaultHolidays(db())));
      expect(await db().holiday.count()).toBe(DEFAULT_HOLIDAYS.length);
    }
  });
});

describe("one greeting per guest per occasion and channel, across campaigns", () => {
  const AS_OF = "2027-02-22";

  it("two active birthday campaigns greet each guest once per birthday and channel; re-runs plan nothing twice", async () => {
    const a = await reachable("Cap A", { birthDate: "1980-02-25" });
    const b = await reachable("Cap B", { birthDate: "1980-02-27", consentSms: "on", phone: "13800003333" });
    const first = await plantCampaign(marketing, { name: "Birthdays (first)" });
    const second = await plantCampaign(marketing, { name: "Birthdays (second)", leadDays: "10" });
    const sms = await plantCampaign(marketing, { name: "Birthday SMS", channel: "SMS" });

    const run = await runNamedJob(db(), "birthdays", { asOf: AS_OF, dryRun: false, trigger: "manual" });
    // The older campaign greets by e-mail; the second finds both already greeted; the SMS one greets on its own channel.
    expect(run).toMatchObject({ status: "SUCCEEDED", counts: { campaigns: 3, matched: 3, planned: 3, alreadyGreeted: 2 } });
    expect((await tasksOf()).map((t) => [t.guestId, t.campaignId, t.channel, t.greetingKey])).toEqual([
      [a, first.id, "EMAIL", "birthday:2027-02-25"],
      [b, first.id, "EMAIL", "birthday:2027-02-27"],
      [b, sms.id, "SMS", "birthday:2027-02-27"],
    ]);
    expect(await tasksOf(second.id)).toEqual([]);

    for (const asOf of [AS_OF, "2027-02-23"]) {
      const again = await runNamedJob(db(), "birthdays", { asOf, dryRun: false, trigger: "manual" });
      expect(again).toMatchObject({ status: "SUCCEEDED", counts: { planned: 0, alreadyGreeted: 2 } });
    }
    expect(await db().outreachTask.count()).toBe(3);
    await expectNoDuplicates();

    // The database itself refuses a second greeting for the same occasion and channel.
    const task = (await tasksOf(first.id))[0];
    await expect(
      db().outreachTask.create({
        data: { ...pickTask(task), campaignId: second.id },
      }),
    ).rejects.toThrow();

    // Next year's birthday is another occasion.
    expect((await planBirthdayOutreach(db(), { asOf: "2028-02-22", dryRun: false })).planned).toBe(3);
  });

  it("two holiday campaigns for the same festival (bulk SQL) greet each guest once; a third on its own channel too", async () => {
    const guests = await plantReachableGuestsInBulk(40);
    const spring = String(await holidayIdOf("SPRING_FESTIVAL"));
    const holiday = { kind: "HOLIDAY", holidayId: spring, leadDays: "10", ...DEFAULT_TEXTS.HOLIDAY };
    const first = await plantCampaign(marketing, { name: "Spring (first)", ...holiday });
    const second = await plantCampaign(marketing, { name: "Spring (second)", ...holiday, subjectEn: "Spring greetings, {name}" });
    expect(canPlanInBulk(second)).toBe(true);

    const counts = await planHolidayOutreach(db(), { asOf: "2027-01-28", dryRun: false });
    expect(counts).toEqual({ campaigns: 2, matched: guests.length, planned: guests.length, alreadyGreeted: guests.length });
    expect(await db().outreachTask.count({ where: { campaignId: first.id } })).toBe(guests.length);
    expect(await db().outreachTask.count({ where: { campaignId: second.id } })).toBe(0);
    // A dry run counts the same way, and a re-run plans nothing.
    expect(await planHolidayOutreach(db(), { asOf: "2027-01-28", dryRun: true })).toEqual({
      campaigns: 2,
      matched: guests.length,
      planned: 0,
      alreadyGreeted: guests.length,
    });
    expect((await planHolidayOutreach(db(), { asOf: "2027-01-29", dryRun: false })).planned).toBe(0);
    expect(await db().outreachTask.count()).toBe(guests.length);
    await expectNoDuplicates();
  });

  it("holds when two planners run at once over two campaigns for the same birthdays", async () => {
    const ids = await plantReachableGuestsInBulk(300, { birthDate: "1990-02-25" });
    await plantCampaign(marketing, { name: "Concurrent one" });
    await plantCampaign(marketing, { name: "Concurrent two" });
    const [x, y] = await Promise.all([
      planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false }),
      planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false }),
    ]);
    expect(x.planned + y.planned).toBe(ids.length);
    expect(await db().outreachTask.count()).toBe(ids.length);
    const perGuest = await db().outreachTask.groupBy({ by: ["guestId"], _count: { _all: true } });
    expect(perGuest.every((g) => g._count._all === 1)).toBe(true);
    await expectNoDuplicates();
  });

  it("is lifted with OUTREACH_GREETING_CAP=off: each campaign greets on its own", async () => {
    await reachable("Uncapped", { birthDate: "1980-02-25" });
    await plantCampaign(marketing, { name: "Uncapped one" });
    await plantCampaign(marketing, { name: "Uncapped two" });
    process.env.OUTREACH_GREETING_CAP = "off";
    try {
      expect(await planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false })).toEqual({
        campaigns: 2,
        matched: 2,
        planned: 2,
        alreadyGreeted: 0,
      });
    } finally {
      delete process.env.OUTREACH_GREETING_CAP;
    }
    expect((await tasksOf()).map((t) => t.greetingKey)).toEqual([null, null]);
  });

  it("the preview counts the guests another campaign already greets for the occasion, and leaves them out of the audience", async () => {
    await reachable("Greeted Already", { birthDate: "1980-02-25" });
    await reachable("Greeted Too", { birthDate: "1980-02-26" });
    await reachable("Not Yet", { birthDate: "1980-03-10" });
    await plantCampaign(marketing, { name: "Birthdays 2027" });
    await planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false });
    const draft = await plantCampaign(marketing, { name: "Birthday draft", leadDays: "20" }, "DRAFT");
    const preview = await previewCampaign(db(), draft.id, AS_OF);
    expect(preview.alreadyGreeted).toEqual([{ campaignId: expect.any(Number), name: "Birthdays 2027", guests: 2 }]);
    expect(preview.audienceSize).toBe(1);
  });
});

describe("activating: texts that fit the kind, and campaigns that overlap", () => {
  const AS_OF = "2027-02-22";
  const statusOf = async (id: number) => (await db().campaign.findUniqueOrThrow({ where: { id } })).status;

  it("warns of another active campaign for the same occasion and channel, naming it and the guests both reach", async () => {
    for (let i = 0; i < 3; i++) await reachable(`Both ${i}`, { vipLevel: "3" });
    await reachable("Only Everyone", { vipLevel: "0" });
    const everyone = await plantCampaign(marketing, { name: "Birthdays for everyone" });
    const vips = await plantCampaign(marketing, { name: "VIP birthdays", minVipLevel: "3" }, "DRAFT");

    const refused = await setCampaignStatus(db(), marketing, vips.id, "ACTIVE", { asOf: AS_OF }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ActivationRefused);
    expect(refused).toMatchObject({
      confirmable: true,
      messageKey: "campaign.activation.confirmNeeded",
      check: { issues: [], overlaps: [{ campaignId: everyone.id, name: "Birthdays for everyone", guests: 3 }] },
    });
    expect(await statusOf(vips.id)).toBe("DRAFT");

    await setCampaignStatus(db(), marketing, vips.id, "ACTIVE", { asOf: AS_OF, confirm: true });
    expect(await statusOf(vips.id)).toBe("ACTIVE");
    const audit = await db().auditEntry.findFirstOrThrow({ where: { entity: "Campaign", entityId: vips.id, action: "UPDATE" } });
    expect(audit.changes).toEqual({
      status: ["DRAFT", "ACTIVE"],
      confirmedWarnings: [],
      confirmedOverlaps: [{ campaignId: everyone.id, guests: 3 }],
    });
  });

  it("sees no overlap on another channel, another holiday, or an audience with nobody in common", async () => {
    await reachable("Holiday Guest", { vipLevel: "1" });
    const spring = String(await holidayIdOf("SPRING_FESTIVAL"));
    const midAutumn = String(await holidayIdOf("MID_AUTUMN"));
    await plantCampaign(marketing, { name: "Spring e-mail", kind: "HOLIDAY", holidayId: spring });
    const check = async (fields: Record<string, unknown>) => {
      const campaign = await plantCampaign(marketing, { kind: "HOLIDAY", holidayId: spring, ...fields }, "DRAFT");
      return (await activationCheck(db(), campaign, AS_OF)).overlaps.map((o) => [o.name, o.guests]);
    };
    expect(await check({ name: "Spring again" })).toEqual([["Spring e-mail", 1]]);
    expect(await check({ name: "Spring calls", channel: "PHONE" })).toEqual([]);
    expect(await check({ name: "Mid-Autumn", holidayId: midAutumn })).toEqual([]);
    expect(await check({ name: "Spring top VIPs", minVipLevel: "5" })).toEqual([]);
  });

  it("asks to confirm birthday texts in a holiday campaign, and refuses outright a placeholder nobody fills", async () => {
    const spring = String(await holidayIdOf("SPRING_FESTIVAL"));
    const birthdayTexts = await plantCampaign(
      marketing,
      { name: "Spring, birthday texts", kind: "HOLIDAY", holidayId: spring, ...DEFAULT_TEXTS.BIRTHDAY },
      "DRAFT",
    );
    await expect(setCampaignStatus(db(), marketing, birthdayTexts.id, "ACTIVE", { asOf: AS_OF })).rejects.toMatchObject({
      confirmable: true,
      check: {
        issues: [
          { field: "subjectEn", severity: "warning", code: "otherKindDefault", kind: "BIRTHDAY" },
          { field: "subjectZh", severity: "warning", code: "otherKindDefault", kind: "BIRTHDAY" },
          { field: "templateEn", severity: "warning", code: "otherKindDefault", kind: "BIRTHDAY" },
          { field: "templateZh", severity: "warning", code: "otherKindDefault", kind: "BIRTHDAY" },
        ],
      },
    });
    expect(await statusOf(birthdayTexts.id)).toBe("DRAFT");

    const typo = await plantCampaign(marketing, { name: "Typo", subjectEn: "Happy {age}th birthday, {name}!" }, "DRAFT");
    for (const confirm of [false, true])
      await expect(setCampaignStatus(db(), marketing, typo.id, "ACTIVE", { asOf: AS_OF, confirm })).rejects.toMatchObject({
        confirmable: false,
        messageKey: "campaign.activation.refused",
        check: { issues: [{ field: "subjectEn", severity: "error", code: "unknownPlaceholder", placeholder: "age" }] },
      });
    expect(await statusOf(typo.id)).toBe("DRAFT");
  });
});

describe("the campaign pages (routes)", () => {
  let cookie: string;
  beforeAll(async () => {
    const staff = await plantStaffMember("MARKETING");
    cookie = await signIn(staff.username, "correct horse battery");
  });

  const editorForm = (fields: Record<string, string>) => ({
    name: "Route campaign",
    kind: "BIRTHDAY",
    textsKind: "BIRTHDAY",
    channel: "EMAIL",
    leadDays: "7",
    ...DEFAULT_TEXTS.BIRTHDAY,
    ...fields,
  });
  const onNew = (form: Record<string, string>) =>
    responseOf(() => newCampaignAction({ request: requestWith(cookie, "/outreach/campaigns/new", form), params: {}, context: {} }));
  const onCampaign = (id: number, form: Record<string, string>) =>
    responseOf(() =>
      campaignAction({ request: requestWith(cookie, `/outreach/campaigns/${id}`, form), params: { campaignId: String(id) }, context: {} }),
    );

  it("without JavaScript, the server switches untouched default texts to the new kind and keeps edited ones with a notice", async () => {
    const holidayId = String(await holidayIdOf("SPRING_FESTIVAL"));
    // Browsers send textarea line breaks as CRLF.
    const crlf = { templateEn: DEFAULT_TEXTS.BIRTHDAY.templateEn.replace(/\n/g, "\r\n") };
    const switched = await onNew(editorForm({ intent: "kindTexts", kind: "HOLIDAY", holidayId, ...crlf }));
    expect(switched.status).toBe(200);
    const body = (await switched.json()) as { kindTexts: { defaultValue: Record<string, string>; kindNotice: unknown } };
    expect(body.kindTexts.kindNotice).toEqual({ kind: "HOLIDAY", kept: [] });
    expect(body.kindTexts.defaultValue).toMatchObject({ ...DEFAULT_TEXTS.HOLIDAY, kind: "HOLIDAY", textsKind: "HOLIDAY", holidayId });
    expect(await db().campaign.count()).toBe(0);

    const edited = await onNew(editorForm({ intent: "kindTexts", kind: "HOLIDAY", holidayId, subjectEn: "Our gift to you, {name}" }));
    expect(((await edited.json()) as typeof body).kindTexts).toMatchObject({
      kindNotice: { kind: "HOLIDAY", kept: ["subjectEn"] },
      defaultValue: { subjectEn: "Our gift to you, {name}", subjectZh: DEFAULT_TEXTS.HOLIDAY.subjectZh },
    });

    // The same on a saved campaign's page; nothing is saved until "Save".
    const campaign = await plantCampaign(marketing, { name: "Saved birthday" }, "DRAFT");
    const back = await onCampaign(campaign.id, editorForm({ intent: "kindTexts", kind: "VIP_CARE", textsKind: "BIRTHDAY" }));
    expect(((await back.json()) as typeof body).kindTexts.defaultValue).toMatchObject(DEFAULT_TEXTS.VIP_CARE);
    expect((await db().campaign.findUniqueOrThrow({ where: { id: campaign.id } })).kind).toBe("BIRTHDAY");
  });

  it("refuses activation with the findings (409 until confirmed, 422 for errors) and activates once confirmed", async () => {
    await reachable("Route Guest");
    await plantCampaign(marketing, { name: "Already active" });
    const campaign = await plantCampaign(marketing, { name: "Second birthdays" }, "DRAFT");
    const refused = await onCampaign(campaign.id, { intent: "status", status: "ACTIVE" });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      statusError: "campaign.activation.confirmNeeded",
      checks: { issues: [], overlaps: [{ name: "Already active", guests: 1 }] },
    });
    const confirmed = await onCampaign(campaign.id, { intent: "status", status: "ACTIVE", confirm: "on" });
    expect(confirmed.status).toBe(200);
    expect((await db().campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status).toBe("ACTIVE");

    const typo = await plantCampaign(marketing, { name: "Typo", kind: "VIP_CARE", subjectEn: "Hello {nmae}" }, "DRAFT");
    const hard = await onCampaign(typo.id, { intent: "status", status: "ACTIVE", confirm: "on" });
    expect(hard.status).toBe(422);
    expect(await hard.json()).toMatchObject({ statusError: "campaign.activation.refused" });
  });
});

/** The columns of a task, to write another like it. */
function pickTask(task: Awaited<ReturnType<typeof tasksOf>>[number]) {
  const { id: _id, guest: _guest, createdAt: _c, updatedAt: _u, ...rest } = task;
  return rest;
}
