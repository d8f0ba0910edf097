// A full garbage collection between batches of a large job (the segments job,
// the duplicate scan): their garbage is young but batch-sized, so V8 would
// otherwise let the heap grow by hundreds of MB before collecting it.
import v8 from "node:v8";
import vm from "node:vm";

let collect: (() => void) | null | undefined;

/** `--expose-gc` enabled at run time reaches a fresh context's `gc` (the process keeps its flags otherwise). */
export function releaseMemory() {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      collect = vm.runInNewContext("gc") as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
