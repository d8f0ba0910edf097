// What a chain's operators watch, from the app's own web server: a request id
// on every response, and /metrics in Prometheus' format — request latency by
// route (ids and queries never in a label), job runs and outcomes, the
// outreach queue's depth, the database pool on PostgreSQL — for a scraper
// with METRICS_TOKEN or a signed-in administrator, and nobody else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, dbProvider } from "~/db/client.server";
import { runNamedJob } from "../../jobs/registry.server";
import { routeLabel } from "~/http/request-metrics.server";
import { dataUrlOf } from "../support/single-fetch";
import { plantGuest, plantProperty, plantStaffMember } from "../support/fixtures";
import { fromOwnPage, signInOverHttp, startAppServer, type AppServer } from "../support/app-server";

const TOKEN = "metrics-token-for-the-test-0123456789abcdef";
let app: AppServer;
let adminCookie: string;
let deskCookie: string;
let guestId: number;

beforeAll(async () => {
  process.env.METRICS_TOKEN = TOKEN;
  await plantProperty("OBS");
  const admin = await plantStaffMember("ADMIN");
  const desk = await plantStaffMember("FRONT_DESK");
  ({ guestId } = await plantGuest(desk.actor, { fullName: "王观测", email: "observed@example.test" }));
  await runNamedJob(db(), "segments", { asOf: "2026-11-30", dryRun: false, trigger: "manual" });
  app = await startAppServer();
  adminCookie = await signInOverHttp(app, admin.username, "correct horse battery");
  deskCookie = await signInOverHttp(app, desk.username, "correct horse battery");
}, 120_000);

afterAll(async () => {
  delete process.env.METRICS_TOKEN;
  await app?.stop();
});

const sample = (body: string, name: string, labels: Record<string, string>) =>
  body.split("\n").find((line) => line.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)));

describe("/metrics", () => {
  it("is for the scraper's token or an administrator only", async () => {
    expect((await app.request("GET", "/metrics")).status).toBe(302);
    expect((await app.request("GET", "/metrics", { headers: { cookie: deskCookie } })).status).toBe(403);
    const wrong = await app.request("GET", "/metrics", { headers: { authorization: "Bearer not-the-token-but-long-enough-0123456789" } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers["www-authenticate"]).toBe("Bearer");
    const admin = await app.request("GET", "/metrics", { headers: { cookie: adminCookie } });
    expect(admin.status).toBe(200);
    expect(admin.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it("reports request latency by route, job runs and the outreach queue, and holds no personal data", async () => {
    const page = await app.request("GET", `/guests/${guestId}`, { headers: { cookie: deskCookie } });
    expect(page.status).toBe(200);
    await app.request("GET", `/guests?q=${encodeURIComponent("王观测")}`, { headers: { cookie: deskCookie } });
    await app.request("GET", dataUrlOf(`/guests/${guestId}`), { headers: { cookie: deskCookie } });

    const reply = await app.request("GET", "/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(reply.status).toBe(200);
    const body = reply.body;
    expect(
      sample(body, "guest_archive_http_request_duration_seconds_count", { method: "GET", route: "/guests/:id", status: "200" }),
    ).toMatch(/ 1$/);
    expect(sample(body, "guest_archive_http_request_duration_seconds_count", { route: "data:/guests/:id" })).toBeDefined();
    expect(sample(body, "guest_archive_http_request_duration_seconds_bucket", { route: "/guests", le: "+Inf" })).toBeDefined();
    expect(sample(body, "guest_archive_job_runs", { job: "segments", status: "SUCCEEDED" })).toMatch(/ 1$/);
    expect(sample(body, "guest_archive_job_last_run_duration_seconds", { job: "segments", status: "SUCCEEDED" })).toBeDefined();
    expect(body).toContain("# TYPE guest_archive_outreach_tasks_due gauge");
    expect(body).toContain("guest_archive_process_resident_memory_bytes");
    if (dbProvider() === "postgres") expect(sample(body, "guest_archive_db_pool_connections", { state: "max" })).toBeDefined();
    // Labels are routes, never what was asked for: no name, no id, no e-mail.
    for (const secret of ["王观测", encodeURIComponent("王观测"), "observed@example.test", `/guests/${guestId}`])
      expect(body).not.toContain(secret);
  });

  it("answers every response with a request id", async () => {
    const ids = new Set<string>();
    for (const path of ["/login", "/favicon.svg", "/no-such-page"]) {
      const reply = await app.request("GET", path, { headers: fromOwnPage(app) });
      expect(String(reply.headers["x-request-id"])).toMatch(/^[0-9a-f-]{36}$/);
      ids.add(String(reply.headers["x-request-id"]));
    }
    expect(ids.size).toBe(3);
  });
});

describe("route labels", () => {
  it("keep the set of labels bounded", () => {
    expect(routeLabel("/guests/123/edit", undefined, 200)).toBe("/guests/:id/edit");
    expect(routeLabel("/unsubscribe/eyJhbGciOiJIUzI1NiJ9.abcdefghijklmnop", undefined, 200)).toBe("/unsubscribe/:token");
    expect(routeLabel("/guests/123", "routes/guests.$guestId", 200)).toBe("data:routes/guests.$guestId");
    expect(routeLabel("/x", "<script>", 200)).toBe("data:other");
    expect(routeLabel("/guests/123.data", undefined, 200)).toBe("data:/guests/:id");
    expect(routeLabel("/_root.data", undefined, 200)).toBe("data:/_root");
    expect(routeLabel("/wp-admin.data", undefined, 404)).toBe("data:unmatched");
    expect(routeLabel("/wp-admin/setup.php", undefined, 404)).toBe("unmatched");
    expect(routeLabel("/build/_shared/chunk-ABC.js", undefined, 200)).toBe("static");
  });
});
