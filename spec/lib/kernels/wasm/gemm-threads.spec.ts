import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import ndarray from 'ndarray';
import { setKernelBackend, setKernelThreads, type KernelThreads } from '../../../../lib/kernels/backend';
import { matmul, threadsForProduct, threadsUsedByLastMatmul, THREADS_MIN_MULTIPLY_ADDS } from '../../../../lib/kernels/matmul';
import { align16, decodeBase64, WARM_UP_SIZE } from '../../../../lib/kernels/wasm/gemm-module';
import { isContended, setDeterministicThreads } from '../../../../lib/kernels/wasm/gemm-threads';
import { GEMM_SHARED_WASM_BASE64 } from '../../../../lib/kernels/wasm/gemm-wasm-shared.generated';
import { BROKEN, EXITED, JOB_INTS, SLOT_INTS, STATE, type KernelWorkerInit } from '../../../../lib/kernels/wasm/gemm-worker-source';
import { hardwareThreads, spawnKernelWorker } from '../../../../lib/kernels/wasm/worker-host';
import { Random } from '../../../../lib/random';
import type { Tensor } from '../../../../lib/tensor';
import { expectMatchesReference, randomMatrix, referenceProduct } from '../../../helpers/matmul-reference';

type MatmulModule = typeof import('../../../../lib/kernels/matmul');
type BackendModule = typeof import('../../../../lib/kernels/backend');

/** Fresh kernel modules, so a test that makes threads unavailable (which is sticky) leaves the others alone. */
function freshKernels(): { matmul: MatmulModule; backend: BackendModule } {
  let modules: { matmul: MatmulModule; backend: BackendModule } | undefined;
  jest.isolateModules(() => {
    modules = {
      matmul: require('../../../../lib/kernels/matmul') as MatmulModule,
      backend: require('../../../../lib/kernels/backend') as BackendModule,
    };
  });
  if (!modules) throw new Error('isolateModules did not run');
  return modules;
}

/** Which operands are `transpose(1, 0)` views: the three Dense products. */
type Form = 'a·b' | 'aᵀ·b' | 'a·bᵀ';
const FORMS: readonly Form[] = ['a·b', 'aᵀ·b', 'a·bᵀ'];

/**
 * Odd sizes and non-multiples of the 5×8 tile, cut by rows (M ≥ N) and by columns, depths over
 * one 256-deep block (784 = 4 × 196), one side of a single unit (not cut), and the MNIST
 * Dense(784 → 128) products at batch 64: Z = X·W, dW = Xᵀ·dZ, dAPrev = dZ·Wᵀ.
 * Chunks go to whichever thread takes them first; with threads made deterministic the worker
 * takes one before this thread takes any, so from BIG_MULTIPLY_ADDS up (where the product is
 * cut) the worker's edge tiles and workspace are always checked.
 */
const SHAPES: readonly (readonly [number, number, number])[] = [
  [1, 1, 1], [3, 5, 2], [7, 5, 3], [5, 3, 77], [37, 51, 29], [130, 17, 9], [9, 300, 130], [33, 513, 47],
  [64, 784, 128], [784, 64, 128], [64, 128, 784], [517, 300, 131], [131, 300, 517],
];
const BIG_MULTIPLY_ADDS = 1e6;

function operands(form: Form, M: number, K: number, N: number, rng: Random): [Tensor, Tensor] {
  const a = form === 'aᵀ·b' ? randomMatrix(K, M, rng, 'float32').transpose(1, 0) : randomMatrix(M, K, rng, 'float32');
  const b = form === 'a·bᵀ' ? randomMatrix(N, K, rng, 'float32').transpose(1, 0) : randomMatrix(K, N, rng, 'float32');
  return [a, b];
}

/**
 * `matmul` on `threads` threads into a NaN-filled output; returns the output and how many
 * threads computed part of it. Threads are deterministic (`setDeterministicThreads`): a product
 * cut into at least `threads` chunks is computed by `threads` threads however busy the machine.
 */
function product(threads: KernelThreads, a: Tensor, b: Tensor, out = ndarray(new Float32Array(a.shape[0] * b.shape[1]), [a.shape[0], b.shape[1]])): [Tensor, number] {
  setKernelThreads(threads);
  out.data.fill(NaN);
  matmul(out, a, b);
  return [out, threadsUsedByLastMatmul()];
}

/** Entries whose bits differ (Object.is also tells −0 from 0 and matches NaN with NaN). */
function bitDifferences(x: Tensor, y: Tensor): number {
  let count = 0;
  for (let i = 0; i < x.data.length; i++) if (!Object.is(x.data[i], y.data[i])) count++;
  return count;
}

