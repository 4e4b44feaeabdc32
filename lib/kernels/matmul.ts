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
import { getKernelBackend } from './backend';
import { matmulJs } from './matmul-js';
import { loadWasmSync, matmulWasm } from './wasm/gemm-wasm';

/**
 * Below this many multiply-adds (`M·N·K`) the `'auto'` backend keeps float32 products in
 * TypeScript: copying operands into WebAssembly memory and packing cost more than they save.
 */
export const WASM_MIN_MULTIPLY_ADDS = 4096;

/**
 * `out[i, j] = Σ_k a[i, k] · b[k, j]`, overwriting `out`.
 *
 * Shapes: `a` is `[M, K]`, `b` is `[K, N]`, `out` is `[M, N]`; any strides and offsets; one
 * dtype for all three. `out` must not share storage with `a` or `b`. The caller checks shapes.
 * Float32 products run in WebAssembly SIMD when {@link getKernelBackend} allows it and it is
 * available; float64 products always run in TypeScript, in float64 throughout.
 * Returns `out`.
 */
export function matmul(out: Tensor, a: Tensor, b: Tensor): Tensor {
  const backend = getKernelBackend();
  if (
    backend !== 'js' &&
    out.data instanceof Float32Array && a.data instanceof Float32Array && b.data instanceof Float32Array &&
    (backend === 'wasm' || a.shape[0] * a.shape[1] * b.shape[1] >= WASM_MIN_MULTIPLY_ADDS) &&
    loadWasmSync() &&
    matmulWasm(out, a, b)
  ) {
    return out;
  }
  return matmulJs(out, a, b);
}
