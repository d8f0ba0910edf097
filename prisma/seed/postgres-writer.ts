// PostgreSQL: the simple path. Multi-row INSERTs through one pg connection,
// one transaction per batch, then the id sequences moved past the ids the seed
// assigned. Correct rather than fast.
import pg from "pg";
import type { IdCursor } from "./emit";
import { ID_TABLES, TABLE_ORDER, TABLES, type Batch } from "./tables";
import type { SeedWriter } from "./writer";

/** Postgres allows 65,535 parameters per statement. */
const MAX_PARAMS = 60_000;

export class PostgresSeedWriter implements SeedWriter {
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

  async begin() {}

  async write(batch: Batch) {
    await this.client.query("BEGIN");
    try {
      for (const table of TABLE_ORDER) {
        const rows = batch[table];
        if (!rows.length) continue;
        const columns = TABLES[table];
        const perStatement = Math.floor(MAX_PARAMS / columns.length);
        for (let start = 0; start < rows.length; start += perStatement) {
          const chunk = rows.slice(start, start + perStatement);
          const params: unknown[] = [];
          const tuples = chunk.map((row) => {
            const placeholders = row.map((value) => {
              params.push(value);
              return `$${params.length}`;
            });
            return `(${placeholders.join(", ")})`;
          });
          await this.client.query(
            `INSERT INTO "${table}" (${columns.map(([c]) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`,
            params,
          );
        }
      }
      await this.client.query("COMMIT");
    } catch (error) {
      await this.client.query("ROLLBACK");
      throw error;
    }
  }

  async finish() {
    for (const table of ID_TABLES) {
      await this.client.query(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST((SELECT COALESCE(MAX(id), 1) FROM "${table}"), 1))`,
      );
    }
    await this.client.query(`ANALYZE`);
    return ["sequences moved past seeded ids; ANALYZE done"];
  }

  async close() {
    await this.client.end();
  }
}
