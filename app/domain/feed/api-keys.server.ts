// API keys of the PMS feed (docs/decisions/019): a high-entropy random key shown
// once, kept only as its SHA-256 (a key is random, so a fast hash is enough and
// lets every request find its key by one indexed look-up). The visible prefix
// names the key in lists, logs and the register; scopes and properties limit it.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "~/db/client.server";
import type { Actor } from "../actor";
import { recordAudit } from "../audit/record-audit.server";
import { DomainError, NotFoundError } from "../errors";

export { API_KEY_SCOPES as API_SCOPES } from "./api-key-form";
import { API_KEY_SCOPES } from "./api-key-form";
export type ApiScope = (typeof API_KEY_SCOPES)[number];

const KEY_PREFIX = "ga_live_";
/** How much of the key is shown: "ga_live_" and 8 characters. */
const VISIBLE = KEY_PREFIX.length + 8;

export type ApiPrincipal = {
  apiKeyId: number;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  /** null: every property. */
  propertyIds: number[] | null;
};

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function isApiScope(scope: string): scope is ApiScope {
  return (API_KEY_SCOPES as readonly string[]).includes(scope);
}

export type CreateApiKeyInput = { name: string; scopes: ApiScope[]; propertyCodes: string[] };

/** Creates a key and returns it in clear, once: nothing can show it again. */
export async function createApiKey(db: Db, actor: Actor, input: CreateApiKeyInput) {
  if (!input.scopes.length) throw new DomainError("error.apiKeyScopes");
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const prefix = key.slice(0, VISIBLE);
  return db.$transaction(async (tx) => {
    const codes = [...new Set(input.propertyCodes.map((c) => c.trim().toUpperCase()).filter(Boolean))];
    const properties = await tx.property.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
    const unknown = codes.filter((c) => !properties.some((p) => p.code === c));
    if (unknown.length) throw new DomainError("error.unknownProperty", `Unknown property code(s): ${unknown.join(", ")}`);
    const created = await tx.apiKey.create({
      data: {
        name: input.name,
        prefix,
        keyHash: hashApiKey(key),
        scopes: [...new Set(input.scopes)].join(","),
        createdById: actor.staffId,
        properties: { create: properties.map((p) => ({ propertyId: p.id })) },
      },
    });
    await recordAudit(tx, actor, {
      action: "CREATE",
      entity: "ApiKey",
      entityId: created.id,
      changes: { name: input.name, prefix, scopes: input.scopes, properties: codes },
    });
    return { id: created.id, name: created.name, prefix, key };
  });
}

export async function listApiKeys(db: Db) {
  const keys = await db.apiKey.findMany({
    orderBy: { id: "desc" },
    include: {
      properties: { include: { property: { select: { code: true } } } },
      createdBy: { select: { displayName: true } },
    },
    take: 500,
  });
  return keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes.split(",").filter(Boolean),
    propertyCodes: k.properties.map((p) => p.property.code).sort(),
    createdBy: k.createdBy?.displayName ?? null,
    createdAt: k.createdAt,
    lastUsedAt: k.lastUsedAt,
    revokedAt: k.revokedAt,
  }));
}

/** Revokes a key at once; revoking a revoked key changes nothing. */
export async function revokeApiKey(db: Db, actor: Actor, apiKeyId: number) {
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id: apiKeyId }, select: { id: true, prefix: true, revokedAt: true } });
    if (!key) throw new NotFoundError("API key");
    if (key.revokedAt) return { revokedAt: key.revokedAt, changed: false };
    const revokedAt = new Date();
    await tx.apiKey.update({ where: { id: apiKeyId }, data: { revokedAt } });
    await recordAudit(tx, actor, {
      action: "DELETE",
      entity: "ApiKey",
      entityId: apiKeyId,
      changes: { prefix: key.prefix, revoked: true },
    });
    return { revokedAt, changed: true };
  });
}

/** Last use is kept to the minute: one write per key and minute, not one per request. */
const LAST_USE_RESOLUTION_MS = 60_000;

/** The live key an `Authorization: Bearer …` header names, or null (none, malformed, unknown or revoked). */
export async function authenticateApiKey(db: Db, authorization: string | null, now = new Date()): Promise<ApiPrincipal | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match || !match[1].startsWith(KEY_PREFIX) || match[1].length > 200) return null;
  const key = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(match[1]) },
    include: { properties: { select: { propertyId: true } } },
  });
  if (!key || key.revokedAt) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USE_RESOLUTION_MS)
    await db.apiKey.updateMany({ where: { id: key.id, revokedAt: null }, data: { lastUsedAt: now } });
  return {
    apiKeyId: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes.split(",").filter(isApiScope),
    propertyIds: key.properties.length ? key.properties.map((p) => p.propertyId) : null,
  };
}

export function mayUseProperty(principal: ApiPrincipal, propertyId: number): boolean {
  return principal.propertyIds === null || principal.propertyIds.includes(propertyId);
}
