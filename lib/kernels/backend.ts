/**
 * Which matrix-multiply kernel runs (the WebAssembly SIMD one, the TypeScript one, or the
 * fastest for each product, the default) and on how many threads. Tests and benchmarks pin
 * them to compare.
 */
import { formatString } from '../checks';
import { ConfigError } from '../errors';
import { stopKernelThreads } from './wasm/gemm-threads';
import { loadWasmSync } from './wasm/gemm-wasm';

/**
 * - `'auto'`: WebAssembly for float32 products big enough to repay copying the operands into
 *   its memory, TypeScript otherwise (and wherever WebAssembly SIMD is unavailable).
 * - `'wasm'`: WebAssembly for every float32 product; float64 still uses TypeScript, because
 *   the WebAssembly kernel is float32 only.
 * - `'js'`: TypeScript for everything.
 */
export type KernelBackend = 'auto' | 'wasm' | 'js';

const BACKENDS: readonly KernelBackend[] = ['auto', 'wasm', 'js'];

let current: KernelBackend = 'auto';

/**
 * Selects the matrix-multiply kernel for all later products.
 *
 * @throws ConfigError for an unknown name, or for `'wasm'` where WebAssembly SIMD could not be
 * loaded (in a browser, `await initWasm()` first).
 * @example
 * ```ts
 * setKernelBackend('js');   // measure the portable kernel
 * setKernelBackend('auto'); // back to the default
 * ```
 */
export function setKernelBackend(backend: KernelBackend): void {
  if (!BACKENDS.includes(backend)) {
    throw new ConfigError(`setKernelBackend: backend must be one of ${BACKENDS.map((b) => `'${b}'`).join(', ')}, got '${formatString(backend)}'`);
  }
  if (backend === 'wasm' && !loadWasmSync()) {
    throw new ConfigError("setKernelBackend: 'wasm' is unavailable: this engine lacks WebAssembly SIMD or refused to compile synchronously (await initWasm() first)");
  }
  current = backend;
}

/** The kernel selection made by {@link setKernelBackend}; `'auto'` by default. */
export function getKernelBackend(): KernelBackend {
  return current;
}

/**
 * - `'auto'`: every core for float32 WebAssembly products big enough to repay handing work to
 *   other threads; one thread for smaller ones, and for a quarter second after a product whose
 *   workers fell behind because other processes held the cores.
 * - a positive integer n: n threads for every float32 WebAssembly product that can be cut in n
 *   (1 = never start a worker).
 * Wherever threads are impossible (no `SharedArrayBuffer`, as on a page without cross-origin
 * isolation, or no workers) products run on one thread; nothing fails.
 */
export type KernelThreads = number | 'auto';

let threads: KernelThreads = 'auto';

/**
 * Selects how many threads float32 WebAssembly products use. Results are bit-identical
 * whatever the count: each thread computes whole rows (or columns) of the output with the same
 * per-element summation order. Choosing 1 ends the worker threads; any other change takes
 * effect at the next product. Workers never keep a Node process alive.
 *
 * @throws ConfigError unless `n` is `'auto'` or a positive integer.
 * @example
 * ```ts
 * setKernelThreads(1);      // one thread, e.g. when the other cores run other work
 * setKernelThreads('auto'); // back to the default
 * ```
 */
export function setKernelThreads(n: KernelThreads): void {
  if (n !== 'auto' && !(typeof n === 'number' && Number.isInteger(n) && n >= 1)) {
    throw new ConfigError(`setKernelThreads: threads must be a positive integer or 'auto', got ${typeof n === 'string' ? `'${n}'` : formatString(n)}`);
  }
  threads = n;
  if (n === 1) stopKernelThreads();
}

/** The thread selection made by {@link setKernelThreads}; `'auto'` by default. */
export function getKernelThreads(): KernelThreads {
  return threads;
}
