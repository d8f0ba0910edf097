// The retention policy, proven with planted guests: who would go and why, the
// threshold to the day, the dry run, both phases of the purge, the grace
// period, restore, re-runs and a purge killed halfway.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { NotFoundError } from "~/domain/errors";
import { listRecycleBin, restoreGuest } from "~/domain/guests/recycle-bin.server";
import { searchGuests } from "~/domain/guests/search-guests.server";
import { recordFeedback, handleComplaint } from "~/domain/complaints/record-feedback.server";
import { feedbackFormSchema, handlingFormSchema } from "~/domain/complaints/feedback-form";
import { ANONYMISED_NAME } from "~/domain/retention/anonymise-guest.server";
import { evaluateRetention, inactivityCutoff, previewRetention } from "~/domain/retention/evaluate-retention.server";
import { ANONYMISE_BATCH, purgeInactiveGuests, SOFT_DELETE_BATCH } from "~/domain/retention/purge-inactive-guests.server";
import { getRetentionPolicy, updateRetentionPolicy } from "~/domain/retention/retention-policy.server";
import { retentionPolicySchema } from "~/domain/retention/retention-policy-form";
import { runNamedJob } from "../../jobs/registry.server";
import { setLegalHold } from "~/domain/retention/legal-hold.server";
import { planBirthdayOutreach } from "~/domain/outreach/plan-outreach.server";
import { sendDueEmails } from "~/domain/outreach/send-outreach.server";
import { recordOutreachOutcome } from "~/domain/outreach/outreach-tasks.server";
import {
  analyticsTotals,
  backdateGuest,
  personalDataLeft,
  personalDataLeftOf,
  plantGuest,
  plantInactiveGuest,
  plantCampaign,
  plantInactiveGuestsInBulk,
  plantProperty,
  plantRichInactiveGuest,
  plantStaffMember,
  plantStay,
  wipeArchive,
  failDeletesOfGuest,
} from "../support/fixtures";

/** The purge date of every test: the 1st of the month, as the scheduler runs it. */
const AS_OF = "2026-11-01";
/** AS_OF minus 1095 days (2024 is a leap year): last active on or before this day = inactive. */
const CUTOFF = "2023-11-02";
const LONG_AGO = "2022-05-10";
const GRACE_DAY_29 = "2026-11-30";
const GRACE_DAY_30 = "2026-12-01";

let desk: Actor;
let archivist: Actor;
let admin: Actor;
let propertyId: number;

beforeAll(async () => {
  desk = (await plantStaffMember("FRONT_DESK")).actor;
  archivist = (await plantStaffMember("ARCHIVIST")).actor;
  admin = (await plantStaffMember("ADMIN")).actor;
  propertyId = (await plantProperty("RET")).id;
  await db().identityMarker.create({
    data: { code: "RET_CORP", labelEn: "Corporate", labelZh: "协议客户", color: "#225", icon: "briefcase" },
  });
});

beforeEach(async () => {
  await wipeArchive();
});

const purge = (asOf: string, extra: { dryRun?: boolean; maxBatches?: number } = {}) =>
  purgeInactiveGuests(db(), { asOf, dryRun: false, ...extra });
const policy = () => getRetentionPolicy(db());
const foundIds = async (query: string) => (await searchGuests(db(), query)).map((r) => r.id);
const auditCount = () => db().auditEntry.count();

/** Row counts of every table the purge could touch. */
async function tableCounts() {
  const d = db();
  const [
    guests,
    live,
    deleted,
    anonymised,
    stays,
    charges,
    preferences,
    specialDates,
    feedback,
    timeline,
    searchKeys,
    markers,
    audit,
    certificates,
  ] = await Promise.all([
    d.guest.count(),
    d.guest.count({ where: { deletedAt: null } }),
    d.guest.count({ where: { deletedAt: { not: null } } }),
    d.guest.count({ where: { anonymizedAt: { not: null } } }),
    d.stay.count(),
    d.charge.count(),
    d.preference.count(),
    d.specialDate.count(),
    d.feedback.count(),
    d.timelineEvent.count(),
    d.guestSearchKey.count(),
    d.guestMarker.count(),
    d.auditEntry.count(),
    d.erasureCertificate.count(),
  ]);
  return {
    guests,
    live,
    deleted,
    anonymised,
    stays,
    charges,
    preferences,
    specialDates,
    feedback,
    timeline,
    searchKeys,
    markers,
    audit,
    certificates,
  };
}

/** Everything stored about each guest (rows ordered by id), in a few queries. */
async function archivesOf(guestIds: number[]) {
  const d = db();
  const where = { guestId: { in: guestIds } };
  const byId = { orderBy: { id: "asc" as const } };
  const [guests, stays, charges, preferences, specialDates, feedback, markers, searchKeys, timeline] = await Promise.all([
    d.guest.findMany({ where: { id: { in: guestIds } } }),
    d.stay.findMany({ where, ...byId }),
    d.charge.findMany({ where, ...byId }),
    d.preference.findMany({ where, ...byId }),
    d.specialDate.findMany({ where, ...byId }),
    d.feedback.findMany({ where, ...byId }),
    d.guestMarker.findMany({ where, orderBy: [{ guestId: "asc" }, { markerId: "asc" }] }),
    d.guestSearchKey.findMany({ where, ...byId }),
    d.timelineEvent.findMany({ where, ...byId }),
  ]);
  const of = <T extends { guestId: number }>(rows: T[], id: number) => rows.filter((r) => r.guestId === id);
  return new Map(
    guestIds.map((id) => {
      const guest = guests.find((g) => g.id === id);
      if (!guest) throw new Error(`No guest ${id}`);
      return [
        id,
        {
          guest,
          stays: of(stays, id),
          charges: of(charges, id),
          preferences: of(preferences, id),
          specialDates: of(specialDates, id),
          feedback: of(feedback, id),
          markers: of(markers, id),
          searchKeys: of(searchKeys, id),
          timeline: of(timeline, id),
        },
      ] as const;
    }),
  );
}

