// GET /metrics — Prometheus text format (app/http/metrics.server.ts), for a
// scraper presenting `Authorization: Bearer $METRICS_TOKEN`, or for a
// signed-in administrator. No personal data: counts and durations only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/session.server";
import { metricsTokenAccepted } from "~/auth/metrics-token.server";
import { db } from "~/db/client.server";
import { renderMetrics } from "~/http/metrics.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const bearer = request.headers.get("Authorization");
  if (bearer !== null) {
    if (!metricsTokenAccepted(bearer)) return new Response("Unauthorized", { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  } else await requireStaff(request, "jobs:manage", { context });
  const { contentType, body } = await renderMetrics(db());
  return new Response(body, { headers: { "Content-Type": contentType } });
}
