// Where a process's CPU time went: a .cpuprofile (`node --cpu-prof`) summed by
// self time into buckets — framework, session, Prisma, the SQLite turn-taking
// wrapper, serialisation, rendering, our own code, GC, idle. The Remix build is
// one bundle: its code is attributed to the source file each line came from,
// read from the module comments esbuild writes (`// app/db/…`).
//
// Usage: npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [--build build/index.js] [--skip-seconds N] [--top 25]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
export type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type Bucket = { bucket: string; ms: number; percent: number };
export type ProfileSummary = {
  /** Profiled CPU time that was not idle, in ms (after skipSeconds). */
  busyMs: number;
  idleMs: number;
  /** Buckets by self time, largest first; percent of busy time. */
  buckets: Bucket[];
  /** The heaviest functions by self time, with their bucket. */
  top: { name: string; bucket: string; ms: number; percent: number }[];
};

export const IDLE = "idle (waiting for requests or I/O)";

/** Line number (0-based) → source module, from the bundle's `// path/to/module.ts` comments. */
function bundleModules(buildFile: string | undefined): (line: number) => string | null {
  if (!buildFile || !fs.existsSync(buildFile)) return () => null;
  const starts: { line: number; module: string }[] = [];
  fs.readFileSync(buildFile, "utf8")
    .split("\n")
    .forEach((text, line) => {
      const m = /^\/\/ ((?:app|generated|node_modules)\/\S+\.(?:tsx?|jsx?|mjs|cjs))$/.exec(text);
      if (m) starts.push({ line, module: m[1] });
    });
  return (line) => {
    let lo = 0,
      hi = starts.length - 1,
      found: string | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid].line <= line) {
        found = starts[mid].module;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
}

const PACKAGE_BUCKETS: [RegExp, string][] = [
  [/^@prisma\/client$/, "Prisma client runtime (JS)"],
  [/^@prisma\/(adapter-better-sqlite3|adapter-pg|driver-adapter-utils)$/, "Prisma driver adapter"],
  [/^better-sqlite3$/, "SQLite driver (better-sqlite3)"],
  [/^(pg|pg-protocol|pg-pool|pg-types|postgres-\w+)$/, "PostgreSQL driver (pg)"],
  [/^(react-dom|react|scheduler)$/, "React rendering (react-dom)"],
  [
    /^(@remix-run\/[\w-]+|react-router|react-router-dom|turbo-stream|cookie-signature|set-cookie-parser|undici|@web3-storage\/multipart-parser)$/,
    "Remix framework (incl. its fetch API)",
  ],
  [
    /^(express|body-parser|compression|send|serve-static|finalhandler|router|path-to-regexp|on-finished|on-headers|accepts|negotiator|vary|etag|fresh|parseurl|qs|type-is|mime|mime-types|depd|debug|ms|statuses|http-errors|content-type|cookie|proxy-addr|ipaddr\.js|range-parser|encodeurl|escape-html|merge-descriptors|methods|utils-merge|safe-buffer|bytes|compressible)$/,
    "Express and its middleware",
  ],
  [
    /^(pino|pino-std-serializers|sonic-boom|thread-stream|fast-redact|quick-format-unescaped|atomic-sleep|on-exit-leak-free|safe-stable-stringify|prom-client|tdigest|bintrees)$/,
    "logging and metrics (pino, prom-client)",
  ],
  [/^rate-limiter-flexible$/, "session lookup and rate limit"],
  [/^(tsx|esbuild|get-tsconfig|source-map-support)$/, "module loading (tsx)"],
];

function moduleBucket(module: string): string {
  if (module === "app/db/serialize-sqlite.server.ts") return "SQLite turn-taking wrapper (app/db/serialize-sqlite)";
  if (module.startsWith("generated/prisma")) return "Prisma client runtime (JS)";
  if (module.startsWith("app/auth/")) return "session lookup and rate limit";
  if (module.startsWith("app/domain/")) return "our domain code (app/domain)";
  if (module.startsWith("app/http/") || module.startsWith("app/db/")) return "our web server, middleware, db setup";
  if (module.startsWith("app/")) return "our routes, components, i18n (app/routes, app/ui)";
  return "other";
}

function packageOf(url: string): string | null {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  return m ? m[1] : null;
}