async function archiveOf(guestId: number) {
  return (await archivesOf([guestId])).get(guestId)!;
}

function withoutBinFields<T extends { version: number; deletedAt: Date | null; deletedReason: string | null; updatedAt: Date }>(guest: T) {
  const { version: _v, deletedAt: _d, deletedReason: _r, updatedAt: _u, ...rest } = guest;
  return rest;
}

describe("the retention policy", () => {
  it("starts with the written defaults and computes the cut-off to the day", async () => {
    const p = await policy();
    expect(p).toMatchObject({
      inactivityDays: 1095,
      graceDays: 30,
      exemptFutureStay: true,
      exemptOpenComplaint: true,
      exemptLegalHold: true,
      exemptVipLevel: 3,
      exemptRecentConsent: true,
    });
    expect(inactivityCutoff(p, AS_OF)).toBe(CUTOFF);
    expect(inactivityCutoff(p, "2025-03-01")).toBe("2022-03-02");
  });

  it("is changed by an admin, audited, and decides who goes", async () => {
    const { guestId: vip } = await plantInactiveGuest(desk, { fullName: "Policy VIP", vipLevel: "4", lastActive: LONG_AGO });
    const { guestId: recent } = await plantInactiveGuest(desk, { fullName: "Policy Two Years", lastActive: "2024-10-01" });
    let preview = await previewRetention(db(), await policy(), AS_OF);
    expect(preview).toMatchObject({ toPurge: 0, exempt: 1, byExemption: { vip: 1 } });

    await updateRetentionPolicy(
      db(),
      admin,
      retentionPolicySchema.parse({
        inactivityDays: "730",
        graceDays: "14",
        exemptFutureStay: "on",
        exemptOpenComplaint: "on",
        exemptLegalHold: "on",
        exemptVipLevel: "",
        exemptRecentConsent: "on",
      }),
    );
    preview = await previewRetention(db(), await policy(), AS_OF);
    expect(preview).toMatchObject({ cutoff: "2024-11-01", toPurge: 2, exempt: 0 });
    expect(preview.page.map((d) => d.guestId).sort()).toEqual([vip, recent].sort());
    const audit = await db().auditEntry.findMany({ where: { entity: "RetentionPolicy" } });
    expect(audit).toMatchObject([
      {
        action: "UPDATE",
        entityId: 1,
        staffId: admin.staffId,
        changes: { inactivityDays: [1095, 730], graceDays: [30, 14], exemptVipLevel: [3, null] },
      },
    ]);
  });
});

