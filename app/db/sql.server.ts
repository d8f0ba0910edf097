// The few SQL fragments that differ between SQLite and PostgreSQL, in one place.
import { Prisma } from "../../generated/prisma/client";
import { dbProvider } from "./client.server";

/** A parameter bound into an enum column: PostgreSQL needs the cast, SQLite stores text. */
export function asEnum(value: string, enumType: string): Prisma.Sql {
  return dbProvider() === "postgres" ? Prisma.sql`CAST(${value} AS ${Prisma.raw(`"${enumType}"`)})` : Prisma.sql`${value}`;
}
