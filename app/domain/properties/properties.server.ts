import type { DbTx } from "~/db/client.server";

export async function listProperties(db: DbTx) {
  return db.property.findMany({
    orderBy: { id: "asc" },
    select: { id: true, code: true, name: true, nameZh: true, timeZone: true, currency: true },
  });
}
