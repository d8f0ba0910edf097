import type { RoleName } from "~/auth/permissions";

/** Who is doing something: a signed-in staff member, or a job (staffId null). */
export type Actor = { staffId: number | null; role: RoleName | "SYSTEM"; ip?: string };

export const SYSTEM_ACTOR: Actor = { staffId: null, role: "SYSTEM" };
