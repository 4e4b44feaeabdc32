/**
 * The element-wise WebAssembly kernels (assembly/elementwise.ts), run on the kernel heap's
 * instance for tensors whose storage lives in that heap (kernelZeros tensors: parameters, their
 * gradients, layer buffers). Callers pass the byte addresses {@link heapPointer} gives and fall
 * back to their TypeScript loop whenever any of them is -1.
 */
import { isContiguous, type Tensor } from '../../tensor';
import { getKernelBackend } from '../backend';
import type { ElementwiseExports } from './gemm-module';
import { heapAddress, kernelHeap } from './kernel-heap';

/**
 * The element-wise exports of the kernel heap's instance; null where there is no heap or the
 * kernel backend is `'js'` (which pins every kernel to TypeScript).
 */
export function heapKernels(): ElementwiseExports | null {
  if (getKernelBackend() === 'js') return null;
  return kernelHeap()?.gemm ?? null;
}

/**
 * The heap byte address of the first element of `t` when `t` is a contiguous row-major view of
 * the kernel heap, else -1.
 */
export function heapPointer(t: Tensor): number {
  const base = heapAddress(t.data);
  return base < 0 || !isContiguous(t) ? -1 : base + t.offset * 4;
}
