// The whole app behind its own web server (app/http/server.ts) on this test
// file's database, for what only the server does: refusing cross-site
// requests, headers on every response. Built once per file into a folder of
// its own under .cache/ (node_modules must be reachable from the bundle), and
// spoken to over real HTTP with exactly the headers a test gives.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { dbProvider } from "~/db/client.server";
import { createApp } from "~/http/server";
import { stagePostgresSource } from "./postgres-client";

export type AppServer = {
  /** "http://127.0.0.1:PORT": the origin a browser on the app's own pages sends. */
  origin: string;
  request(method: string, pathAndQuery: string, options?: RequestOptions): Promise<Reply>;
  stop(): Promise<void>;
};

export type RequestOptions = {
  headers?: Record<string, string>;
  form?: Record<string, string>;
  /** A raw body, sent as given (the test sets its content-type, or none). */
  body?: string | Buffer;
};

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

export async function startAppServer(): Promise<AppServer> {
  const dir = path.resolve(".cache", `test-build-${randomUUID().slice(0, 8)}`);
  // On PostgreSQL the bundle must hold the PostgreSQL client: build from a copy of the source that has it.
  const source = dbProvider() === "postgres" ? stagePostgresSource() : process.cwd();
  try {
    execFileSync("npx", ["remix", "build"], {
      cwd: source,
      env: { ...process.env, NODE_ENV: "production", REMIX_TEST_BUILD_DIR: dir },
      stdio: "pipe",
    });
  } finally {
    if (source !== process.cwd()) fs.rmSync(source, { recursive: true, force: true });
  }
  const app = await createApp(path.resolve(dir, "index.js"));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  function request(method: string, pathAndQuery: string, { headers = {}, form, body: raw }: RequestOptions = {}) {
    const body = form ? new URLSearchParams(form).toString() : raw;
    const sent: Record<string, string> = { ...headers };
    if (form) sent["content-type"] ??= "application/x-www-form-urlencoded";
    if (body !== undefined) sent["content-length"] = String(Buffer.byteLength(body));
    return new Promise<Reply>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, method, path: pathAndQuery, headers: sent, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  return {
    origin,
    request,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The headers Chromium sends with a form post or fetch from one of the app's own pages. */
export function fromOwnPage(app: AppServer, extra: Record<string, string> = {}): Record<string, string> {
  return { origin: app.origin, "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate", ...extra };
}

/** Signs in through the server like the login page does; returns the session cookie ("ga_session=…"). */
export async function signInOverHttp(app: AppServer, username: string, password: string): Promise<string> {
  const reply = await app.request("POST", "/login", { headers: fromOwnPage(app), form: { username, password } });
  const cookie = ([] as string[])
    .concat(reply.headers["set-cookie"] ?? [])
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("ga_session="));
  if (!cookie) throw new Error(`sign-in of ${username} over HTTP refused: ${reply.status} ${reply.body.slice(0, 200)}`);
  return cookie;
}