export function bucketOf(frame: CallFrame, moduleAt: (line: number) => string | null, buildFile: string | undefined): string {
  const { functionName: fn, url } = frame;
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(idle)") return IDLE;
  if (fn === "(program)") return "V8 and native, unattributed (program)";
  if (url.startsWith("wasm://")) return "Prisma query compiler (Wasm)";
  if (!url) {
    if (/^(stringify|parse|JSON\.\w+)$/.test(fn)) return "JSON (stringify, parse)";
    if (/^(writev|writeString|writeBuffer|writeUtf8String|writeLatin1String|stat|lstat|fstat|open|close|read)$/.test(fn))
      return "system calls from JS (socket and log writes, fs.stat)";
    return "V8 builtins and native calls";
  }
  if (url.startsWith("node:")) return "Node core (http, net, streams, timers)";
  const file = url.startsWith("file://") ? fileURLToPath(url) : url;
  if (buildFile && path.resolve(file) === path.resolve(buildFile)) {
    const module = moduleAt(frame.lineNumber);
    if (!module) return "our routes, components, i18n (app/routes, app/ui)";
    const pkg = packageOf(`${module}/`);
    if (pkg) return PACKAGE_BUCKETS.find(([re]) => re.test(pkg))?.[1] ?? `other package: ${pkg}`;
    return moduleBucket(module);
  }
  const pkg = packageOf(file);
  if (pkg) {
    // Prisma's query compiler is Wasm, but its JS glue sits in the runtime's query_compiler files.
    if (pkg === "@prisma/client" && /query_compiler/.test(file)) return "Prisma query compiler (Wasm)";
    return PACKAGE_BUCKETS.find(([re]) => re.test(pkg))?.[1] ?? `other package: ${pkg}`;
  }
  const relative = path.relative(process.cwd(), file);
  if (relative.startsWith("app/") || relative.startsWith("generated/")) return moduleBucket(relative);
  return "other";
}

export function summariseProfile(
  profile: CpuProfile,
  buildFile?: string,
  { skipSeconds = 0, top = 25 }: { skipSeconds?: number; top?: number } = {},
): ProfileSummary {
  const moduleAt = bundleModules(buildFile);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let t = profile.startTime;
  const from = profile.startTime + skipSeconds * 1e6;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const span = profile.timeDeltas[i + 1] ?? 0;
    if (t < from) continue;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + span);
  }
  const byBucket = new Map<string, number>();
  const byFunction = new Map<string, { bucket: string; us: number }>();
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id)!.callFrame;
    const bucket = bucketOf(frame, moduleAt, buildFile);
    byBucket.set(bucket, (byBucket.get(bucket) ?? 0) + us);
    const inBundle = !!buildFile && frame.url.startsWith("file://") && path.resolve(fileURLToPath(frame.url)) === path.resolve(buildFile);
    const where = inBundle
      ? (moduleAt(frame.lineNumber) ?? "build")
      : frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(app|bench|generated)\//, "$1/");
    const name = `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber + 1}`;
    const entry = byFunction.get(name) ?? { bucket, us: 0 };
    entry.us += us;
    byFunction.set(name, entry);
  }
  const idleUs = byBucket.get(IDLE) ?? 0;
  byBucket.delete(IDLE);
  const busyUs = [...byBucket.values()].reduce((s, x) => s + x, 0);
  const pct = (us: number) => Math.round((1000 * us) / Math.max(1, busyUs)) / 10;
  return {
    busyMs: Math.round(busyUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    buckets: [...byBucket.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([bucket, us]) => ({ bucket, ms: Math.round(us / 100) / 10, percent: pct(us) })),
    top: [...byFunction.entries()]
      .filter(([, v]) => v.bucket !== IDLE)
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([name, v]) => ({ name, bucket: v.bucket, ms: Math.round(v.us / 100) / 10, percent: pct(v.us) })),
  };
}

if (process.argv[1]?.endsWith("cpuprofile-summary.ts")) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      build: { type: "string", default: "build/index.js" },
      "skip-seconds": { type: "string", default: "0" },
      top: { type: "string", default: "25" },
    },
  });
  for (const file of positionals) {
    const summary = summariseProfile(JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile, path.resolve(values.build), {
      skipSeconds: Number(values["skip-seconds"]),
      top: Number(values.top),
    });
    console.log(`${file}: ${summary.busyMs} ms busy, ${summary.idleMs} ms idle`);
    for (const b of summary.buckets)
      console.log(`  ${b.bucket.padEnd(52)} ${b.percent.toFixed(1).padStart(5)} %  ${b.ms.toFixed(0).padStart(7)} ms`);
    console.log(`  top functions by self time:`);
    for (const f of summary.top) console.log(`    ${f.percent.toFixed(1).padStart(5)} %  ${f.name}  [${f.bucket}]`);
  }
}
