// Properties, identity markers and the demo staff, through Prisma (a handful
// of rows: correctness and portability matter more than speed here).
import type { Db } from "../../app/db/client.server";
import { hashPassword } from "../../app/auth/password.server";
import { DEMO_LOGIN_PROPERTY, DEMO_LOGINS, DEMO_PASSWORD } from "./demo-logins";
import type { ReferenceIds } from "./emit";
import { IDENTITY_MARKERS, PROPERTIES, type MarkerCode, type PropertyCode } from "./reference";

export async function seedReferenceRows(db: Db): Promise<ReferenceIds & { staffCreated: string[] }> {
  const propertyIds = {} as Record<PropertyCode, number>;
  for (const p of PROPERTIES) {
    const row = await db.property.upsert({ where: { code: p.code }, create: { ...p }, update: { name: p.name, nameZh: p.nameZh, timeZone: p.timeZone, currency: p.currency } });
    propertyIds[p.code] = row.id;
  }
  const markerIds = {} as Record<MarkerCode, number>;
  for (const m of IDENTITY_MARKERS) {
    const row = await db.identityMarker.upsert({ where: { code: m.code }, create: { ...m }, update: { labelEn: m.labelEn, labelZh: m.labelZh, color: m.color, icon: m.icon } });
    markerIds[m.code] = row.id;
  }
  // Demo staff are created once; an existing account (and its password) is left alone.
  const staffCreated: string[] = [];
  for (const login of DEMO_LOGINS) {
    if (await db.staff.findUnique({ where: { username: login.username }, select: { id: true } })) continue;
    const propertyCode = DEMO_LOGIN_PROPERTY[login.username];
    await db.staff.create({
      data: {
        username: login.username, displayName: login.displayName, role: login.role, department: login.department,
        passwordHash: await hashPassword(DEMO_PASSWORD), propertyId: propertyCode ? propertyIds[propertyCode as PropertyCode] : null,
      },
    });
    staffCreated.push(login.username);
  }
  return { propertyIds, markerIds, staffCreated };
}

/** Guests present, and the last profile number ever issued (0 when none). */
export async function archiveSize(db: Db) {
  const [guests, sequence] = await Promise.all([
    db.guest.count(),
    db.profileNumberSequence.findUnique({ where: { name: "guest" } }),
  ]);
  return { guests, lastProfileNumber: sequence?.value ?? 0 };
}

/** Later app-created guests continue after the last number the seed issued. */
export async function setProfileNumberSequence(db: Db, value: number) {
  await db.profileNumberSequence.upsert({ where: { name: "guest" }, create: { name: "guest", value }, update: { value } });
}
