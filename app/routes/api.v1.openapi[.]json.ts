// GET /api/v1/openapi.json — the feed's OpenAPI 3.1 document, generated from its zod schemas.
import { openApiDocument } from "~/domain/feed/openapi.server";

let cached: string | null = null;

export function loader() {
  cached ??= JSON.stringify(openApiDocument(), null, 2);
  return new Response(cached, { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
