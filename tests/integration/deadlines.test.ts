// Deadlines that alert (issue: archive stewardship, item 4), at fixed as-of
// dates: a complaint's acknowledge-by and resolve-by from its severity, capped
// by the departure of a guest in house; the deadlines job fires each
// escalation step once (duty manager, then general manager) across re-runs
// and two schedulers; handling clears; VIPs not contacted for their level's
// days are chased once per lapse; the Overdue board shows it all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { handleComplaint, recordFeedback } from "~/domain/complaints/record-feedback.server";
import { feedbackFormSchema, handlingFormSchema } from "~/domain/complaints/feedback-form";
import { runNamedJob } from "../../jobs/registry.server";
import { loader as overdueLoader } from "~/routes/overdue";
import { plantGuest, plantProperty, plantStaffMember, plantStay } from "../support/fixtures";
import { requestWith, responseOf, signIn } from "../support/sign-in";
import { startSmtp, type Smtp } from "../support/smtp";

const PASSWORD = "correct horse battery";
let propertyId: number;
let desk: Actor;
let dutyManagerId: number;
let generalManagerId: number;
let marketingId: number;
let managerCookie: string;
let deskCookie: string;
let smtp: Smtp;

beforeAll(async () => {
  smtp = await startSmtp();
  Object.assign(process.env, {
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtp.port),
    SMTP_IGNORE_TLS: "true",
    APP_URL: "https://crm.guest-archive.test",
  });
  propertyId = (await plantProperty("DLN")).id;
  const deskStaff = await plantStaffMember("FRONT_DESK");
  desk = deskStaff.actor;
  deskCookie = await signIn(deskStaff.username, PASSWORD);
  const duty = await plantStaffMember("MANAGER");
  dutyManagerId = duty.id;
  // The duty manager has a work e-mail and reads Chinese: alerts come by mail too.
  await db().staff.update({
    where: { id: duty.id },
    data: { propertyId, displayName: "值班经理 Li", email: "duty@hotel.test", locale: "zh-CN" },
  });
  managerCookie = await signIn(duty.username, PASSWORD);
  const gm = await plantStaffMember("MANAGER");
  generalManagerId = gm.id;
  await db().staff.update({ where: { id: gm.id }, data: { department: "MANAGEMENT", displayName: "总经理 Wang" } });
  marketingId = (await plantStaffMember("MARKETING")).id;
});

afterAll(async () => {
  await smtp.close();
  for (const key of ["SMTP_HOST", "SMTP_PORT", "SMTP_IGNORE_TLS", "APP_URL"]) delete process.env[key];
});

beforeEach(async () => {
  smtp.received.length = 0;
  await db().staffNotification.deleteMany();
  await db().escalation.deleteMany();
  // A VIP planted without a way to contact has a quality finding from its save: each test plants its own.
  await db().qualityFinding.deleteMany();
  await db().feedback.deleteMany();
});

const run = (asOf: string, dryRun = false) => runNamedJob(db(), "deadlines", { asOf, dryRun, trigger: "cli" });

async function complaint(severity: string, at: Date, fields: Record<string, unknown> = {}) {
  const { guestId } = fields.guestId ? { guestId: fields.guestId as number } : await plantGuest(desk, { fullName: "投诉 宾客" });
  const recorded = await recordFeedback(
    db(),
    desk,
    guestId,
    feedbackFormSchema.parse({
      kind: "COMPLAINT",
      propertyId: String(propertyId),
      category: "NOISE",
      severity,
      department: "HOUSEKEEPING",
      description: "隔壁装修噪音",
    }),
    at,
  );
  return { guestId, id: recorded.id, recorded };
}

const stepsOf = (subjectId: number) => db().escalation.findMany({ where: { subjectId }, orderBy: [{ kind: "asc" }, { step: "asc" }] });

