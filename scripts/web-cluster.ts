// WEB_CONCURRENCY > 1: N web processes on one port (node:cluster hands each
// new connection to the next worker). Every worker is app/http/server.ts with
// its own database connection (SQLite in WAL mode: readers in parallel, one
// writer at a time with the busy timeout; PostgreSQL: a pool per worker).
// Sessions, throttles, edit conflicts and job leases live in the database, so
// any worker serves any request. The jobs scheduler is not a worker: npm start
// runs it once beside this. If a worker stops, all stop, and the process
// supervisor restarts the whole set — as with one process.
import cluster from "node:cluster";
import path from "node:path";
import { webConcurrency } from "./lib/web-concurrency";

const workers = webConcurrency();
cluster.setupPrimary({ exec: path.resolve("app/http/server.ts") });
let stopping = false;
let exited = 0;
for (let i = 0; i < workers; i++) cluster.fork();

function stopAll(signal: NodeJS.Signals) {
  stopping = true;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll(signal));

cluster.on("exit", (worker, code, signal) => {
  if (!stopping) {
    console.error(`[web] worker ${worker.process.pid} stopped (${signal ?? `exit ${code}`}); stopping the others.`);
    stopAll("SIGTERM");
    process.exitCode = code || 1;
  }
  if (++exited === workers) process.exit();
});
