import type { RoleName } from "~/auth/permissions";

/**
 * Who is doing something: a signed-in staff member, a job (staffId null), or a
 * property-management system calling /api/v1 with an API key (staffId null,
 * role SYSTEM, apiKeyId naming the key — the register shows the key).
 */
export type Actor = { staffId: number | null; role: RoleName | "SYSTEM"; ip?: string; apiKeyId?: number };

export function apiKeyActor(apiKeyId: number, ip?: string): Actor {
  return { staffId: null, role: "SYSTEM", apiKeyId, ...(ip ? { ip } : {}) };
}

export const SYSTEM_ACTOR: Actor = { staffId: null, role: "SYSTEM" };
