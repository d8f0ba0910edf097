// The duplicate queue and merges (docs/decisions/016, 017): merging a queued
// pair decides it (MERGED), undoing the merge puts it back undecided, and a
// "not the same guest" decision survives a merge and its undo — never
// proposed again.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { scanDuplicates } from "~/domain/duplicates/find-candidates.server";
import { mergeGuests } from "~/domain/duplicates/merge-guests.server";
import { listDuplicateQueueAs, markNotSameGuest } from "~/domain/duplicates/review-duplicates.server";
import { undoMerge } from "~/domain/duplicates/undo-merge.server";
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

async function merge(survivorId: number, otherId: number) {
  const [s, o] = await Promise.all([
    db().guest.findUniqueOrThrow({ where: { id: survivorId } }),
    db().guest.findUniqueOrThrow({ where: { id: otherId } }),
  ]);
  return mergeGuests(db(), archivist, { survivorId, otherId, expectedVersions: { survivor: s.version, other: o.version } });
}

const openQueueIds = async () =>
  (await listDuplicateQueueAs(db(), archivist, { status: "OPEN", band: null, page: 1 })).candidates.map((c) => c.id);

describe("a queued pair through merge and undo", () => {
  it("is MERGED by the merge, stays so through the nightly scan, and is open again after the undo", async () => {
    const a = await plantGuest(desk, { fullName: "张伟", birthDate: "1985-03-07", phone: "+86 138 0013 8000" });
    const b = await plantGuest(desk, { fullName: "張偉", phone: "13800138000" });
    const pair = (await pairOf(a.guestId, b.guestId))!;
    expect(pair).toMatchObject({ status: "OPEN", decidedAt: null });
    expect(await openQueueIds()).toContain(pair.id);

    const { mergeId } = await merge(a.guestId, b.guestId);
    expect(await pairOf(a.guestId, b.guestId)).toMatchObject({
      id: pair.id,
      status: "MERGED",
      decidedById: archivist.staffId,
      decidedAt: expect.any(Date),
    });
    expect(await openQueueIds()).not.toContain(pair.id);
    await scanDuplicates(db(), { asOf: TODAY, dryRun: false });
    expect(await pairOf(a.guestId, b.guestId)).toMatchObject({ id: pair.id, status: "MERGED" });
    expect(await db().duplicateCandidate.count({ where: { OR: [{ lowGuestId: b.guestId }, { highGuestId: b.guestId }] } })).toBe(1);

    await undoMerge(db(), archivist, mergeId);
    expect(await pairOf(a.guestId, b.guestId)).toMatchObject({ id: pair.id, status: "OPEN", decidedAt: null, decidedById: null });
    expect(await openQueueIds()).toContain(pair.id);
  });

  it("'not the same guest' is never proposed again: not after a merge with a third profile, nor after its undo, the scan or an edit", async () => {
    const a = await plantGuest(desk, { fullName: "Chen Jing", phone: "13911223344", email: "chen.jing@example.test" });
    const b = await plantGuest(desk, { fullName: "Chen Jing", phone: "139 1122 3344" });
    const c = await plantGuest(desk, { fullName: "CHEN JING", phone: "+86 13911223344", email: "chenjing@example.test" });
    const ab = (await pairOf(a.guestId, b.guestId))!;
    const bc = (await pairOf(b.guestId, c.guestId))!;
    const ac = (await pairOf(a.guestId, c.guestId))!;
    for (const p of [ab, bc, ac]) expect(p).toMatchObject({ status: "OPEN" });
    await markNotSameGuest(db(), archivist, ab.id, "Cousins sharing the family phone");
    await markNotSameGuest(db(), archivist, bc.id, null);

    const { mergeId } = await merge(a.guestId, c.guestId);
    expect(await pairOf(a.guestId, c.guestId)).toMatchObject({ id: ac.id, status: "MERGED" });
    await scanDuplicates(db(), { asOf: TODAY, dryRun: false });
    await undoMerge(db(), archivist, mergeId);
    await scanDuplicates(db(), { asOf: TODAY, dryRun: false });
    const current = await db().guest.findUniqueOrThrow({ where: { id: b.guestId } });
    await updateGuest(db(), desk, b.guestId, guestInput({ fullName: "Chen Jing", phone: "13911223344", version: String(current.version) }));

    expect(await pairOf(a.guestId, b.guestId)).toMatchObject({ id: ab.id, status: "NOT_SAME", reason: "Cousins sharing the family phone" });
    expect(await pairOf(b.guestId, c.guestId)).toMatchObject({ id: bc.id, status: "NOT_SAME" });
    expect(await pairOf(a.guestId, c.guestId)).toMatchObject({ id: ac.id, status: "OPEN" });
    const queued = await openQueueIds();
    expect(queued).toContain(ac.id);
    expect(queued).not.toContain(ab.id);
    expect(queued).not.toContain(bc.id);
    // One row per pair, ever: nothing was proposed a second time.
    expect(await db().duplicateCandidate.count({ where: { lowGuestId: { in: [a.guestId, b.guestId, c.guestId] } } })).toBe(3);
  });
});
