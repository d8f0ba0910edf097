// Every change writes one row to the access register (who, what, which guest,
// what changed) and one event to the guest's timeline.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { createGuest, updateGuest } from "~/domain/guests/save-guest.server";
import { deleteGuest, restoreGuest } from "~/domain/guests/recycle-bin.server";
import { addPreference, addSpecialDate, reviewPreference } from "~/domain/preferences/save-preferences.server";
import { preferenceFormSchema, specialDateFormSchema } from "~/domain/preferences/preference-form";
import { handleComplaint, recordFeedback } from "~/domain/complaints/record-feedback.server";
import { feedbackFormSchema, handlingFormSchema } from "~/domain/complaints/feedback-form";
import { addStay } from "~/domain/stays/add-stay.server";
import { addCharge } from "~/domain/consumption/add-charge.server";
import { chargeInput, guestInput, plantGuest, plantProperty, plantStaffMember, stayInput } from "../support/fixtures";

let desk: Actor;
let archivist: Actor;
let propertyId: number;

beforeAll(async () => {
  desk = { ...(await plantStaffMember("FRONT_DESK")).actor, ip: "192.0.2.10" };
  archivist = (await plantStaffMember("ARCHIVIST")).actor;
  propertyId = (await plantProperty("AUD")).id;
});

/** Runs `fn` and returns the audit rows and timeline events it wrote. */
async function track<T>(fn: () => Promise<T>) {
  const [lastAudit, lastEvent] = await Promise.all([
    db().auditEntry.findFirst({ orderBy: { id: "desc" }, select: { id: true } }),
    db().timelineEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }),
  ]);
  const result = await fn();
  const [audit, timeline] = await Promise.all([
    db().auditEntry.findMany({ where: { id: { gt: lastAudit?.id ?? 0 } }, orderBy: { id: "asc" } }),
    db().timelineEvent.findMany({ where: { id: { gt: lastEvent?.id ?? 0 } }, orderBy: { id: "asc" } }),
  ]);
  return { result, audit, timeline };
}

describe("guest changes", () => {
  it("registers a new guest", async () => {
    const { result, audit, timeline } = await track(() =>
      createGuest(db(), desk, guestInput({ fullName: "Audit Create", confirmDuplicate: "on" })),
    );
    if (result.status !== "created") throw new Error("not created");
    expect(audit).toMatchObject([
      {
        action: "CREATE",
        entity: "Guest",
        entityId: result.guestId,
        guestId: result.guestId,
        staffId: desk.staffId,
        ip: "192.0.2.10",
        changes: { profileNumber: result.profileNumber },
      },
    ]);
    expect(timeline).toMatchObject([
      { guestId: result.guestId, name: "guest.created", actorId: desk.staffId, properties: { profileNumber: result.profileNumber } },
    ]);
  });

  it("registers an edit with each changed field as [before, after], the ID number redacted", async () => {
    const { guestId } = await plantGuest(desk, {
      fullName: "Audit Update",
      phone: "13800001111",
      idDocumentType: "PASSPORT",
      idDocumentNumber: "E11112222",
    });
    const { result, audit, timeline } = await track(() =>
      updateGuest(
        db(),
        desk,
        guestId,
        guestInput({
          fullName: "Audit Update",
          phone: "13800002222",
          vipLevel: "3",
          notes: "Likes jazz",
          idDocumentType: "RESIDENT_ID",
          idDocumentNumber: "110101199001019999",
          version: "1",
        }),
      ),
    );
    expect(result.version).toBe(2);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "UPDATE", entity: "Guest", entityId: guestId, guestId, staffId: desk.staffId });
    expect(audit[0].changes).toEqual({
      phone: ["+8613800001111", "+8613800002222"], // stored in E.164
      vipLevel: [0, 3],
      notes: [null, "Likes jazz"],
      idDocumentType: ["PASSPORT", "RESIDENT_ID"],
      idDocumentCipher: ["(redacted)", "(redacted)"],
      idDocumentLast4: ["(redacted)", "(redacted)"],
    });
    expect(timeline).toMatchObject([{ guestId, name: "guest.updated", actorId: desk.staffId }]);
    expect((timeline[0].properties as { fields: string[] }).fields.sort()).toEqual([
      "idDocumentCipher",
      "idDocumentLast4",
      "idDocumentType",
      "notes",
      "phone",
      "vipLevel",
    ]);
    // Neither ID number appears anywhere in the register or the timeline.
    const everything = JSON.stringify([await db().auditEntry.findMany(), await db().timelineEvent.findMany()]);
    expect(everything).not.toContain("E11112222");
    expect(everything).not.toContain("110101199001019999");
    expect(everything).not.toContain('"9999"'); // not even the new last four
  });

  it("registers a marker change by code", async () => {
    await db().identityMarker.createMany({
      data: [
        { code: "VIP", labelEn: "VIP", labelZh: "贵宾", color: "gold", icon: "star" },
        { code: "LONG", labelEn: "Long stay", labelZh: "长住", color: "green", icon: "home" },
      ],
    });
    const { guestId } = await plantGuest(desk, { fullName: "Audit Markers", markers: ["VIP"] });
    const { audit } = await track(() =>
      updateGuest(db(), desk, guestId, guestInput({ fullName: "Audit Markers", markers: ["LONG", "VIP"], version: "1" })),
    );
    expect(audit[0].changes).toEqual({ markers: [["VIP"], ["LONG", "VIP"]] });
  });

  it("adds no timeline event for a save that changed nothing", async () => {
    const { guestId } = await plantGuest(desk, { fullName: "Audit No Change", email: "same@audit.test" });
    const { timeline } = await track(() =>
      updateGuest(db(), desk, guestId, guestInput({ fullName: "Audit No Change", email: "SAME@audit.test", version: "1" })),
    );
    expect(timeline).toEqual([]);
  });

  it("registers delete and restore", async () => {
    const { guestId } = await plantGuest(desk, { fullName: "Audit Bin" });
    const deleted = await track(() => deleteGuest(db(), archivist, guestId, "duplicate"));
    expect(deleted.audit).toMatchObject([
      { action: "DELETE", entity: "Guest", entityId: guestId, guestId, staffId: archivist.staffId, changes: { reason: "duplicate" } },
    ]);
    expect(deleted.timeline).toMatchObject([{ guestId, name: "guest.deleted", actorId: archivist.staffId }]);
    const restored = await track(() => restoreGuest(db(), archivist, guestId));
    expect(restored.audit).toMatchObject([{ action: "RESTORE", entity: "Guest", entityId: guestId, guestId, staffId: archivist.staffId }]);
    expect(restored.timeline).toMatchObject([{ guestId, name: "guest.restored", actorId: archivist.staffId }]);
  });
});

