/**
 * Where kernel workers come from: the one platform-specific seam of the thread pool.
 *
 * In Node this is `worker_threads`: the worker runs {@link KERNEL_WORKER_SOURCE} from a string
 * (`eval: true`) and gets its module and shared memory as `workerData`. It is `unref()`ed, so it
 * never keeps the process alive, and Node ends it when the process exits.
 *
 * In a browser it is a Web Worker started from a Blob URL of the same source followed by
 * `onmessage = (e) => { runKernelWorker(e.data); close(); }`, given its init by `postMessage`
 * (a compiled module and a shared memory can be posted). That needs a cross-origin isolated
 * page or worker (`crossOriginIsolated`, served with `Cross-Origin-Opener-Policy: same-origin`
 * and `Cross-Origin-Embedder-Policy: require-corp`), where `SharedArrayBuffer` exists; anywhere
 * else {@link canSpawnKernelWorkers} is false and products run on one thread. Three differences
 * from Node:
 * - A Web Worker only starts once the creating thread returns to its event loop, so the pool
 *   never waits for one: it uses only workers whose control slot says `IDLE`.
 * - A page's main thread may not `Atomics.wait`, so it spins where Node would sleep;
 *   {@link canBlockThisThread} tells (true in Node and in a dedicated Web Worker).
 * - A Content-Security-Policy whose `worker-src` (or, failing that, `child-src`, `script-src`,
 *   `default-src`) lacks `blob:` makes `new Worker` throw (then {@link spawnKernelWorker}
 *   returns null) or, as in Chromium, the worker fail to load (it stays `STARTING` and is never
 *   claimed): products run on one thread either way.
 * A worker whose `runKernelWorker` returns (idle for `idleExitMs`, or `BROKEN`) calls `close()`,
 * so no idle worker lingers; a page's workers also end with the page. `terminate()` ends one at
 * any time (Chromium forcibly stops a worker that is inside a task, as a kernel worker always
 * is, about 2 s later). Its `error` events are cancelled, as Node's are ignored: the control slot
 * reports its failures.
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

/** The part of a Web Worker used here. */
interface WebWorker {
  addEventListener(type: 'error', listener: (event: { preventDefault(): void }) => void): void;
  postMessage(message: KernelWorkerInit): void;
  terminate(): void;
}

/** The browser globals this host uses (each possibly missing). */
interface WebGlobals {
  readonly Worker?: new (url: string, options: { name: string }) => WebWorker;
  readonly Blob?: new (parts: string[], options: { type: string }) => object;
  readonly URL?: { readonly createObjectURL?: unknown };
  readonly SharedArrayBuffer?: unknown;
  readonly crossOriginIsolated?: boolean;
  readonly navigator?: { readonly hardwareConcurrency?: number };
}

/** What the browser host needs, once the globals are checked. */
interface WebHost {
  readonly Worker: new (url: string, options: { name: string }) => WebWorker;
  /** A Blob URL of a script with this source. */
  readonly scriptUrl: (source: string) => string;
  readonly cores: number;
}

/** `worker_threads.Worker` and `os.availableParallelism`, or null outside Node (or before 20.16). */
function nodeModules(): NodeModules | null {
  if (!isNode() || typeof process.getBuiltinModule !== 'function') return null;
  const threads = process.getBuiltinModule('worker_threads') as { Worker?: NodeModules['Worker'] } | undefined;
  const os = process.getBuiltinModule('os') as { availableParallelism?: () => number } | undefined;
  if (!threads?.Worker || !os?.availableParallelism) return null;
  return { Worker: threads.Worker, availableParallelism: os.availableParallelism };
}

/**
 * The browser host, where Web Workers can run kernels: `Worker`, `Blob`, `URL.createObjectURL`
 * and `SharedArrayBuffer` exist and `crossOriginIsolated` is true; null otherwise, and always
 * in Node (which has its own host).
 */