describe("a complaint's deadlines", () => {
  it("come from its severity, and for a guest in house never fall after the departure", async () => {
    const at = new Date("2027-03-01T02:00:00Z"); // 10:00 in Shanghai
    const free = await complaint("HIGH", at);
    expect(free.recorded.acknowledgeBy).toEqual(new Date("2027-03-01T03:00:00Z"));
    expect(free.recorded.deadline).toEqual(new Date("2027-03-02T02:00:00Z"));

    // In house until tomorrow: resolved by 12:00 tomorrow in Shanghai (04:00 UTC), not 48 hours on.
    const { guestId } = await plantGuest(desk, { fullName: "在住 宾客" });
    await plantStay(desk, guestId, {
      propertyId: String(propertyId),
      roomNumber: "1606",
      arrivalDate: "2027-02-27",
      departureDate: "2027-03-02",
      status: "IN_HOUSE",
    });
    const inHouse = await complaint("MEDIUM", at, { guestId });
    expect(inHouse.recorded.deadline).toEqual(new Date("2027-03-02T04:00:00Z"));
    expect(inHouse.recorded.acknowledgeBy).toEqual(new Date("2027-03-01T06:00:00Z"));
  });
});

describe("the deadlines job", () => {
  it("fires each step once, to the duty manager and then the general manager, and a re-run fires nothing", async () => {
    const { id } = await complaint("MEDIUM", new Date("2027-03-01T02:00:00Z")); // acknowledge by 06:00Z, resolve by 03-03 02:00Z

    const preview = await run("2027-03-01", true);
    expect(preview.counts).toMatchObject({ COMPLAINT_ACKNOWLEDGE: 1, COMPLAINT_RESOLVE: 0, fired: 0 });
    expect(await stepsOf(id)).toHaveLength(0);

    expect((await run("2027-03-01")).counts).toMatchObject({ fired: 1 });
    const [ack] = await stepsOf(id);
    expect(ack).toMatchObject({ kind: "COMPLAINT_ACKNOWLEDGE", step: 1, dueAt: new Date("2027-03-01T06:00:00Z") });
    expect(ack.recipientIds).toEqual([dutyManagerId, generalManagerId]);
    expect((await run("2027-03-01")).counts).toMatchObject({ fired: 0 });

    // Two days on: resolve-by passed (step 1) and ESCALATE_AFTER_HOURS (4) later still open (step 2).
    await Promise.all([run("2027-03-03"), run("2027-03-03")]);
    await run("2027-03-03");
    const steps = await stepsOf(id);
    expect(steps.map((s) => `${s.kind}:${s.step}`)).toEqual(["COMPLAINT_ACKNOWLEDGE:1", "COMPLAINT_RESOLVE:1", "COMPLAINT_RESOLVE:2"]);
    expect(steps[2].recipientIds).toEqual([generalManagerId]);
    // Each recipient told once per step, in the notification centre, however many runs.
    const told = await db().staffNotification.findMany({ where: { kind: "deadline.escalated" }, orderBy: { id: "asc" } });
    expect(told.map((n) => [n.recipientId, n.subjectKey])).toEqual([
      [dutyManagerId, `escalation:COMPLAINT_ACKNOWLEDGE:${id}:1`],
      [generalManagerId, `escalation:COMPLAINT_ACKNOWLEDGE:${id}:1`],
      [dutyManagerId, `escalation:COMPLAINT_RESOLVE:${id}:1`],
      [generalManagerId, `escalation:COMPLAINT_RESOLVE:${id}:1`],
      [generalManagerId, `escalation:COMPLAINT_RESOLVE:${id}:2`],
    ]);
    // By e-mail to the one recipient with a work address, in her language, once per step.
    expect(smtp.received.map((m) => m.subject)).toEqual([
      expect.stringContaining("已超过受理时限"),
      expect.stringContaining("已超过解决时限"),
    ]);
    expect(smtp.received[0].text).toContain(`https://crm.guest-archive.test/guests/`);
    expect(told[4]).toMatchObject({ readAt: null, params: { outcome: "COMPLAINT_RESOLVE_2", hours: 4 } });
    expect(steps.every((s) => !s.recipientIds || !(s.recipientIds as number[]).includes(marketingId))).toBe(true);
  });

  it("clears the acknowledge step when the complaint is taken up, and every step when it is resolved", async () => {
    const { id, guestId } = await complaint("LOW", new Date("2027-03-01T02:00:00Z")); // acknowledge by 03-02 02:00Z, resolve by 03-04 02:00Z
    await run("2027-03-02");
    await handleComplaint(
      db(),
      desk,
      guestId,
      handlingFormSchema.parse({ feedbackId: String(id), status: "IN_PROGRESS", handling: "已联系工程部" }),
    );
    await run("2027-03-02");
    expect((await stepsOf(id)).map((s) => [s.kind, s.clearedAt !== null])).toEqual([["COMPLAINT_ACKNOWLEDGE", true]]);

    await run("2027-03-05");
    expect((await stepsOf(id)).filter((s) => s.kind === "COMPLAINT_RESOLVE" && s.clearedAt === null)).toHaveLength(2);
    await handleComplaint(
      db(),
      desk,
      guestId,
      handlingFormSchema.parse({ feedbackId: String(id), status: "RESOLVED", handling: "已换房", guestReaction: "SATISFIED" }),
    );
    await run("2027-03-05");
    expect((await stepsOf(id)).every((s) => s.clearedAt !== null)).toBe(true);
    // Nothing fires again for a resolved complaint.
    expect((await run("2027-03-09")).counts).toMatchObject({ COMPLAINT_RESOLVE: 0 });
  });

  it("chases a VIP not contacted for their level's days once per lapse, and a new contact clears it", async () => {
    const { guestId } = await plantGuest(desk, { fullName: "贵宾 陈", vipLevel: "3" });
    await plantStay(desk, guestId, {
      propertyId: String(propertyId),
      arrivalDate: "2026-10-28",
      departureDate: "2026-11-01",
      status: "CHECKED_OUT",
    });
    // Level 3: 90 days after 2026-11-01 is 2027-01-30.
    expect((await run("2027-01-29")).counts).toMatchObject({ VIP_NOT_CONTACTED: 0 });
    expect((await run("2027-01-30")).counts).toMatchObject({ VIP_NOT_CONTACTED: 1, fired: 1 });
    expect((await run("2027-02-10")).counts).toMatchObject({ VIP_NOT_CONTACTED: 0, fired: 0 });
    const [lapse] = await db().escalation.findMany({ where: { kind: "VIP_NOT_CONTACTED", subjectId: guestId } });
    expect(lapse).toMatchObject({ step: 20261101, recipientIds: [marketingId], clearedAt: null });

    await plantStay(desk, guestId, {
      propertyId: String(propertyId),
      arrivalDate: "2027-02-12",
      departureDate: "2027-02-14",
      status: "CHECKED_OUT",
    });
    await run("2027-02-20");
    expect((await db().escalation.findUniqueOrThrow({ where: { id: lapse.id } })).clearedAt).not.toBeNull();
    // The next lapse (90 days after 2027-02-14) is a new step.
    await run("2027-05-20");
    expect((await db().escalation.findMany({ where: { kind: "VIP_NOT_CONTACTED", subjectId: guestId } })).map((e) => e.step)).toEqual([
      20261101, 20270214,
    ]);
  });

  it("tells the archive centre of an observation pending review for more than 3 days, once, and clears it once reviewed", async () => {
    const archivistId = (await plantStaffMember("ARCHIVIST")).id;
    const { guestId } = await plantGuest(desk, { fullName: "观察 宾客" });
    const observation = await db().preference.create({
      data: {
        guestId,
        category: "PILLOW",
        value: "荞麦枕",
        source: "STAFF_OBSERVED",
        status: "PENDING_REVIEW",
        department: "HOUSEKEEPING",
        createdAt: new Date("2027-03-01T02:00:00Z"),
      },
    });
    expect((await run("2027-03-03")).counts).toMatchObject({ OBSERVATION_PENDING: 0 });
    expect((await run("2027-03-04")).counts).toMatchObject({ OBSERVATION_PENDING: 1, fired: 1 });
    await run("2027-03-05");
    const steps = await stepsOf(observation.id);
    expect(steps.filter((s) => s.kind === "OBSERVATION_PENDING").map((s) => s.recipientIds)).toEqual([[archivistId]]);
    expect(await db().staffNotification.count({ where: { recipientId: archivistId, kind: "deadline.escalated" } })).toBe(1);
    await db().preference.update({ where: { id: observation.id }, data: { status: "ACTIVE" } });
    await run("2027-03-05");
    expect((await stepsOf(observation.id)).find((s) => s.kind === "OBSERVATION_PENDING")!.clearedAt).not.toBeNull();
    await db().staff.update({ where: { id: archivistId }, data: { active: false } });
  });

  it("tells the archive centre once of a data-quality finding open on a VIP, and clears it once fixed", async () => {
    const archivistId = (await plantStaffMember("ARCHIVIST")).id;
    const { guestId } = await plantGuest(desk, { fullName: "贵宾 质量", vipLevel: "2", phone: "+8613912345678" });
    await db().qualityFinding.deleteMany({ where: { guestId } });
    const finding = await db().qualityFinding.create({
      data: { ruleId: "name-without-pinyin", guestId, subject: "", severity: "LOW", detail: {}, fingerprint: "test" },
    });
    const first = await run("2027-03-01");
    expect(first.counts).toMatchObject({ QUALITY_VIP: 1, fired: 1 });
    expect((await run("2027-03-02")).counts).toMatchObject({ QUALITY_VIP: 0, fired: 0 });
    const [step] = await db().escalation.findMany({ where: { kind: "QUALITY_VIP", subjectId: finding.id } });
    expect(step.recipientIds).toEqual([archivistId]);
    await db().qualityFinding.update({ where: { id: finding.id }, data: { status: "FIXED", resolvedAt: new Date() } });
    await run("2027-03-02");
    expect((await db().escalation.findUniqueOrThrow({ where: { id: step.id } })).clearedAt).not.toBeNull();
    await db().staff.update({ where: { id: archivistId }, data: { active: false } });
  });

  it("does not chase what belongs to an erased guest", async () => {
    const { id, guestId } = await complaint("CRITICAL", new Date("2027-03-01T02:00:00Z"));
    await db().guest.update({ where: { id: guestId }, data: { anonymizedAt: new Date() } });
    await run("2027-03-02");
    expect(await stepsOf(id)).toHaveLength(0);
  });
});

