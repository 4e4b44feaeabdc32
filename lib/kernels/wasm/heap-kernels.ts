/**
 * The element-wise WebAssembly kernels (assembly/elementwise.ts), run on the kernel heap's
 * instance for tensors whose storage lives in that heap (kernelZeros tensors: parameters, their
 * gradients, layer buffers). Callers pass the byte addresses {@link heapPointer} gives and fall
 * back to their TypeScript loop whenever any of them is -1.
 */
import { isContiguous, type Tensor } from '../../tensor';
import { getKernelBackend } from '../backend';
import type { ElementwiseExports } from './gemm-module';
import { heapAddress, heapTop, kernelHeap, reserveHeap } from './kernel-heap';

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

/**
 * The heap byte address of contiguous float32 `t` for a kernel that only reads it: `t` in place
 * when it lives in the kernel heap, else a copy in the scratch above the heap's blocks (valid
 * until the next kernel or product that uses the scratch); -1 when `t` is not contiguous float32
 * or the heap cannot grow to hold it. Lets a window kernel read a model's input, which lives in
 * an ordinary array, in one bulk copy.
 */
export function heapOperand(t: Tensor): number {
  const inPlace = heapPointer(t);
  if (inPlace >= 0) return inPlace;
  if (!(t.data instanceof Float32Array) || !isContiguous(t)) return -1;
  const at = heapTop();
  const view = reserveHeap(at + t.size * 4);
  if (view === null) return -1;
  view.set(t.data.subarray(t.offset, t.offset + t.size), at >> 2);
  return at;
}
