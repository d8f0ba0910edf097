// For monitoring: is the app up and can it reach its database? No data shown.
import { json } from "@remix-run/node";
import { db, dbProvider } from "~/db/client.server";

export async function loader() {
  const started = performance.now();
  try {
    await db().$queryRaw`SELECT 1`;
    return json(
      {
        status: "ok",
        database: dbProvider(),
        databaseMs: Math.round((performance.now() - started) * 10) / 10,
        uptimeSeconds: Math.round(process.uptime()),
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return json({ status: "error", database: dbProvider() }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
