/**
 * Matrix multiply over strided 2-D tensors: `out = a · b`.
 *
 * The three products of a Dense layer are all this one kernel fed with zero-copy views:
 * `Z = X·W`, `dW = Xᵀ·dZ` with `a = X.transpose(1, 0)`, and `dAPrev = dZ·Wᵀ` with
 * `b = W.transpose(1, 0)`. No transposed copy is ever made.
 */
import type { Tensor } from '../tensor';

/**
 * `out[i, j] = Σ_k a[i, k] · b[k, j]`, overwriting `out`.
 *
 * Shapes: `a` is `[M, K]`, `b` is `[K, N]`, `out` is `[M, N]`; any strides. The caller checks shapes.
 * Returns `out`.
 */
export function matmul(out: Tensor, a: Tensor, b: Tensor): Tensor {
  const M = a.shape[0];
  const K = a.shape[1];
  const N = b.shape[1];
  const ad = a.data, bd = b.data, od = out.data;
  const as0 = a.stride[0], as1 = a.stride[1];
  const bs0 = b.stride[0], bs1 = b.stride[1];
  const os0 = out.stride[0], os1 = out.stride[1];
  const ao = a.offset, bo = b.offset, oo = out.offset;

  if (bs1 === 1 && os1 === 1) {
    // Row-major b: the i-k-j order walks rows of b and out with stride 1 in the inner loop,
    // whatever a's layout (so Xᵀ·dZ, with a transposed view of X, takes this path too).
    for (let i = 0; i < M; i++) {
      const orow = oo + i * os0;
      for (let j = 0; j < N; j++) od[orow + j] = 0;
      let ap = ao + i * as0;
      let brow = bo;
      for (let k = 0; k < K; k++, ap += as1, brow += bs0) {
        const aik = ad[ap];
        if (aik === 0) continue;
        for (let j = 0; j < N; j++) od[orow + j] += aik * bd[brow + j];
      }
    }
    return out;
  }
  if (as1 === 1 && bs0 === 1) {
    // b is a transposed row-major matrix (dZ·Wᵀ): each output is a dot product of two
    // rows that are both stride 1.
    for (let i = 0; i < M; i++) {
      const arow = ao + i * as0;
      let op = oo + i * os0;
      for (let j = 0; j < N; j++, op += os1) {
        const bcol = bo + j * bs1;
        let sum = 0;
        for (let k = 0; k < K; k++) sum += ad[arow + k] * bd[bcol + k];
        od[op] = sum;
      }
    }
    return out;
  }
  // Any other strides: the plain triple loop.
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let sum = 0;
      let ap = ao + i * as0;
      let bp = bo + j * bs1;
      for (let k = 0; k < K; k++, ap += as1, bp += bs0) sum += ad[ap] * bd[bp];
      od[oo + i * os0 + j * os1] = sum;
    }
  }
  return out;
}
