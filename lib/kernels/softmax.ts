/** Row-wise softmax, shared by the Softmax layer and the cross-entropy losses. */
import type { Tensor } from '../tensor';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `out[i, j] = exp(z[i, j] − max_j z[i, :]) / Σ_k exp(z[i, k] − max_j z[i, :])`: softmax of each
 * row, shifted by the row maximum so no `exp` overflows. Contiguous `[M, N]`; `out` may be `z`.
 * Returns `out`.
 */
export function softmaxRows(out: Tensor, z: Tensor): Tensor {
  const M = z.shape[0];
  const N = z.shape[1];
  const zd = z.data, od = out.data;
  for (let i = 0; i < M; i++) {
    const zr = z.offset + i * N;
    const or = out.offset + i * N;
    let max = -Infinity;
    for (let j = 0; j < N; j++) if (zd[zr + j] > max) max = zd[zr + j];
    let sum = 0;
    for (let j = 0; j < N; j++) {
      const e = math.exp(zd[zr + j] - max);
      od[or + j] = e;
      sum += e;
    }
    const inv = 1 / sum;
    for (let j = 0; j < N; j++) od[or + j] *= inv;
  }
  return out;
}

/**
 * `out[i] = max_j z[i, j] + log Σ_j exp(z[i, j] − max_j z[i, j])`: the log-sum-exp of each row of
 * a contiguous `[M, N]` tensor into a contiguous `[M]` tensor. Returns `out`.
 */
export function logSumExpRows(out: Tensor, z: Tensor): Tensor {
  const M = z.shape[0];
  const N = z.shape[1];
  const zd = z.data, od = out.data;
  for (let i = 0; i < M; i++) {
    const zr = z.offset + i * N;
    let max = -Infinity;
    for (let j = 0; j < N; j++) if (zd[zr + j] > max) max = zd[zr + j];
    let sum = 0;
    for (let j = 0; j < N; j++) sum += math.exp(zd[zr + j] - max);
    od[out.offset + i] = max + math.log(sum);
  }
  return out;
}