function webHost(): WebHost | null {
  if (isNode()) return null;
  const web = globalThis as WebGlobals;
  const { Worker: WorkerClass, Blob: BlobClass, URL: urls } = web;
  if (
    typeof WorkerClass !== 'function' || typeof BlobClass !== 'function' || typeof urls?.createObjectURL !== 'function' ||
    typeof web.SharedArrayBuffer !== 'function' || web.crossOriginIsolated !== true
  ) return null;
  const blobUrls = urls as { createObjectURL(blob: object): string };
  return {
    Worker: WorkerClass,
    scriptUrl: (source) => blobUrls.createObjectURL(new BlobClass([source], { type: 'text/javascript' })),
    cores: web.navigator?.hardwareConcurrency ?? 1,
  };
}

/**
 * True when this host can start kernel workers: Node with `worker_threads`, or a cross-origin
 * isolated browser page or worker with Web Workers, Blob URLs and `SharedArrayBuffer`.
 */
export function canSpawnKernelWorkers(): boolean {
  return nodeModules() !== null || webHost() !== null;
}

let cores = 0;

/**
 * Logical cores available (read once): `os.availableParallelism()` in Node,
 * `navigator.hardwareConcurrency` in a browser, and 1 where workers cannot be started.
 */
export function hardwareThreads(): number {
  if (cores === 0) {
    const modules = nodeModules();
    cores = Math.max(1, modules !== null ? modules.availableParallelism() : webHost()?.cores ?? 1);
  }
  return cores;
}

let canBlock: boolean | null = null;

/**
 * True when this thread may sleep in `Atomics.wait`: in Node and in a dedicated Web Worker,
 * not on a page's main thread (where it throws). Found once by trying a wait that returns at
 * once (`'not-equal'`); false where there is no `SharedArrayBuffer`.
 */
export function canBlockThisThread(): boolean {
  if (canBlock === null) {
    try {
      canBlock = typeof SharedArrayBuffer === 'function' && Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0) === 'not-equal';
    } catch {
      canBlock = false;
    }
  }
  return canBlock;
}

/** The Blob URL of the Web Worker's program, made once and kept for the page's life. */
let workerUrl: string | null = null;

/** Starts a Web Worker running `runKernelWorker(init)`; null if the page refuses it (CSP). */
function spawnWebWorker(host: WebHost, init: KernelWorkerInit): KernelWorker | null {
  let worker: WebWorker | null = null;
  try {
    workerUrl ??= host.scriptUrl(`${KERNEL_WORKER_SOURCE}\nonmessage = (e) => { runKernelWorker(e.data); close(); };\n`);
    worker = new host.Worker(workerUrl, { name: 'layerwise-kernel' });
    // Cancelled, so that an uncaught error in the worker is not reported again as the page's own.
    worker.addEventListener('error', (event) => event.preventDefault());
    worker.postMessage(init);
  } catch {
    worker?.terminate();
    return null;
  }
  const started = worker;
  return { terminate: () => started.terminate() };
}

/**
 * Starts a worker running `runKernelWorker(init)`; returns null where workers cannot be
 * started (or the page's CSP refuses a Blob URL worker outright). The worker reports its own
 * failures through its control slot (`BROKEN`, or a failed chunk), so its `error` events, which
 * would otherwise crash the process or reach the page's `onerror`, are ignored.
 */
export function spawnKernelWorker(init: KernelWorkerInit): KernelWorker | null {
  const modules = nodeModules();
  if (modules === null) {
    const host = webHost();
    return host === null ? null : spawnWebWorker(host, init);
  }
  const source = `${KERNEL_WORKER_SOURCE}\nrunKernelWorker(require('worker_threads').workerData);\n`;
  const worker = new modules.Worker(source, { eval: true, workerData: init });
  worker.unref();
  worker.on('error', () => undefined);
  return { terminate: () => void worker.terminate() };
}
