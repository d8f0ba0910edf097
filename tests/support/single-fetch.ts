import { ReadableStream as NodeReadableStream } from "node:stream/web";

// The URL Remix's own client fetches a page's data from (single fetch):
// "/guests/7?tab=x" → "/guests/7.data?tab=x", "/" → "/_root.data". Without
// `_routes` every loader of the page answers, as on a client-side navigation.
export function dataUrlOf(url: string, routes?: readonly string[]): string {
  const parsed = new URL(url, "http://guest-archive.test");
  parsed.pathname = parsed.pathname === "/" ? "/_root.data" : `${parsed.pathname.replace(/\/$/, "")}.data`;
  if (routes) parsed.searchParams.set("_routes", routes.join(","));
  return parsed.pathname + parsed.search;
}

export type DecodedError = { errorResponse: { status: number; statusText: string; data: unknown } };

/** A single-fetch answer decoded as Remix's client decodes it (error responses as plain objects). */
export async function decodeSingleFetch(body: string): Promise<unknown> {
  const { decode } = await import("turbo-stream");
  // Node's own stream (the test process may have Remix's polyfilled globals, which Node's TextDecoderStream refuses).
  const stream = new NodeReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(body));
      controller.close();
    },
  }) as unknown as ReadableStream<Uint8Array>;
  const decoded = await decode(stream, {
    plugins: [
      (type: string, ...rest: unknown[]) => {
        if (type !== "ErrorResponse") return false;
        const [data, status, statusText] = rest as [unknown, number, string];
        return { value: { errorResponse: { status, statusText, data } } satisfies DecodedError };
      },
    ],
  });
  await decoded.done;
  return decoded.value;
}
