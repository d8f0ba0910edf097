// The SQL that differs between SQLite and PostgreSQL, in one place: fragments
// for Prisma's tagged queries, and the dialect the segments job and the
// analytics queries build their statements with. Everything else the domain
// runs is portable SQL (docs/decisions/009).
import { Prisma } from "../../generated/prisma/client";
import { dbProvider, type DbTx } from "./client.server";
import type { Provider } from "./provider";

/** A parameter bound into an enum column: PostgreSQL needs the cast, SQLite stores text. */
export function asEnum(value: string, enumType: string): Prisma.Sql {
  return dbProvider() === "postgres" ? Prisma.sql`CAST(${value} AS ${Prisma.raw(`"${enumType}"`)})` : Prisma.sql`${value}`;
}

/** A timestamp parameter stored the way Prisma stores DateTime on each provider. */
export function asTimestamp(date: Date): Prisma.Sql {
  return dbProvider() === "postgres" ? Prisma.sql`${date}` : Prisma.sql`${date.toISOString().replace("Z", "+00:00")}`;
}

/**
 * A JSON object built in SQL from (key, value) pairs, stored in a Json column.
 * A value is an SQL expression (a column) or a constant, bound as a parameter.
 * PostgreSQL's json_build_object takes arguments of any type, so it cannot
 * infer a bound parameter's: each constant is cast to its type there.
 */
export function jsonObject(pairs: [string, Prisma.Sql | string | number][]): Prisma.Sql {
  const pg = dbProvider() === "postgres";
  const bind = (value: string | number): Prisma.Sql => {
    if (!pg) return Prisma.sql`${value}`;
    const type = typeof value === "string" ? "text" : Number.isInteger(value) ? "bigint" : "double precision";
    return Prisma.sql`CAST(${value} AS ${Prisma.raw(type)})`;
  };
  const args = Prisma.join(pairs.flatMap(([key, value]) => [bind(key), value instanceof Prisma.Sql ? value : bind(value)]));
  return pg ? Prisma.sql`CAST(json_build_object(${args}) AS jsonb)` : Prisma.sql`json_object(${args})`;
}

/**
 * Locks guests' rows until the transaction ends, so that a decision taken on
 * their current state inside it (delete, anonymise, restore) cannot be taken
 * twice by two concurrent transactions. PostgreSQL locks the rows (in id
 * order, so two lockers never deadlock); SQLite needs nothing, since its
 * write transactions run one at a time (serialize-sqlite.server.ts).
 */
export async function lockGuests(tx: DbTx, ids: number[]): Promise<void> {
  if (dbProvider() !== "postgres" || !ids.length) return;
  await tx.$queryRaw`SELECT "id" FROM "Guest" WHERE "id" IN (${Prisma.join(ids)}) ORDER BY "id" FOR UPDATE`;
}

/**
 * Takes a lock named by `name` until the transaction ends, so that one piece
 * of work (sealing the access register) never runs twice at once across
 * processes. PostgreSQL: an advisory transaction lock; SQLite's write
 * transactions already run one at a time.
 */