describe("previewing the purge", () => {
  it("honours each exemption and reports it, and lists exactly who would go and why", async () => {
    const reservedStay = (guestId: number) =>
      plantStay(desk, guestId, {
        propertyId: String(propertyId),
        arrivalDate: "2026-12-20",
        departureDate: "2026-12-23",
        status: "RESERVED",
      });
    const complaint = (guestId: number) =>
      recordFeedback(
        db(),
        desk,
        guestId,
        feedbackFormSchema.parse({
          kind: "COMPLAINT",
          propertyId: String(propertyId),
          category: "SERVICE",
          department: "FRONT_OFFICE",
          description: "Slow check-in",
        }),
      );
    const p = (fullName: string, fields: Record<string, unknown> = {}, setup?: (id: number) => Promise<unknown>) =>
      plantInactiveGuest(desk, { fullName, lastActive: LONG_AGO, ...fields }, setup).then((g) => g.guestId);

    const plain = await p("Plain Inactive");
    const vip2 = await p("VIP Two", { vipLevel: "2" });
    const vip3 = await p("VIP Three", { vipLevel: "3" });
    const future = await p("Future Reservation", {}, reservedStay);
    const pastReservation = await p("Stale Reservation", {}, (id) =>
      plantStay(desk, id, { propertyId: String(propertyId), arrivalDate: "2026-10-20", departureDate: "2026-10-31", status: "RESERVED" }),
    );
    const cancelled = await p("Cancelled Future", {}, (id) =>
      plantStay(desk, id, { propertyId: String(propertyId), arrivalDate: "2026-12-20", departureDate: "2026-12-23", status: "CANCELLED" }),
    );
    const open = await p("Open Complaint", {}, complaint);
    const inProgress = await p("Complaint In Progress", {}, async (id) => {
      const f = await complaint(id);
      await handleComplaint(db(), desk, id, handlingFormSchema.parse({ feedbackId: String(f.id), status: "IN_PROGRESS" }));
    });
    const resolved = await p("Resolved Complaint", {}, async (id) => {
      const f = await complaint(id);
      await handleComplaint(
        db(),
        desk,
        id,
        handlingFormSchema.parse({ feedbackId: String(f.id), status: "RESOLVED", handling: "Apologised" }),
      );
    });
    const hold = await p("Legal Hold");
    await db().guest.update({ where: { id: hold }, data: { legalHold: true, legalHoldReason: "court order 2026-17" } });
    const holdAndVip = await p("Hold And VIP", { vipLevel: "5" });
    await db().guest.update({ where: { id: holdAndVip }, data: { legalHold: true } });
    const consentRecent = await p("Consent Renewed", { consentEmail: "on", consentRenewedOn: "2023-11-03" });
    const consentAtCutoff = await p("Consent At Cutoff", { consentSms: "on", consentRenewedOn: CUTOFF });
    const consentWithdrawn = await p("Consent Withdrawn", { consentRenewedOn: "2026-01-05" });
    const active = (await plantGuest(desk, { fullName: "Active Guest" })).guestId;

    const preview = await previewRetention(db(), await policy(), AS_OF, { limit: 100 });
    const purgeIds = [plain, vip2, pastReservation, cancelled, resolved, consentAtCutoff, consentWithdrawn];
    expect(preview).toMatchObject({
      asOf: AS_OF,
      cutoff: CUTOFF,
      toPurge: purgeIds.length,
      exempt: 7,
      dueForAnonymisation: 0,
      byExemption: { futureStay: 1, openComplaint: 2, legalHold: 2, vip: 2, recentConsent: 1 },
    });
    expect(preview.page.map((d) => d.guestId)).toEqual(purgeIds.sort((a, b) => a - b));
    expect(preview.page.find((d) => d.guestId === plain)).toEqual({
      guestId: plain,
      profileNumber: expect.stringMatching(/^G\d{8}$/),
      fullName: "Plain Inactive",
      vipLevel: 0,
      lastStayDate: null,
      lastActiveDate: LONG_AGO,
      inactiveDays: 1636,
      exemptions: [],
    });

    const exempt = await previewRetention(db(), await policy(), AS_OF, { show: "exempt", limit: 100 });
    const why = Object.fromEntries(exempt.page.map((d) => [d.guestId, d.exemptions]));
    expect(why).toEqual({
      [vip3]: ["vip"],
      [future]: ["futureStay"],
      [open]: ["openComplaint"],
      [inProgress]: ["openComplaint"],
      [hold]: ["legalHold"],
      [holdAndVip]: ["legalHold", "vip"],
      [consentRecent]: ["recentConsent"],
    });
    expect(why[active]).toBeUndefined();

    // Paging walks the same list.
    const second = await previewRetention(db(), await policy(), AS_OF, { offset: 3, limit: 3 });
    expect(second.page.map((d) => d.guestId)).toEqual(purgeIds.slice(3, 6));

    // The purge takes exactly the guests the preview named.
    const counts = await purge(AS_OF);
    expect(counts).toMatchObject({ inactive: 14, exempt: 7, toSoftDelete: 7, softDeleted: 7, anonymised: 0 });
    const deleted = await db().guest.findMany({ where: { deletedAt: { not: null } }, select: { id: true }, orderBy: { id: "asc" } });
    expect(deleted.map((g) => g.id)).toEqual(purgeIds);
  });

  it("switching an exemption off in the policy lets the purge take those guests", async () => {
    const { guestId: future } = await plantInactiveGuest(desk, { fullName: "Booked Again", lastActive: LONG_AGO }, (id) =>
      plantStay(desk, id, { propertyId: String(propertyId), arrivalDate: "2027-01-02", departureDate: "2027-01-04", status: "RESERVED" }),
    );
    const { guestId: hold } = await plantInactiveGuest(desk, { fullName: "Held", lastActive: LONG_AGO });
    await db().guest.update({ where: { id: hold }, data: { legalHold: true } });
    await updateRetentionPolicy(
      db(),
      admin,
      retentionPolicySchema.parse({
        inactivityDays: "1095",
        graceDays: "30",
        exemptFutureStay: "",
        exemptOpenComplaint: "on",
        exemptLegalHold: "on",
        exemptVipLevel: "3",
        exemptRecentConsent: "on",
      }),
    );
    const preview = await previewRetention(db(), await policy(), AS_OF);
    expect(preview).toMatchObject({ toPurge: 1, exempt: 1, byExemption: { futureStay: 0, legalHold: 1 } });
    expect(preview.page.map((d) => d.guestId)).toEqual([future]);
  });
});

