// The seed: reference rows through Prisma, then guests generated in batches
// and bulk-written by the provider's writer. Memory stays bounded by the batch.
import { createDb } from "../../app/db/client.server";
import { providerOf, sqliteFilePath } from "../../app/db/provider";
import fs from "node:fs";
import { ANCHOR_COUNT, ANCHOR_GUESTS, JOHN_SMITH } from "./anchors";
import { anchorPlans } from "./anchor-plans";
import { dayOf, instantOf } from "./dates";
import { emitGuest, type EmitCounts } from "./emit";
import { propertyOffsets, RoomAllocator } from "./hotel";
import { RandomGuestPlanner } from "./random-guest";
import { archiveSize, seedReferenceRows, setProfileNumberSequence } from "./reference-rows.server";
import { emptyBatch } from "./tables";
import type { SeedWriter } from "./writer";

export type SeedOptions = {
  databaseUrl: string;
  guests: number;
  seed: number;
  today: string;
  ifEmpty: boolean;
  force: boolean;
  batchSize: number;
  log: (line: string) => void;
};

export type SeedResult =
  | { status: "skipped"; existingGuests: number }
  | { status: "seeded"; counts: EmitCounts; seconds: number };

export class SeedRefusedError extends Error {}

export async function runSeed(options: SeedOptions): Promise<SeedResult> {
  const { log } = options;
  const started = performance.now();
  const provider = providerOf(options.databaseUrl);
  if (options.guests < ANCHOR_COUNT) throw new SeedRefusedError(`--guests must be at least ${ANCHOR_COUNT} (the anchor guests).`);

  const prisma = createDb(options.databaseUrl);
  let refs;
  let existing;
  try {
    existing = await archiveSize(prisma);
    if (existing.guests > 0 || existing.lastProfileNumber > 0) {
      const what = `the archive already holds ${existing.guests.toLocaleString("en")} guests (profile numbers issued up to ${existing.lastProfileNumber})`;
      if (options.ifEmpty) {
        log(`seed: ${what} — nothing to do (--if-empty).`);
        return { status: "skipped", existingGuests: existing.guests };
      }
      if (!options.force) {
        throw new SeedRefusedError(`seed: refused — ${what}. Seeding again would duplicate guests. Use --if-empty to skip, or --force to delete every guest and seed afresh.`);
      }
    }
    refs = await seedReferenceRows(prisma);
    if (refs.staffCreated.length) log(`seed: demo staff created: ${refs.staffCreated.join(", ")}`);
  } finally {
    await prisma.$disconnect();
  }

  const writer: SeedWriter = provider === "sqlite"
    ? new (await import("./sqlite-writer")).SqliteSeedWriter(sqliteFilePath(options.databaseUrl))
    : await (await import("./postgres-writer")).PostgresSeedWriter.connect(options.databaseUrl);
  const counts: EmitCounts = { guests: 0, stays: 0, charges: 0, keys: 0, timeline: 0 };
  try {
    if (existing.guests > 0 || existing.lastProfileNumber > 0) {
      log(`seed: --force: deleting ${existing.guests.toLocaleString("en")} guests and their records…`);
      await writer.wipeGuests();
    }
    const ids = await writer.nextIds();
    const todayDay = dayOf(options.today);
    const offsets = propertyOffsets(options.today);
    const nowMs = instantOf(todayDay, 0, 0, offsets.SHB);
    const rooms = new RoomAllocator(options.seed, [{ property: JOHN_SMITH.inHouse.property, roomNumber: JOHN_SMITH.inHouse.roomNumber }]);
    const planner = new RandomGuestPlanner({ seed: options.seed, guests: options.guests, todayDay, nowMs, offsets, rooms });

    await writer.begin(options.guests);
    let batch = emptyBatch();
    for (const plan of anchorPlans(options.today, { todayDay, nowMs, offsets })) emitGuest(plan, refs, ids, batch, counts);
    let lastReport = performance.now();
    let writeMs = 0;
    const write = async () => {
      const t = performance.now();
      await writer.write(batch);
      writeMs += performance.now() - t;
      batch = emptyBatch();
    };
    for (let index = ANCHOR_COUNT + 1; index <= options.guests; index++) {
      emitGuest(planner.plan(index), refs, ids, batch, counts);
      if (index % options.batchSize === 0 || index === options.guests) {
        await write();
        const now = performance.now();
        if (now - lastReport > 5000 || index === options.guests) {
          lastReport = now;
          const seconds = (now - started) / 1000;
          log(`seed: ${index.toLocaleString("en")} / ${options.guests.toLocaleString("en")} guests (${Math.round((100 * index) / options.guests)}%) — ${seconds.toFixed(1)} s, ${Math.round(index / seconds).toLocaleString("en")} guests/s`);
        }
      }
    }
    if (counts.guests < options.guests) await write();
    log(`seed: generating took ${((performance.now() - started - writeMs) / 1000).toFixed(1)} s, writing ${(writeMs / 1000).toFixed(1)} s`);
    for (const note of await writer.finish()) log(`seed: ${note}`);
  } finally {
    await writer.close();
  }

  const after = createDb(options.databaseUrl);
  try {
    await setProfileNumberSequence(after, options.guests);
  } finally {
    await after.$disconnect();
  }

  const seconds = (performance.now() - started) / 1000;
  const size = provider === "sqlite" ? `, file ${(fs.statSync(sqliteFilePath(options.databaseUrl)).size / 2 ** 20).toFixed(0)} MiB` : "";
  log(
    `seed: done in ${seconds.toFixed(1)} s — ${counts.guests.toLocaleString("en")} guests, ${counts.stays.toLocaleString("en")} stays, ` +
      `${counts.charges.toLocaleString("en")} charges, ${counts.keys.toLocaleString("en")} search keys, ${counts.timeline.toLocaleString("en")} timeline events${size}. ` +
      `Anchors: ${ANCHOR_GUESTS.map((a) => `${a.profileNumber} ${a.fullName}`).join(", ")}.`,
  );
  return { status: "seeded", counts, seconds };
}
