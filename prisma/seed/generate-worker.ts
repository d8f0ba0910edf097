// Worker-thread side of generate.ts: generates batches and posts them to the
// main thread, never more than two ahead of the writer (bounded memory).
import { parentPort, workerData } from "node:worker_threads";
import { generateBatches, type GenerateOptions } from "./generate";

const AHEAD = 2;
const port = parentPort!;
let credits = AHEAD;
let wake: (() => void) | null = null;
port.on("message", (message: { ack: true }) => {
  if (message.ack) {
    credits++;
    wake?.();
  }
});

for (const item of generateBatches(workerData as GenerateOptions)) {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  wake = null;
  credits--;
  port.postMessage(item);
}
port.postMessage({ done: true });
port.close();
