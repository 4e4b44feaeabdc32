/**
 * The per-parameter updates of Keras 3's newer optimizers: Lion, Lamb, Ftrl, Adafactor's second
 * moments and direction, and Muon's momentum and Newton–Schulz element-wise steps. Each runs as a
 * WebAssembly SIMD loop in float32 (assembly/optimizer-steps-keras3.ts) when all its tensors live
 * in the kernel heap (heap-kernels.ts), else as the TypeScript loop here, one fused pass over the
 * typed arrays that computes in float64 and rounds on store; the two agree within float32
 * rounding. The reductions (sums of squares) accumulate in float64 on both paths.
 */
import type { Tensor } from '../tensor';
import { heapKernels, heapPointer } from './wasm/heap-kernels';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** True when every pointer is a kernel-heap address. */
const allInHeap = (...pointers: number[]): boolean => pointers.every((p) => p >= 0);

/** `Σ x²` over a contiguous tensor, accumulated in float64. */
export function sumOfSquares(x: Tensor): number {
  const wasm = heapKernels();
  const xp = wasm === null ? -1 : heapPointer(x);
  if (wasm !== null && xp >= 0) return wasm.sumSquares(x.size, xp);
  const d = x.data;
  let sum = 0;
  for (let i = 0, o = x.offset, n = x.size; i < n; i++) sum += d[o + i] * d[o + i];
  return sum;
}

/**
 * One Lion step: `w ← w − lr·sign(β1·m + (1 − β1)·g)`, then `m ← β2·m + (1 − β2)·g`. `w`, `g`
 * and the momentum `m` are contiguous of equal size. Returns `w`.
 */