beforeEach(() => {
  setKernelBackend('wasm');
  setDeterministicThreads(true);
});
afterEach(() => {
  setDeterministicThreads(false);
  setKernelBackend('auto');
  setKernelThreads('auto');
  jest.restoreAllMocks();
});

describe('float32 products on two threads', () => {
  describe.each(FORMS)('%s', (form) => {
    const cases = SHAPES.map(([M, K, N]) => ({ M, K, N, operands: operands(form, M, K, N, new Random(`${form} ${M} ${K} ${N}`)) }));
    // All one-thread products first: choosing 1 thread ends the workers, so alternating would restart them each time.
    const oneThread = new Map<string, Tensor>();
    beforeAll(() => {
      setKernelBackend('wasm');
      setDeterministicThreads(true);
      for (const { M, K, N, operands: [a, b] } of cases) {
        const [one, threads] = product(1, a, b);
        expect(threads).toBe(1);
        oneThread.set(`${M} ${K} ${N}`, one);
      }
    });

    test.each(cases)('$M×$K×$N: bit-identical to one thread, and correct', ({ M, K, N, operands: [a, b] }) => {
      const want = M * K * N >= BIG_MULTIPLY_ADDS ? 2 : 1;
      const [two, threads] = product(2, a, b);
      expect(threads).toBeGreaterThanOrEqual(want);
      expect(threads).toBeLessThanOrEqual(2);
      expect(bitDifferences(oneThread.get(`${M} ${K} ${N}`) as Tensor, two)).toBe(0);
      expectMatchesReference(two, referenceProduct(a, b), (K + 2) * 2 ** -24);
    });
  });

  test('three threads (more than the cores) give the same bits too', () => {
    const [a, b] = operands('aᵀ·b', 301, 170, 45, new Random('three'));
    const [one] = product(1, a, b);
    const [three, threads] = product(3, a, b);
    expect(threads).toBeGreaterThanOrEqual(2);
    expect(bitDifferences(one, three)).toBe(0);
  });

  test('writes a strided output view (the transpose of row-major storage)', () => {
    const [a, b] = operands('a·b', 400, 300, 200, new Random('strided'));
    const [one] = product(1, a, b);
    const storage = ndarray(new Float32Array(200 * 400), [200, 400]);
    const [out, threads] = product(2, a, b, storage.transpose(1, 0));
    expect(threads).toBe(2);
    expect(bitDifferences(ndarray(Float32Array.from({ length: 400 * 200 }, (_, i) => out.get(i / 200 | 0, i % 200)), [400, 200]), one)).toBe(0);
  });

  test('a product after the shared memory has grown is still bit-identical', () => {
    product(2, ...operands('a·b', 8, 8, 8, new Random('small')));
    const [a, b] = operands('a·bᵀ', 300, 260, 280, new Random('grown'));
    const [two, threads] = product(2, a, b);
    const [one] = product(1, a, b);
    expect(threads).toBe(2);
    expect(bitDifferences(one, two)).toBe(0);
  });
});

describe('threadsForProduct', () => {
  test("'auto' uses every core from THREADS_MIN_MULTIPLY_ADDS multiply-adds, one thread below", () => {
    setKernelThreads('auto');
    // Unless an earlier product found the cores held by other processes (then one thread for a moment).
    expect(threadsForProduct(THREADS_MIN_MULTIPLY_ADDS)).toBe(isContended() ? 1 : hardwareThreads());
    expect(threadsForProduct(THREADS_MIN_MULTIPLY_ADDS - 1)).toBe(1);
  });

  test('a chosen count applies to every product', () => {
    setKernelThreads(3);
    expect(threadsForProduct(1)).toBe(3);
    expect(threadsForProduct(1e9)).toBe(3);
  });

  test("'auto' runs a big product on every core", () => {
    setKernelBackend('auto');
    const [a, b] = operands('aᵀ·b', 256, 256, 256, new Random('auto'));
    const [, used] = product('auto', a, b);
    expect(used).toBe(hardwareThreads());
  });
});

