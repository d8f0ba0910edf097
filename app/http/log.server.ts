// Structured logs: one JSON object per line on stdout (pino), every request's
// line carrying its request id (also sent as X-Request-Id) so a desk's report
// of a failure can be found. LOG_LEVEL sets the level (default "info";
// "silent" in tests). What a line never holds: query strings (a search is a
// guest's name), cookies, bodies.
import pino from "pino";

export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { pid: process.pid, service: "guest-archive-web" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});
