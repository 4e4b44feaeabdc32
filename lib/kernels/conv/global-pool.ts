/**
 * Global pooling: the max or mean of each channel over every spatial position, for input
 * viewed as `[batch, positions, channels]`, and the adjoints.
 */
import type { Tensor } from '../../tensor';

/** A `[batch, steps]` 0/1 mask as the kernels read it (Keras's mask: 1 = data). */
export interface StepMask {
  readonly data: Uint8Array;
  readonly offset: number;
  readonly stride: readonly number[];
}

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

/**
 * The masked mean over steps (Keras's GlobalAveragePooling1D with a mask): `out[n, c] =
 * Σ_s m[n, s]·x[n, s, c] / Σ_s m[n, s]` for contiguous `x` `[batch, S, C]`, writing the divisor
 * `Σ_s m[n, s]` of each sample to `counts` (0 for a sample with every step masked, whose output
 * is then 0; Keras's 0/0 gives NaN there). Returns `out`.
 */
export function globalAvgPoolMasked(out: Tensor, counts: Float64Array, x: Tensor, mask: StepMask, positions: number): Tensor {
  const xd = x.data, od = out.data;
  const [batch, C] = out.shape;
  for (let n = 0; n < batch; n++) {
    const op = out.offset + n * C;
    for (let c = 0; c < C; c++) od[op + c] = 0;
    let count = 0;
    for (let s = 0; s < positions; s++) {
      if (mask.data[mask.offset + n * mask.stride[0] + s * mask.stride[1]] === 0) continue;
      count++;
      const xp = x.offset + (n * positions + s) * C;
      for (let c = 0; c < C; c++) od[op + c] += xd[xp + c];
    }
    counts[n] = count;
    const scale = count === 0 ? 0 : 1 / count;
    for (let c = 0; c < C; c++) od[op + c] *= scale;
  }
  return out;
}

/**
 * The adjoint of {@link globalAvgPoolMasked}: `dx[n, s, c] = m[n, s]·dOut[n, c] / Σ_s m[n, s]`
 * (0 at masked steps), overwriting `dx`. Returns `dx`.
 */
export function globalAvgPoolMaskedBackward(dx: Tensor, dOut: Tensor, counts: Float64Array, mask: StepMask, positions: number): Tensor {
  const xd = dx.data, gd = dOut.data;
  const [batch, C] = dOut.shape;
  for (let n = 0, xp = dx.offset; n < batch; n++) {
    const gp = dOut.offset + n * C;
    const scale = counts[n] === 0 ? 0 : 1 / counts[n];
    for (let s = 0; s < positions; s++) {
      const on = mask.data[mask.offset + n * mask.stride[0] + s * mask.stride[1]] === 0 ? 0 : scale;
      for (let c = 0; c < C; c++) xd[xp++] = gd[gp + c] * on;
    }
  }
  return dx;
}