export function lionStep(w: Tensor, g: Tensor, m: Tensor, lr: number, beta1: number, beta2: number): Tensor {
  const n = w.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g), mp = heapPointer(m);
    if (allInHeap(wp, gp, mp)) {
      wasm.lionStep(n, beta1, beta2, lr, gp, mp, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data, md = m.data;
  const wo = w.offset, go = g.offset, mo = m.offset;
  for (let i = 0; i < n; i++) {
    const gi = gd[go + i], mi = md[mo + i];
    wd[wo + i] -= lr * math.sign(beta1 * mi + (1 - beta1) * gi);
    md[mo + i] = beta2 * mi + (1 - beta2) * gi;
  }
  return w;
}

/** Lamb's state for one parameter: the moments `m`, `v` and the scratch `u` for the Adam direction. */
export interface LambMoments {
  readonly m: Tensor;
  readonly v: Tensor;
  readonly u: Tensor;
}

/**
 * One Lamb step at iteration `t` (from 1): `m ← m + (1 − β1)·(g − m)`, `v ← v + (1 − β2)·(g² − v)`,
 * `u = (m/(1 − β1^t))/(√(v/(1 − β2^t)) + ε)`, `r = ‖w‖/‖u‖` (1 when either is 0), then
 * `w ← w − lr·r·u`: one pass for the moments, `u` and `‖u‖²` (with `‖w‖²` on the TypeScript
 * path), one for the update. All contiguous of equal size. Returns `w`.
 */
export function lambStep(w: Tensor, g: Tensor, state: LambMoments, lr: number, beta1: number, beta2: number, eps: number, t: number): Tensor {
  const n = w.size;
  const c1 = 1 - math.pow(beta1, t), c2 = 1 - math.pow(beta2, t);
  const { m, v, u } = state;
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g), mp = heapPointer(m), vp = heapPointer(v), up = heapPointer(u);
    if (allInHeap(wp, gp, mp, vp, up)) {
      const uSquares = wasm.lambDirection(n, beta1, beta2, c1, c2, eps, gp, mp, vp, up);
      const wSquares = wasm.sumSquares(n, wp);
      const ratio = wSquares > 0 && uSquares > 0 ? math.sqrt(wSquares) / math.sqrt(uSquares) : 1;
      wasm.axpy(n, -(ratio * lr), up, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data, md = m.data, vd = v.data, ud = u.data;
  const wo = w.offset, go = g.offset, mo = m.offset, vo = v.offset, uo = u.offset;
  let wSquares = 0, uSquares = 0;
  for (let i = 0; i < n; i++) {
    const gi = gd[go + i];
    const mi = (md[mo + i] += (1 - beta1) * (gi - md[mo + i]));
    const vi = (vd[vo + i] += (1 - beta2) * (gi * gi - vd[vo + i]));
    const ui = mi / c1 / (math.sqrt(vi / c2) + eps);
    ud[uo + i] = ui;
    uSquares += ui * ui;
    wSquares += wd[wo + i] * wd[wo + i];
  }
  const ratio = wSquares > 0 && uSquares > 0 ? math.sqrt(wSquares) / math.sqrt(uSquares) : 1;
  for (let i = 0; i < n; i++) wd[wo + i] -= ratio * lr * ud[uo + i];
  return w;
}

/** Ftrl's constants for one step. */
export interface FtrlFactors {
  /** `−learningRatePower`, the exponent `p` of the accumulator. */
  readonly power: number;
  /** `λ1`. */
  readonly l1: number;
  /** `λ2 + β/(2η)`. */
  readonly l2: number;
  /** `2·λs`, the gradient's shrinkage factor. */
  readonly shrink: number;
}

/**
 * One Ftrl step: `a' = a + g²`, `σ = (a'^p − a^p)/lr`, `z ← z + g + shrink·w − σ·w`,
 * `w ← (clip(z, −λ1, λ1) − z)/(a'^p/lr + 2·l2)`, `a ← a'`. `w`, `g`, the accumulator `a` and
 * the linear term `z` are contiguous of equal size. Returns `w`.
 */
export function ftrlStep(w: Tensor, g: Tensor, accumulator: Tensor, linear: Tensor, lr: number, f: FtrlFactors): Tensor {
  const n = w.size;
  const { power, l1, l2, shrink } = f;
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g), ap = heapPointer(accumulator), zp = heapPointer(linear);
    if (allInHeap(wp, gp, ap, zp)) {
      wasm.ftrlStep(n, power, lr, l1, l2, shrink, gp, ap, zp, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data, ad = accumulator.data, zd = linear.data;
  const wo = w.offset, go = g.offset, ao = accumulator.offset, zo = linear.offset;
  for (let i = 0; i < n; i++) {
    const gi = gd[go + i], wi = wd[wo + i], ai = ad[ao + i];
    const next = ai + gi * gi;
    const sigma = (math.pow(next, power) - math.pow(ai, power)) / lr;
    const zi = (zd[zo + i] += gi + shrink * wi - sigma * wi);
    const quadratic = math.pow(next, power) / lr + 2 * l2;
    const clipped = zi < -l1 ? -l1 : zi > l1 ? l1 : zi;
    wd[wo + i] = (clipped - zi) / quadratic;
    ad[ao + i] = next;
  }
  return w;
}

/** Adafactor's unfactored second moment: `v ← β·v + (1 − β)·(g² + ε1)`. `g`, `v` contiguous of equal size. Returns `v`. */
export function adafactorSecondMoment(g: Tensor, v: Tensor, beta2: number, eps1: number): Tensor {
  const n = v.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const gp = heapPointer(g), vp = heapPointer(v);
    if (allInHeap(gp, vp)) {
      wasm.adafactorSecondMoment(n, beta2, eps1, gp, vp);
      return v;
    }
  }
  const gd = g.data, vd = v.data, go = g.offset, vo = v.offset;
  for (let i = 0; i < n; i++) vd[vo + i] = beta2 * vd[vo + i] + (1 - beta2) * (gd[go + i] * gd[go + i] + eps1);
  return v;
}

/**
 * Adafactor's factored second moment of `g` viewed as `batches` matrices `rows × cols`, with
 * `G = g² + ε1`: `r[b, i] ← β·r + (1 − β)·mean_j G[b, i, j]`, `c[b, j] ← β·c + (1 − β)·mean_i G[b, i, j]`,
 * then `v[b, i, j] = (r[b, i]/mean_i r[b, i])·c[b, j]`. `colSums` is scratch of `cols` elements.
 * Returns `v`.
 */
export function adafactorFactoredMoment(g: Tensor, r: Tensor, c: Tensor, colSums: Tensor, v: Tensor, rows: number, cols: number, beta2: number, eps1: number): Tensor {
  const batches = v.size / (rows * cols);
  const wasm = heapKernels();
  if (wasm !== null) {
    const gp = heapPointer(g), rp = heapPointer(r), cp = heapPointer(c), sp = heapPointer(colSums), vp = heapPointer(v);
    if (allInHeap(gp, rp, cp, sp, vp)) {
      for (let b = 0; b < batches; b++) {
        const matrix = b * rows * cols * 4;
        wasm.adafactorFactored(rows, cols, beta2, eps1, gp + matrix, rp + b * rows * 4, cp + b * cols * 4, sp, vp + matrix);
      }
      return v;
    }
  }
  const gd = g.data, go = g.offset, rd = r.data, ro = r.offset, cd = c.data, co = c.offset, vd = v.data, vo = v.offset;
  const sums = colSums.data, so = colSums.offset;
  for (let b = 0; b < batches; b++) {
    sums.fill(0, so, so + cols);
    let rowMeanSum = 0;
    for (let i = 0; i < rows; i++) {
      let rowSum = 0;
      for (let j = 0; j < cols; j++) {
        const gi = gd[go + (b * rows + i) * cols + j];
        const sq = gi * gi + eps1;
        rowSum += sq;
        sums[so + j] += sq;
      }
      const k = ro + b * rows + i;
      rd[k] = beta2 * rd[k] + (1 - beta2) * (rowSum / cols);
      rowMeanSum += rd[k];
    }
    for (let j = 0; j < cols; j++) {
      const k = co + b * cols + j;
      cd[k] = beta2 * cd[k] + (1 - beta2) * (sums[so + j] / rows);
    }
    const rowMean = rowMeanSum / rows;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) vd[vo + (b * rows + i) * cols + j] = (rd[ro + b * rows + i] / rowMean) * cd[co + b * cols + j];
    }
  }
  return v;
}