describe("the inactivity threshold", () => {
  it("does not count greetings the jobs planned or sent as the guest's activity", async () => {
    const greeted = await plantInactiveGuest(archivist, { fullName: "Greeted Every Year", lastActive: LONG_AGO });
    const visited = await plantInactiveGuest(archivist, { fullName: "Staff Called Them", lastActive: LONG_AGO });
    const recently = new Date(`${AS_OF}T08:00:00Z`);
    for (const name of ["outreach.planned", "outreach.sent", "outreach.failed", "outreach.skipped"]) {
      await db().timelineEvent.create({ data: { guestId: greeted.guestId, name, happensAt: recently } });
    }
    // A touch staff recorded with the guest (e.g. a call answered) is activity.
    await db().timelineEvent.create({
      data: { guestId: visited.guestId, name: "outreach.done", happensAt: recently, actorId: archivist.staffId },
    });
    const decisions = [];
    for await (const batch of evaluateRetention(db(), await getRetentionPolicy(db()), AS_OF)) decisions.push(...batch);
    const ids = decisions.map((d) => d.guestId);
    expect(ids).toContain(greeted.guestId);
    expect(ids).not.toContain(visited.guestId);
  });

  it("counts none of the events the real outreach code writes for greetings as activity, and a touch staff made as activity", async () => {
    // The real planner, sender (into an outbox folder) and queue write the events; nothing is planted by name.
    const outbox = fs.mkdtempSync(path.join(os.tmpdir(), "retention-outbox-"));
    const saved = { SMTP_HOST: process.env.SMTP_HOST, OUTBOX_DIR: process.env.OUTBOX_DIR };
    delete process.env.SMTP_HOST;
    process.env.OUTBOX_DIR = outbox;
    try {
      const greeted = await plantInactiveGuest(archivist, {
        fullName: "Greeted Birthday",
        lastActive: LONG_AGO,
        birthDate: "1970-11-03",
        email: "greeted@example.test",
        consentEmail: "on",
      });
      const skipped = await plantInactiveGuest(archivist, {
        fullName: "Skipped Birthday",
        lastActive: LONG_AGO,
        birthDate: "1971-11-04",
        phone: "13900000001",
        consentPhone: "on",
      });
      const called = await plantInactiveGuest(archivist, {
        fullName: "Called Birthday",
        lastActive: LONG_AGO,
        birthDate: "1972-11-04",
        phone: "13900000002",
        consentPhone: "on",
      });
      await plantCampaign(admin, { name: "Birthday e-mail", channel: "EMAIL" });
      await plantCampaign(admin, { name: "Birthday call", channel: "PHONE" });
      await planBirthdayOutreach(db(), { asOf: AS_OF, dryRun: false });
      await sendDueEmails(db(), { asOf: "2026-11-03", dryRun: false });
      const phoneTask = async (guestId: number) => (await db().outreachTask.findFirstOrThrow({ where: { guestId, channel: "PHONE" } })).id;
      await recordOutreachOutcome(db(), admin, await phoneTask(skipped.guestId), "SKIPPED", "no answer");
      await recordOutreachOutcome(db(), admin, await phoneTask(called.guestId), "DONE", "wished a happy birthday");
      const events = await db().timelineEvent.findMany({
        where: { guestId: { in: [greeted.guestId, skipped.guestId] } },
        select: { name: true },
      });
      expect(new Set(events.map((e) => e.name))).toEqual(
        new Set(["guest.created", "outreach.planned", "outreach.sent", "outreach.skipped"]),
      );

      const ids: number[] = [];
      for await (const batch of evaluateRetention(db(), await getRetentionPolicy(db()), AS_OF)) ids.push(...batch.map((d) => d.guestId));
      expect(ids).toContain(greeted.guestId);
      expect(ids).toContain(skipped.guestId);
      expect(ids).not.toContain(called.guestId);
    } finally {
      Object.assign(process.env, saved);
      if (saved.SMTP_HOST === undefined) delete process.env.SMTP_HOST;
      if (saved.OUTBOX_DIR === undefined) delete process.env.OUTBOX_DIR;
      fs.rmSync(outbox, { recursive: true, force: true });
    }
  });

  it("purges a guest inactive exactly the threshold and keeps one a day short, counting stays as activity", async () => {
    const dayShort = "2023-11-03";
    const exact = (await plantInactiveGuest(desk, { fullName: "Exactly Three Years", lastActive: CUTOFF })).guestId;
    const short = (await plantInactiveGuest(desk, { fullName: "One Day Short", lastActive: dayShort })).guestId;
    const stayed = (departure: string) => (id: number) =>
      plantStay(desk, id, {
        propertyId: String(propertyId),
        roomNumber: "301",
        arrivalDate: "2023-10-30",
        departureDate: departure,
        status: "CHECKED_OUT",
        rateAmount: "500",
      });
    const stayExact = (await plantInactiveGuest(desk, { fullName: "Stay Ended At Cutoff", lastActive: LONG_AGO }, stayed(CUTOFF))).guestId;
    const stayShort = (await plantInactiveGuest(desk, { fullName: "Stay Ended Day After", lastActive: LONG_AGO }, stayed(dayShort)))
      .guestId;
    // A stay that never happened is no activity.
    const noShow = (
      await plantInactiveGuest(desk, { fullName: "No Show Later", lastActive: LONG_AGO }, (id) =>
        plantStay(desk, id, { propertyId: String(propertyId), arrivalDate: "2024-06-01", departureDate: "2024-06-03", status: "NO_SHOW" }),
      )
    ).guestId;
    // A recent timeline event (e.g. an observation) is activity.
    const touched = (await plantInactiveGuest(desk, { fullName: "Touched Recently", lastActive: LONG_AGO })).guestId;
    await db().timelineEvent.create({ data: { guestId: touched, name: "observation.added", happensAt: new Date("2025-02-01T08:00:00Z") } });

    const preview = await previewRetention(db(), await policy(), AS_OF);
    expect(preview.page.map((d) => [d.guestId, d.lastActiveDate, d.lastStayDate, d.inactiveDays])).toEqual([
      [exact, CUTOFF, null, 1095],
      [stayExact, CUTOFF, CUTOFF, 1095],
      [noShow, LONG_AGO, null, 1636],
    ]);
    const counts = await purge(AS_OF);
    expect(counts).toMatchObject({ inactive: 3, softDeleted: 3 });
    const live = await db().guest.findMany({ where: { deletedAt: null }, select: { id: true }, orderBy: { id: "asc" } });
    expect(live.map((g) => g.id)).toEqual([short, stayShort, touched]);

    // A day later the one-day-short guests cross the threshold too.
    const nextDay = await purge("2026-11-02");
    expect(nextDay).toMatchObject({ inactive: 2, softDeleted: 2 });
    expect((await db().guest.findMany({ where: { deletedAt: null }, select: { id: true } })).map((g) => g.id)).toEqual([touched]);
  });
});

