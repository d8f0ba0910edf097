// One guest, one archive (issue 12, items 3–6): a merge whose preview is its
// result, that moves every kind of child, that leads the old profile number
// to the survivor, and an undo that gives both profiles back byte for byte.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { ConflictError } from "~/domain/errors";
import { mergeBlockers } from "~/domain/duplicates/merge-blockers.server";
import { planMerge } from "~/domain/duplicates/merge-plan.server";
import { MergeBlockedError, mergeGuests } from "~/domain/duplicates/merge-guests.server";
import { undoMerge, UndoRefusedError } from "~/domain/duplicates/undo-merge.server";
import { fieldProvenance } from "~/domain/duplicates/merge-provenance.server";
import { searchGuests } from "~/domain/guests/search-guests.server";
import { updateGuest } from "~/domain/guests/save-guest.server";
import { setLegalHold } from "~/domain/retention/legal-hold.server";
import { addPreference, addSpecialDate } from "~/domain/preferences/save-preferences.server";
import { preferenceFormSchema, specialDateFormSchema } from "~/domain/preferences/preference-form";
import { recordFeedback } from "~/domain/complaints/record-feedback.server";
import { feedbackFormSchema } from "~/domain/complaints/feedback-form";
import { guestInput, plantCharge, plantGuest, plantProperty, plantStaffMember, plantStay } from "../support/fixtures";

let desk: Actor;
let archivist: Actor;
let sha: number;
let hkg: number;
let campaignId: number;
let vipMarker: number;
let corporateMarker: number;
let counter = 0;

beforeAll(async () => {
  desk = (await plantStaffMember("FRONT_DESK")).actor;
  archivist = (await plantStaffMember("ARCHIVIST")).actor;
  sha = (await plantProperty("MSH")).id;
  hkg = (await plantProperty("MHK", "Asia/Hong_Kong", "HKD")).id;
  campaignId = (
    await db().campaign.create({
      data: {
        name: "Birthdays",
        kind: "BIRTHDAY",
        audience: {},
        channel: "EMAIL",
        subjectEn: "s",
        subjectZh: "s",
        templateEn: "t",
        templateZh: "t",
      },
    })
  ).id;
  vipMarker = (
    await db().identityMarker.upsert({
      where: { code: "M_VIP" },
      create: { code: "M_VIP", labelEn: "VIP", labelZh: "贵宾", color: "#d4af37", icon: "star" },
      update: {},
    })
  ).id;
  corporateMarker = (
    await db().identityMarker.upsert({
      where: { code: "M_CORP" },
      create: { code: "M_CORP", labelEn: "Corporate", labelZh: "协议", color: "#333", icon: "briefcase" },
      update: {},
    })
  ).id;
});

