/**
 * A quick measurement of the matrix-multiply kernels (not a test, and not `npm run bench`):
 * GFLOP/s of the TypeScript and WebAssembly paths of `matmul` at the benchmark's shapes,
 * for the plain product and each transposed form a Dense layer uses, as the median of several
 * timed runs after a warm-up. WebAssembly runs on one thread and, where this machine has more
 * cores and threads are available, on all of them.
 *
 * Run: npx tsx bench/matmul-micro.ts [--quick] [--cpu-time]
 * `--quick` skips 1024³ for the TypeScript kernel, which takes a few seconds a run.
 * `--cpu-time` times the one-thread columns with the process's CPU time instead of the wall
 * clock: on a machine shared with other busy processes it measures the kernel rather than the
 * scheduler (it still counts V8's background threads, which are idle once the kernels are
 * warm). The multi-thread column is always wall clock, since CPU time adds up the threads.
 */
import ndarray from 'ndarray';
import { matmul } from '../lib/kernels/matmul';
import { setKernelBackend, setKernelThreads, type KernelBackend, type KernelThreads } from '../lib/kernels/backend';
import { isWasmReady, loadWasmSync } from '../lib/kernels/wasm/gemm-wasm';
import { hardwareThreads } from '../lib/kernels/wasm/worker-host';
import { Random } from '../lib/random';
import type { Tensor } from '../lib/tensor';

/** The operand forms: `a·b`, `aᵀ·b` (Xᵀ·dZ) and `a·bᵀ` (dZ·Wᵀ), with the transposes as views. */
type Form = 'a·b' | 'aᵀ·b' | 'a·bᵀ';

const SHAPES: readonly (readonly [number, number, number])[] = [[64, 784, 128], [512, 512, 512], [1024, 1024, 1024]];
const FORMS: readonly Form[] = ['a·b', 'aᵀ·b', 'a·bᵀ'];
/** The backward products of Dense(784 → 128) at batch 64, in the shapes they really have: dW = Xᵀ·dZ and dAPrev = dZ·Wᵀ. */
const DENSE_BACKWARD: readonly (readonly [number, number, number, Form])[] = [[784, 64, 128, 'aᵀ·b'], [64, 128, 784, 'a·bᵀ']];
const RUNS = 7;
/** Each timed run repeats the product until it has done this many flops, so small shapes time well. */
const MIN_FLOPS_PER_RUN = 4e8;

function randomMatrix(rows: number, cols: number, rng: Random): Tensor {
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.uniformRange(-1, 1);
  return ndarray(data, [rows, cols]);
}

/** The `[M, K]` and `[K, N]` operands of one form; transposed forms are views of row-major storage. */
function operands(form: Form, M: number, K: number, N: number, rng: Random): [Tensor, Tensor] {
  const a = form === 'aᵀ·b' ? randomMatrix(K, M, rng).transpose(1, 0) : randomMatrix(M, K, rng);
  const b = form === 'a·bᵀ' ? randomMatrix(N, K, rng).transpose(1, 0) : randomMatrix(K, N, rng);
  return [a, b];
}

const useCpuTime = process.argv.includes('--cpu-time');

/** Seconds on the chosen clock: wall, or this process's user + system CPU time. */
function clock(cpuTime: boolean): number {
  if (cpuTime) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  }
  return Number(process.hrtime.bigint()) / 1e9;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[sorted.length >> 1];
}

/** One column of the table: a backend on a number of threads. */
interface Column {
  readonly label: string;
  readonly backend: KernelBackend;
  readonly threads: KernelThreads;
}

/** GFLOP/s of `matmul` (median of RUNS, min and max) for one column, shape and form. */
function measure({ backend, threads }: Column, form: Form, M: number, K: number, N: number): string {
  setKernelBackend(backend);
  setKernelThreads(threads);
  const rng = new Random(`${M}-${K}-${N}-${form}`);
  const [a, b] = operands(form, M, K, N, rng);
  const out = ndarray(new Float32Array(M * N), [M, N]);
  const flops = 2 * M * N * K;
  const repeats = Math.max(1, Math.round(MIN_FLOPS_PER_RUN / flops));
  const cpuTime = useCpuTime && threads === 1;
  matmul(out, a, b);
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = clock(cpuTime);
    for (let r = 0; r < repeats; r++) matmul(out, a, b);
    const seconds = clock(cpuTime) - start;
    rates.push((flops * repeats) / seconds / 1e9);
  }
  const min = Math.min(...rates).toFixed(1);
  const max = Math.max(...rates).toFixed(1);
  return `${median(rates).toFixed(1)} (${min}-${max})`;
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const columns: Column[] = [{ label: 'js', backend: 'js', threads: 1 }];
  if (loadWasmSync() && isWasmReady()) {
    columns.push({ label: 'wasm ×1', backend: 'wasm', threads: 1 });
    if (hardwareThreads() > 1) {
      columns.push({ label: `wasm ×${hardwareThreads()}`, backend: 'wasm', threads: hardwareThreads() });
      columns.push({ label: 'wasm auto', backend: 'wasm', threads: 'auto' });
    }
  }
  const timing = useCpuTime ? 'CPU time for one thread, wall clock for more' : 'wall clock';
  process.stdout.write(`matmul GFLOP/s, median (min-max) of ${RUNS} runs, float32, ${timing}; ×n = n threads share the product, auto = the default\n\n`);
  process.stdout.write(`| M×K×N | form | ${columns.map((c) => c.label).join(' | ')} |\n|---|---|${columns.map(() => '---|').join('')}\n`);
  for (const [M, K, N] of SHAPES) {
    for (const form of FORMS) {
      const cells = columns.map((column) =>
        quick && column.backend === 'js' && M * K * N > 512 ** 3 ? 'skipped' : measure(column, form, M, K, N));
      process.stdout.write(`| ${M}×${K}×${N} | ${form} | ${cells.join(' | ')} |\n`);
    }
  }
  for (const [M, K, N, form] of DENSE_BACKWARD) {
    const cells = columns.map((column) => measure(column, form, M, K, N));
    process.stdout.write(`| ${M}×${K}×${N} | ${form} (Dense backward) | ${cells.join(' | ')} |\n`);
  }
  setKernelBackend('auto');
  setKernelThreads('auto');
}

main();