describe("a dry run", () => {
  it("counts what would happen and changes nothing: no rows, no audit", async () => {
    for (let i = 0; i < 3; i++) await plantInactiveGuest(desk, { fullName: `Dry Run ${i}`, lastActive: LONG_AGO });
    await plantInactiveGuest(desk, { fullName: "Dry Run VIP", vipLevel: "3", lastActive: LONG_AGO });
    const before = await tableCounts();
    const guestsBefore = await db().guest.findMany({ orderBy: { id: "asc" } });

    const counts = await purge(AS_OF, { dryRun: true });
    expect(counts).toEqual({ inactive: 4, exempt: 1, toSoftDelete: 3, softDeleted: 0, anonymised: 0, dueForAnonymisation: 0 });
    expect(await tableCounts()).toEqual(before);
    expect(await db().guest.findMany({ orderBy: { id: "asc" } })).toEqual(guestsBefore);

    // Phase 1 for real, then a dry run after the grace period: due, but not anonymised.
    await purge(AS_OF);
    const afterPhase1 = await tableCounts();
    const rowsAfterPhase1 = await db().guest.findMany({ orderBy: { id: "asc" } });
    const dry2 = await purge(GRACE_DAY_30, { dryRun: true });
    expect(dry2).toMatchObject({ softDeleted: 0, anonymised: 0, dueForAnonymisation: 3 });
    expect(await tableCounts()).toEqual(afterPhase1);
    expect(await db().guest.findMany({ orderBy: { id: "asc" } })).toEqual(rowsAfterPhase1);

    // Through the job runner (npm run job -- purge --dry-run): only the run itself is recorded.
    const outcome = await runNamedJob(db(), "purge", { asOf: GRACE_DAY_30, dryRun: true, trigger: "cli" });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", counts: { dueForAnonymisation: 3, anonymised: 0 } });
    expect(await tableCounts()).toEqual(afterPhase1);
    expect(await db().jobRun.findUniqueOrThrow({ where: { id: outcome.runId } })).toMatchObject({
      job: "purge",
      dryRun: true,
      trigger: "cli",
      status: "SUCCEEDED",
    });
  });
});

describe("phase 1: to the recycle bin", () => {
  it("moves candidates to the bin with reason retention and one DELETE audit row naming the rule, data untouched", async () => {
    const { guestId, profileNumber } = await plantRichInactiveGuest(desk, {
      lastActive: LONG_AGO,
      propertyId,
      fullName: "林黛玉",
      phone: "13911112222",
      idNumber: "E12345678",
      markerCode: "RET_CORP",
    });
    const { guestId: kept } = await plantInactiveGuest(desk, { fullName: "Kept VIP", vipLevel: "4", lastActive: LONG_AGO });
    const before = await archiveOf(guestId);
    expect(await foundIds("13911112222")).toContain(guestId);
    const lastAudit = (await db().auditEntry.findFirst({ orderBy: { id: "desc" } }))?.id ?? 0;

    const counts = await purge(AS_OF);
    expect(counts).toMatchObject({ inactive: 2, exempt: 1, softDeleted: 1 });

    const during = await archiveOf(guestId);
    expect(during.guest).toMatchObject({
      deletedAt: new Date(`${AS_OF}T00:00:00.000Z`),
      deletedReason: "retention",
      deletedById: null,
      anonymizedAt: null,
      version: before.guest.version + 1,
    });
    expect(withoutBinFields(during.guest)).toEqual(withoutBinFields(before.guest));
    const { guest: _a, ...restDuring } = during;
    const { guest: _b, ...restBefore } = before;
    expect(restDuring).toEqual(restBefore);

    const audit = await db().auditEntry.findMany({ where: { id: { gt: lastAudit } } });
    expect(audit).toEqual([
      expect.objectContaining({
        action: "DELETE",
        entity: "Guest",
        entityId: guestId,
        guestId,
        staffId: null,
        changes: { reason: "retention", rule: `inactive since ${LONG_AGO} (≥ 1095 days)`, asOf: AS_OF },
      }),
    ]);

    const bin = await listRecycleBin(db());
    expect(bin.guests).toEqual([
      expect.objectContaining({ id: guestId, profileNumber, fullName: "林黛玉", deletedReason: "retention", deletedBy: null }),
    ]);
    for (const q of ["林黛玉", "lindaiyu", "ldy", "2222", "13911112222@guest.test", profileNumber])
      expect(await foundIds(q), q).not.toContain(guestId);
    expect((await db().guest.findUniqueOrThrow({ where: { id: kept } })).deletedAt).toBeNull();
  });
});

