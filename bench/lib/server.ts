// Builds the app once and runs it with the app's own web server
// (app/http/server.ts) against a given database, as production would (NODE_ENV=production, secure cookies off for plain HTTP).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import { BENCH_ID_KEY } from "./databases";

export function buildApp(log: (line: string) => void) {
  const started = performance.now();
  const result = spawnSync("npx", ["remix", "build"], { encoding: "utf8" });
  if (result.status !== 0) {
    log(result.stdout + result.stderr);
    throw new Error("remix build failed");
  }
  log(`built the app in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type RunningServer = { baseUrl: string; stop(): Promise<void>; output: string[] };

/**
 * `cwd`: a staged copy of the project (a build for PostgreSQL, as bench/floor.ts makes one).
 * `entry`: the web server's script (scripts/web-cluster.ts for several processes, with WEB_CONCURRENCY in `env`).
 */
export type ServerOptions = { nodeArgs?: string[]; env?: Record<string, string>; port?: number; cwd?: string; entry?: string };

/** `database`: a SQLite file, or a postgres:// URL. */
export async function startServer(database: string, log: (line: string) => void, options: ServerOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const output: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", options.entry ?? "app/http/server.ts"],
    {
      env: {
        ...process.env,
        DATABASE_URL: /^postgres(ql)?:\/\//.test(database) ? database : `file:${database}`,
        PORT: String(port),
        HOST: "127.0.0.1",
        NODE_ENV: "production",
        SESSION_SECRET: randomBytes(24).toString("base64url").slice(0, 32),
        COOKIE_SECURE: "false",
        ID_ENCRYPTION_KEY: BENCH_ID_KEY,
        // One simulated desk sends thousands of searches a minute: far past a person's per-session limit.
        SEARCH_RATE_LIMIT_PER_MINUTE: "10000000",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      cwd: options.cwd,
    },
  );
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split("\n").filter(Boolean));
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  let exited = false;
  child.once("exit", () => (exited = true));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`server exited during start:\n${output.join("\n")}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`GET /healthz did not return 200 within 60 s:\n${output.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  log(`server up on ${baseUrl} (pid ${child.pid})`);
  return {
    baseUrl,
    output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
