// The web process: serves the Remix build (`remix build` → build/) with its
// static assets, and gives every request what only the server knows — the
// socket's address, a request id and the page's CSP nonce — through Remix's
// load context. Headers every response carries (HTML, JSON, CSV, assets,
// errors) are set here, once, and so is the refusal of cross-site state
// changes. Started by scripts/start.ts (`npm start`, `npm run serve`).
import { randomUUID } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { refuseCrossSiteRequests } from "./csrf.server";
import { ignoreUntrustedForwardedHost } from "./request-origin.server";
import { noStore, securityHeaders, type ResponseLocals } from "./security-headers.server";
import { log } from "./log.server";
import { requestDuration, routeLabel } from "./request-metrics.server";

installGlobals();

export type RequestContext = {
  /** The TCP peer's address; behind a proxy, read with TRUST_PROXY (app/auth). */
  clientAddress: string;
  requestId: string;
  /** The Content-Security-Policy nonce of this response's inline scripts (app/entry.server.tsx). */
  cspNonce: string;
};

// Optional for Remix: tests call loaders and actions without a server.
declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends Partial<RequestContext> {}
}

export async function createApp(buildPath = path.resolve("build/index.js")) {
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use(recordRequest);
  app.use(securityHeaders);
  app.use(compression());
  // Fingerprinted file names: cached for a year. Everything after the static files is no-store.
  app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  // Browsers ask for /favicon.ico whatever the page links to: point them at the icon there is.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  app.use(noStore);
  app.use(ignoreUntrustedForwardedHost);
  app.use(refuseCrossSiteRequests);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res): RequestContext => {
        const { cspNonce, requestId } = res.locals as ResponseLocals & { requestId: string };
        return { clientAddress: req.socket.remoteAddress ?? "", requestId, cspNonce };
      },
    }),
  );
  return app;
}

/** Gives the request its id (X-Request-Id), and when it is answered logs one JSON line and records its latency. */
function recordRequest(req: express.Request, res: express.Response, next: express.NextFunction) {
  const started = process.hrtime.bigint();
  const requestId = randomUUID();
  res.locals.requestId = requestId;
  res.setHeader("X-Request-Id", requestId);
  res.on("finish", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routeLabel(req.path, req.query._data, res.statusCode);
    requestDuration().observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
    if (route === "static" && res.statusCode < 400) return;
    const line = { requestId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 10_000) / 10 };
    if (res.statusCode >= 500) log.error(line, "request failed");
    else log.info(line, "request");
  });
  next();
}

async function main() {
  process.env.NODE_ENV ??= "production";
  const port = Number(process.env.PORT ?? 3000);
  const app = await createApp();
  const server = process.env.HOST ? app.listen(port, process.env.HOST) : app.listen(port);
  server.on("listening", () => {
    // The one human line (npm start prints it for the desk); everything else is JSON.
    console.log(`[web] listening on http://${process.env.HOST ?? "localhost"}:${port} (pid ${process.pid})`);
    log.info({ port }, "listening");
  });
  const stop = () => {
    // Finish requests in flight, but do not wait for idle keep-alive connections.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