describe("phase 2: anonymisation after the grace period", () => {
  it("waits the grace period (day 29 no, day 30 yes), then erases personal data and keeps the analytics totals", async () => {
    const { guestId, profileNumber } = await plantRichInactiveGuest(desk, {
      lastActive: LONG_AGO,
      propertyId,
      fullName: "薛宝钗",
      phone: "13922223333",
      idNumber: "G98765432",
      markerCode: "RET_CORP",
    });
    // Someone still active, with stays and charges of their own, in the same months.
    await plantRichInactiveGuest(desk, {
      lastActive: LONG_AGO,
      propertyId,
      fullName: "Active Regular",
      phone: "13933334444",
      idNumber: "H11223344",
    }).then(({ guestId: id }) => backdateGuest(id, "2026-10-01"));
    const totalsBefore = await analyticsTotals();
    const before = await archiveOf(guestId);
    expect(before.stays).toHaveLength(2);
    expect(before.charges).toHaveLength(2);

    await purge(AS_OF);
    const day29 = await purge(GRACE_DAY_29);
    expect(day29).toMatchObject({ softDeleted: 0, dueForAnonymisation: 0, anonymised: 0 });
    expect((await db().guest.findUniqueOrThrow({ where: { id: guestId } })).fullName).toBe("薛宝钗");
    expect((await previewRetention(db(), await policy(), GRACE_DAY_29)).dueForAnonymisation).toBe(0);
    expect((await previewRetention(db(), await policy(), GRACE_DAY_30)).dueForAnonymisation).toBe(1);

    const lastAudit = (await db().auditEntry.findFirst({ orderBy: { id: "desc" } }))!.id;
    const day30 = await purge(GRACE_DAY_30);
    expect(day30).toMatchObject({ softDeleted: 0, dueForAnonymisation: 1, anonymised: 1 });

    const after = await archiveOf(guestId);
    expect(after.guest).toMatchObject({
      profileNumber,
      fullName: ANONYMISED_NAME,
      familyName: null,
      givenName: null,
      namePinyin: null,
      phone: null,
      email: null,
      company: null,
      address: null,
      birthDate: null,
      idDocumentType: null,
      idDocumentCipher: null,
      idDocumentLast4: null,
      notes: null,
      ethnicity: null,
      nativePlace: null,
      nationality: null,
      gender: "UNDISCLOSED",
      deletedReason: "retention",
      anonymizedAt: expect.any(Date),
      vipLevel: before.guest.vipLevel,
      language: before.guest.language,
    });
    expect(await personalDataLeft(guestId)).toEqual([]);
    expect(after.preferences).toEqual([]);
    expect(after.specialDates).toEqual([]);
    expect(after.searchKeys).toEqual([]);
    expect(after.markers).toEqual([]);
    // The timeline keeps that something happened and when, not what it said.
    expect(after.timeline.map((e) => [e.id, e.name, e.happensAt])).toEqual(before.timeline.map((e) => [e.id, e.name, e.happensAt]));
    expect(after.timeline.every((e) => e.properties === null)).toBe(true);
    expect(
      after.feedback.map(({ description, handling, compensation, guestReactionNote, ...facts }) => ({
        description,
        handling,
        compensation,
        guestReactionNote,
        facts,
      })),
    ).toEqual(
      before.feedback.map(({ description: _d, handling: _h, compensation: _c, guestReactionNote: _n, ...facts }) => ({
        description: "(erased)",
        handling: null,
        compensation: null,
        guestReactionNote: null,
        facts,
      })),
    );
    // Stays and charges — the anonymous facts — are untouched (charges lose only their free text).
    expect(after.stays).toEqual(before.stays);
    expect(after.charges.map(({ description: _d, ...c }) => c)).toEqual(before.charges.map(({ description: _d, ...c }) => c));
    expect(await analyticsTotals()).toEqual(totalsBefore);

    const audit = await db().auditEntry.findMany({ where: { id: { gt: lastAudit } } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "PURGE",
      entity: "Guest",
      entityId: guestId,
      guestId,
      staffId: null,
      changes: { reason: "retention", asOf: GRACE_DAY_30 },
    });
    expect((audit[0].changes as { erased: Record<string, number> }).erased).toMatchObject({
      name: 1,
      idDocument: 1,
      preferences: 2,
      specialDates: 1,
      markers: 1,
    });
    expect(JSON.stringify(audit[0].changes)).not.toMatch(/薛宝钗|13922223333|G98765432/);

    // Gone for good: not in search, not in the bin, cannot be restored.
    for (const q of ["薛宝钗", "xuebaochai", "xbc", "3333", "13922223333@guest.test", profileNumber, "1508", "Anonymised"])
      expect(await foundIds(q), q).not.toContain(guestId);
    expect((await listRecycleBin(db())).guests.map((g) => g.id)).not.toContain(guestId);
    await expect(restoreGuest(db(), archivist, guestId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await db().guest.findUniqueOrThrow({ where: { id: guestId } })).deletedAt).not.toBeNull();
  });
});

describe("a legal hold placed on a guest in the recycle bin", () => {
  it("stops the anonymisation after the grace period, and lifting it lets the next run finish", async () => {
    const { guestId } = await plantInactiveGuest(desk, { fullName: "Held In The Bin", phone: "13912340000", lastActive: LONG_AGO });
    await purge(AS_OF);
    await setLegalHold(db(), admin, guestId, true, "police request 2026-88");

    expect((await previewRetention(db(), await policy(), GRACE_DAY_30)).dueForAnonymisation).toBe(0);
    expect(await purge(GRACE_DAY_30)).toMatchObject({ dueForAnonymisation: 0, anonymised: 0 });
    expect(await db().guest.findUniqueOrThrow({ where: { id: guestId } })).toMatchObject({
      fullName: "Held In The Bin",
      phone: "+8613912340000", // stored in E.164
      anonymizedAt: null,
      deletedReason: "retention",
    });

    await setLegalHold(db(), admin, guestId, false, null);
    expect(await purge(GRACE_DAY_30)).toMatchObject({ anonymised: 1 });
    expect(await personalDataLeft(guestId)).toEqual([]);
  });
});

