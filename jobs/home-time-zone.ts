import type { Db } from "../app/db/client.server";

/** Chain-wide jobs run on the first property's clock (Asia/Shanghai when there is none). */
export async function homeTimeZone(db: Db): Promise<string> {
  const first = await db.property.findFirst({ orderBy: { id: "asc" }, select: { timeZone: true } });
  return process.env.JOBS_TIME_ZONE ?? first?.timeZone ?? "Asia/Shanghai";
}
