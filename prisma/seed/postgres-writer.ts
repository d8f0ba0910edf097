// PostgreSQL: COPY … FROM STDIN (pg-copy-streams) through one pg connection,
// one transaction per batch; for large loads the secondary indexes are dropped
// first and rebuilt at the end; then the id sequences move past the ids the
// seed assigned.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { IdCursor } from "./emit";
import { ID_TABLES, TABLE_ORDER, TABLES, type Batch } from "./tables";
import { REBUILD_INDEXES_FROM, type SeedWriter } from "./writer";

/** One value in COPY's text format: \N for null, backslash escapes for the characters that delimit. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  const text = typeof value === "string" ? value : String(value);
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
}
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** Rows as COPY text lines, in chunks of about 1 MB. */
function* copyChunks(rows: unknown[][]): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += row.map(copyValue).join("\t") + "\n";
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

type DroppedIndex = { name: string; definition: string };

export class PostgresSeedWriter implements SeedWriter {
  private droppedIndexes: DroppedIndex[] = [];

  private constructor(private readonly client: pg.Client) {}

  static async connect(url: string) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return new PostgresSeedWriter(client);
  }

  async nextIds(): Promise<IdCursor> {
    const next = async (table: string) =>
      Number((await this.client.query(`SELECT COALESCE(MAX(id), 0) + 1 AS n FROM "${table}"`)).rows[0].n);
    return { Guest: await next("Guest"), Stay: await next("Stay"), Feedback: await next("Feedback"), Referral: await next("Referral") };
  }

  async wipeGuests() {
    await this.client.query("BEGIN");
    // CASCADE also empties the tables that point at guests (outreach, loyalty …).
    await this.client.query(`TRUNCATE ${TABLE_ORDER.map((t) => `"${t}"`).join(", ")} CASCADE`);
    await this.client.query(`DELETE FROM "AuditEntry" WHERE "guestId" IS NOT NULL`);
    await this.client.query("COMMIT");
  }

  async begin(guests: number) {
    // The load is all-or-nothing in practice (re-run with --force): a batch need not wait for the disk.
    await this.client.query("SET synchronous_commit = off");
    if (guests < REBUILD_INDEXES_FROM) return;
    // Indexes that back a constraint (primary keys) stay; the others are rebuilt once at the end.
    const { rows } = await this.client.query<{ name: string; definition: string }>(
      `SELECT i.indexname AS name, i.indexdef AS definition
         FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[])
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [TABLE_ORDER as readonly string[]],
    );
    this.droppedIndexes = rows;
    for (const index of rows) await this.client.query(`DROP INDEX "${index.name}"`);
  }

  async write(batch: Batch) {
    await this.client.query("BEGIN");
    try {
      for (const table of TABLE_ORDER) {
        const rows = batch[table];
        if (!rows.length) continue;
        const columns = TABLES[table].map(([c]) => `"${c}"`).join(", ");
        await pipeline(Readable.from(copyChunks(rows)), this.client.query(copyFrom(`COPY "${table}" (${columns}) FROM STDIN`)));
      }
      await this.client.query("COMMIT");
    } catch (error) {
      await this.client.query("ROLLBACK");
      throw error;
    }
  }

  async finish() {
    const notes: string[] = [];
    if (this.droppedIndexes.length) {
      const started = performance.now();
      await this.client.query("SET maintenance_work_mem = '512MB'");
      for (const index of this.droppedIndexes) await this.client.query(index.definition);
      notes.push(`rebuilt ${this.droppedIndexes.length} indexes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      this.droppedIndexes = [];
    }
    for (const table of ID_TABLES) {
      await this.client.query(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST((SELECT COALESCE(MAX(id), 1) FROM "${table}"), 1))`,
      );
    }
    await this.client.query(`ANALYZE`);
    notes.push("sequences moved past seeded ids; ANALYZE done");
    return notes;
  }

  async close() {
    await this.client.end();
  }
}
