/**
 * Which matrix-multiply kernel runs: the WebAssembly SIMD one, the TypeScript one, or the
 * fastest for each product (the default). Tests and benchmarks pin one to compare them.
 */
import { ConfigError } from '../errors';
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
    throw new ConfigError(`setKernelBackend: backend must be one of ${BACKENDS.map((b) => `'${b}'`).join(', ')}, got '${String(backend)}'`);
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