describe("records added to a guest", () => {
  let guestId: number;
  beforeAll(async () => {
    ({ guestId } = await plantGuest(desk, { fullName: "Audit Records" }));
  });

  it("registers a stay", async () => {
    const {
      result: stay,
      audit,
      timeline,
    } = await track(() =>
      addStay(
        db(),
        desk,
        guestId,
        stayInput({
          propertyId,
          roomNumber: "301",
          arrivalDate: "2026-11-20",
          departureDate: "2026-11-23",
          status: "CHECKED_OUT",
          rateAmount: "500",
        }),
      ),
    );
    expect(stay).toMatchObject({ nights: 3, roomRevenue: 150_000 });
    expect(audit).toMatchObject([
      {
        action: "CREATE",
        entity: "Stay",
        entityId: stay.id,
        guestId,
        staffId: desk.staffId,
        changes: { arrivalDate: "2026-11-20", nights: 3 },
      },
    ]);
    expect(timeline).toMatchObject([
      {
        guestId,
        name: "stay.added",
        stayId: stay.id,
        actorId: desk.staffId,
        properties: { arrivalDate: "2026-11-20", nights: 3, status: "CHECKED_OUT" },
      },
    ]);
  });

  it("registers a charge", async () => {
    const {
      result: charge,
      audit,
      timeline,
    } = await track(() =>
      addCharge(
        db(),
        desk,
        guestId,
        chargeInput({
          propertyId,
          outlet: "Tea House",
          grossAmount: "88",
          discountPercent: "50",
          covers: "2",
        }),
      ),
    );
    expect(charge).toMatchObject({ netAmount: 4400, discountRate: 0.5 });
    expect(audit).toMatchObject([
      {
        action: "CREATE",
        entity: "Charge",
        entityId: charge.id,
        guestId,
        staffId: desk.staffId,
        changes: { outlet: "Tea House", netAmount: 4400 },
      },
    ]);
    expect(timeline).toMatchObject([
      { guestId, name: "charge.added", actorId: desk.staffId, properties: { outlet: "Tea House", covers: 2 } },
    ]);
  });

  it("registers a preference and its review", async () => {
    const added = await track(() =>
      addPreference(db(), desk, guestId, preferenceFormSchema.parse({ category: "BEVERAGE", value: "green tea" })),
    );
    const preference = added.result;
    expect(preference.status).toBe("PENDING_REVIEW");
    expect(added.audit).toMatchObject([
      {
        action: "CREATE",
        entity: "Preference",
        entityId: preference.id,
        guestId,
        staffId: desk.staffId,
        changes: { category: "BEVERAGE", value: "green tea", status: "PENDING_REVIEW" },
      },
    ]);
    expect(added.timeline).toMatchObject([
      { guestId, name: "preference.added", actorId: desk.staffId, properties: { category: "BEVERAGE", value: "green tea" } },
    ]);

    const reviewed = await track(() => reviewPreference(db(), archivist, guestId, preference.id, true));
    expect(reviewed.audit).toMatchObject([
      {
        action: "UPDATE",
        entity: "Preference",
        entityId: preference.id,
        guestId,
        staffId: archivist.staffId,
        changes: { status: ["PENDING_REVIEW", "ACTIVE"] },
      },
    ]);
    expect(reviewed.timeline).toMatchObject([{ guestId, name: "preference.accepted", actorId: archivist.staffId }]);
  });

  it("registers a special date", async () => {
    const {
      result: date,
      audit,
      timeline,
    } = await track(() =>
      addSpecialDate(
        db(),
        desk,
        guestId,
        specialDateFormSchema.parse({
          kind: "ANNIVERSARY",
          label: "Wedding",
          month: "6",
          day: "18",
        }),
      ),
    );
    expect(audit).toMatchObject([
      {
        action: "CREATE",
        entity: "SpecialDate",
        entityId: date.id,
        guestId,
        staffId: desk.staffId,
        changes: { kind: "ANNIVERSARY", label: "Wedding" },
      },
    ]);
    expect(timeline).toMatchObject([
      { guestId, name: "specialDate.added", actorId: desk.staffId, properties: { kind: "ANNIVERSARY", label: "Wedding" } },
    ]);
  });

  it("registers a complaint and its handling", async () => {
    const created = await track(() =>
      recordFeedback(
        db(),
        desk,
        guestId,
        feedbackFormSchema.parse({
          kind: "COMPLAINT",
          propertyId: String(propertyId),
          category: "NOISE",
          severity: "HIGH",
          department: "ENGINEERING",
          description: "Humming AC",
        }),
      ),
    );
    const complaint = created.result;
    expect(complaint).toMatchObject({ status: "OPEN", severity: "HIGH", createdById: desk.staffId });
    // A high-severity complaint is due within 24 hours.
    expect(complaint.deadline!.getTime() - complaint.createdAt.getTime()).toBe(24 * 3_600_000);
    expect(created.audit).toMatchObject([
      {
        action: "CREATE",
        entity: "Feedback",
        entityId: complaint.id,
        guestId,
        staffId: desk.staffId,
        changes: { kind: "COMPLAINT", category: "NOISE", severity: "HIGH" },
      },
    ]);
    expect(created.timeline).toMatchObject([{ guestId, name: "complaint.created", feedbackId: complaint.id, actorId: desk.staffId }]);

    const handled = await track(() =>
      handleComplaint(
        db(),
        archivist,
        guestId,
        handlingFormSchema.parse({
          feedbackId: String(complaint.id),
          status: "RESOLVED",
          handling: "Replaced the fan",
          guestReaction: "SATISFIED",
        }),
      ),
    );
    expect(handled.audit).toMatchObject([
      {
        action: "UPDATE",
        entity: "Feedback",
        entityId: complaint.id,
        guestId,
        staffId: archivist.staffId,
        changes: { status: ["OPEN", "RESOLVED"] },
      },
    ]);
    expect(handled.timeline).toMatchObject([
      {
        guestId,
        name: "complaint.handled",
        feedbackId: complaint.id,
        actorId: archivist.staffId,
        properties: { status: "RESOLVED", guestReaction: "SATISFIED" },
      },
    ]);
    const row = await db().feedback.findUniqueOrThrow({ where: { id: complaint.id } });
    expect(row).toMatchObject({ status: "RESOLVED", handling: "Replaced the fan", guestReaction: "SATISFIED" });
    expect(row.resolvedAt).toBeInstanceOf(Date);
  });

  it("names suggestions and compliments by their kind, already closed", async () => {
    for (const kind of ["SUGGESTION", "COMPLIMENT"] as const) {
      const { result, audit, timeline } = await track(() =>
        recordFeedback(
          db(),
          desk,
          guestId,
          feedbackFormSchema.parse({
            kind,
            propertyId: String(propertyId),
            category: "SERVICE",
            department: "FRONT_OFFICE",
            description: `A ${kind.toLowerCase()}`,
          }),
        ),
      );
      expect(result).toMatchObject({ status: "CLOSED", deadline: null });
      expect(audit).toMatchObject([
        { action: "CREATE", entity: "Feedback", entityId: result.id, staffId: desk.staffId, changes: { kind } },
      ]);
      expect(timeline).toMatchObject([{ name: `${kind.toLowerCase()}.created`, feedbackId: result.id }]);
    }
  });
});
