// Calling the PMS feed's routes as a sender would: a real Request with a
// bearer key, an optional Idempotency-Key, a JSON or XML body.
import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "~/db/client.server";
import { SYSTEM_ACTOR } from "~/domain/actor";
import { createApiKey, type ApiScope } from "~/domain/feed/api-keys.server";
import { BASE } from "./sign-in";

type RouteModule = { action: (args: ActionFunctionArgs) => Promise<Response> | Response };

export async function plantApiKey(scopes: ApiScope[] = ["pms:write"], propertyCodes: string[] = [], name = "PMS") {
  return createApiKey(db(), SYSTEM_ACTOR, { name, scopes, propertyCodes });
}

export type FeedReply = { status: number; body: any; headers: Headers; text: string };

export async function send(
  route: RouteModule,
  path: string,
  body: unknown,
  {
    key,
    idempotencyKey,
    method = "POST",
    headers = {},
  }: { key?: string | null; idempotencyKey?: string; method?: string; headers?: Record<string, string> } = {},
): Promise<FeedReply> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const request = new Request(`${BASE}${path}`, {
    method,
    body: text,
    headers: {
      "Content-Type": typeof body === "string" && body.startsWith("<") ? "application/xml" : "application/json",
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
      ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
      ...headers,
    },
  });
  const response = await route.action({ request, params: {}, context: { clientAddress: "203.0.113.7" } });
  const reply = await response.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(reply);
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed, headers: response.headers, text: reply };
}

/** A reservation message of the sender "OPERA-SHA", with overrides. */
export function reservation(fields: Record<string, unknown> = {}, guest: Record<string, unknown> = {}) {
  return {
    source: "OPERA-SHA",
    externalId: "R-1001",
    modifiedAt: "2026-11-20T10:00:00+08:00",
    propertyCode: "SHA",
    status: "RESERVED",
    roomType: "DELUXE",
    arrivalDate: "2026-12-01",
    departureDate: "2026-12-04",
    rateAmount: 98000,
    bookingChannel: "OTA",
    guest: { externalId: "P-501", fullName: "王小明", phone: "+86 139 1234 5678", email: "wang.xm@example.cn", ...guest },
    ...fields,
  };
}
