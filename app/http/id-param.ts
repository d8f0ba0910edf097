// Ids and page numbers from the URL or a form. The database's ids are 32-bit
// integers (PostgreSQL refuses more); anything else names no record.
import { NotFoundError } from "~/domain/errors";
import { textProblem } from "~/domain/safe-text";

/** The largest id a record can have (PostgreSQL `integer`). */
export const MAX_ID = 2_147_483_647;

/** The largest page number a list accepts (beyond its last page it is empty). */
const MAX_PAGE = 1_000_000;

/** A positive whole number up to MAX_ID written in decimal digits, or undefined. */
export function idOf(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^\d{1,10}$/.test(value.trim())) return undefined;
  const id = Number(value);
  return id >= 1 && id <= MAX_ID ? id : undefined;
}

/** A positive whole-number route parameter (":guestId"), or a 404 response. */
export function idParam(params: Record<string, string | undefined>, name: string): number {
  const id = idOf(params[name]);
  if (id === undefined) throw new Response("Not found", { status: 404 });
  return id;
}

/**
 * A route parameter that names a record by a code (":number" of a certificate), or a 404
 * response: one line of safe text (PostgreSQL cannot even compare a NUL) of at most `max` characters.
 */
export function codeParam(params: Record<string, string | undefined>, name: string, max = 100): string {
  const code = params[name];
  if (!code || code.length > max || textProblem(code) !== null) throw new Response("Not found", { status: 404 });
  return code;
}

/** An id a form or query names (`?guest=`, a hidden `guestId`), or a 404 response when it names none. */
export function requiredId(value: unknown): number {
  const id = idOf(value);
  if (id === undefined) throw new Response("Not found", { status: 404 });
  return id;
}

/** `?page=`: a whole number from 1; anything else is the first page. */
export function pageParam(value: string | null): number {
  const page = idOf(value ?? undefined) ?? 1;
  return Math.min(page, MAX_PAGE);
}

/** Runs an action; a record it names that does not exist (NotFoundError from the domain) is a 404, not a 500. */
export async function orNotFound<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}
