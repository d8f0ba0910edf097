/** The most web processes one `npm start` runs: more than the cores only adds contention, this stops a typo. */
export const MAX_WEB_CONCURRENCY = 64;

/** WEB_CONCURRENCY: how many web processes `npm start` runs on the one port (default 1). */
export function webConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.WEB_CONCURRENCY?.trim();
  if (!text) return 1;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > MAX_WEB_CONCURRENCY)
    throw new Error(
      `WEB_CONCURRENCY must be a whole number of web processes from 1 to ${MAX_WEB_CONCURRENCY}; got "${env.WEB_CONCURRENCY}".`,
    );
  return n;
}