/** Adafactor's direction `u = g/√v` into `u`; returns `Σ u²`. All contiguous of equal size. */
export function adafactorDirection(g: Tensor, v: Tensor, u: Tensor): number {
  const n = u.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const gp = heapPointer(g), vp = heapPointer(v), up = heapPointer(u);
    if (allInHeap(gp, vp, up)) return wasm.adafactorDirection(n, gp, vp, up);
  }
  const gd = g.data, vd = v.data, ud = u.data, go = g.offset, vo = v.offset, uo = u.offset;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const ui = (ud[uo + i] = gd[go + i] / math.sqrt(vd[vo + i]));
    sum += ui * ui;
  }
  return sum;
}

/**
 * Muon's momentum for a `[rows, cols]` weight: `m ← μ·m + g`, then `x = g + μ·m` (Nesterov) or
 * `m`, written to `x` as is or, when `transposed`, as `xᵀ` (`[cols, rows]`); returns `Σ x²`.
 */
export function muonMomentum(g: Tensor, m: Tensor, x: Tensor, rows: number, cols: number, mu: number, nesterov: boolean, transposed: boolean): number {
  const wasm = heapKernels();
  if (wasm !== null) {
    const gp = heapPointer(g), mp = heapPointer(m), xp = heapPointer(x);
    if (allInHeap(gp, mp, xp)) return wasm.muonMomentum(rows, cols, mu, +nesterov, +transposed, gp, mp, xp);
  }
  const gd = g.data, go = g.offset, md = m.data, mo = m.offset, xd = x.data, xo = x.offset;
  let norm = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      const mk = (md[mo + k] = mu * md[mo + k] + gd[go + k]);
      const value = nesterov ? gd[go + k] + mu * mk : mk;
      xd[xo + (transposed ? j * rows + i : k)] = value;
      norm += value * value;
    }
  }
  return norm;
}

/** `y ← alpha·x + beta·y`, element by element. `x`, `y` contiguous of equal size. Returns `y`. */
export function axpby(y: Tensor, alpha: number, x: Tensor, beta: number): Tensor {
  const n = y.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const xp = heapPointer(x), yp = heapPointer(y);
    if (allInHeap(xp, yp)) {
      wasm.axpby(n, alpha, xp, beta, yp);
      return y;
    }
  }
  const xd = x.data, yd = y.data, xo = x.offset, yo = y.offset;
  for (let i = 0; i < n; i++) yd[yo + i] = alpha * xd[xo + i] + beta * yd[yo + i];
  return y;
}

/** `w[i, j] ← w[i, j] + alpha·x[j, i]` for `w` `[rows, cols]` and `x` `[cols, rows]`, both contiguous. Returns `w`. */
export function axpyTransposed(w: Tensor, alpha: number, x: Tensor, rows: number, cols: number): Tensor {
  const wasm = heapKernels();
  if (wasm !== null) {
    const xp = heapPointer(x), wp = heapPointer(w);
    if (allInHeap(xp, wp)) {
      wasm.axpyTransposed(rows, cols, alpha, xp, wp);
      return w;
    }
  }
  const xd = x.data, wd = w.data, xo = x.offset, wo = w.offset;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) wd[wo + i * cols + j] += alpha * xd[xo + j * rows + i];
  }
  return w;
}
