/**
 * Gradient clipping kernels used by the {@link Optimizer} base before the updates. They work in
 * place on contiguous gradient copies that the optimizer owns, never on a layer's own buffers.
 */
import type { Tensor } from '../lib/tensor';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Copies the elements of contiguous `src` into contiguous `out` (same size). Returns `out`. */
export function copyGradient(out: Tensor, src: Tensor): Tensor {
  const o = out.data, s = src.data;
  const oo = out.offset, so = src.offset;
  for (let i = 0, n = src.size; i < n; i++) o[oo + i] = s[so + i];
  return out;
}

/** Clips every element to `[−c, c]`: `g ← min(max(g, −c), c)`. In place; returns `g`. */
export function clipByValue(g: Tensor, c: number): Tensor {
  const d = g.data;
  for (let i = g.offset, end = g.offset + g.size; i < end; i++) {
    const v = d[i];
    d[i] = v > c ? c : v < -c ? -c : v;
  }
  return g;
}

/** `Σ g_i²`, the squared L2 norm of a contiguous tensor. */
export function sumOfSquares(g: Tensor): number {
  const d = g.data;
  let sum = 0;
  for (let i = g.offset, end = g.offset + g.size; i < end; i++) sum += d[i] * d[i];
  return sum;
}

/** Multiplies every element by `s`. In place; returns `g`. */
export function scaleInPlace(g: Tensor, s: number): Tensor {
  if (s === 1) return g;
  const d = g.data;
  for (let i = g.offset, end = g.offset + g.size; i < end; i++) d[i] *= s;
  return g;
}

/**
 * Rescales `g` so that its L2 norm is at most `c`: `g ← g · c / max(‖g‖₂, c)` (unchanged when
 * `‖g‖₂ <= c`). In place; returns `g`.
 */
export function clipByNorm(g: Tensor, c: number): Tensor {
  return scaleInPlace(g, c / math.max(math.sqrt(sumOfSquares(g)), c));
}

/**
 * Rescales all gradients together so that their global norm `‖(g_1, …, g_K)‖₂ = √(Σ_k ‖g_k‖₂²)`
 * is at most `c`: `g_k ← g_k · c / max(global norm, c)`. The directions are kept. In place.
 */
export function clipByGlobalNorm(gs: readonly Tensor[], c: number): void {
  let sum = 0;
  for (const g of gs) sum += sumOfSquares(g);
  const scale = c / math.max(math.sqrt(sum), c);
  for (const g of gs) scaleInPlace(g, scale);
}