describe('fallback to one thread', () => {
  test('without SharedArrayBuffer (a page without cross-origin isolation) products run on one thread, correctly', () => {
    const kernels = freshKernels();
    const saved = globalThis.SharedArrayBuffer;
    const [a, b] = operands('aᵀ·b', 64, 50, 40, new Random('no-sab'));
    const out = ndarray(new Float32Array(64 * 40), [64, 40]);
    try {
      (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer = undefined;
      kernels.backend.setKernelThreads(2);
      expect(() => kernels.matmul.matmul(out, a, b)).not.toThrow();
    } finally {
      globalThis.SharedArrayBuffer = saved;
    }
    expect(kernels.matmul.threadsUsedByLastMatmul()).toBe(1);
    expectMatchesReference(out, referenceProduct(a, b), 52 * 2 ** -24);
  });

  test('without worker_threads products run on one thread, correctly', () => {
    const kernels = freshKernels();
    jest.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined);
    const [a, b] = operands('a·b', 64, 50, 40, new Random('no-workers'));
    const out = ndarray(new Float32Array(64 * 40), [64, 40]);
    kernels.backend.setKernelThreads(2);
    kernels.matmul.matmul(out, a, b);
    expect(kernels.matmul.threadsUsedByLastMatmul()).toBe(1);
    expectMatchesReference(out, referenceProduct(a, b), 52 * 2 ** -24);
  });

  test('setKernelThreads(1) never starts a worker', () => {
    const kernels = freshKernels();
    const spawn = jest.spyOn(process, 'getBuiltinModule');
    kernels.backend.setKernelThreads(1);
    const [a, b] = operands('a·b', 200, 200, 200, new Random('one'));
    kernels.matmul.matmul(ndarray(new Float32Array(200 * 200), [200, 200]), a, b);
    expect(kernels.matmul.threadsUsedByLastMatmul()).toBe(1);
    expect(spawn).not.toHaveBeenCalledWith('worker_threads');
  });
});

describe('worker lifetime', () => {
  /** A worker's init on a fresh 16-page shared memory: its slot, the job area, then warm-up operands and workspace. */
  function workerInit(module: WebAssembly.Module): KernelWorkerInit {
    const memory = new WebAssembly.Memory({ initial: 16, maximum: 16, shared: true });
    const slot = align16(1024);
    const job = slot + SLOT_INTS * 4;
    const warm = align16(job + JOB_INTS * 4);
    const warmBytes = WARM_UP_SIZE * WARM_UP_SIZE * 4;
    return {
      module, memory, slot, job, warmA: warm, warmB: warm + warmBytes, warmC: warm + 2 * warmBytes, work: warm + 3 * warmBytes,
      spinMs: 0, idleExitMs: 20,
    };
  }

  /** Runs a worker until its state is `final` (polled: leaving is not notified; Jest's timeout bounds the wait); returns the state. */
  function stateAfterWorker(init: KernelWorkerInit, final: number): number {
    const control = new Int32Array(init.memory.buffer, init.slot, SLOT_INTS);
    const worker = spawnKernelWorker(init);
    expect(worker).not.toBeNull();
    try {
      while (Atomics.load(control, STATE) !== final) Atomics.wait(control, STATE, Atomics.load(control, STATE), 5);
      return Atomics.load(control, STATE);
    } finally {
      worker?.terminate();
    }
  }

  test('a kernel worker left idle ends itself', () => {
    const module = new WebAssembly.Module(decodeBase64(GEMM_SHARED_WASM_BASE64));
    expect(stateAfterWorker(workerInit(module), EXITED)).toBe(EXITED);
  });

  test('a worker that cannot instantiate its module reports itself broken', () => {
    // (module (import "env" "f" (func))): instantiating it without env.f throws a LinkError.
    const needsImport = new WebAssembly.Module(Uint8Array.from([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
      0x02, 0x09, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66, 0x00, 0x00,
    ]));
    expect(stateAfterWorker(workerInit(needsImport), BROKEN)).toBe(BROKEN);
  });

  test('workers never keep the Node process alive after the work ends', () => {
    // A separate Node process runs a two-thread product and must exit on its own.
    const script = [
      "const ndarray = require('ndarray');",
      "const { matmul, threadsUsedByLastMatmul } = require('./lib/kernels/matmul');",
      "const { setKernelThreads } = require('./lib/kernels/backend');",
      "const { setDeterministicThreads } = require('./lib/kernels/wasm/gemm-threads');",
      'setKernelThreads(2);',
      'setDeterministicThreads(true);',
      'const ones = () => ndarray(new Float32Array(256 * 256).fill(1), [256, 256]);',
      'const out = ones();',
      'matmul(out, ones(), ones());',
      "process.stdout.write(`${threadsUsedByLastMatmul()} ${out.data[0]}`);",
    ].join('\n');
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: resolve(__dirname, '../../../..'),
      encoding: 'utf8',
      timeout: 60000,
    });
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    // 2 threads took part (threads are deterministic); every entry of ones(256×256)·ones(256×256) is 256.
    expect(run.stdout).toBe('2 256');
  });
});
