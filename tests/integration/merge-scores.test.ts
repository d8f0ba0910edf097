// Scores recomputed at merge and at undo (docs/decisions/009, 017): the
// survivor is rescored with the stays it gained, by the nightly job's rules
// and cut points, and after an undo both profiles score what they did before.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db/client.server";
import type { Actor } from "~/domain/actor";
import { mergeGuests } from "~/domain/duplicates/merge-guests.server";
import { undoMerge } from "~/domain/duplicates/undo-merge.server";
import { computeSegments } from "~/domain/segments/compute-segments.server";
import { rescoreGuests } from "~/domain/segments/rescore-guests.server";
import { plantGuest, plantProperty, plantStaffMember, plantStay } from "../support/fixtures";

const AS_OF = "2026-11-30";
let desk: Actor;
let archivist: Actor;
let propertyId: number;

beforeAll(async () => {
  desk = (await plantStaffMember("FRONT_DESK")).actor;
  archivist = (await plantStaffMember("ARCHIVIST")).actor;
  propertyId = (await plantProperty("MSC")).id;
});

/** A guest with one checked-out stay of two nights in each of `months`, at `rate` a night. */
async function plantStayer(name: string, months: string[], day: number, rate: number) {
  const { guestId } = await plantGuest(desk, { fullName: name });
  for (const month of months) {
    await plantStay(desk, guestId, {
      propertyId,
      roomNumber: "802",
      arrivalDate: `${month}-${String(day).padStart(2, "0")}`,
      departureDate: `${month}-${String(day + 2).padStart(2, "0")}`,
      status: "CHECKED_OUT",
      rateAmount: String(rate),
    });
  }
  return guestId;
}

const monthsFrom = (startYear: number, startMonth: number, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const m = startMonth - 1 + i;
    return `${startYear + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
  });

const scoreOf = async (guestId: number) => {
  const row = await db().guestScore.findUnique({ where: { guestId } });
  if (!row) return null;
  const { updatedAt: _updatedAt, ...values } = row;
  return values;
};

const nightly = () => computeSegments(db(), { asOf: AS_OF, dryRun: false });

async function merge(survivorId: number, otherId: number) {
  const [s, o] = await Promise.all([
    db().guest.findUniqueOrThrow({ where: { id: survivorId } }),
    db().guest.findUniqueOrThrow({ where: { id: otherId } }),
  ]);
  return mergeGuests(db(), archivist, { survivorId, otherId, expectedVersions: { survivor: s.version, other: o.version } });
}

describe("scores at merge and undo", () => {
  it("before any segments run there is nothing to rescore against", async () => {
    // (No stays: an inactive guest leaves the later test's cut points alone.)
    const guestId = await plantStayer("Early Guest", [], 3, 500);
    expect(await rescoreGuests(db(), [guestId])).toEqual({ asOf: null, rescored: [], removed: [] });
    expect(await scoreOf(guestId)).toBeNull();
  });

  it("the survivor scores what the nightly job computes for it; after the undo both score what they did before", async () => {
    // Eight guests below the pair in recency, frequency and spend: the merge
    // leaves the population's cut points where they were (ten active guests
    // become nine, and the quintile positions stay the same).
    for (let i = 1; i <= 8; i++) await plantStayer(`Background ${i}`, monthsFrom(2025, 1, i), 1, 100 * i);
    const survivorId = await plantStayer("Wu Lei", monthsFrom(2026, 1, 10), 3, 1200);
    const otherId = await plantStayer("Wu Lei", monthsFrom(2025, 12, 11), 12, 1500);
    await db().survey.create({ data: { guestId: otherId, score: 10, answeredAt: new Date("2026-10-20T08:00:00Z") } });

    await nightly();
    const survivorBefore = await scoreOf(survivorId);
    const otherBefore = await scoreOf(otherId);
    expect(survivorBefore).toMatchObject({ asOf: AS_OF, frequency: 10, f: 5 });
    expect(otherBefore).toMatchObject({ asOf: AS_OF, frequency: 11, f: 5, npsCategory: "PROMOTER" });
    const cutsBefore = await db().scoreCutPoints.findUniqueOrThrow({ where: { asOf: AS_OF } });

    await merge(survivorId, otherId);
    const afterMerge = await scoreOf(survivorId);
    // Rescored in the merge: the stays and the survey it gained count at once.
    expect(afterMerge).toMatchObject({ asOf: AS_OF, frequency: 21, npsCategory: "PROMOTER" });
    expect(afterMerge!.monetary).toBe(survivorBefore!.monetary + otherBefore!.monetary);
    expect(await scoreOf(otherId)).toBeNull();

    // The nightly job, run again on the merged archive, computes the same.
    await nightly();
    expect((await db().scoreCutPoints.findUniqueOrThrow({ where: { asOf: AS_OF } })).frequency).toEqual(cutsBefore.frequency);
    expect(await scoreOf(survivorId)).toEqual(afterMerge);
    expect(await scoreOf(otherId)).toBeNull();

    const merges = await db().guestMerge.findMany({ where: { survivorId, mergedId: otherId }, select: { id: true } });
    await undoMerge(db(), archivist, merges[0].id);
    expect(await scoreOf(survivorId)).toEqual(survivorBefore);
    expect(await scoreOf(otherId)).toEqual(otherBefore);

    // And the nightly job agrees once more.
    await nightly();
    expect(await scoreOf(survivorId)).toEqual(survivorBefore);
    expect(await scoreOf(otherId)).toEqual(otherBefore);
  });
});