/** A guest with something in every part of the archive (stays at `propertyId` in `month`). */
async function plantFull(
  name: string,
  fields: Record<string, unknown> = {},
  o: { propertyId?: number; month?: string; stays?: number } = {},
) {
  counter += 1;
  const phone = `1390000${String(counter).padStart(4, "0")}`;
  const { guestId, profileNumber } = await plantGuest(desk, { fullName: name, phone, email: `g${counter}@merge.test`, ...fields });
  const propertyId = o.propertyId ?? sha;
  const month = o.month ?? "2026-03";
  for (let i = 0; i < (o.stays ?? 1); i++) {
    const day = String(1 + (i % 25)).padStart(2, "0");
    const stay = await plantStay(desk, guestId, {
      propertyId,
      roomNumber: "501",
      arrivalDate: `${month}-${day}`,
      departureDate: `${month}-${String(2 + (i % 25)).padStart(2, "0")}`,
      status: "CHECKED_OUT",
      rateAmount: "800",
    });
    await plantCharge(desk, guestId, { propertyId, stayId: String(stay.id), grossAmount: "300", chargedAt: `${month}-${day}T19:00` });
    if (i === 0) await db().survey.create({ data: { guestId, stayId: stay.id, score: 9, comment: "lovely" } });
  }
  await addPreference(db(), archivist, guestId, preferenceFormSchema.parse({ category: "ALLERGY", value: `shellfish ${counter}` }));
  await addSpecialDate(db(), desk, guestId, specialDateFormSchema.parse({ kind: "ANNIVERSARY", label: "Wedding", month: "5", day: "20" }));
  await recordFeedback(
    db(),
    desk,
    guestId,
    feedbackFormSchema.parse({
      kind: "COMPLAINT",
      propertyId: String(propertyId),
      category: "NOISE",
      department: "HOUSEKEEPING",
      description: "Noisy",
    }),
  );
  await db().outreachTask.create({
    data: {
      campaignId,
      guestId,
      occasionKey: "birthday:2027",
      greetingKey: "birthday:2027",
      occasionDate: "2027-05-20",
      dueDate: "2027-05-13",
      channel: "EMAIL",
      language: "en",
      subject: "Happy birthday",
      message: "Dear guest",
    },
  });
  const referral = await db().referral.create({ data: { referrerId: guestId, referredName: "A friend" } });
  await db().rewardPointsEntry.create({ data: { guestId, points: 100, reason: "referral", referralId: referral.id } });
  await db().guestMarker.create({ data: { guestId, markerId: vipMarker } });
  await db().guestScore.create({
    data: {
      guestId,
      asOf: "2026-11-26",
      recencyDays: 200,
      frequency: 1,
      monetary: 1100,
      r: 2,
      f: 1,
      m: 2,
      valueTier: "BRONZE",
      lifecycle: "NEW",
      segment: "NEW",
    },
  });
  return { guestId, profileNumber };
}

const TABLES = [
  "guest",
  "stay",
  "charge",
  "preference",
  "specialDate",
  "feedback",
  "survey",
  "outreachTask",
  "referral",
  "rewardPointsEntry",
  "guestScore",
  "guestMarker",
  "guestSearchKey",
  "timelineEvent",
] as const;

/**
 * Every row of every table a merge touches, as JSON. The access register and
 * the merge and undo events on the timelines are history the merge adds (and
 * keeps): left out.
 */
async function dump(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const model = db()[table] as unknown as { findMany: (args: object) => Promise<Record<string, unknown>[]> };
    const orderBy =
      table === "guestScore" ? { guestId: "asc" } : table === "guestMarker" ? [{ guestId: "asc" }, { markerId: "asc" }] : { id: "asc" };
    let rows = await model.findMany({ orderBy });
    if (table === "timelineEvent") rows = rows.filter((r) => !String(r.name).match(/^guest\.(merged|mergedAway|unmerged)$/));
    out[table] = JSON.stringify(rows);
  }
  return out;
}

/** Saves the profile form as the desk would, with `changes` over what the profile holds. */
async function editGuest(guestId: number, changes: Record<string, unknown>) {
  const g = await db().guest.findUniqueOrThrow({ where: { id: guestId }, include: { markers: { include: { marker: true } } } });
  const on = (b: boolean) => (b ? "on" : undefined);
  const form = {
    fullName: g.fullName,
    gender: g.gender,
    birthDate: g.birthDate ?? "",
    nationality: g.nationality ?? "",
    address: g.address ?? "",
    phone: g.phone ?? "",
    email: g.email ?? "",
    company: g.company ?? "",
    language: g.language,
    vipLevel: String(g.vipLevel),
    consentEmail: on(g.consentEmail),
    consentSms: on(g.consentSms),
    consentPhone: on(g.consentPhone),
    consentMail: on(g.consentMail),
    notes: g.notes ?? "",
    markers: g.markers.map((m) => m.marker.code),
    version: String(g.version),
    ...changes,
  };
  return updateGuest(db(), archivist, guestId, guestInput(form));
}

async function versions(survivorId: number, otherId: number) {
  const [s, o] = await Promise.all([
    db().guest.findUniqueOrThrow({ where: { id: survivorId } }),
    db().guest.findUniqueOrThrow({ where: { id: otherId } }),
  ]);
  return { survivor: s.version, other: o.version };
}

