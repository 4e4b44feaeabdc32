/** The finite-data check of a batch about to enter the model. */
import { findNonFinite, type Tensor } from '../tensor';
import { heapKernels, heapPointer } from './wasm/heap-kernels';

/**
 * True when no element of `t` is NaN or ±Infinity. A WebAssembly SIMD scan when `t` is a
 * contiguous tensor in the kernel heap, else {@link findNonFinite}'s scan.
 */
export function allFinite(t: Tensor): boolean {
  const wasm = heapKernels();
  const at = wasm === null ? -1 : heapPointer(t);
  if (wasm !== null && at >= 0) return wasm.allFinite(t.size, at) === 1;
  return findNonFinite(t) === null;
}
