// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas that
// validate the requests (z.toJSONSchema): it cannot drift from what the
// routes accept. Answers are zod schemas too.
import { z } from "zod/v4";
import { apiText } from "../forms";
import { FEED_ERROR_CODES } from "./feed-errors";
import { FEED_EXAMPLES } from "./feed-examples";
import { chargeMessage, guestProfileMessage, reservationGuest, reservationMessage, surveyMessage } from "./feed-schemas";

const feedResult = z.object({
  id: z.int().describe("The record's id in the archive."),
  guestId: z.int(),
  outcome: z.enum(["created", "updated", "unchanged", "stale"]).describe("stale: the archive holds a newer modification; nothing changed."),
  cardNumbersRemoved: z.int().optional().describe("Card numbers found in the body and removed before anything was stored."),
});

const apiErrorBody = z.object({
  error: z.object({
    code: apiText(40),
    message: apiText(2000),
    issues: z
      .array(z.object({ path: apiText(200), message: apiText(500) }))
      .optional()
      .describe("Field errors (422 invalid)."),
  }),
  deadLetterId: z.int().optional().describe("Set when the message was kept as a dead letter."),
});

/** The REST feed's operations: path, schema name, summary. */
export const FEED_OPERATIONS = [
  { path: "/api/v1/guests", kind: "guest", schema: "GuestProfile", summary: "Upsert a guest profile by (source, externalId)" },
  { path: "/api/v1/stays", kind: "stay", schema: "Reservation", summary: "Upsert a reservation through its life by (source, externalId)" },
  { path: "/api/v1/charges", kind: "charge", schema: "Charge", summary: "Post a folio charge once per (source, externalId)" },
  { path: "/api/v1/surveys", kind: "survey", schema: "Survey", summary: "Post a survey answer once per (source, externalId)" },
] as const;

function componentSchemas() {
  const registry = z.registry<{ id: string }>();
  registry.add(guestProfileMessage, { id: "GuestProfile" });
  registry.add(reservationGuest, { id: "ReservationGuest" });
  registry.add(reservationMessage, { id: "Reservation" });
  registry.add(chargeMessage, { id: "Charge" });
  registry.add(surveyMessage, { id: "Survey" });
  registry.add(feedResult, { id: "FeedResult" });
  registry.add(apiErrorBody, { id: "Error" });
  const { schemas } = z.toJSONSchema(registry, { io: "input", uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      const { $schema: _schema, $id: _id, id: _metaId, ...rest } = schema as Record<string, unknown>;
      return [name, rest];
    }),
  );
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorAnswer = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });

const IDEMPOTENCY_KEY = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description: "Same key and body: the first answer again (Idempotent-Replayed: true). Same key, another body: 409.",
  schema: { type: "string", minLength: 1, maxLength: 200 },
};

export function openApiDocument() {
  const write = (op: (typeof FEED_OPERATIONS)[number], method: "post" | "put") => ({
    operationId: `${method}${op.schema}`,
    summary: op.summary,
    security: [{ apiKey: [] }],
    parameters: [IDEMPOTENCY_KEY],
    requestBody: {
      required: true,
      content: { "application/json": { schema: ref(op.schema), example: FEED_EXAMPLES[op.kind] } },
    },
    responses: {
      "200": { description: "Applied, unchanged or stale", content: { "application/json": { schema: ref("FeedResult") } } },
      "201": { description: "Created", content: { "application/json": { schema: ref("FeedResult") } } },
      "400": errorAnswer("The body is not JSON, or a bad Idempotency-Key"),
      "401": errorAnswer("No live API key"),
      "403": errorAnswer("The key lacks pms:write, or may not write for the property"),
      "409": errorAnswer("The Idempotency-Key was used with another body"),
      "413": errorAnswer("The body is larger than 256 KiB"),
      "422": errorAnswer(
        `Invalid fields (code invalid), or the message cannot be applied and is kept as a dead letter (${FEED_ERROR_CODES.join(", ")})`,
      ),
    },
  });
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Guest Archive PMS feed",
      version: "1",
      description: "Profiles, reservations, folio charges and surveys from a property-management system. Card numbers are never stored.",
    },
    paths: {
      ...Object.fromEntries(FEED_OPERATIONS.map((op) => [op.path, { post: write(op, "post"), put: write(op, "put") }])),
      "/api/v1/openapi.json": {
        get: {
          operationId: "getOpenApi",
          summary: "This document",
          responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } } },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key from the admin page or npm run api-key." } },
    },
  };
}