describe("the Overdue board", () => {
  it("shows managers the overdue complaints with the steps fired and whom they told; the desk may not see it", async () => {
    const at = new Date(Date.now() - 3 * 86_400_000);
    const { id, guestId } = await complaint("HIGH", at);
    await run(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    const reply = await responseOf(() => overdueLoader({ request: requestWith(managerCookie, "/overdue"), params: {}, context: {} }));
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as {
      board: {
        complaints: { id: number; acknowledgeOverdue: boolean; resolveOverdue: boolean; steps: { kind: string; told: string[] }[] }[];
      };
    };
    const row = body.board.complaints.find((c) => c.id === id)!;
    expect(row).toMatchObject({ acknowledgeOverdue: true, resolveOverdue: true });
    expect(row.steps.map((s) => s.kind)).toEqual(expect.arrayContaining(["COMPLAINT_ACKNOWLEDGE", "COMPLAINT_RESOLVE"]));
    expect(row.steps.find((s) => s.kind === "COMPLAINT_RESOLVE")!.told).toContain("值班经理 Li");
    // No complaint texts on the board.
    expect(JSON.stringify(body)).not.toContain("隔壁装修噪音");
    const read = await db().auditEntry.findFirstOrThrow({
      where: { entity: "OverdueBoard", staffId: dutyManagerId },
      orderBy: { id: "desc" },
    });
    expect((read.changes as { shownGuestIds: number[] }).shownGuestIds).toContain(guestId);

    const refused = await responseOf(() => overdueLoader({ request: requestWith(deskCookie, "/overdue"), params: {}, context: {} }));
    expect(refused.status).toBe(403);
  });
});
