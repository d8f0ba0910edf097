// The seed: reference rows through Prisma, then guests generated in batches
// and bulk-written by the provider's writer. Memory stays bounded by the batch.
import { createDb } from "../../app/db/client.server";
import { providerOf, sqliteFilePath } from "../../app/db/provider";
import fs from "node:fs";
import { ANCHOR_COUNT, ANCHOR_GUESTS } from "./anchors";
import { addCounts, newCounts } from "./generate";
import { produceBatches } from "./produce";
import { archiveSize, seedReferenceRows, setProfileNumberSequence } from "./reference-rows.server";
import type { SeedWriter } from "./writer";

export type SeedOptions = {
  databaseUrl: string;
  guests: number;
  seed: number;
  today: string;
  ifEmpty: boolean;
  force: boolean;
  batchSize: number;
  /** 0: generate in-process; otherwise in a worker thread while this thread writes. */
  workers: number;
  log: (line: string) => void;
};

export type SeedResult =
  { status: "skipped"; existingGuests: number } | { status: "seeded"; counts: ReturnType<typeof newCounts>; seconds: number };

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
    existing = await archiveSize(prisma).catch((error: { code?: string }) => {
      if (error.code === "P2021")
        throw new SeedRefusedError("seed: the database has no tables yet — run `npx tsx scripts/prisma.ts migrate deploy` first.");
      throw error;
    });
    if (existing.guests > 0 || existing.lastProfileNumber > 0) {
      const what = `the archive already holds ${existing.guests.toLocaleString("en")} guests (profile numbers issued up to ${existing.lastProfileNumber})`;
      if (options.ifEmpty) {
        log(`seed: ${what} — nothing to do (--if-empty).`);
        return { status: "skipped", existingGuests: existing.guests };
      }
      if (!options.force) {
        throw new SeedRefusedError(
          `seed: refused — ${what}. Seeding again would duplicate guests. Use --if-empty to skip, or --force to delete every guest and seed afresh.`,
        );
      }
    }
    refs = await seedReferenceRows(prisma);
    if (refs.staffCreated.length) log(`seed: demo staff created: ${refs.staffCreated.join(", ")}`);
  } finally {
    await prisma.$disconnect();
  }

  const writer: SeedWriter =
    provider === "sqlite"
      ? new (await import("./sqlite-writer")).SqliteSeedWriter(sqliteFilePath(options.databaseUrl))
      : await (await import("./postgres-writer")).PostgresSeedWriter.connect(options.databaseUrl);
  const counts = newCounts();
  try {
    if (existing.guests > 0 || existing.lastProfileNumber > 0) {
      log(`seed: --force: deleting ${existing.guests.toLocaleString("en")} guests and their records…`);
      await writer.wipeGuests();
    }
    const generate = {
      provider,
      guests: options.guests,
      seed: options.seed,
      today: options.today,
      batchSize: options.batchSize,
      refs: { propertyIds: refs.propertyIds, markerIds: refs.markerIds },
      firstIds: await writer.nextIds(),
    };
    await writer.begin(options.guests);
    let lastReport = performance.now();
    let writeMs = 0;
    // A worker thread pays off once generation takes longer than starting one (~0.5 s).
    const useWorker = options.workers > 0 && options.guests > 10_000;
    for await (const { batch, guestsDone, counts: batchCounts } of produceBatches(generate, useWorker)) {
      const t = performance.now();
      await writer.write(batch);
      writeMs += performance.now() - t;
      addCounts(counts, batchCounts);
      const now = performance.now();
      if (now - lastReport > 5000 || guestsDone === options.guests) {
        lastReport = now;
        const seconds = (now - started) / 1000;
        log(
          `seed: ${guestsDone.toLocaleString("en")} / ${options.guests.toLocaleString("en")} guests (${Math.round((100 * guestsDone) / options.guests)}%) — ${seconds.toFixed(1)} s, ${Math.round(guestsDone / seconds).toLocaleString("en")} guests/s`,
        );
      }
    }
    log(
      `seed: the writer was busy ${(writeMs / 1000).toFixed(1)} s of ${((performance.now() - started) / 1000).toFixed(1)} s (generation ${useWorker ? "in a worker thread" : "in-process"})`,
    );
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
