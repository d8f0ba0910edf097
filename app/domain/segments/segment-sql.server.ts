// The few SQL pieces that differ between SQLite and PostgreSQL, for the
// segments job and the analytics queries. Everything else they run is
// portable SQL (docs/decisions/006).
import type { DbTx } from "~/db/client.server";
import { dbProvider } from "~/db/client.server";
import type { Provider } from "~/db/provider";

export type SqlDialect = {
  provider: Provider;
  /** Distinct values of an integer expression joined with commas ("1,2"). */
  distinctList(expr: string): string;
  /** "YYYY-MM" of a timestamp column shifted to local time by a fixed offset. */
  localMonth(column: string, offsetMinutes: number): string;
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
  localMonth: (column, offset) => `substr(datetime(${column}, '${offset >= 0 ? "+" : ""}${Math.trunc(offset)} minutes'), 1, 7)`,
  jsonRows: {
    from: (param) => `json_each(${param}) AS j`,
    element: (i) => `json_extract(j.value, '$[${i}]')`,
  },
  param: () => "?",
  real: (expr) => `CAST(${expr} AS REAL)`,
};

const PG_TYPES: Record<ColumnType, string> = { int: "integer", bigint: "bigint", text: "text", bool: "boolean", real: "double precision", timestamp: "timestamp(3)" };
const postgres: SqlDialect = {
  provider: "postgres",
  distinctList: (expr) => `string_agg(DISTINCT CAST(${expr} AS TEXT), ',')`,
  localMonth: (column, offset) => `to_char(${column} + interval '${Math.trunc(offset)} minutes', 'YYYY-MM')`,
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

/**
 * INSERT … SELECT from one JSON parameter holding an array of row arrays, with
 * an optional ON CONFLICT clause: one statement and one bind value for
 * thousands of rows, on both providers.
 */
export async function insertJsonRows(
  tx: DbTx, dialect: SqlDialect, table: string,
  columns: readonly (readonly [string, ColumnType])[], rows: unknown[][], onConflict = "",
): Promise<number> {
  if (!rows.length) return 0;
  const select = columns.map(([, type], i) => dialect.jsonRows.element(i, type)).join(", ");
  const sql = `INSERT INTO "${table}" (${columns.map(([c]) => `"${c}"`).join(", ")}) SELECT ${select} FROM ${dialect.jsonRows.from(dialect.param(1))} ${dialect.provider === "sqlite" && onConflict ? "WHERE true " : ""}${onConflict}`;
  return tx.$executeRawUnsafe(sql, JSON.stringify(rows));
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
