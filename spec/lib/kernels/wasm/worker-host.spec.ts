/**
 * worker-host.ts's browser host, in Node: the kernel modules are loaded with `isNode()` mocked
 * false and the browser globals stubbed, so they follow the browser's rules. The "Web Worker"
 * is a stand-in on worker_threads that runs the Blob's script as a browser does (a global
 * `onmessage`, and `close()` ending the worker), so the browser worker program computes real
 * products with the pool. Chromium itself is checked by `npm run test:browser`.
 */
import { availableParallelism } from 'node:os';
import { Worker as NodeWorker } from 'node:worker_threads';
import ndarray from 'ndarray';
import { canBlockThisThread, canSpawnKernelWorkers, hardwareThreads } from '../../../../lib/kernels/wasm/worker-host';
import type { KernelWorkerInit } from '../../../../lib/kernels/wasm/gemm-worker-source';
import { Random } from '../../../../lib/random';
import type { Tensor } from '../../../../lib/tensor';
import { randomMatrix } from '../../../helpers/matmul-reference';

type HostModule = typeof import('../../../../lib/kernels/wasm/worker-host');
type MatmulModule = typeof import('../../../../lib/kernels/matmul');
type BackendModule = typeof import('../../../../lib/kernels/backend');
type ThreadsModule = typeof import('../../../../lib/kernels/wasm/gemm-threads');
interface BrowserKernels { host: HostModule; matmul: MatmulModule; backend: BackendModule; threads: ThreadsModule }

/** Fresh kernel modules that believe they run outside Node. */
function browserKernels(): BrowserKernels {
  let modules: BrowserKernels | undefined;
  jest.isolateModules(() => {
    jest.doMock('../../../../lib/node-only', () => ({ ...jest.requireActual('../../../../lib/node-only'), isNode: () => false }));
    modules = {
      host: require('../../../../lib/kernels/wasm/worker-host') as HostModule,
      matmul: require('../../../../lib/kernels/matmul') as MatmulModule,
      backend: require('../../../../lib/kernels/backend') as BackendModule,
      threads: require('../../../../lib/kernels/wasm/gemm-threads') as ThreadsModule,
    };
  });
  if (!modules) throw new Error('isolateModules did not run');
  return modules;
}

const saved = new Map<string, PropertyDescriptor | undefined>();

/** Sets a global until the end of the test. */
function stubGlobal(name: string, value: unknown): void {
  if (!saved.has(name)) saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
  Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
}

/** A Blob that keeps its text, and the scripts behind the Blob URLs made from them. */
class FakeBlob {
  constructor(readonly parts: string[], readonly options: { type: string }) {}
}
const scripts = new Map<string, string>();

/** The minimal Web Worker the host uses, recording what it is given. */
class RecordingWorker {
  static created: RecordingWorker[] = [];
  readonly posted: KernelWorkerInit[] = [];
  readonly errorListeners: ((event: { preventDefault(): void }) => void)[] = [];
  isTerminated = false;
  constructor(readonly url: string, readonly options: { name: string }) {
    RecordingWorker.created.push(this);
  }
  addEventListener(_type: 'error', listener: (event: { preventDefault(): void }) => void): void {
    this.errorListeners.push(listener);
  }
  postMessage(init: KernelWorkerInit): void {
    this.posted.push(init);
  }
  terminate(): void {
    this.isTerminated = true;
  }
}

/** A Web Worker on worker_threads: runs the Blob URL's script with `onmessage` and `close()` as a browser defines them. */
class NodeBackedWorker extends RecordingWorker {
  private readonly thread: NodeWorker;
  constructor(url: string, options: { name: string }) {
    super(url, options);
    this.thread = new NodeWorker(`
      const { parentPort } = require('worker_threads');
      globalThis.onmessage = null;
      globalThis.close = () => process.exit(0);
      require('vm').runInThisContext(${JSON.stringify(scripts.get(url))});
      parentPort.once('message', (data) => globalThis.onmessage({ data }));
    `, { eval: true });
    this.thread.unref();
  }
  override postMessage(init: KernelWorkerInit): void {
    super.postMessage(init);
    this.thread.postMessage(init);
  }
  override terminate(): void {
    super.terminate();
    void this.thread.terminate();
  }
}

