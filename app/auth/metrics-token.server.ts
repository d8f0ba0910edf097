// The metrics scraper's credential: METRICS_TOKEN (≥ 32 characters), sent
// as `Authorization: Bearer …`. Unset: only a signed-in administrator may
// read /metrics.
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (text: string) => createHash("sha256").update(text).digest();

export function metricsTokenAccepted(authorization: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const token = env.METRICS_TOKEN?.trim();
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!token || token.length < 32 || !match) return false;
  return timingSafeEqual(digest(match[1]), digest(token));
}
