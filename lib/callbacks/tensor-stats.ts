/**
 * The measurements the GradientMonitor takes of tensors: L2 norms, the norm of a difference,
 * and the fraction of units a ReLU output leaves at zero for a whole batch.
 */
import { toContiguous, type Tensor } from '../tensor';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** `‖t‖₂ = √(Σ tᵢ²)` over every element. */
export function l2Norm(t: Tensor): number {
  const c = toContiguous(t);
  const d = c.data;
  let sum = 0;
  for (let i = c.offset, end = c.offset + c.size; i < end; i++) sum += d[i] * d[i];
  return math.sqrt(sum);
}

/** `‖a − b‖₂` for tensors of the same size, read in row-major order. */
export function l2Distance(a: Tensor, b: Tensor): number {
  const ca = toContiguous(a), cb = toContiguous(b);
  const da = ca.data, db = cb.data;
  let sum = 0;
  for (let i = 0, p = ca.offset, q = cb.offset, n = ca.size; i < n; i++) {
    const diff = da[p++] - db[q++];
    sum += diff * diff;
  }
  return math.sqrt(sum);
}

/**
 * The fraction of units that are 0 for every sample of a batch: with `output` of shape
 * `[N, …]` and a unit being one position of `…`, `|{u : output[i, u] = 0 for all i}| / |units|`.
 * A ReLU unit that outputs 0 for every sample passes no gradient back: it is "dead" for this batch.
 *
 * @param alive - scratch flags of at least one per unit, reused between calls.
 */
export function deadUnitFraction(output: Tensor, alive: Uint8Array): number {
  const c = toContiguous(output);
  const d = c.data;
  const n = c.shape[0];
  const units = c.size / n;
  alive.fill(0, 0, units);
  for (let i = 0, p = c.offset; i < n; i++) {
    for (let u = 0; u < units; u++, p++) if (d[p] !== 0) alive[u] = 1;
  }
  let dead = 0;
  for (let u = 0; u < units; u++) if (alive[u] === 0) dead++;
  return dead / units;
}
