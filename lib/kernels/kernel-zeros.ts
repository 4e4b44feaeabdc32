/**
 * {@link kernelZeros}: tensors of zeros placed where the float32 kernels read them in place.
 */
import { checkDType, checkShape, sizeOf, zeros, zerosOver, type DType, type Tensor } from '../tensor';
import { getKernelBackend } from './backend';
import { freeHeapFloat32, heapFloat32, heapInt32 } from './wasm/kernel-heap';

/**
 * A new contiguous row-major tensor of zeros, as {@link zeros}, whose float32 storage lives in
 * the kernel heap (the shared WebAssembly memory the GEMM runs on) when there is one and the
 * kernel backend is not `'js'`: `matmul` then reads it, or writes it, in place instead of
 * copying it in and out of WebAssembly memory on every call. Elsewhere (float64, no
 * `SharedArrayBuffer`, the heap full) it is an ordinary tensor. Use it for long-lived tensors
 * the kernels read often: layer parameters, their gradients, layer output buffers. Its block is
 * reused once the tensor's `data` is garbage-collected, so never keep `data.subarray(…)` longer
 * than `data` itself.
 *
 * @example
 * ```ts
 * const W = kernelZeros([784, 512]); // W.data is a view of the kernel heap where available
 * ```
 */
export function kernelZeros(shape: readonly number[], dtype: DType = 'float32'): Tensor {
  checkShape(shape, 'kernelZeros');
  checkDType(dtype, 'kernelZeros');
  const data = dtype === 'float32' && getKernelBackend() !== 'js' ? heapFloat32(sizeOf(shape)) : null;
  return data === null ? zeros(shape, dtype) : zerosOver(data, shape);
}

/**
 * Frees the kernel-heap block of a tensor {@link kernelZeros} made, at once, for the next tensor
 * of its size to reuse; the tensor must not be used afterwards. Does nothing (and returns false)
 * for a tensor whose storage is not a kernel-heap block of its own (an ordinary tensor, a view,
 * or one freed already).
 */
export function freeKernelZeros(t: Tensor): boolean {
  return t.data instanceof Float32Array && freeHeapFloat32(t.data);
}

/**
 * `length` int32 zeros in the kernel heap where there is one and the kernel backend is not
 * `'js'` (so the WebAssembly window kernels write and read them in place: max pooling's arg-max
 * indices), else an ordinary `Int32Array`. The block is reused once the array is
 * garbage-collected.
 */
export function kernelInt32(length: number): Int32Array {
  return (getKernelBackend() !== 'js' ? heapInt32(length) : null) ?? new Int32Array(length);
}
