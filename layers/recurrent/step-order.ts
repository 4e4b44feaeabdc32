/**
 * The time order a recurrent layer works in: step `s` reads time `t = s`, or `t = T−1−s` with
 * goBackwards. The input and its mask go into step order before the loop, and the input's
 * gradient comes back into time order after it, each with the input-dropout mask applied.
 */
import type { Random } from '../../lib/random';
import type { Tensor } from '../../lib/tensor';
import type { Mask } from '../mask';

/**
 * `out[b, s, f] = x[b, t, f] · keep[b, f]` for `x` of shape `[batch, time, features]` (`keep`
 * the input-dropout factors, 1 without): the input in step order. Returns `out`.
 */
export function toStepOrder(out: Tensor, x: Tensor, goBackwards: boolean, keep: Float64Array | null): Tensor {
  const [batch, steps, features] = x.shape;
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < steps; s++) {
      const t = goBackwards ? steps - 1 - s : s;
      const src = x.offset + (b * steps + t) * features;
      const dst = (b * steps + s) * features;
      for (let f = 0; f < features; f++) out.data[dst + f] = x.data[src + f] * (keep ? keep[b * features + f] : 1);
    }
  }
  return out;
}

/**
 * `out[b, t, f] = dXs[b, s, f] · keep[b, f]`: the gradient of the step-order input back in time
 * order, through the same dropout factors (`∂(x·k)/∂x = k`). Returns `out`.
 */
export function fromStepOrder(out: Tensor, dXs: Tensor, goBackwards: boolean, keep: Float64Array | null): Tensor {
  const [batch, steps, features] = dXs.shape;
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < steps; s++) {
      const t = goBackwards ? steps - 1 - s : s;
      const src = (b * steps + s) * features;
      const dst = (b * steps + t) * features;
      for (let f = 0; f < features; f++) out.data[dst + f] = dXs.data[src + f] * (keep ? keep[b * features + f] : 1);
    }
  }
  return out;
}

/** `out[b·T + s] = 1` where step `s` of sample `b` is data (mask ≠ 0 at its time `t`), else 0, for a `[batch, time]` mask. Returns `out`. */
export function maskInStepOrder(out: Uint8Array, mask: Mask, goBackwards: boolean): Uint8Array {
  const [batch, steps] = mask.shape;
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < steps; s++) {
      const t = goBackwards ? steps - 1 - s : s;
      out[b * steps + s] = mask.data[mask.offset + b * mask.stride[0] + t * mask.stride[1]] === 0 ? 0 : 1;
    }
  }
  return out;
}

/**
 * One dropout keep-mask of `n` factors, drawn from `rng`: `1/(1 − rate)` with probability
 * `1 − rate`, else 0 (inverted dropout, so the expected value is unchanged); `null` for rate 0.
 * Reuses `previous` when it has the size.
 */
export function drawKeepMask(rng: Random, rate: number, n: number, previous: Float64Array | null): Float64Array | null {
  if (rate === 0) return null;
  const keep = previous && previous.length === n ? previous : new Float64Array(n);
  for (let i = 0; i < n; i++) keep[i] = rng.uniform() < rate ? 0 : 1 / (1 - rate);
  return keep;
}
