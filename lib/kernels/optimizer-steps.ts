/**
 * The optimizers' per-parameter updates: SGD (plain and with momentum), Adam, AdamW's weight
 * decay, RMSprop, Adagrad, Adamax, Nadam and Adadelta. Each runs as a WebAssembly SIMD loop in float32 when all its tensors live in the kernel
 * heap (heap-kernels.ts), else as the TypeScript loop here, which computes in float64 and
 * rounds on store; the two agree within float32 rounding.
 */
import type { Tensor } from '../tensor';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;
import { heapKernels, heapPointer } from './wasm/heap-kernels';

/** `w ← w − lr·g`, element by element. `w` and `g` are contiguous of equal size. Returns `w`. */
export function sgdStep(w: Tensor, g: Tensor, lr: number): Tensor {
  const n = w.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g);
    if (wp >= 0 && gp >= 0) {
      wasm.axpy(n, -lr, gp, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data;
  for (let i = 0, wo = w.offset, go = g.offset; i < n; i++) wd[wo + i] -= lr * gd[go + i];
  return w;
}

/**
 * SGD with momentum `mu`: `v ← mu·v − lr·g`, then `w ← w + v`, or, with `nesterov`,
 * `w ← w + mu·v − lr·g` (with the new `v`). `w`, `g` and the velocity `v` are contiguous of
 * equal size. Returns `w`.
 */
export function momentumStep(w: Tensor, g: Tensor, v: Tensor, lr: number, mu: number, nesterov: boolean): Tensor {
  const n = w.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g), vp = heapPointer(v);
    if (wp >= 0 && gp >= 0 && vp >= 0) {
      wasm.momentumStep(n, mu, lr, +nesterov, gp, vp, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data, vd = v.data;
  const wo = w.offset, go = g.offset, vo = v.offset;
  for (let i = 0; i < n; i++) {
    const gi = gd[go + i];
    const vi = mu * vd[vo + i] - lr * gi;
    vd[vo + i] = vi;
    wd[wo + i] += nesterov ? mu * vd[vo + i] - lr * gi : vd[vo + i];
  }
  return w;
}

/** Adam's moment state for one parameter: the averages `m`, `v` and, for AMSGrad, `v̂`. */
export interface AdamMoments {
  readonly m: Tensor;
  readonly v: Tensor;
  readonly vMax: Tensor | null;
}

/**
 * One Adam step at iteration `t` (from 1) with Keras 3's rule: `m ← m + (g − m)·(1 − β1)`,
 * `v ← v + (g² − v)·(1 − β2)`, AMSGrad's `v̂ ← max(v̂, v)` replacing `v` when `vMax` is given, then
 * `w ← w − α_t·m/(√v + ε)` with `α_t = lr·√(1 − β2^t)/(1 − β1^t)`. All tensors contiguous of
 * equal size. Returns `w`.
 */
export function adamStep(w: Tensor, g: Tensor, moments: AdamMoments, lr: number, beta1: number, beta2: number, eps: number, t: number): Tensor {
  const n = w.size;
  const alpha = (lr * math.sqrt(1 - math.pow(beta2, t))) / (1 - math.pow(beta1, t));
  const { m, v, vMax } = moments;
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g), mp = heapPointer(m), vp = heapPointer(v);
    const xp = vMax === null ? 0 : heapPointer(vMax);
    if (wp >= 0 && gp >= 0 && mp >= 0 && vp >= 0 && xp >= 0) {
      wasm.adamStep(n, 1 - beta1, 1 - beta2, alpha, eps, +(vMax !== null), gp, mp, vp, xp, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data, md = m.data, vd = v.data;
  const xd = vMax === null ? null : vMax.data;
  const wo = w.offset, go = g.offset, mo = m.offset, vo = v.offset, xo = vMax === null ? 0 : vMax.offset;
  for (let i = 0; i < n; i++) {
    const gi = gd[go + i];
    md[mo + i] += (gi - md[mo + i]) * (1 - beta1);
    vd[vo + i] += (gi * gi - vd[vo + i]) * (1 - beta2);
    let vi = vd[vo + i];
    if (xd !== null) {
      if (vi > xd[xo + i]) xd[xo + i] = vi;
      vi = xd[xo + i];
    }
    wd[wo + i] -= (alpha * md[mo + i]) / (math.sqrt(vi) + eps);
  }
  return w;
}

/** `x ← x·alpha`, element by element (AdamW's decay `W ← W·(1 − η·λ)`). `x` contiguous. Returns `x`. */
export function scaleInPlace(x: Tensor, alpha: number): Tensor {
  const n = x.size;
  const wasm = heapKernels();
  const at = wasm === null ? -1 : heapPointer(x);
  if (wasm !== null && at >= 0) {
    wasm.scale(n, alpha, at);
    return x;
  }
  const xd = x.data;
  for (let i = 0, o = x.offset; i < n; i++) xd[o + i] *= alpha;
  return x;
}

/** RMSprop's state for one parameter: the mean square `s`, and the mean gradient `ḡ` (centered) and velocity `b` (momentum) when used. */
export interface RMSpropMoments {
  readonly meanSquare: Tensor;
  readonly meanGrad: Tensor | null;
  readonly velocity: Tensor | null;
}

/**
 * One RMSprop step with Keras 3's rule: `s ← ρ·s + (1 − ρ)·g²`; with `meanGrad` (centered)
 * `ḡ ← ρ·ḡ + (1 − ρ)·g` and the denominator `s + ε − ḡ²`, else `s + ε`; `Δ = lr·g/√denominator`;
 * with `velocity` (momentum `mu`) `b ← μ·b + Δ`, `w ← w − b`, else `w ← w − Δ`. All tensors
 * contiguous of equal size. Returns `w`.
 */
export function rmspropStep(w: Tensor, g: Tensor, state: RMSpropMoments, lr: number, rho: number, mu: number, eps: number): Tensor {
  const n = w.size;
  const { meanSquare, meanGrad, velocity } = state;
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g), sp = heapPointer(meanSquare);
    const mp = meanGrad === null ? 0 : heapPointer(meanGrad), bp = velocity === null ? 0 : heapPointer(velocity);
    if (wp >= 0 && gp >= 0 && sp >= 0 && mp >= 0 && bp >= 0) {
      wasm.rmspropStep(n, rho, lr, eps, mu, +(meanGrad !== null), +(velocity !== null), gp, sp, mp, bp, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data, sd = meanSquare.data;
  const md = meanGrad === null ? null : meanGrad.data, bd = velocity === null ? null : velocity.data;
  const wo = w.offset, go = g.offset, so = meanSquare.offset;
  const mo = meanGrad === null ? 0 : meanGrad.offset, bo = velocity === null ? 0 : velocity.offset;
  for (let i = 0; i < n; i++) {
    const gi = gd[go + i];
    sd[so + i] = rho * sd[so + i] + (1 - rho) * gi * gi;
    let denominator = sd[so + i] + eps;
    if (md !== null) {
      md[mo + i] = rho * md[mo + i] + (1 - rho) * gi;
      denominator -= md[mo + i] * md[mo + i];
    }
    const increment = (lr * gi) / math.sqrt(denominator);
    if (bd !== null) {
      bd[bo + i] = mu * bd[bo + i] + increment;
      wd[wo + i] -= bd[bo + i];
    } else {
      wd[wo + i] -= increment;
    }
  }
  return w;
}

/** One Adagrad step: `a ← a + g²`, then `w ← w − lr·g/√(a + ε)`. All contiguous of equal size. Returns `w`. */
export function adagradStep(w: Tensor, g: Tensor, accumulator: Tensor, lr: number, eps: number): Tensor {
  const n = w.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g), ap = heapPointer(accumulator);
    if (wp >= 0 && gp >= 0 && ap >= 0) {
      wasm.adagradStep(n, lr, eps, gp, ap, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data, ad = accumulator.data;
  const wo = w.offset, go = g.offset, ao = accumulator.offset;
  for (let i = 0; i < n; i++) {
    const gi = gd[go + i];
    ad[ao + i] += gi * gi;
    wd[wo + i] -= (lr * gi) / math.sqrt(ad[ao + i] + eps);
  }
  return w;
}

/**
 * One Adamax step at iteration `t` (from 1): `m ← m + (g − m)·(1 − β1)`, `u ← max(β2·u, |g|)`,
 * then `w ← w − lr·m/((1 − β1^t)·(u + ε))`. All contiguous of equal size. Returns `w`.
 */
export function adamaxStep(w: Tensor, g: Tensor, m: Tensor, u: Tensor, lr: number, beta1: number, beta2: number, eps: number, t: number): Tensor {
  const n = w.size;
  const correction = 1 - math.pow(beta1, t);
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g), mp = heapPointer(m), up = heapPointer(u);
    if (wp >= 0 && gp >= 0 && mp >= 0 && up >= 0) {
      wasm.adamaxStep(n, 1 - beta1, beta2, lr / correction, eps, gp, mp, up, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data, md = m.data, ud = u.data;
  const wo = w.offset, go = g.offset, mo = m.offset, uo = u.offset;
  for (let i = 0; i < n; i++) {
    const gi = gd[go + i];
    md[mo + i] += (gi - md[mo + i]) * (1 - beta1);
    ud[uo + i] = math.max(beta2 * ud[uo + i], math.abs(gi));
    wd[wo + i] -= (lr * md[mo + i]) / (correction * (ud[uo + i] + eps));
  }
  return w;
}

/** The step constants of a Nadam update, which fold its momentum schedule (see `Nadam`). */
export interface NadamFactors {
  /** `μ_{t+1}/(1 − Π_{t+1})`, the weight of the new `m`. */
  readonly mWeight: number;
  /** `(1 − μ_t)/(1 − Π_t)`, the weight of the gradient. */
  readonly gWeight: number;
  /** `1 − β2^t`, the correction of `v`. */
  readonly vCorrection: number;
}

/**
 * One Nadam step: `m ← m + (g − m)·(1 − β1)`, `v ← v + (g² − v)·(1 − β2)`,
 * `m̂ = mWeight·m + gWeight·g`, `v̂ = v/vCorrection`, then `w ← w − lr·m̂/(√v̂ + ε)`. All contiguous
 * of equal size. Returns `w`.
 */
export function nadamStep(w: Tensor, g: Tensor, m: Tensor, v: Tensor, lr: number, beta1: number, beta2: number, eps: number, f: NadamFactors): Tensor {
  const n = w.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g), mp = heapPointer(m), vp = heapPointer(v);
    if (wp >= 0 && gp >= 0 && mp >= 0 && vp >= 0) {
      wasm.nadamStep(n, 1 - beta1, 1 - beta2, f.mWeight, f.gWeight, 1 / f.vCorrection, lr, eps, gp, mp, vp, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data, md = m.data, vd = v.data;
  const wo = w.offset, go = g.offset, mo = m.offset, vo = v.offset;
  for (let i = 0; i < n; i++) {
    const gi = gd[go + i];
    md[mo + i] += (gi - md[mo + i]) * (1 - beta1);
    vd[vo + i] += (gi * gi - vd[vo + i]) * (1 - beta2);
    const mHat = f.mWeight * md[mo + i] + f.gWeight * gi;
    const vHat = vd[vo + i] / f.vCorrection;
    wd[wo + i] -= (lr * mHat) / (math.sqrt(vHat) + eps);
  }
  return w;
}

/**
 * One Adadelta step: `E[g²] ← ρ·E[g²] + (1 − ρ)·g²`, `Δ = −√(E[Δ²] + ε)/√(E[g²] + ε)·g`,
 * `E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²`, then `w ← w + lr·Δ`. All contiguous of equal size. Returns `w`.
 */
export function adadeltaStep(w: Tensor, g: Tensor, meanSquareGrad: Tensor, meanSquareDelta: Tensor, lr: number, rho: number, eps: number): Tensor {
  const n = w.size;
  const wasm = heapKernels();
  if (wasm !== null) {
    const wp = heapPointer(w), gp = heapPointer(g), ep = heapPointer(meanSquareGrad), dp = heapPointer(meanSquareDelta);
    if (wp >= 0 && gp >= 0 && ep >= 0 && dp >= 0) {
      wasm.adadeltaStep(n, rho, lr, eps, gp, ep, dp, wp);
      return w;
    }
  }
  const wd = w.data, gd = g.data, eg = meanSquareGrad.data, ed = meanSquareDelta.data;
  const wo = w.offset, go = g.offset, eo = meanSquareGrad.offset, dO = meanSquareDelta.offset;
  for (let i = 0; i < n; i++) {
    const gi = gd[go + i];
    eg[eo + i] = rho * eg[eo + i] + (1 - rho) * gi * gi;
    const delta = (-math.sqrt(ed[dO + i] + eps) / math.sqrt(eg[eo + i] + eps)) * gi;
    ed[dO + i] = rho * ed[dO + i] + (1 - rho) * delta * delta;
    wd[wo + i] += lr * delta;
  }
  return w;
}
