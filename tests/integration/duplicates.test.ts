// One guest, one archive: the matcher finds the planted pairs (by the nightly
// scan and by the check on every save), a dry run writes nothing, a re-run
// does nothing twice, and "not the same guest" is remembered for good.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { scanDuplicates } from "~/domain/duplicates/find-candidates.server";
import { getDuplicatePairAs, listDuplicateQueueAs, markNotSameGuest } from "~/domain/duplicates/review-duplicates.server";
import { ConflictError } from "~/domain/errors";
import { encryptIdNumber } from "~/domain/guests/id-document.server";
import { deleteGuest, restoreGuest } from "~/domain/guests/recycle-bin.server";
import { updateGuest } from "~/domain/guests/save-guest.server";
import { guestInput, plantGuest, plantStaffMember, TODAY } from "../support/fixtures";

let archivist: Actor;
let desk: Actor;

beforeAll(async () => {
  archivist = (await plantStaffMember("ARCHIVIST")).actor;
  desk = (await plantStaffMember("FRONT_DESK")).actor;
});

const pairOf = async (a: number, b: number) =>
  db().duplicateCandidate.findUnique({ where: { lowGuestId_highGuestId: { lowGuestId: Math.min(a, b), highGuestId: Math.max(a, b) } } });

/** Rows written straight to the table, as a bulk load or an import would: no keys, no candidates yet. */
async function loadGuests(rows: { fullName: string; birthDate?: string; phone?: string; email?: string; company?: string; id?: string }[]) {
  const ids: number[] = [];
  for (const [i, r] of rows.entries()) {
    const g = await db().guest.create({
      data: {
        profileNumber: `L${Date.now().toString(36)}${i}${Math.random().toString(36).slice(2, 6)}`,
        fullName: r.fullName,
        birthDate: r.birthDate ?? null,
        phone: r.phone ?? null,
        email: r.email ?? null,
        company: r.company ?? null,
        ...(r.id ? { idDocumentType: "RESIDENT_ID", idDocumentCipher: encryptIdNumber(r.id), idDocumentLast4: r.id.slice(-4) } : {}),
      },
    });
    ids.push(g.id);
  }
  return ids;
}

describe("the check on every create and edit", () => {
  it("queues a traditional-script profile with the same phone in another form", async () => {
    const a = await plantGuest(desk, { fullName: "张伟", birthDate: "1985-03-07", phone: "+86 138 0013 8000" });
    const b = await plantGuest(desk, { fullName: "張偉", phone: "13800138000" });
    const pair = await pairOf(a.guestId, b.guestId);
    expect(pair).toMatchObject({ status: "OPEN", band: "REVIEW" });
    expect(pair!.evidence).toEqual([
      { field: "phone", verdict: "same", weight: 7 },
      { field: "name", verdict: "same", weight: 4 },
    ]);
  });

  it("withdraws the pair when an edit takes the shared phone away, and finds it again by the birth date typed day-first", async () => {
    const a = await plantGuest(desk, { fullName: "Wei Zhang", birthDate: "1990-04-11", phone: "+86 139 1111 2222" });
    const b = await plantGuest(desk, { fullName: "ZHANG WEI", phone: "0086 13911112222" });
    expect(await pairOf(a.guestId, b.guestId)).toMatchObject({ status: "OPEN" });
    await updateGuest(db(), desk, b.guestId, guestInput({ fullName: "ZHANG WEI", version: 1 }));
    expect(await pairOf(a.guestId, b.guestId)).toBeNull();
    await updateGuest(db(), desk, b.guestId, guestInput({ fullName: "ZHANG WEI", birthDate: "1990-11-04", version: 2 }));
    expect(await pairOf(a.guestId, b.guestId)).toMatchObject({ status: "OPEN", band: "REVIEW" });
  });

  it("never pairs guests by a shared booking-site relay address, nor namesakes born on other days", async () => {
    const a = await plantGuest(desk, { fullName: "Anna Schmidt", email: "k3j4@guest.booking.com" });
    const b = await plantGuest(desk, { fullName: "Anna Schmidt", email: "k3j4@guest.booking.com" });
    const c = await plantGuest(desk, { fullName: "李娜", birthDate: "1970-02-02", company: "Acme" });
    const d = await plantGuest(desk, { fullName: "李娜", birthDate: "1988-09-30", company: "Acme" });
    expect(await pairOf(a.guestId, b.guestId)).toBeNull();
    expect(await pairOf(c.guestId, d.guestId)).toBeNull();
    expect(await db().guestMatchKey.count({ where: { guestId: a.guestId } })).toBe(0);
  });
});

