// Who is on the other end of a request. The socket's address comes from the
// HTTP server through Remix's load context (`{ clientAddress }`); a proxy's
// X-Forwarded-For is believed only as far as TRUST_PROXY says, read from the
// right (the entries a client adds itself are on the left).
import proxyAddr from "proxy-addr";

/** The address when the server did not tell us the socket's (a server without load context, e.g. plain remix-serve). */
export const UNKNOWN_ADDRESS = "unknown";

type TrustFn = (address: string, hop: number) => boolean;

export type TrustProxy = { kind: "none" } | { kind: "hops"; hops: number } | { kind: "list"; list: string[]; trusts: TrustFn };

/**
 * TRUST_PROXY: unset, empty, `false` or `0` → no proxy is trusted (the socket's
 * address is the client); a whole number N → the N proxies nearest the app are
 * trusted; otherwise a comma-separated list of addresses, CIDR ranges or the
 * names `loopback`, `linklocal`, `uniquelocal` (as Express' `trust proxy`).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (text === "" || text === "false" || text === "0") return { kind: "none" };
  if (/^\d+$/.test(text)) return { kind: "hops", hops: Number(text) };
  if (text === "true")
    throw new Error("TRUST_PROXY=true would believe any X-Forwarded-For: give the number of proxies or their addresses.");
  const list = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    return { kind: "list", list, trusts: proxyAddr.compile(list) };
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${(error as Error).message} (give a number of proxies or addresses/CIDR ranges).`);
  }
}

let cached: { text: string | undefined; trust: TrustProxy } | undefined;
function trustProxy(): TrustProxy {
  const text = process.env.TRUST_PROXY;
  if (!cached || cached.text !== text) cached = { text, trust: parseTrustProxy(text) };
  return cached.trust;
}

/** Whether the peer that opened the socket is a proxy TRUST_PROXY believes (so its X-Forwarded-* headers count). */
export function isTrustedProxy(socketAddress: string | undefined): boolean {
  const trust = trustProxy();
  if (trust.kind === "none") return false;
  if (trust.kind === "hops") return trust.hops > 0;
  return Boolean(socketAddress) && trust.trusts(socketAddress!, 0);
}

function socketAddressOf(context: unknown): string | null {
  const value = (context as { clientAddress?: unknown } | null | undefined)?.clientAddress;
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/** "::ffff:10.0.0.1" → "10.0.0.1"; anything odd is cut short (it lands in the database). */
function tidy(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1").slice(0, 64);
}

/**
 * The client's address for throttling, sessions and the access register.
 * Without a trusted proxy, X-Forwarded-For is ignored: anyone can write it.
 */
export function clientAddress(request: Request, context?: unknown): string {
  const socket = socketAddressOf(context);
  const trust = trustProxy();
  if (trust.kind === "none") return socket ? tidy(socket) : UNKNOWN_ADDRESS;
  const forwarded = request.headers.get("x-forwarded-for") ?? "";
  // With a list, the socket must itself be a trusted proxy before any header is read.
  if (trust.kind === "list" && !socket) return UNKNOWN_ADDRESS;
  const remoteAddress = socket ?? UNKNOWN_ADDRESS;
  const fake = { connection: { remoteAddress }, socket: { remoteAddress }, headers: { "x-forwarded-for": forwarded } };
  // The socket is hop 0; each trusted hop lets us read one entry further from the right.
  const trusts: TrustFn = trust.kind === "hops" ? (_address, hop) => hop < trust.hops : trust.trusts;
  return tidy(proxyAddr(fake as never, trusts));
}
