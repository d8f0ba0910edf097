// The timed half of `npm run bench -- merge` (bench/merge.ts), in its own
// process so it loads the Prisma client of DATABASE_URL's provider.
import { db, disconnectDb } from "../app/db/client.server";
import { createGuest } from "../app/domain/guests/save-guest.server";
import { guestFormSchema } from "../app/domain/guests/guest-form";
import { mergeGuests } from "../app/domain/duplicates/merge-guests.server";
import { undoMerge } from "../app/domain/duplicates/undo-merge.server";
import { computeSegments } from "../app/domain/segments/compute-segments.server";

const stays = Number(process.argv[2] ?? 300);
const runs = Number(process.argv[3] ?? 3);

const property = await db().property.upsert({
  where: { code: "MRG" },
  create: { code: "MRG", name: "Merge Hotel", nameZh: "合并酒店", timeZone: "Asia/Shanghai", currency: "CNY" },
  update: {},
});
const staff = await db().staff.upsert({
  where: { username: "merge-bench" },
  create: { username: "merge-bench", displayName: "Bench", passwordHash: "x", role: "ARCHIVIST", department: "ARCHIVE_CENTRE" },
  update: {},
});
const actor = { staffId: staff.id, role: "ARCHIVIST" as const };

async function plantProfile(name: string, year: number) {
  const created = await createGuest(db(), actor, guestFormSchema("2026-12-01").parse({ fullName: name, confirmDuplicate: "on" }));
  if (created.status !== "created") throw new Error("not created");
  const guestId = created.guestId;
  const day = (i: number) => new Date(Date.UTC(year, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  await db().stay.createMany({
    data: Array.from({ length: stays }, (_, i) => ({
      guestId,
      propertyId: property.id,
      roomType: "DELUXE",
      arrivalDate: day(i),
      departureDate: day(i + 1),
      nights: 1,
      bookingChannel: "DIRECT",
      purpose: "BUSINESS",
      rateAmount: 80000,
      roomRevenue: 80000,
      status: "CHECKED_OUT" as const,
    })),
  });
  const stayIds = (await db().stay.findMany({ where: { guestId }, select: { id: true } })).map((s) => s.id);
  await db().charge.createMany({
    data: stayIds.map((stayId, i) => ({
      guestId,
      stayId,
      propertyId: property.id,
      outlet: "Chinese Restaurant",
      grossAmount: 30000,
      netAmount: 30000,
      paymentMethod: "CARD",
      chargedAt: new Date(`${day(i)}T11:00:00Z`),
    })),
  });
  await db().timelineEvent.createMany({
    data: stayIds.flatMap((stayId, i) => [
      { guestId, name: "stay.added", stayId, happensAt: new Date(`${day(i)}T06:00:00Z`) },
      { guestId, name: "charge.added", stayId, happensAt: new Date(`${day(i)}T11:00:00Z`) },
    ]),
  });
  await db().preference.createMany({
    data: Array.from({ length: 20 }, (_, i) => ({
      guestId,
      category: i === 0 ? ("ALLERGY" as const) : ("OTHER" as const),
      value: `pref ${i}`,
      source: "STAFF_OBSERVED" as const,
    })),
  });
  await db().specialDate.createMany({ data: [{ guestId, kind: "ANNIVERSARY", label: "Wedding", month: 5, day: 20 }] });
  await db().feedback.createMany({
    data: Array.from({ length: 10 }, () => ({
      guestId,
      propertyId: property.id,
      kind: "COMPLAINT" as const,
      category: "NOISE",
      department: "HOUSEKEEPING",
      description: "Noisy",
    })),
  });
  await db().rewardPointsEntry.createMany({ data: Array.from({ length: 30 }, () => ({ guestId, points: 10, reason: "stay" })) });
  return guestId;
}

// A segments run first: its cut points make the merge and the undo rescore the profiles, as in production.
await computeSegments(db(), { asOf: "2026-12-01", dryRun: false });

const merge: number[] = [];
const undo: number[] = [];
let moved = 0;
for (let run = 0; run < runs; run++) {
  const a = await plantProfile(`Bench Survivor ${run}`, 2000 + run * 4);
  const b = await plantProfile(`Bench Other ${run}`, 2002 + run * 4);
  let started = performance.now();
  const result = await mergeGuests(db(), actor, { survivorId: a, otherId: b, expectedVersions: { survivor: 1, other: 1 } });
  merge.push(performance.now() - started);
  moved = Object.values(result.plan.counts).reduce((s, n) => s + n, 0);
  started = performance.now();
  await undoMerge(db(), actor, result.mergeId);
  undo.push(performance.now() - started);
}
await disconnectDb();
console.log(`RESULT ${JSON.stringify({ moved, merge, undo })}`);