/** A cross-origin isolated page with `cores` cores whose workers are `WorkerClass`. */
function isolatedPage(WorkerClass: new (url: string, options: { name: string }) => RecordingWorker, cores = 2): void {
  stubGlobal('Worker', WorkerClass);
  stubGlobal('Blob', FakeBlob);
  stubGlobal('crossOriginIsolated', true);
  stubGlobal('navigator', { hardwareConcurrency: cores });
  jest.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${scripts.size}`;
    scripts.set(url, (blob as unknown as FakeBlob).parts.join(''));
    return url;
  });
}

/**
 * Runs `out = a·b` under `threads` threads once; returns the bits and threads used. With threads
 * made deterministic (`setDeterministicThreads`), a product on 2 threads is computed by 2 however
 * busy the machine.
 */
function product(k: BrowserKernels, threads: number, a: Tensor, b: Tensor): [Uint32Array, number] {
  k.backend.setKernelThreads(threads);
  const out = new Float32Array(a.shape[0] * b.shape[1]).fill(NaN);
  k.matmul.matmul(ndarray(out, [a.shape[0], b.shape[1]]), a, b);
  return [new Uint32Array(out.buffer), k.matmul.threadsUsedByLastMatmul()];
}

const operands = (): [Tensor, Tensor] => [randomMatrix(300, 200, new Random('a'), 'float32'), randomMatrix(200, 260, new Random('b'), 'float32')];

/** Puts back every stubbed global and `URL.createObjectURL`. */
function restoreGlobals(): void {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else delete (globalThis as Record<string, unknown>)[name];
  }
  saved.clear();
  jest.restoreAllMocks();
}

afterEach(() => {
  restoreGlobals();
  RecordingWorker.created = [];
});

describe('in Node', () => {
  test('workers come from worker_threads, as many as the cores, and this thread may block', () => {
    expect(canSpawnKernelWorkers()).toBe(true);
    expect(hardwareThreads()).toBe(availableParallelism());
    expect(canBlockThisThread()).toBe(true);
  });
});

describe('in a browser', () => {
  test('no workers unless Worker, Blob, URL.createObjectURL, SharedArrayBuffer and crossOriginIsolated are all there', () => {
    const missing: [string, unknown][] = [
      ['crossOriginIsolated', false], ['Worker', undefined], ['Blob', undefined], ['URL', {}], ['SharedArrayBuffer', undefined],
    ];
    isolatedPage(RecordingWorker, 6);
    expect(browserKernels().host.canSpawnKernelWorkers()).toBe(true);
    for (const [name, value] of missing) {
      restoreGlobals();
      isolatedPage(RecordingWorker, 6);
      stubGlobal(name, value);
      const { host } = browserKernels();
      expect([name, host.canSpawnKernelWorkers()]).toEqual([name, false]);
      expect([name, host.hardwareThreads()]).toEqual([name, 1]);
      expect(host.spawnKernelWorker({} as KernelWorkerInit)).toBeNull();
    }
    expect(RecordingWorker.created).toHaveLength(0);
  });

  test('hardwareThreads is navigator.hardwareConcurrency', () => {
    isolatedPage(RecordingWorker, 6);
    expect(browserKernels().host.hardwareThreads()).toBe(6);
  });

  test('a worker runs the kernel program from one Blob URL, gets its init by postMessage, and cancels its errors', () => {
    isolatedPage(RecordingWorker);
    const { host } = browserKernels();
    const init = { slot: 1 } as unknown as KernelWorkerInit;
    const first = host.spawnKernelWorker(init);
    host.spawnKernelWorker(init);
    const [worker, second] = RecordingWorker.created;
    expect(second.url).toBe(worker.url);
    expect(scripts.get(worker.url)).toMatch(/function runKernelWorker\(init\)[^]*onmessage = \(e\) => \{ runKernelWorker\(e\.data\); close\(\); \};\n$/);
    expect(worker.posted).toEqual([init]);
    const preventDefault = jest.fn();
    worker.errorListeners.forEach((listener) => listener({ preventDefault }));
    expect(preventDefault).toHaveBeenCalledTimes(1);
    first?.terminate();
    expect(worker.isTerminated).toBe(true);
  });

  test('a Worker constructor or postMessage that throws (a CSP, an uncloneable init) gives no worker', () => {
    isolatedPage(class extends RecordingWorker {
      constructor(url: string, options: { name: string }) {
        super(url, options);
        throw new DOMException('refused by the Content-Security-Policy', 'SecurityError');
      }
    });
    expect(browserKernels().host.spawnKernelWorker({} as KernelWorkerInit)).toBeNull();
    isolatedPage(class extends RecordingWorker {
      override postMessage(): void {
        throw new DOMException('could not be cloned', 'DataCloneError');
      }
    });
    expect(browserKernels().host.spawnKernelWorker({} as KernelWorkerInit)).toBeNull();
    expect(RecordingWorker.created.at(-1)?.isTerminated).toBe(true);
  });

  test('the browser worker program computes products with the pool, bit-identical to one thread; setKernelThreads(1) terminates it', () => {
    isolatedPage(NodeBackedWorker);
    const k = browserKernels();
    k.backend.setKernelBackend('wasm');
    k.threads.setDeterministicThreads(true);
    const [a, b] = operands();
    const [one, oneUsed] = product(k, 1, a, b);
    const [two, twoUsed] = product(k, 2, a, b);
    expect([oneUsed, twoUsed]).toEqual([1, 2]);
    expect(Buffer.compare(Buffer.from(one.buffer), Buffer.from(two.buffer))).toBe(0);
    const [worker] = RecordingWorker.created;
    expect(RecordingWorker.created).toHaveLength(1);
    expect(worker.posted[0].memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    k.backend.setKernelThreads(1);
    expect(worker.isTerminated).toBe(true);
  });

  test('workers that never start (a CSP refused the script) leave every product on this thread, unchanged', () => {
    isolatedPage(RecordingWorker);
    const k = browserKernels();
    k.backend.setKernelBackend('wasm');
    const [a, b] = operands();
    // Not deterministic: that would wait for the workers, which never start.
    const [one] = product(k, 1, a, b);
    const [two, used] = product(k, 2, a, b);
    expect(used).toBe(1);
    expect(RecordingWorker.created).toHaveLength(1);
    expect(Buffer.compare(Buffer.from(one.buffer), Buffer.from(two.buffer))).toBe(0);
  });
});
