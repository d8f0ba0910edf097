// One demo sign-in per role, created only in demo mode (see demo-mode.server.ts).
// The start script prints these; the browser tests and benchmarks use them.
// Outside demo mode the demo password is refused as a new password and never
// opens a session without being changed.
import type { RoleName } from "~/auth/permissions";
import type { Department } from "~/domain/staff/departments";

export const DEMO_PASSWORD = "guest-archive-demo";

export const DEMO_LOGINS = [
  { username: "desk", role: "FRONT_DESK", displayName: "Lin Fang 林芳", department: "FRONT_OFFICE" },
  { username: "marketing", role: "MARKETING", displayName: "Chen Jing 陈静", department: "SALES" },
  { username: "manager", role: "MANAGER", displayName: "Wang Lei 王磊", department: "MANAGEMENT" },
  { username: "archivist", role: "ARCHIVIST", displayName: "Zhou Min 周敏", department: "ARCHIVE_CENTRE" },
  { username: "admin", role: "ADMIN", displayName: "Alex Morgan", department: "IT" },
] as const satisfies readonly { username: string; role: RoleName; displayName: string; department: Department }[];

export type DemoLogin = (typeof DEMO_LOGINS)[number];

/** Demo staff who belong to one property (desk staff work at one hotel); the rest see all. */
export const DEMO_LOGIN_PROPERTY: Partial<Record<DemoLogin["username"], string>> = { desk: "SHB" };
