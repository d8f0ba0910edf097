// Batches for the writer: from a worker thread (two cores: one generates, one
// writes) or, with --workers 0, generated in-process.
import { Worker } from "node:worker_threads";
import { generateBatches, type GeneratedBatch, type GenerateOptions } from "./generate";

export async function* produceBatches(options: GenerateOptions, useWorker: boolean): AsyncGenerator<GeneratedBatch> {
  if (!useWorker) {
    yield* generateBatches(options);
    return;
  }
  // Workers do not inherit tsx's loader hooks for a .ts entry: register them first.
  const entry = new URL("./generate-worker.ts", import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(import.meta.resolve("tsx/esm/api"))}; register(); await import(${JSON.stringify(entry)});`;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: options });
  const queue: (GeneratedBatch | { done: true } | Error)[] = [];
  let wake: (() => void) | null = null;
  const push = (item: GeneratedBatch | { done: true } | Error) => {
    queue.push(item);
    wake?.();
  };
  worker.on("message", push);
  worker.on("error", push);
  worker.on("exit", (code) => push(code === 0 ? { done: true } : new Error(`seed worker exited with code ${code}`)));
  try {
    for (;;) {
      while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const item = queue.shift()!;
      if (item instanceof Error) throw item;
      if ("done" in item) return;
      worker.postMessage({ ack: true });
      yield item;
    }
  } finally {
    await worker.terminate();
  }
}
