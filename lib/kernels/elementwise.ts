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


/** `out[i] += a[i]` for every element (contiguous, equal sizes): the sum where gradients meet. Returns `out`. */
export function addInto(out: Tensor, a: Tensor): Tensor {
  const ad = a.data, od = out.data;
  for (let i = 0, ap = a.offset, op = out.offset, n = a.size; i < n; i++) od[op++] += ad[ap++];
  return out;
}
