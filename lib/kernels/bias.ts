/**
 * Row-broadcast bias add and its adjoint, the column sum. Each runs as a WebAssembly SIMD loop
 * when all its tensors live in the kernel heap (heap-kernels.ts), else as the TypeScript loop
 * here; both give the same float32 results bit for bit.
 */
import type { Tensor } from '../tensor';
import { heapKernels, heapPointer } from './wasm/heap-kernels';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `out[i, j] = z[i, j] + b[j]`: adds the bias row to every row. `z` and `out` are contiguous
 * `[M, N]` (they may be the same tensor), `b` is `[N]`. Returns `out`.
 */
export function addBias(out: Tensor, z: Tensor, b: Tensor): Tensor {
  const M = z.shape[0];
  const N = z.shape[1];
  const wasm = heapKernels();
  if (wasm !== null) {
    const zp = heapPointer(z), bp = heapPointer(b), op = heapPointer(out);
    if (zp >= 0 && bp >= 0 && op >= 0) {
      wasm.addBias(M, N, zp, bp, op);
      return out;
    }
  }
  const zd = z.data, bd = b.data, od = out.data;
  const bo = b.offset, bs = b.stride[0];
  let zp = z.offset;
  let op = out.offset;
  for (let i = 0; i < M; i++) {
    for (let j = 0, bp = bo; j < N; j++, bp += bs) od[op++] = zd[zp++] + bd[bp];
  }
  return out;
}

/**
 * `out[i, j] = max(0, z[i, j] + b[j])`: {@link addBias} then the plain ReLU in one pass (NaN stays
 * NaN), the sum rounded to the dtype first, so the values are bit for bit those of the two
 * kernels in turn. `z` and `out` are contiguous `[M, N]` (they may be the same tensor), `b` is
 * `[N]`. A convolution with `activation: 'relu'` writes its output with it. Returns `out`.
 */
export function addBiasRelu(out: Tensor, z: Tensor, b: Tensor): Tensor {
  const M = z.shape[0];
  const N = z.shape[1];
  const wasm = heapKernels();
  if (wasm !== null) {
    const zp = heapPointer(z), bp = heapPointer(b), op = heapPointer(out);
    if (zp >= 0 && bp >= 0 && op >= 0) {
      wasm.addBiasRelu(M, N, zp, bp, op);
      return out;
    }
  }
  const zd = z.data, bd = b.data, od = out.data;
  const bo = b.offset, bs = b.stride[0];
  const isFloat32 = od instanceof Float32Array;
  let zp = z.offset;
  let op = out.offset;
  for (let i = 0; i < M; i++) {
    for (let j = 0, bp = bo; j < N; j++, bp += bs) {
      // Rounded as the separate addBias would store it, before the comparison.
      const v = isFloat32 ? math.fround(zd[zp++] + bd[bp]) : zd[zp++] + bd[bp];
      od[op++] = v < 0 ? 0 : v;
    }
  }
  return out;
}

/**
 * `out[j] = Σ_i a[i, j]`: the column sums of a contiguous `[M, N]` tensor into a contiguous
 * `[N]` tensor. This is the bias gradient `db` from `dZ`. Returns `out`.
 */
export function sumColumns(out: Tensor, a: Tensor): Tensor {
  const M = a.shape[0];
  const N = a.shape[1];
  const wasm = heapKernels();
  if (wasm !== null) {
    const ap = heapPointer(a), op = heapPointer(out);
    if (ap >= 0 && op >= 0) {
      wasm.sumColumns(M, N, ap, op);
      return out;
    }
  }
  const ad = a.data, od = out.data;
  const oo = out.offset;
  for (let j = 0; j < N; j++) od[oo + j] = 0;
  let p = a.offset;
  // Row by row, so the inner loop reads a with stride 1.
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) od[oo + j] += ad[p++];
  }
  return out;
}
