/**
 * Global pooling: the max or mean of each channel over every spatial position, for input
 * viewed as `[batch, positions, channels]`, and the adjoints.
 */
import type { Tensor } from '../../tensor';

/**
 * `out[n, c] = (1/S)·Σ_s x[n, s, c]` for contiguous `x` of `batch·S·C` values and contiguous
 * `out` `[batch, C]`. Returns `out`.
 */
export function globalAvgPool(out: Tensor, x: Tensor, positions: number): Tensor {
  const xd = x.data, od = out.data;
  const [batch, C] = out.shape;
  const scale = 1 / positions;
  for (let n = 0, xp = x.offset; n < batch; n++) {
    const op = out.offset + n * C;
    for (let c = 0; c < C; c++) od[op + c] = 0;
    for (let s = 0; s < positions; s++) {
      for (let c = 0; c < C; c++) od[op + c] += xd[xp++];
    }
    for (let c = 0; c < C; c++) od[op + c] *= scale;
  }
  return out;
}

/** The adjoint of {@link globalAvgPool}: `dx[n, s, c] = dOut[n, c]/S`, overwriting `dx`. Returns `dx`. */
export function globalAvgPoolBackward(dx: Tensor, dOut: Tensor, positions: number): Tensor {
  const xd = dx.data, gd = dOut.data;
  const [batch, C] = dOut.shape;
  const scale = 1 / positions;
  for (let n = 0, xp = dx.offset; n < batch; n++) {
    const gp = dOut.offset + n * C;
    for (let s = 0; s < positions; s++) {
      for (let c = 0; c < C; c++) xd[xp++] = gd[gp + c] * scale;
    }
  }
  return dx;
}

/**
 * `out[n, c] = max_s x[n, s, c]`, recording in `argmax[n·C + c]` the index into `x.data`
 * (relative to `x.offset`) of the first maximum. Shapes as {@link globalAvgPool}. Returns `out`.
 */
export function globalMaxPool(out: Tensor, argmax: Int32Array, x: Tensor, positions: number): Tensor {
  const xd = x.data, od = out.data;
  const [batch, C] = out.shape;
  for (let n = 0, q = 0; n < batch; n++) {
    const op = out.offset + n * C, o = n * C;
    for (let c = 0; c < C; c++) {
      od[op + c] = xd[x.offset + q + c];
      argmax[o + c] = q + c;
    }
    q += C;
    for (let s = 1; s < positions; s++, q += C) {
      for (let c = 0; c < C; c++) {
        const v = xd[x.offset + q + c];
        if (v > od[op + c]) {
          od[op + c] = v;
          argmax[o + c] = q + c;
        }
      }
    }
  }
  return out;
}
