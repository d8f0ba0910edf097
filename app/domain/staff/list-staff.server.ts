// The staff list an administrator works from, and one account in detail.
import type { DbTx } from "~/db/client.server";
import { listOpenSessions } from "~/auth/staff-sessions.server";
import { NotFoundError } from "../errors";
import type { StaffStatusFilter } from "./staff-form";

const STAFF_ROW = {
  id: true,
  username: true,
  displayName: true,
  role: true,
  department: true,
  email: true,
  propertyId: true,
  active: true,
  mustChangePassword: true,
  lastSignInAt: true,
  createdAt: true,
  property: { select: { code: true, name: true, nameZh: true } },
} as const;

export const STAFF_PAGE_SIZE = 50;
export type StaffFilter = { status?: StaffStatusFilter; page?: number };

export async function listStaff(db: DbTx, filter: StaffFilter = {}) {
  const status = filter.status ?? "active";
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const where = status === "all" ? {} : { active: status === "active" };
  const [total, staff] = await Promise.all([
    db.staff.count({ where }),
    db.staff.findMany({
      where,
      orderBy: [{ active: "desc" }, { username: "asc" }],
      select: STAFF_ROW,
      skip: (page - 1) * STAFF_PAGE_SIZE,
      take: STAFF_PAGE_SIZE,
    }),
  ]);
  return { staff, total, page, pageCount: Math.max(1, Math.ceil(total / STAFF_PAGE_SIZE)) };
}

export async function getStaffMember(db: DbTx, staffId: number, now = new Date()) {
  const staff = await db.staff.findUnique({ where: { id: staffId }, select: STAFF_ROW });
  if (!staff) throw new NotFoundError("Staff");
  const sessions = await listOpenSessions(db, staffId, now);
  return { ...staff, openSessions: sessions.length };
}
