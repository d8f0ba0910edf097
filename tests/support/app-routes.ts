// The app's routes exactly as Remix reads them from app/routes (its own
// flat-routes convention), so a walk over them covers a new route as soon as
// it exists; and what their source says they read (form fields, query
// parameters, intents), for tests that send them values.
import { UNSAFE_flatRoutes as flatRoutes } from "@remix-run/dev";
import fs from "node:fs";
import path from "node:path";
import remixConfig from "../../remix.config.js";

export type RouteEntry = { id: string; parentId?: string; path?: string; index?: boolean; file: string };

export function appRoutes(): Map<string, RouteEntry> {
  const manifest = flatRoutes(path.resolve("app"), remixConfig.ignoredRouteFiles);
  return new Map([
    ["root", { id: "root", path: "", file: "root.tsx" }],
    ...Object.values(manifest).map((r) => [r.id, r] as [string, RouteEntry]),
  ]);
}

/** The route ids from root down to `id`: the routes whose loaders answer one URL. */
export function chainOf(routes: Map<string, RouteEntry>, id: string): string[] {
  const chain: string[] = [];
  for (let at: string | undefined = id; at; at = routes.get(at)?.parentId) chain.unshift(at);
  return chain;
}

/** The URL path of a route, each `:param` replaced by `valueOf(param)` (encoded). */
export function pathOf(routes: Map<string, RouteEntry>, id: string, valueOf: (param: string) => string): string {
  const segments = chainOf(routes, id)
    .map((r) => routes.get(r)!.path ?? "")
    .filter(Boolean)
    .join("/")
    .split("/")
    .filter(Boolean)
    .map((segment) => (segment.startsWith(":") ? encodeURIComponent(valueOf(segment.slice(1))) : segment));
  return `/${segments.join("/")}`;
}

export function paramsOf(routes: Map<string, RouteEntry>, id: string): string[] {
  return chainOf(routes, id)
    .flatMap((r) => (routes.get(r)!.path ?? "").split("/"))
    .filter((s) => s.startsWith(":"))
    .map((s) => s.slice(1));
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith("~/")
    ? path.resolve("app", specifier.slice(2))
    : specifier.startsWith(".")
      ? path.resolve(path.dirname(from), specifier)
      : undefined;
  if (!base) return undefined;
  return ["", ".ts", ".tsx"].map((ext) => base + ext).find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
}

/** The app's own files a source file imports, `depth` levels deep (the route itself first). */
function sourcesOf(file: string, depth: number, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const files = [file];
  if (depth === 0) return files;
  const text = fs.readFileSync(file, "utf8");
  for (const [, specifier] of text.matchAll(/from\s+"([^"]+)"/g)) {
    const resolved = resolveImport(file, specifier);
    // Only what describes a request: route modules, UI, forms and filters (not the whole domain).
    if (resolved && /(routes\/__|\/ui\/|form|filters|params|pager)/.test(resolved)) files.push(...sourcesOf(resolved, depth - 1, seen));
  }
  return files;
}

export type RouteInputs = {
  hasAction: boolean;
  hasLoader: boolean;
  /** Field and query names: `name="…"` in markup, `.get("…")` of a form or query, keys of the zod form schemas. */
  names: string[];
  /** The values the action compares `intent` with. */
  intents: string[];
};

export function inputsOf(route: RouteEntry): RouteInputs {
  const file = path.resolve("app", route.file);
  const own = fs.readFileSync(file, "utf8");
  const names = new Set<string>();
  const intents = new Set<string>();
  for (const source of sourcesOf(file, 2)) {
    const text = fs.readFileSync(source, "utf8");
    for (const [, name] of text.matchAll(/\bname="([\w.[\]-]+)"/g)) names.add(name);
    for (const [, name] of text.matchAll(/\.get(?:All)?\("([\w.[\]-]+)"\)/g)) names.add(name);
    for (const [, value] of text.matchAll(/intent\s*===\s*"([\w-]+)"/g)) intents.add(value);
    for (const [, value] of text.matchAll(/name="intent"\s+value="([\w-]+)"/g)) intents.add(value);
    if (/form\.ts$/.test(source)) for (const [, key] of text.matchAll(/^\s+(\w+):\s/gm)) names.add(key);
  }
  return {
    hasAction: /export (async function|const) action\b/.test(own),
    hasLoader: /export (async function|const) loader\b/.test(own),
    names: [...names].sort(),
    intents: [...intents].sort(),
  };
}
