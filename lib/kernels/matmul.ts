/**
 * Matrix multiply over strided 2-D tensors: `out = a · b`, dispatched to the WebAssembly SIMD
 * kernel or the register-tiled TypeScript kernel.
 *
 * The three products of a Dense layer are all this one function fed with zero-copy views:
 * `Z = X·W`, `dW = Xᵀ·dZ` with `a = X.transpose(1, 0)`, and `dAPrev = dZ·Wᵀ` with
 * `b = W.transpose(1, 0)`. No transposed copy is ever made: both kernels read a transposed
 * view while packing.
 */
import type { Tensor } from '../tensor';
import { getKernelBackend, getKernelThreads } from './backend';
import { matmulJs } from './matmul-js';
import { isContended, matmulThreaded } from './wasm/gemm-threads';
import { loadWasmSync, matmulWasm } from './wasm/gemm-wasm';
import { hardwareThreads } from './wasm/worker-host';

/**
 * Below this many multiply-adds (`M·N·K`) the `'auto'` backend keeps float32 products in
 * TypeScript: copying operands into WebAssembly memory and packing cost more than they save.
 */
export const WASM_MIN_MULTIPLY_ADDS = 4096;

/**
 * Below this many multiply-adds (`M·N·K`, about 8.4 million) the `'auto'` thread setting runs
 * float32 products on one thread. Measured with `npm run bench` on 2 cores: the small MLP's
 * products (64·784·128, 6.4 million) trained no faster on two threads (80,221 against 80,599
 * samples/s) while the worker's Node isolate added 10 MiB of resident memory; the big MLP's
 * (from 64·512·512, 16.8 million) run about 1.5 times as fast on two.
 */
export const THREADS_MIN_MULTIPLY_ADDS = 1 << 23;

let lastThreads = 0;

/**
 * Threads for a float32 WebAssembly product of `multiplyAdds = M·N·K` under
 * {@link getKernelThreads}: the chosen count, or for `'auto'` every core from
 * {@link THREADS_MIN_MULTIPLY_ADDS}, and one thread below or for a while after other
 * processes held the cores (`isContended`).
 */
export function threadsForProduct(multiplyAdds: number): number {
  const setting = getKernelThreads();
  if (setting !== 'auto') return setting;
  return multiplyAdds >= THREADS_MIN_MULTIPLY_ADDS && !isContended() ? hardwareThreads() : 1;
}

/**
 * `out[i, j] = Σ_k a[i, k] · b[k, j]`, overwriting `out`.
 *
 * Shapes: `a` is `[M, K]`, `b` is `[K, N]`, `out` is `[M, N]`; any strides and offsets; one
 * dtype for all three. `out` must not share storage with `a` or `b`. The caller checks shapes.
 * Float32 products run in WebAssembly SIMD when {@link getKernelBackend} allows it and it is
 * available, on as many threads as {@link getKernelThreads} allows (bit-identical results
 * whatever the count), reading and writing tensors from `kernelZeros` in place instead of
 * copying them into WebAssembly memory; float64 products always run in TypeScript, in float64
 * throughout.
 * Returns `out`.
 */
export function matmul(out: Tensor, a: Tensor, b: Tensor): Tensor {
  const backend = getKernelBackend();
  const multiplyAdds = a.shape[0] * a.shape[1] * b.shape[1];
  lastThreads = 0;
  if (
    backend !== 'js' &&
    out.data instanceof Float32Array && a.data instanceof Float32Array && b.data instanceof Float32Array &&
    (backend === 'wasm' || multiplyAdds >= WASM_MIN_MULTIPLY_ADDS)
  ) {
    const threads = threadsForProduct(multiplyAdds);
    lastThreads = matmulThreaded(out, a, b, threads);
    if (lastThreads > 0) return out;
    if (loadWasmSync() && matmulWasm(out, a, b)) {
      lastThreads = 1;
      return out;
    }
  }
  return matmulJs(out, a, b);
}

/**
 * How many threads computed the last {@link matmul} in WebAssembly, or 0 if it ran in
 * TypeScript: a diagnostic for tests and benchmarks.
 */
export function threadsUsedByLastMatmul(): number {
  return lastThreads;
}
