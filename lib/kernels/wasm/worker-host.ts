/**
 * Where kernel workers come from: the one platform-specific seam of the thread pool.
 *
 * In Node this is `worker_threads`: the worker runs {@link KERNEL_WORKER_SOURCE} from a string
 * (`eval: true`) and gets its module and shared memory as `workerData`. It is `unref()`ed, so it
 * never keeps the process alive, and Node ends it when the process exits.
 *
 * In a browser the same interface would be a Web Worker started from a Blob URL of the same
 * source followed by `onmessage = (e) => runKernelWorker(e.data)`, given its init by
 * `postMessage` (modules and shared memories can be posted), on a cross-origin isolated page
 * (where `SharedArrayBuffer` exists). Two differences matter there: a Web Worker only starts
 * once the page's thread returns to its event loop, so the pool cannot wait for it (it already
 * uses only workers that report themselves idle); and the page's thread may not `Atomics.wait`,
 * so it must spin. That host is not written yet: outside Node, {@link spawnKernelWorker} returns
 * null and products run on one thread.
 *
 * `worker_threads` and `os` are reached through `process.getBuiltinModule` (Node ≥ 20.16)
 * rather than `require`, so browser bundlers see no Node import; older Node runs on one thread.
 */
import { isNode } from '../../node-only';
import { KERNEL_WORKER_SOURCE, type KernelWorkerInit } from './gemm-worker-source';

/** A started kernel worker, as the pool sees it. */
export interface KernelWorker {
  /** Ends the worker (whatever it is doing). */
  terminate(): void;
}

/** The Node modules this host uses, typed as narrowly as it needs them. */
interface NodeModules {
  readonly Worker: new (source: string, options: { eval: true; workerData: KernelWorkerInit }) => NodeWorker;
  readonly availableParallelism: () => number;
}

/** The part of a `worker_threads` Worker used here. */
interface NodeWorker {
  unref(): void;
  on(event: 'error', listener: (error: unknown) => void): void;
  terminate(): Promise<number>;
}

/** `worker_threads.Worker` and `os.availableParallelism`, or null outside Node (or before 20.16). */
function nodeModules(): NodeModules | null {
  if (!isNode() || typeof process.getBuiltinModule !== 'function') return null;
  const threads = process.getBuiltinModule('worker_threads') as { Worker?: NodeModules['Worker'] } | undefined;
  const os = process.getBuiltinModule('os') as { availableParallelism?: () => number } | undefined;
  if (!threads?.Worker || !os?.availableParallelism) return null;
  return { Worker: threads.Worker, availableParallelism: os.availableParallelism };
}

/** True when this host can start kernel workers (Node with `worker_threads`). */
export function canSpawnKernelWorkers(): boolean {
  return nodeModules() !== null;
}

let cores = 0;

/** Logical cores available to this process (read once), or 1 where workers cannot be started. */
export function hardwareThreads(): number {
  if (cores === 0) {
    const modules = nodeModules();
    cores = modules === null ? 1 : Math.max(1, modules.availableParallelism());
  }
  return cores;
}

/**
 * Starts a worker running `runKernelWorker(init)`; returns null where workers cannot be
 * started. The worker reports its own failures through its control slot (`BROKEN`, or a failed
 * chunk), so its `error` events, which would otherwise crash the process, are ignored.
 */
export function spawnKernelWorker(init: KernelWorkerInit): KernelWorker | null {
  const modules = nodeModules();
  if (modules === null) return null;
  const source = `${KERNEL_WORKER_SOURCE}\nrunKernelWorker(require('worker_threads').workerData);\n`;
  const worker = new modules.Worker(source, { eval: true, workerData: init });
  worker.unref();
  worker.on('error', () => undefined);
  return { terminate: () => void worker.terminate() };
}