describe("the nightly scan", () => {
  let planted: number[];
  let negatives: number[];

  beforeAll(async () => {
    planted = await loadGuests([
      { fullName: "陈国强", birthDate: "1975-06-01" },
      { fullName: "陳國強", birthDate: "1975-01-06" },
      { fullName: "Müller José", email: "jose.muller+spa@gmail.com" },
      { fullName: "José Müller", email: "JoseMuller@googlemail.com" },
      { fullName: "王芳", id: "110101198001011234" },
      { fullName: "Wang Fang", id: "110101 19800101 1234" },
    ]);
    negatives = await loadGuests([
      { fullName: "Twin Lee", birthDate: "2000-01-01", phone: "13600000000", id: "310101200001011111" },
      { fullName: "Twin Lee", birthDate: "2000-01-01", phone: "13600000000", id: "310101200001012222" },
    ]);
  });

  it("a dry run reports what it would find and writes nothing", async () => {
    const before = { keys: await db().guestMatchKey.count(), pairs: await db().duplicateCandidate.count() };
    const counts = await scanDuplicates(db(), { asOf: TODAY, dryRun: true, batchSize: 10_000 });
    expect(counts.found).toBe(3);
    expect({ keys: await db().guestMatchKey.count(), pairs: await db().duplicateCandidate.count() }).toEqual(before);
  });

  it("finds the planted pairs, and not the twins with different ID numbers", async () => {
    const counts = await scanDuplicates(db(), { asOf: TODAY, dryRun: false, batchSize: 2 });
    expect(counts.found).toBe(3);
    expect(await pairOf(planted[0], planted[1])).toMatchObject({ status: "OPEN", band: "REVIEW" });
    expect(await pairOf(planted[2], planted[3])).toMatchObject({ status: "OPEN", band: "REVIEW" });
    expect(await pairOf(planted[4], planted[5])).toMatchObject({ status: "OPEN", band: "CERTAIN" });
    expect(await pairOf(negatives[0], negatives[1])).toBeNull();
  });

  it("does nothing twice when run again", async () => {
    const before = await db().duplicateCandidate.findMany({ orderBy: { id: "asc" } });
    const counts = await scanDuplicates(db(), { asOf: TODAY, dryRun: false });
    expect(counts).toMatchObject({ keysChanged: 0, found: 0, rescored: 0, withdrawn: 0 });
    expect(await db().duplicateCandidate.findMany({ orderBy: { id: "asc" } })).toEqual(before);
  });

  it("remembers 'not the same guest': never proposed again by the scan or by an edit", async () => {
    const pair = (await pairOf(planted[2], planted[3]))!;
    await markNotSameGuest(db(), archivist, pair.id, "Father and son");
    await expect(markNotSameGuest(db(), archivist, pair.id, null)).rejects.toBeInstanceOf(ConflictError);
    await scanDuplicates(db(), { asOf: TODAY, dryRun: false });
    await updateGuest(db(), desk, planted[3], guestInput({ fullName: "José Müller", email: "josemuller@gmail.com", version: 1 }));
    expect(await pairOf(planted[2], planted[3])).toMatchObject({ id: pair.id, status: "NOT_SAME", reason: "Father and son" });
    expect(await db().duplicateCandidate.count({ where: { lowGuestId: planted[2] } })).toBe(1);
  });

  it("writes the decision to the access register and both timelines", async () => {
    const pair = (await pairOf(planted[2], planted[3]))!;
    const audit = await db().auditEntry.findMany({ where: { entity: "DuplicateCandidate", entityId: pair.id, action: "UPDATE" } });
    expect(audit.map((a) => a.guestId).sort()).toEqual([planted[2], planted[3]].sort());
    const events = await db().timelineEvent.findMany({ where: { name: "duplicate.notSame", guestId: { in: [planted[2], planted[3]] } } });
    expect(events).toHaveLength(2);
  });

  it("leaves guests in the recycle bin out of the queue (the pair is back when the guest is restored)", async () => {
    const pair = (await pairOf(planted[0], planted[1]))!;
    const shown = async () =>
      (await listDuplicateQueueAs(db(), archivist, { status: "OPEN", band: null, page: 1 })).candidates.map((c) => c.id);
    expect(await shown()).toContain(pair.id);
    await deleteGuest(db(), archivist, planted[1]);
    await scanDuplicates(db(), { asOf: TODAY, dryRun: false });
    expect(await shown()).not.toContain(pair.id);
    await restoreGuest(db(), archivist, planted[1]);
    expect(await shown()).toContain(pair.id);
  });
});

describe("the review queue", () => {
  it("lists open pairs by score and registers the read; comparing registers a view of each guest", async () => {
    const queue = await listDuplicateQueueAs(db(), archivist, { status: "OPEN", band: null, page: 1 });
    expect(queue.candidates.length).toBeGreaterThan(1);
    const scores = queue.candidates.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const read = await db().auditEntry.findFirst({ where: { entity: "DuplicateQueue" }, orderBy: { id: "desc" } });
    expect((read!.changes as { shownGuestIds: number[] }).shownGuestIds).toHaveLength(queue.candidates.length * 2);

    const top = queue.candidates[0];
    const pair = await getDuplicatePairAs(db(), archivist, top.id);
    expect(pair.lowGuest.id).toBe(top.lowGuest.id);
    const views = await db().auditEntry.findMany({ where: { entity: "DuplicateCandidate", entityId: top.id, action: "VIEW" } });
    expect(views.map((v) => v.guestId).sort()).toEqual([top.lowGuest.id, top.highGuest.id].sort());
  });
});
