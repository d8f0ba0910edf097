// A closed-loop load generator: N clients, each on its own keep-alive socket,
// each sending its next request as soon as the previous answer has arrived
// (no think time), for a fixed time. req/s is answers per second of the
// measured window; latencies are per request. The generator shares the CPUs
// with the server under test, so at high rates it takes part of the budget.
import { DeskClient } from "./http";
import { summarise, type Summary } from "./stats";

export type LoadResult = { clients: number; requests: number; seconds: number; perSecond: number; latency: Summary; errors: number };

export async function closedLoop(
  baseUrl: string,
  cookie: string,
  options: { clients: number; seconds: number; warmupSeconds?: number; path: (i: number) => string; expectStatus?: number },
): Promise<LoadResult> {
  const clients = Array.from({ length: options.clients }, () => new DeskClient(baseUrl, cookie));
  const expected = options.expectStatus ?? 200;
  let next = 0;
  const loop = async (until: number, record: (ms: number, ok: boolean) => void) =>
    Promise.all(
      clients.map(async (client) => {
        while (performance.now() < until) {
          const res = await client.get(options.path(next++));
          record(res.ms, res.status === expected);
        }
      }),
    );
  try {
    await loop(performance.now() + (options.warmupSeconds ?? 1) * 1000, () => {});
    const times: number[] = [];
    let errors = 0;
    const started = performance.now();
    await loop(started + options.seconds * 1000, (ms, ok) => {
      times.push(ms);
      if (!ok) errors++;
    });
    const seconds = (performance.now() - started) / 1000;
    return {
      clients: options.clients,
      requests: times.length,
      seconds: Math.round(seconds * 10) / 10,
      perSecond: Math.round(times.length / seconds),
      latency: summarise(times),
      errors,
    };
  } finally {
    clients.forEach((c) => c.close());
  }
}
