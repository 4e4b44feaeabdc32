/** Element-wise kernels over contiguous tensors of equal size. The caller checks sizes. */
import type { Tensor } from '../tensor';

/** `out[i] = f(a[i])` for every element. `out` may be `a`. Returns `out`. */
export function map(out: Tensor, a: Tensor, f: (x: number) => number): Tensor {
  const ad = a.data, od = out.data;
  for (let i = 0, ap = a.offset, op = out.offset, n = a.size; i < n; i++) od[op++] = f(ad[ap++]);
  return out;
}

/** `out[i] = f(a[i], b[i])` for every element. `out` may be `a` or `b`. Returns `out`. */
export function zipWith(out: Tensor, a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  const ad = a.data, bd = b.data, od = out.data;
  for (let i = 0, ap = a.offset, bp = b.offset, op = out.offset, n = a.size; i < n; i++) od[op++] = f(ad[ap++], bd[bp++]);
  return out;
}

/** `y[i] += alpha · x[i]` (BLAS axpy). Returns `y`. */
export function axpy(y: Tensor, alpha: number, x: Tensor): Tensor {
  const xd = x.data, yd = y.data;
  for (let i = 0, xp = x.offset, yp = y.offset, n = x.size; i < n; i++) yd[yp++] += alpha * xd[xp++];
  return y;
}

/** `out[i] = a[i]` for every element: a contiguous copy of equal size. Returns `out`. */
export function copy(out: Tensor, a: Tensor): Tensor {
  out.data.set(a.data.subarray(a.offset, a.offset + a.size), out.offset);
  return out;
}

/** Sets every element of a contiguous tensor to `value`. Returns `out`. */
export function fill(out: Tensor, value: number): Tensor {
  out.data.fill(value, out.offset, out.offset + out.size);
  return out;
}

/** `Σ_i a[i] · b[i]`, the dot product of two contiguous tensors of equal size. */
export function dot(a: Tensor, b: Tensor): number {
  const ad = a.data, bd = b.data;
  let sum = 0;
  for (let i = 0, ap = a.offset, bp = b.offset, n = a.size; i < n; i++) sum += ad[ap++] * bd[bp++];
  return sum;
}
