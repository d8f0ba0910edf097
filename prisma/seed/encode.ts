// How each provider wants a value: timestamps (epoch ms in a batch) become the
// text Prisma itself writes, booleans become 0/1 on SQLite. Done where the rows
// are generated (a worker thread), so the writing thread only inserts.
import type { Provider } from "../../app/db/provider";
import { isoOf } from "./dates";
import { TABLE_ORDER, TABLES, type Batch } from "./tables";

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

/** `Date.toISOString()` without the Z, built from cached parts: it is called ~25M times at 1M guests. */
function isoDateTime(ms: number, separator: string): string {
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${isoOf(day)}${separator}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${millis < 10 ? "00" : millis < 100 ? "0" : ""}${millis}`;
}

/** "2026-11-27T02:00:00.000+00:00": what Prisma's SQLite adapter writes, so string comparisons agree. */
export function sqliteTimestamp(ms: number): string {
  return `${isoDateTime(ms, "T")}+00:00`;
}

/** Prisma keeps DateTime in PostgreSQL `timestamp(3)` without zone, as UTC wall-clock time. */
export function postgresTimestamp(ms: number): string {
  return isoDateTime(ms, " ");
}

const COLUMN_INDEXES = Object.fromEntries(
  TABLE_ORDER.map((table) => {
    const columns = TABLES[table];
    return [
      table,
      {
        timestamps: columns.flatMap(([, kind], i) => (kind === "ts" ? [i] : [])),
        booleans: columns.flatMap(([, kind], i) => (kind === "bool" ? [i] : [])),
      },
    ];
  }),
);

export function encodeBatch(batch: Batch, provider: Provider) {
  const timestamp = provider === "sqlite" ? sqliteTimestamp : postgresTimestamp;
  for (const table of TABLE_ORDER) {
    const { timestamps, booleans } = COLUMN_INDEXES[table];
    for (const row of batch[table]) {
      for (const i of timestamps) if (row[i] !== null) row[i] = timestamp(row[i] as number);
      if (provider === "sqlite") for (const i of booleans) row[i] = row[i] ? 1 : 0;
    }
  }
}
