// A minimal keep-alive HTTP client: one socket per simulated desk, so the
// numbers are the app's latency rather than connection setup.
import http from "node:http";

export type Timed = { ms: number; status: number; body: string };

export class DeskClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  get(pathAndQuery: string): Promise<Timed> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.get(
        `${this.baseUrl}${pathAndQuery}`,
        { agent: this.agent, headers: { cookie: this.cookie, accept: "*/*" } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/** Signs in like the login form does and returns the session cookie ("ga_session=…"). */
export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    // As the browser on the login page would: state changes need their origin (app/http/csrf.server.ts).
    headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(baseUrl).origin },
    body: new URLSearchParams({ username, password }).toString(),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("ga_session="));
  if (!cookie) throw new Error(`login as ${username} failed: HTTP ${res.status}, no ga_session cookie`);
  return cookie;
}
