// The few SQL fragments that differ between SQLite and PostgreSQL, in one place.
import { Prisma } from "../../generated/prisma/client";
import { dbProvider } from "./client.server";

/** A parameter bound into an enum column: PostgreSQL needs the cast, SQLite stores text. */
export function asEnum(value: string, enumType: string): Prisma.Sql {
  return dbProvider() === "postgres" ? Prisma.sql`CAST(${value} AS ${Prisma.raw(`"${enumType}"`)})` : Prisma.sql`${value}`;
}

/** A timestamp parameter stored the way Prisma stores DateTime on each provider. */
export function asTimestamp(date: Date): Prisma.Sql {
  return dbProvider() === "postgres" ? Prisma.sql`${date}` : Prisma.sql`${date.toISOString().replace("Z", "+00:00")}`;
}

/** A JSON object built in SQL from (key, SQL value) pairs, stored in a Json column. */
export function jsonObject(pairs: [string, Prisma.Sql][]): Prisma.Sql {
  const args = Prisma.join(pairs.flatMap(([key, value]) => [Prisma.sql`${key}`, value]));
  return dbProvider() === "postgres" ? Prisma.sql`CAST(json_build_object(${args}) AS jsonb)` : Prisma.sql`json_object(${args})`;
}

/** The SQL boolean literal TRUE (SQLite stores booleans as 1). */
export const TRUE = Prisma.sql`TRUE`;

/** A JSON value bound into a Json column. */
export function asJson(value: unknown): Prisma.Sql {
  const text = JSON.stringify(value);
  return dbProvider() === "postgres" ? Prisma.sql`CAST(${text} AS jsonb)` : Prisma.sql`${text}`;
}
