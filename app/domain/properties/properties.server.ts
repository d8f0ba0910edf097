import type { DbTx } from "~/db/client.server";
import { todayIn } from "../calendar/occasions";

export async function listProperties(db: DbTx) {
  return db.property.findMany({
    orderBy: { id: "asc" },
    select: { id: true, code: true, name: true, nameZh: true, timeZone: true, currency: true },
  });
}

/** The property a staff member works at (else the first), and today's date there. */
export async function homePropertyOf(db: DbTx, propertyId: number | null, now = new Date()) {
  const property =
    (propertyId ? await db.property.findUnique({ where: { id: propertyId } }) : null) ??
    (await db.property.findFirst({ orderBy: { id: "asc" } }));
  const timeZone = property?.timeZone ?? "Asia/Shanghai";
  return { property, today: todayIn(timeZone, now) };
}
