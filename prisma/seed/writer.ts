// What the seed needs from a database, one small module per provider:
// sqlite-writer.ts (better-sqlite3 prepared inserts) and postgres-writer.ts (pg, COPY).
// Rows arrive already encoded for the provider (encode.ts).
import type { IdCursor } from "./emit";
import type { Batch } from "./tables";

/** Above this many guests, indexes are rebuilt after the load rather than maintained during it. */
export const REBUILD_INDEXES_FROM = 50_000;

export interface SeedWriter {
  /** The next free id of each table whose ids the seed assigns. */
  nextIds(): Promise<IdCursor>;
  /** Deletes every guest and everything hanging off guests (for --force). */
  wipeGuests(): Promise<void>;
  /** Called once before the first batch, with the number of guests to come. */
  begin(guests: number): Promise<void>;
  /** Writes one batch in one transaction. */
  write(batch: Batch): Promise<void>;
  /** Restores indexes and settings changed for the load; returns notes for the log. */
  finish(): Promise<string[]>;
  close(): Promise<void>;
}