export async function lockNamed(tx: DbTx, name: string): Promise<void> {
  if (dbProvider() !== "postgres") return;
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${name}))::text AS "locked"`;
}

/**
 * After erasing personal data: on SQLite, copy the write-ahead log into the
 * file and empty it, so the old pages (which still hold the erased values)
 * are gone from the WAL as secure_delete zeroed them in the file. PostgreSQL
 * keeps dead row versions until (auto)vacuum reclaims them; see the README.
 */
export async function forgetErasedPages(db: { $queryRawUnsafe: DbTx["$queryRawUnsafe"] }): Promise<void> {
  if (dbProvider() !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
}

/** The SQL boolean literal TRUE (SQLite stores booleans as 1). */
export const TRUE = Prisma.sql`TRUE`;

/** A JSON value bound into a Json column. */
export function asJson(value: unknown): Prisma.Sql {
  const text = JSON.stringify(value);
  return dbProvider() === "postgres" ? Prisma.sql`CAST(${text} AS jsonb)` : Prisma.sql`${text}`;
}

export type SqlDialect = {
  provider: Provider;
  /** Distinct values of an integer expression joined with commas ("1,2"). */
  distinctList(expr: string): string;
  /** Text values joined with commas (NULLs skipped, order unspecified). */
  list(expr: string): string;
  /**
   * "YYYY-MM" of a timestamp column in local time: `offsetMinutes` is a number
   * or an SQL expression giving the offset in minutes per row.
   */
  localMonth(column: string, offsetMinutes: number | string): string;
  /** A table reference that makes SQLite scan it instead of walking an index (a full pass is faster for most rows). */
  fullScan(table: string): string;
  /** A JSON array parameter's rows: FROM clause and the expression of element i, cast to type. */
  jsonRows: { from: (param: string) => string; element: (i: number, type: ColumnType) => string };
  /** The placeholder of the n-th (1-based) bind parameter. */
  param(n: number): string;
  /**
   * An expression as a double. Needed for computed columns that may hold
   * fractions: the driver adapters type a raw result column from its first
   * row, so an integer 0 there would truncate the 3.75 of a later row.
   */
  real(expr: string): string;
};

export type ColumnType = "int" | "bigint" | "text" | "bool" | "real" | "timestamp";

const sqlite: SqlDialect = {
  provider: "sqlite",
  distinctList: (expr) => `group_concat(DISTINCT ${expr})`,
  list: (expr) => `group_concat(${expr})`,
  localMonth: (column, offset) =>
    typeof offset === "number"
      ? `substr(datetime(${column}, '${offset >= 0 ? "+" : ""}${Math.trunc(offset)} minutes'), 1, 7)`
      : `substr(datetime(${column}, printf('%+d minutes', ${offset})), 1, 7)`,
  fullScan: (table) => `"${table}" NOT INDEXED`,
  jsonRows: {
    from: (param) => `json_each(${param}) AS j`,
    element: (i) => `json_extract(j.value, '$[${i}]')`,
  },
  param: () => "?",
  real: (expr) => `CAST(${expr} AS REAL)`,
};

const PG_TYPES: Record<ColumnType, string> = {
  int: "integer",
  bigint: "bigint",
  text: "text",
  bool: "boolean",
  real: "double precision",
  timestamp: "timestamp(3)",
};
const postgres: SqlDialect = {
  provider: "postgres",
  distinctList: (expr) => `string_agg(DISTINCT CAST(${expr} AS TEXT), ',')`,
  list: (expr) => `string_agg(${expr}, ',')`,
  localMonth: (column, offset) =>
    typeof offset === "number"
      ? `to_char(${column} + interval '${Math.trunc(offset)} minutes', 'YYYY-MM')`
      : `to_char(${column} + (${offset}) * interval '1 minute', 'YYYY-MM')`,
  fullScan: (table) => `"${table}"`,
  jsonRows: {
    from: (param) => `jsonb_array_elements(CAST(${param} AS jsonb)) AS j(value)`,
    element: (i, type) => `CAST(j.value->>${i} AS ${PG_TYPES[type]})`,
  },
  param: (n) => `$${n}`,
  real: (expr) => `CAST(${expr} AS DOUBLE PRECISION)`,
};

export function sqlDialect(provider: Provider = dbProvider()): SqlDialect {
  return provider === "postgres" ? postgres : sqlite;
}

/** A validated ISO date as an SQL literal (dates are compared as text on SQLite, cast on PostgreSQL). */
export function dateLiteral(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`Not an ISO date: ${iso}`);
  return `'${iso}'`;
}

/** Rows per INSERT statement: keeps each JSON parameter under V8's large-object size, so it dies young. */
export const ROWS_PER_STATEMENT = 400;

/**
 * INSERT … SELECT from a JSON parameter holding an array of rows (each row
 * given as its JSON array text), with an optional ON CONFLICT clause and
 * constant columns bound once: one statement and a few bind values for
 * hundreds of rows, on both providers.
 */
export async function insertJsonRows(
  tx: DbTx,
  dialect: SqlDialect,
  table: string,
  columns: readonly (readonly [string, ColumnType])[],
  rowsJson: string[],
  o: { onConflict?: string; constants?: readonly (readonly [string, ColumnType, unknown])[] } = {},
): Promise<number> {
  const constants = o.constants ?? [];
  const names = [...columns.map(([c]) => c), ...constants.map(([c]) => c)].map((c) => `"${c}"`).join(", ");
  const select = [...columns.map(([, type], i) => dialect.jsonRows.element(i, type)), ...constants.map((_, i) => `k."c${i}"`)].join(", ");
  // The constants come after the JSON in the text, so "?" placeholders bind in order too.
  const constantsFrom = constants.length
    ? `, (SELECT ${constants.map(([, type], i) => `${dialect.provider === "postgres" ? `CAST(${dialect.param(i + 2)} AS ${PG_TYPES[type]})` : dialect.param(i + 2)} AS "c${i}"`).join(", ")}) AS k`
    : "";
  const where = dialect.provider === "sqlite" && o.onConflict ? "WHERE true " : "";
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM ${dialect.jsonRows.from(dialect.param(1))}${constantsFrom} ${where}${o.onConflict ?? ""}`;
  let written = 0;
  for (let i = 0; i < rowsJson.length; i += ROWS_PER_STATEMENT) {
    const json = `[${rowsJson.slice(i, i + ROWS_PER_STATEMENT).join(",")}]`;
    written += await tx.$executeRawUnsafe(sql, json, ...constants.map(([, , value]) => value));
  }
  return written;
}

/** Prisma hands back bigint (PostgreSQL counts), Decimal or number: always a number here. */
export function num(value: unknown): number {
  if (value == null) return 0;
  return typeof value === "number" ? value : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value == null ? null : num(value);
}

/** DateTime text as Prisma writes it on SQLite ("…T…000+00:00"); an ISO string for PostgreSQL casts. */
export function timestampText(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
