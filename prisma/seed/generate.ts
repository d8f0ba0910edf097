// Produces the seed's rows batch by batch: the anchors first, then random
// guests #4…#N. Pure computation, so it can run in a worker thread
// (generate-worker.ts) while the main thread writes the previous batch.
import type { Provider } from "../../app/db/provider";
import { ANCHOR_COUNT, JOHN_SMITH } from "./anchors";
import { anchorPlans } from "./anchor-plans";
import { dayOf, instantOf } from "./dates";
import { emitGuest, type EmitCounts, type IdCursor, type ReferenceIds } from "./emit";
import { encodeBatch } from "./encode";
import { propertyOffsets, RoomAllocator } from "./hotel";
import { planLoyalty } from "./loyalty";
import { RandomGuestPlanner } from "./random-guest";
import { emptyBatch, type Batch } from "./tables";

export type GenerateOptions = {
  provider: Provider;
  guests: number;
  seed: number;
  today: string;
  batchSize: number;
  refs: ReferenceIds;
  firstIds: IdCursor;
};

export type GeneratedBatch = { batch: Batch; guestsDone: number; counts: EmitCounts };

export function* generateBatches(options: GenerateOptions): Generator<GeneratedBatch> {
  const todayDay = dayOf(options.today);
  const offsets = propertyOffsets(options.today);
  // "Now" for the seed is midnight starting --today in the hotels' zone: every seeded event lies before it.
  const nowMs = instantOf(todayDay, 0, 0, offsets.SHB);
  const rooms = new RoomAllocator(options.seed, [{ property: JOHN_SMITH.inHouse.property, roomNumber: JOHN_SMITH.inHouse.roomNumber }]);
  const planner = new RandomGuestPlanner({ seed: options.seed, guests: options.guests, todayDay, nowMs, offsets, rooms });
  const ids = { ...options.firstIds };

  let batch = emptyBatch();
  let counts = newCounts();
  const flush = (guestsDone: number): GeneratedBatch => {
    encodeBatch(batch, options.provider);
    const out = { batch, guestsDone, counts };
    batch = emptyBatch();
    counts = newCounts();
    return out;
  };
  for (const [i, plan] of anchorPlans(options.today, { todayDay, nowMs, offsets }).entries()) {
    planLoyalty(plan, { seed: options.seed, index: i + 1, nowMs, offsetMinutes: offsets.SHB });
    emitGuest(plan, options.refs, ids, batch, counts);
  }
  for (let index = ANCHOR_COUNT + 1; index <= options.guests; index++) {
    emitGuest(planner.plan(index), options.refs, ids, batch, counts);
    if (index % options.batchSize === 0) yield flush(index);
  }
  if (counts.guests > 0) yield flush(options.guests);
}

export function newCounts(): EmitCounts {
  return { guests: 0, stays: 0, charges: 0, keys: 0, timeline: 0 };
}

export function addCounts(total: EmitCounts, more: EmitCounts) {
  for (const key of Object.keys(total) as (keyof EmitCounts)[]) total[key] += more[key];
}