describe("restoring a retention-deleted guest", () => {
  it("within the grace period brings everything back exactly, findable again, and the guest is not taken again", async () => {
    const { guestId, profileNumber } = await plantRichInactiveGuest(desk, {
      lastActive: LONG_AGO,
      propertyId,
      fullName: "贾宝玉",
      phone: "13944445555",
      idNumber: "K55667788",
      markerCode: "RET_CORP",
    });
    const before = await archiveOf(guestId);
    await purge(AS_OF);
    expect((await listRecycleBin(db())).guests.map((g) => g.id)).toEqual([guestId]);

    await restoreGuest(db(), archivist, guestId);
    const after = await archiveOf(guestId);
    expect(after.guest).toMatchObject({
      deletedAt: null,
      deletedReason: null,
      deletedById: null,
      anonymizedAt: null,
      version: before.guest.version + 2,
    });
    expect(withoutBinFields(after.guest)).toEqual(withoutBinFields(before.guest));
    const { guest: _a, timeline: timelineAfter, ...restAfter } = after;
    const { guest: _b, timeline: timelineBefore, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    // The timeline gained only the restore itself.
    expect(timelineAfter.slice(0, timelineBefore.length)).toEqual(timelineBefore);
    expect(timelineAfter.slice(timelineBefore.length).map((e) => e.name)).toEqual(["guest.restored"]);

    for (const q of ["贾宝玉", "jiabaoyu", "5555", "13944445555@guest.test", profileNumber])
      expect(await foundIds(q), q).toContain(guestId);
    expect((await listRecycleBin(db())).total).toBe(0);

    // The restore is fresh activity: neither phase touches the guest afterwards.
    const later = await purge(GRACE_DAY_30);
    expect(later).toMatchObject({ inactive: 0, softDeleted: 0, anonymised: 0 });
    expect(await archiveOf(guestId)).toEqual(after);
  });
});

describe("the desk keeps working while the purge runs", () => {
  it("a candidate who books, complains or is put on legal hold between evaluation and deletion is not taken", async () => {
    const booked = (await plantInactiveGuest(desk, { fullName: "Books Mid Purge", lastActive: LONG_AGO })).guestId;
    const complained = (await plantInactiveGuest(desk, { fullName: "Complains Mid Purge", lastActive: LONG_AGO })).guestId;
    const held = (await plantInactiveGuest(desk, { fullName: "Held Mid Purge", lastActive: LONG_AGO })).guestId;
    const untouched = (await plantInactiveGuest(desk, { fullName: "Quiet Guest", lastActive: LONG_AGO })).guestId;
    let interfered = false;
    const counts = await purgeInactiveGuests(db(), {
      asOf: AS_OF,
      dryRun: false,
      // Reported after evaluating, before the first guest is moved: the desk acts now.
      async progress(_text, counts) {
        if (interfered || !counts?.inactive || counts.softDeleted !== 0) return;
        interfered = true;
        await plantStay(desk, booked, {
          propertyId: String(propertyId),
          arrivalDate: "2026-11-20",
          departureDate: "2026-11-22",
          status: "RESERVED",
        });
        await recordFeedback(
          db(),
          desk,
          complained,
          feedbackFormSchema.parse({
            kind: "COMPLAINT",
            propertyId: String(propertyId),
            category: "BILLING",
            department: "FRONT_OFFICE",
            description: "Charged twice",
          }),
        );
        await db().guest.update({ where: { id: held }, data: { legalHold: true } });
      },
    });
    expect(interfered).toBe(true);
    const deleted = (await db().guest.findMany({ where: { deletedAt: { not: null } }, select: { id: true } })).map((g) => g.id);
    expect(deleted).toEqual([untouched]);
    expect(counts).toMatchObject({ softDeleted: 1 });
    expect(await db().auditEntry.count({ where: { action: "DELETE" } })).toBe(1);
  });
});

describe("re-running the purge", () => {
  it("does nothing twice for the same date, in either phase", async () => {
    for (let i = 0; i < 3; i++) await plantInactiveGuest(desk, { fullName: `Rerun ${i}`, phone: `1395555000${i}`, lastActive: LONG_AGO });
    expect(await purge(AS_OF)).toMatchObject({ softDeleted: 3, anonymised: 0 });
    const audit1 = await auditCount();
    const rows1 = await db().guest.findMany({ orderBy: { id: "asc" } });
    expect(await purge(AS_OF)).toEqual({ inactive: 0, exempt: 0, toSoftDelete: 0, softDeleted: 0, anonymised: 0, dueForAnonymisation: 0 });
    expect(await auditCount()).toBe(audit1);
    expect(await db().guest.findMany({ orderBy: { id: "asc" } })).toEqual(rows1);

    expect(await purge(GRACE_DAY_30)).toMatchObject({ softDeleted: 0, anonymised: 3 });
    const audit2 = await auditCount();
    const rows2 = await db().guest.findMany({ orderBy: { id: "asc" } });
    expect(await purge(GRACE_DAY_30)).toMatchObject({ softDeleted: 0, anonymised: 0, dueForAnonymisation: 0 });
    expect(await purge(AS_OF)).toMatchObject({ softDeleted: 0, anonymised: 0 });
    expect(await auditCount()).toBe(audit2);
    expect(await db().guest.findMany({ orderBy: { id: "asc" } })).toEqual(rows2);
    const perGuest = await db().auditEntry.groupBy({
      by: ["guestId", "action"],
      where: { action: { in: ["DELETE", "PURGE"] } },
      _count: true,
    });
    expect(perGuest).toHaveLength(6);
    expect(perGuest.every((g) => g._count === 1)).toBe(true);
  });
});

describe("a purge killed halfway", () => {
  it("phase 1: the re-run finishes the work, each guest deleted and audited once", async () => {
    const ids = await plantInactiveGuestsInBulk(SOFT_DELETE_BATCH + 120, LONG_AGO);
    await expect(purge(AS_OF, { maxBatches: 1 })).rejects.toThrow(/simulated interruption/);
    expect(await db().guest.count({ where: { deletedReason: "retention" } })).toBe(SOFT_DELETE_BATCH);
    expect(await db().auditEntry.count({ where: { action: "DELETE" } })).toBe(SOFT_DELETE_BATCH);
    // Deleted and audited go together: no guest deleted without its row or the other way round.
    const deletedIds = (await db().guest.findMany({ where: { deletedAt: { not: null } }, select: { id: true } }))
      .map((g) => g.id)
      .sort((a, b) => a - b);
    const auditedIds = (await db().auditEntry.findMany({ where: { action: "DELETE" }, select: { guestId: true } }))
      .map((a) => a.guestId!)
      .sort((a, b) => a - b);
    expect(auditedIds).toEqual(deletedIds);

    expect(await purge(AS_OF)).toMatchObject({ inactive: 120, softDeleted: 120 });
    // (A range, not an IN list: more than SQLite's 999 bound parameters.)
    expect(await db().guest.count({ where: { id: { gte: Math.min(...ids), lte: Math.max(...ids) }, deletedReason: "retention" } })).toBe(
      ids.length,
    );
    const perGuest = await db().auditEntry.groupBy({ by: ["guestId"], where: { action: "DELETE" }, _count: true });
    expect(perGuest).toHaveLength(ids.length);
    expect(perGuest.every((g) => g._count === 1)).toBe(true);
  });

  it("phase 2: every guest is either fully anonymised or untouched, and the re-run finishes", async () => {
    const ids = await plantInactiveGuestsInBulk(ANONYMISE_BATCH + 30, LONG_AGO);
    const rich = await plantRichInactiveGuest(desk, {
      lastActive: LONG_AGO,
      propertyId,
      fullName: "史湘云",
      phone: "13966667777",
      idNumber: "M99887766",
    });
    const all = [...ids, rich.guestId];
    await purge(AS_OF);
    const totalsBefore = await analyticsTotals();
    const snapshot = await archivesOf(all);

    await expect(purge(GRACE_DAY_30, { maxBatches: 1 })).rejects.toThrow(/simulated interruption/);
    let anonymised = 0;
    const now = await archivesOf(all);
    const left = await personalDataLeftOf(all);
    for (const id of all) {
      if (now.get(id)!.guest.anonymizedAt) {
        anonymised++;
        expect(left.get(id), `guest ${id}`).toEqual([]);
      } else {
        expect(now.get(id), `guest ${id} untouched`).toEqual(snapshot.get(id));
        expect(left.get(id)).not.toEqual([]);
      }
    }
    expect(anonymised).toBe(ANONYMISE_BATCH);
    expect(await db().auditEntry.count({ where: { action: "PURGE" } })).toBe(ANONYMISE_BATCH);

    expect(await purge(GRACE_DAY_30)).toMatchObject({
      dueForAnonymisation: all.length - ANONYMISE_BATCH,
      anonymised: all.length - ANONYMISE_BATCH,
    });
    for (const [id, data] of await personalDataLeftOf(all)) expect(data, `guest ${id}`).toEqual([]);
    const perGuest = await db().auditEntry.groupBy({ by: ["guestId"], where: { action: "PURGE" }, _count: true });
    expect(perGuest).toHaveLength(all.length);
    expect(perGuest.every((g) => g._count === 1)).toBe(true);
    expect(await analyticsTotals()).toEqual(totalsBefore);
  });

  it("phase 2: a failure in the middle of one guest's anonymisation rolls back that guest's whole batch", async () => {
    const ids = await plantInactiveGuestsInBulk(40, LONG_AGO);
    await purge(AS_OF);
    const snapshot = await archivesOf(ids);
    // The disk fails while the 26th guest's preferences are being erased — after its name and contacts
    // already were, and after 25 guests of the same batch were done.
    const victim = ids[25];
    const healDisk = await failDeletesOfGuest("Preference", victim, "simulated I/O error");
    try {
      await expect(purge(GRACE_DAY_30)).rejects.toThrow(/simulated I\/O error/);
    } finally {
      await healDisk();
    }
    expect(await archivesOf(ids)).toEqual(snapshot);
    expect(await db().auditEntry.count({ where: { action: "PURGE" } })).toBe(0);

    expect(await purge(GRACE_DAY_30)).toMatchObject({ anonymised: ids.length });
    for (const [id, data] of await personalDataLeftOf(ids)) expect(data, `guest ${id}`).toEqual([]);
  });
});
