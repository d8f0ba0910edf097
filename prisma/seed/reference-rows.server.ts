// Properties, identity markers and the demo staff, through Prisma (a handful
// of rows: correctness and portability matter more than speed here).
import type { Db } from "../../app/db/client.server";
import { hashPassword } from "../../app/auth/password.server";
import { DEMO_LOGIN_PROPERTY, DEMO_LOGINS, DEMO_PASSWORD } from "../../app/config/demo-logins";
import { isDemoMode } from "../../app/config/demo-mode.server";
import type { ReferenceIds } from "./emit";
import { IDENTITY_MARKERS, PROPERTIES, type MarkerCode, type PropertyCode } from "./reference";
import { ensureDefaultHolidays } from "../../app/domain/outreach/holidays";

export async function seedReferenceRows(db: Db): Promise<ReferenceIds & { staffCreated: string[] }> {
  const propertyIds = {} as Record<PropertyCode, number>;
  for (const p of PROPERTIES) {
    const row = await db.property.upsert({
      where: { code: p.code },
      create: { ...p },
      update: { name: p.name, nameZh: p.nameZh, timeZone: p.timeZone, currency: p.currency },
    });
    propertyIds[p.code] = row.id;
  }
  const markerIds = {} as Record<MarkerCode, number>;
  for (const m of IDENTITY_MARKERS) {
    const row = await db.identityMarker.upsert({
      where: { code: m.code },
      create: { ...m },
      update: { labelEn: m.labelEn, labelZh: m.labelZh, color: m.color, icon: m.icon },
    });
    markerIds[m.code] = row.id;
  }
  // Demo staff are created once; an existing account (and its password) is left alone.
  // Outside demo mode (DEMO=false) there are no accounts with the shared password.
  const staffCreated: string[] = [];
  for (const login of isDemoMode() ? DEMO_LOGINS : []) {
    if (await db.staff.findUnique({ where: { username: login.username }, select: { id: true } })) continue;
    const propertyCode = DEMO_LOGIN_PROPERTY[login.username];
    await db.staff.create({
      data: {
        username: login.username,
        displayName: login.displayName,
        role: login.role,
        department: login.department,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        propertyId: propertyCode ? propertyIds[propertyCode as PropertyCode] : null,
      },
    });
    staffCreated.push(login.username);
  }
  await seedOutreachDemo(db);
  return { propertyIds, markerIds, staffCreated };
}

/** The default holidays, an active birthday campaign and a draft Christmas one, so the outreach pages have something to show. */
async function seedOutreachDemo(db: Db) {
  await ensureDefaultHolidays(db);
  if (await db.campaign.count()) return;
  const christmas = await db.holiday.findUnique({ where: { code: "CHRISTMAS" } });
  await db.campaign.create({
    data: {
      name: "Birthday greetings · 生日祝福",
      kind: "BIRTHDAY",
      channel: "EMAIL",
      status: "ACTIVE",
      leadDays: 7,
      audience: {},
      subjectEn: "Happy birthday, {name}!",
      subjectZh: "{name}，生日快乐！",
      templateEn: "Dear {name},\nEveryone at {hotel} wishes you a wonderful birthday. On your next stay, {gift} will be waiting for you.",
      templateZh: "尊敬的{name}：\n{hotel}全体员工祝您生日快乐！下次入住时，我们为您准备了{gift}。",
    },
  });
  if (christmas) {
    await db.campaign.create({
      data: {
        name: "Christmas to VIPs · 圣诞贵宾问候",
        kind: "HOLIDAY",
        holidayId: christmas.id,
        channel: "EMAIL",
        status: "DRAFT",
        leadDays: 14,
        audience: { minVipLevel: 1 },
        offer: "Christmas Eve dinner for two at 20% off · 平安夜双人晚餐八折",
        subjectEn: "Merry {holiday}, {name}",
        subjectZh: "{name}，{holiday}快乐",
        templateEn: "Dear {name},\nWarm wishes for {holiday} ({date}) from all of us at {hotel}. {offer}",
        templateZh: "尊敬的{name}：\n{hotel}全体员工祝您{holiday}（{date}）快乐！{offer}",
      },
    });
  }
}

/** Guests present, and the last profile number ever issued (0 when none). */
export async function archiveSize(db: Db) {
  const [guests, sequence] = await Promise.all([db.guest.count(), db.profileNumberSequence.findUnique({ where: { name: "guest" } })]);
  return { guests, lastProfileNumber: sequence?.value ?? 0 };
}

/** Later app-created guests continue after the last number the seed issued. */
export async function setProfileNumberSequence(db: Db, value: number) {
  await db.profileNumberSequence.upsert({ where: { name: "guest" }, create: { name: "guest", value }, update: { value } });
}