async function merge(survivorId: number, otherId: number, picks = {}) {
  return mergeGuests(db(), archivist, { survivorId, otherId, picks, expectedVersions: await versions(survivorId, otherId) });
}

describe("merge", () => {
  it("moves every kind of child to the survivor, and the preview is the result", async () => {
    const a = await plantFull("王芳", { vipLevel: "1", consentEmail: "on", consentSms: "on", company: "Acme" });
    const b = await plantFull("王芳", { vipLevel: "3", consentEmail: "on", address: "1 Nanjing Road" });
    await db().guestMarker.create({ data: { guestId: b.guestId, markerId: corporateMarker } });
    const preview = await planMerge(db(), archivist, { survivorId: a.guestId, otherId: b.guestId });
    expect(preview!.blockers).toEqual([]);
    const childrenOfB = await Promise.all([
      db().stay.findMany({ where: { guestId: b.guestId }, select: { id: true } }),
      db().charge.findMany({ where: { guestId: b.guestId }, select: { id: true } }),
      db().timelineEvent.count({ where: { guestId: b.guestId } }),
    ]);

    const result = await merge(a.guestId, b.guestId);
    expect(result.plan).toEqual(preview);

    const c = preview!.counts;
    expect(c).toMatchObject({
      stays: 1,
      charges: 1,
      preferences: 1,
      specialDates: 1,
      feedback: 1,
      surveys: 1,
      referralsMade: 1,
      rewardPoints: 1,
      markers: 1,
    });
    // B's birthday greeting repeats A's (same greeting, same channel): it stays out, kept in the merge record.
    expect(c.outreachTasks).toBe(0);
    expect(c.timeline).toBe(childrenOfB[2]);
    const record = await db().guestMerge.findUniqueOrThrow({ where: { id: result.mergeId } });
    const moved = record.moved as Record<string, number[]>;
    for (const [kind, n] of Object.entries(c))
      expect([kind, (kind === "markers" ? moved.markerIds : moved[kind]).length]).toEqual([kind, n]);
    expect(moved.stays).toEqual(childrenOfB[0].map((s) => s.id));
    expect(moved.charges).toEqual(childrenOfB[1].map((s) => s.id));

    for (const model of ["stay", "charge", "preference", "specialDate", "feedback", "survey", "rewardPointsEntry"] as const) {
      const m = db()[model] as unknown as { count: (a: object) => Promise<number> };
      expect([model, await m.count({ where: { guestId: b.guestId } })]).toEqual([model, 0]);
      expect([model, await m.count({ where: { guestId: a.guestId } })]).toEqual([model, 2]);
    }
    expect(await db().referral.count({ where: { referrerId: a.guestId } })).toBe(2);
    expect(await db().outreachTask.count({ where: { guestId: b.guestId } })).toBe(0);
    expect((record.removed as { outreachTasks: unknown[] }).outreachTasks).toHaveLength(1);

    const survivor = await db().guest.findUniqueOrThrow({ where: { id: a.guestId }, include: { markers: true, score: true } });
    expect(survivor.vipLevel).toBe(3); // the higher
    expect(survivor.consentSms).toBe(false); // the more restrictive: B never agreed to SMS
    expect(survivor.consentEmail).toBe(true);
    expect(survivor.address).toBe("1 Nanjing Road"); // only B had one
    expect(survivor.company).toBe("Acme");
    expect(survivor.markers.map((m) => m.markerId).sort()).toEqual([vipMarker, corporateMarker].sort());
    // Allergies always survive: both are on the survivor.
    expect(await db().preference.count({ where: { guestId: a.guestId, category: "ALLERGY" } })).toBe(2);

    const gone = await db().guest.findUniqueOrThrow({ where: { id: b.guestId } });
    expect(gone).toMatchObject({ deletedReason: "merge", mergedIntoId: a.guestId });
    expect(gone.deletedAt).not.toBeNull();
    expect(await db().guestScore.count({ where: { guestId: b.guestId } })).toBe(0);

    const register = await db().auditEntry.findMany({ where: { action: "MERGE", entityId: { in: [result.mergeId, b.guestId] } } });
    expect(register.map((r) => r.guestId).sort()).toEqual([a.guestId, b.guestId].sort());
    expect(register.find((r) => r.entity === "GuestMerge")!.changes).toMatchObject({
      fields: { address: [null, "1 Nanjing Road"] },
      moved: { stays: 1 },
    });
    expect(await db().timelineEvent.count({ where: { guestId: a.guestId, name: "guest.merged" } })).toBe(1);
    expect(await db().timelineEvent.count({ where: { guestId: b.guestId, name: "guest.mergedAway" } })).toBe(1);
  });

  it("takes the most recently confirmed value unless the archivist picks the other, and says where each field came from", async () => {
    const a = await plantFull("李雷", { company: "Old Co", nationality: "CN" });
    const b = await plantFull("李雷", { company: "New Co", nationality: "SG" });
    const plan = await planMerge(db(), archivist, { survivorId: a.guestId, otherId: b.guestId, picks: { nationality: "survivor" } });
    const company = plan!.fields.find((f) => f.field === "company")!;
    expect(company).toMatchObject({ from: "other", rule: "recent", value: "New Co", keptValue: "Old Co" });
    expect(plan!.fields.find((f) => f.field === "nationality")).toMatchObject({
      from: "survivor",
      rule: "picked",
      value: "CN",
      keptValue: "SG",
    });
    const result = await merge(a.guestId, b.guestId, { nationality: "survivor" });
    const survivor = await db().guest.findUniqueOrThrow({ where: { id: a.guestId } });
    expect([survivor.company, survivor.nationality]).toEqual(["New Co", "CN"]);
    const provenance = await fieldProvenance(db(), a.guestId);
    expect(provenance.find((p) => p.field === "company")).toMatchObject({
      profileNumber: b.profileNumber,
      mergeId: result.mergeId,
      source: "merge",
    });
    expect(provenance.find((p) => p.field === "nationality")).toMatchObject({ profileNumber: a.profileNumber, source: "merge" });
  });

  it("the old profile number finds the survivor, and is never handed out again", async () => {
    const a = await plantFull("赵敏");
    const b = await plantFull("赵敏");
    await merge(a.guestId, b.guestId);
    const found = await searchGuests(db(), b.profileNumber);
    expect(found.map((g) => g.id)).toEqual([a.guestId]);
    // The key survives a later edit of the survivor.
    await editGuest(a.guestId, { address: "Edited" });
    expect((await searchGuests(db(), b.profileNumber)).map((g) => g.id)).toEqual([a.guestId]);
    const next = await plantGuest(desk, { fullName: "New guest" });
    expect(next.profileNumber).not.toBe(b.profileNumber);
    expect(await db().guest.count({ where: { profileNumber: b.profileNumber } })).toBe(1);
  });
});

