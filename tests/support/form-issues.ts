import type { ZodTypeAny } from "zod";

/** "path: message" for every issue a schema reports, or [] when the input is valid. */
export function issuesOf(schema: ZodTypeAny, input: unknown): string[] {
  const result = schema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}
