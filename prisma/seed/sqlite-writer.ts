// Bulk load into SQLite with better-sqlite3: prepared statements, one
// transaction per batch, synchronous=OFF for the load. Big loads (into an empty
// archive) also drop the secondary indexes and rebuild them at the end (one
// sort per index instead of millions of random B-tree inserts) and write
// without a journal: WAL would write every page twice, and at 1M guests
// (3.5 GB) the disk, not the CPU, set the pace. The database ends in WAL mode.
import fs from "node:fs";
import Database from "better-sqlite3";
import type { IdCursor } from "./emit";
import { TABLE_ORDER, TABLES, type Batch, type TableName } from "./tables";
import { REBUILD_INDEXES_FROM, type SeedWriter } from "./writer";

const GUEST_TABLES_CHILD_FIRST = [
  "TimelineEvent",
  "Feedback",
  "Charge",
  "Stay",
  "SpecialDate",
  "Preference",
  "DuplicateCandidate",
  "GuestMatchKey",
  "GuestSearchKey",
  "GuestMarker",
  "Guest",
];

export class SqliteSeedWriter implements SeedWriter {
  private readonly db: Database.Database;
  private inserts = new Map<TableName, Database.Statement>();
  private droppedIndexes: { name: string; sql: string }[] = [];

  constructor(private readonly file: string) {
    if (!fs.existsSync(file)) throw new Error(`No database at ${file}: run \`npx tsx scripts/prisma.ts migrate deploy\` first.`);
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 10000");
  }

  async nextIds(): Promise<IdCursor> {
    const next = (table: string) => (this.db.prepare(`SELECT COALESCE(MAX(id), 0) + 1 AS n FROM "${table}"`).get() as { n: number }).n;
    return { Guest: next("Guest"), Stay: next("Stay"), Feedback: next("Feedback"), Referral: next("Referral") };
  }

  async wipeGuests() {
    // Foreign keys stay on: after the big tables are emptied (children first, cheap),
    // deleting the guests cascades into whatever else points at them.
    this.db.pragma("foreign_keys = ON");
    this.db.transaction(() => {
      for (const table of GUEST_TABLES_CHILD_FIRST) this.db.prepare(`DELETE FROM "${table}"`).run();
      this.db.prepare(`DELETE FROM "AuditEntry" WHERE "guestId" IS NOT NULL`).run();
    })();
  }

  async begin(guests: number) {
    // The load is all-or-nothing in practice (re-run with --force), so durability per batch is not needed.
    this.db.pragma("synchronous = OFF");
    this.db.pragma("foreign_keys = OFF");
    this.db.pragma("cache_size = -262144");
    if (guests >= REBUILD_INDEXES_FROM) {
      this.db.pragma("journal_mode = OFF");
      const tables = TABLE_ORDER.map((t) => `'${t}'`).join(",");
      this.droppedIndexes = this.db
        .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables})`)
        .all() as { name: string; sql: string }[];
      for (const index of this.droppedIndexes) this.db.exec(`DROP INDEX "${index.name}"`);
    }
    for (const table of TABLE_ORDER) {
      const columns = TABLES[table];
      this.inserts.set(
        table,
        this.db.prepare(
          `INSERT INTO "${table}" (${columns.map(([c]) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
        ),
      );
    }
  }

  async write(batch: Batch) {
    this.db.transaction(() => {
      for (const table of TABLE_ORDER) {
        const insert = this.inserts.get(table)!;
        for (const row of batch[table]) insert.run(row);
      }
    })();
  }

  async finish() {
    const notes: string[] = [];
    if (this.droppedIndexes.length) {
      const started = performance.now();
      for (const index of this.droppedIndexes) this.db.exec(index.sql);
      notes.push(`rebuilt ${this.droppedIndexes.length} indexes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      this.droppedIndexes = [];
    }
    this.db.pragma("foreign_keys = ON");
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("wal_checkpoint(TRUNCATE)");
    return notes;
  }

  /** Rows that point at a missing parent (should be none); costs a scan of every table. */
  foreignKeyProblems(): number {
    return (this.db.pragma("foreign_key_check") as unknown[]).length;
  }

  async close() {
    this.db.close();
  }
}