describe("blockers", () => {
  it("refuses different ID numbers, overlapping stays at different properties, legal hold, a merged profile and the same guest", async () => {
    const p1 = await plantFull("Chen Id", { idDocumentType: "PASSPORT", idDocumentNumber: "E1234567" });
    const p2 = await plantFull("Chen Id", { idDocumentType: "PASSPORT", idDocumentNumber: "E7654321" });
    expect((await mergeBlockers(db(), p1.guestId, p2.guestId)).map((b) => b.code)).toEqual(["differentIdNumbers"]);
    await expect(merge(p1.guestId, p2.guestId)).rejects.toBeInstanceOf(MergeBlockedError);
    const p3 = await plantFull("Chen Id", { idDocumentType: "PASSPORT", idDocumentNumber: "e1234567" });
    expect(await mergeBlockers(db(), p1.guestId, p3.guestId)).toEqual([]);

    const s1 = await plantFull("Twin Stay", {}, { propertyId: sha, month: "2026-06" });
    const s2 = await plantFull("Twin Stay", {}, { propertyId: hkg, month: "2026-06" });
    const s3 = await plantFull("Twin Stay", {}, { propertyId: sha, month: "2026-06" });
    expect((await mergeBlockers(db(), s1.guestId, s2.guestId)).map((b) => b.code)).toEqual(["overlappingStays"]);
    expect(await mergeBlockers(db(), s1.guestId, s3.guestId)).toEqual([]); // same hotel: one stay booked twice

    const h = await plantFull("On Hold");
    await setLegalHold(db(), archivist, h.guestId, true, "police request");
    expect((await mergeBlockers(db(), s1.guestId, h.guestId)).map((b) => b.code)).toEqual(["legalHold"]);
    expect((await mergeBlockers(db(), s1.guestId, s1.guestId)).map((b) => b.code)).toEqual(["sameGuest"]);

    await merge(s1.guestId, s3.guestId);
    expect((await mergeBlockers(db(), s2.guestId, s3.guestId)).map((b) => b.code)).toContain("merged");
    const register = await db().auditEntry.count({ where: { action: "MERGE", guestId: p1.guestId } });
    expect(register).toBe(0);
  });

  it("a stale preview is a conflict", async () => {
    const a = await plantFull("Stale");
    const b = await plantFull("Stale");
    const v = await versions(a.guestId, b.guestId);
    await editGuest(b.guestId, { notes: "changed" });
    await expect(mergeGuests(db(), archivist, { survivorId: a.guestId, otherId: b.guestId, expectedVersions: v })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});

describe("undo", () => {
  it("gives both profiles back byte for byte", async () => {
    const a = await plantFull("周杰", { vipLevel: "2", consentEmail: "on" });
    const b = await plantFull(
      "周杰",
      { vipLevel: "4", address: "Somewhere", idDocumentType: "PASSPORT", idDocumentNumber: "K555" },
      { stays: 3 },
    );
    await db().guestMarker.create({ data: { guestId: b.guestId, markerId: corporateMarker } });
    const before = await dump();
    const { mergeId } = await merge(a.guestId, b.guestId);
    expect(await dump()).not.toEqual(before);
    const undone = await undoMerge(db(), archivist, mergeId);
    expect(undone.kept).toEqual({ fields: [], added: {} });
    const after = await dump();
    for (const table of TABLES) expect([table, after[table]]).toEqual([table, before[table]]);
    expect((await searchGuests(db(), b.profileNumber)).map((g) => g.id)).toEqual([b.guestId]);
    expect(await db().auditEntry.count({ where: { action: "UNMERGE", entityId: mergeId, entity: "GuestMerge" } })).toBe(1);
    expect(await db().timelineEvent.count({ where: { guestId: { in: [a.guestId, b.guestId] }, name: "guest.unmerged" } })).toBe(2);
    await expect(undoMerge(db(), archivist, mergeId)).rejects.toMatchObject({ reason: "alreadyUndone" });
  });

  it("keeps what the survivor gained since, and its edits", async () => {
    const a = await plantFull("Later Adds", { phone: "13911112222" });
    const b = await plantFull("Later Adds", { address: "Old Street" });
    const { mergeId } = await merge(a.guestId, b.guestId);
    const added = await plantStay(desk, a.guestId, {
      propertyId: sha,
      arrivalDate: "2026-12-01",
      departureDate: "2026-12-03",
      status: "RESERVED",
    });
    await editGuest(a.guestId, { phone: "13933334444" });
    const undone = await undoMerge(db(), archivist, mergeId);
    expect(undone.kept.added).toEqual({ stays: 1 });
    expect(undone.kept.fields).toEqual(["phone"]);
    const [sa, sb] = await Promise.all([
      db().guest.findUniqueOrThrow({ where: { id: a.guestId } }),
      db().guest.findUniqueOrThrow({ where: { id: b.guestId } }),
    ]);
    expect(sa.phone).toBe("+8613933334444"); // the edit since the merge stays (stored in E.164)
    expect(sa.address).toBeNull(); // the merged-in address went back with B
    expect(sb).toMatchObject({ deletedAt: null, mergedIntoId: null, address: "Old Street" });
    expect((await db().stay.findUniqueOrThrow({ where: { id: added.id } })).guestId).toBe(a.guestId);
    expect(await db().stay.count({ where: { guestId: b.guestId } })).toBe(1);
  });

  it("a merge of a merged survivor: undone in order, back to the start", async () => {
    const a = await plantFull("Chain");
    const b = await plantFull("Chain");
    const c = await plantFull("Chain");
    const before = await dump();
    const first = await merge(b.guestId, a.guestId);
    const second = await merge(c.guestId, b.guestId);
    expect((await searchGuests(db(), a.profileNumber)).map((g) => g.id)).toEqual([c.guestId]);
    expect(await db().stay.count({ where: { guestId: c.guestId } })).toBe(3);
    await expect(undoMerge(db(), archivist, first.mergeId)).rejects.toMatchObject({
      reason: "laterMerge",
      detail: { mergeId: String(second.mergeId) },
    });
    await undoMerge(db(), archivist, second.mergeId);
    await undoMerge(db(), archivist, first.mergeId);
    const after = await dump();
    for (const table of TABLES) expect([table, after[table]]).toEqual([table, before[table]]);
  });

  it("is refused once the window has passed", async () => {
    const a = await plantFull("Window");
    const b = await plantFull("Window");
    const { mergeId } = await merge(a.guestId, b.guestId);
    const later = new Date(Date.now() + 31 * 86_400_000);
    await expect(undoMerge(db(), archivist, mergeId, { now: later })).rejects.toMatchObject({
      reason: "windowPassed",
      detail: { days: "30" },
    });
    process.env.MERGE_UNDO_DAYS = "60";
    try {
      await undoMerge(db(), archivist, mergeId, { now: later });
    } finally {
      delete process.env.MERGE_UNDO_DAYS;
    }
    expect((await db().guest.findUniqueOrThrow({ where: { id: b.guestId } })).deletedAt).toBeNull();
  });

  it("refuses a purged profile", async () => {
    const a = await plantFull("Purged");
    const b = await plantFull("Purged");
    const { mergeId } = await merge(a.guestId, b.guestId);
    await db().guest.update({ where: { id: b.guestId }, data: { anonymizedAt: new Date() } });
    const error = await undoMerge(db(), archivist, mergeId).catch((e) => e);
    expect(error).toBeInstanceOf(UndoRefusedError);
    expect(error.reason).toBe("purged");
  });
});

describe("concurrent merges", () => {
  it("of overlapping pairs: one wins, the other gets a conflict, nothing is lost", async () => {
    const a = await plantFull("Race");
    const b = await plantFull("Race");
    const c = await plantFull("Race");
    const [va, vb, vc] = await Promise.all([a, b, c].map((g) => db().guest.findUniqueOrThrow({ where: { id: g.guestId } })));
    const results = await Promise.allSettled([
      mergeGuests(db(), archivist, {
        survivorId: a.guestId,
        otherId: b.guestId,
        expectedVersions: { survivor: va.version, other: vb.version },
      }),
      mergeGuests(db(), archivist, {
        survivorId: c.guestId,
        otherId: b.guestId,
        expectedVersions: { survivor: vc.version, other: vb.version },
      }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(ConflictError);
    expect(await db().stay.count({ where: { guestId: { in: [a.guestId, b.guestId, c.guestId] } } })).toBe(3);
    expect(await db().guestMerge.count({ where: { mergedId: b.guestId } })).toBe(1);
    const survivorStays = await db().stay.count({
      where: { guestId: (won[0] as PromiseFulfilledResult<{ survivorId: number }>).value.survivorId },
    });
    expect(survivorStays).toBe(2);
  });
});
