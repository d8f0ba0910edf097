// Request latency by route, recorded by the web server (app/http/server.ts)
// for every response; shown at /metrics with the rest (metrics.server.ts).
// Metrics live in prom-client's default registry, shared by the unbundled web
// server and the bundled Remix build through node_modules.
import client from "prom-client";

/** A metric of the default registry, made once whichever side asks first. */
export function metric<T extends client.Metric>(name: string, make: () => T): T {
  return (client.register.getSingleMetric(name) as T | undefined) ?? make();
}

export function requestDuration() {
  return metric(
    "guest_archive_http_request_duration_seconds",
    () =>
      new client.Histogram({
        name: "guest_archive_http_request_duration_seconds",
        help: "Time to answer an HTTP request, by method, route and status",
        labelNames: ["method", "route", "status"],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  );
}

/**
 * The route label of a request: "data:" and the page's label for Remix's own
 * data requests (single fetch, `/guests/7.data` → "data:/guests/:id"; a
 * legacy `?_data=` request by its route id), else the path with ids and
 * tokens replaced ("/guests/:id/edit"), "static" for assets and "unmatched"
 * for a 404 — a bounded set of labels, and never a query string (a search is
 * a guest's name).
 */
export function routeLabel(path: string, dataRoute: unknown, status: number): string {
  if (typeof dataRoute === "string") return /^[\w./$-]{1,100}$/.test(dataRoute) ? `data:${dataRoute}` : "data:other";
  if (path.endsWith(".data")) return status === 404 ? "data:unmatched" : `data:${pathLabel(path.slice(0, -".data".length))}`;
  if (path.startsWith("/build/") || /\.(svg|ico|png|css|js|txt)$/.test(path)) return "static";
  if (status === 404) return "unmatched";
  return pathLabel(path);
}

function pathLabel(path: string): string {
  return (
    path
      .split("/")
      .map((part) => (/^\d+$/.test(part) ? ":id" : part.length > 24 || /[^\w.-]/.test(part) ? ":token" : part))
      .join("/")
      .slice(0, 100) || "/"
  );
}
