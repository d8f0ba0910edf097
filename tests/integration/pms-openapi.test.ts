// The contract: every operation of /api/v1/openapi.json exists as a route and
// validates as the document says — its example is accepted, and a body
// without a required field, with a value outside an enum or longer than its
// maxLength is refused with a field error on that very field.
import path from "node:path";
import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { appRoutes, pathOf } from "../support/app-routes";
import { plantProperty } from "../support/fixtures";
import { plantApiKey, send } from "../support/feed";

type Schema = {
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  enum?: string[];
  maxLength?: number;
  $ref?: string;
};
type Operation = {
  requestBody?: { content: { "application/json": { schema: Schema; example: Record<string, unknown> } } };
  security?: unknown[];
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

let document: Document;
let key: string;

async function routeModuleOf(urlPath: string) {
  const routes = appRoutes();
  const id = [...routes.keys()].find((r) => r !== "root" && pathOf(routes, r, (p) => `:${p}`) === urlPath);
  if (!id) return null;
  return (await import(path.resolve("app", routes.get(id)!.file))) as {
    action?: (args: ActionFunctionArgs) => Promise<Response>;
    loader?: (args: ActionFunctionArgs) => Promise<Response> | Response;
  };
}

beforeAll(async () => {
  await plantProperty("SHA");
  key = (await plantApiKey(["pms:write"])).key;
  const openapi = await routeModuleOf("/api/v1/openapi.json");
  const response = await openapi!.loader!({ request: new Request("http://localhost/api/v1/openapi.json"), params: {}, context: {} });
  expect(response.status).toBe(200);
  document = (await response.json()) as Document;
});

const resolve = (schema: Schema) => (schema.$ref ? document.components.schemas[schema.$ref.split("/").at(-1)!] : schema);

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with a schema for every request body", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).sort()).toEqual([
      "/api/v1/charges",
      "/api/v1/guests",
      "/api/v1/openapi.json",
      "/api/v1/stays",
      "/api/v1/surveys",
    ]);
    for (const [urlPath, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations))
        if (method !== "get")
          expect(resolve(operation.requestBody!.content["application/json"].schema).type, `${method} ${urlPath}`).toBe("object");
  });

  it("documents only routes that exist, each answering its methods as described", async () => {
    for (const [urlPath, operations] of Object.entries(document.paths)) {
      const route = await routeModuleOf(urlPath);
      expect(route, urlPath).not.toBeNull();
      for (const [method, operation] of Object.entries(operations)) {
        if (method === "get") {
          expect(route!.loader, urlPath).toBeDefined();
          continue;
        }
        expect(route!.action, `${method} ${urlPath}`).toBeDefined();
        const module = { action: route!.action! };
        const body = operation.requestBody!.content["application/json"];
        const schema = resolve(body.schema);
        const label = `${method.toUpperCase()} ${urlPath}`;
        if (operation.security?.length)
          expect((await send(module, urlPath, body.example, { key: null, method: method.toUpperCase() })).status, label).toBe(401);

        const accepted = await send(module, urlPath, body.example, { key, method: method.toUpperCase() });
        expect([200, 201], `${label} example: ${accepted.text}`).toContain(accepted.status);

        const refusedOn = async (field: string, broken: Record<string, unknown>, what: string) => {
          const reply = await send(module, urlPath, broken, { key, method: method.toUpperCase() });
          expect(reply.status, `${label} ${what} ${field}`).toBe(422);
          expect(
            reply.body.error.issues.map((i: { path: string }) => i.path),
            `${label} ${what} ${field}`,
          ).toContain(field);
        };
        for (const field of schema.required ?? []) {
          const { [field]: _dropped, ...without } = body.example;
          await refusedOn(field, without, "without");
        }
        for (const [field, property] of Object.entries(schema.properties ?? {})) {
          if (property.enum) await refusedOn(field, { ...body.example, [field]: "NOT_ONE_OF_THEM" }, "enum");
          if (property.maxLength) await refusedOn(field, { ...body.example, [field]: "x".repeat(property.maxLength + 1) }, "maxLength");
        }
      }
    }
  });
});
