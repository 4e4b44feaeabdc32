/**
 * The optimizers' per-parameter updates in float32 with 128-bit SIMD: plain SGD, SGD with
 * momentum, Adam (with AMSGrad), the decoupled weight decay of AdamW, RMSprop (centered and
 * with momentum), Adagrad, Adamax, Nadam and Adadelta. Four floats per
 * instruction, then a scalar tail. Pointers are byte addresses of contiguous float32 arrays in
 * this module's memory; `n` is the element count. Each computes the same formula as the
 * TypeScript loop of its optimizer (lib/kernels), in float32, so the two agree within float32
 * rounding.
 */

/**
 * The moving average of Adam and its variants, four lanes in place: `p ← p + (x − p)·c` (with
 * `c = 1 − β`) at byte `p`; returns the new value.
 */
// @ts-ignore: decorator
@inline
function towards(p: usize, x: v128, c: v128): v128 {
  const old = v128.load(p);
  const next = f32x4.add(old, f32x4.mul(f32x4.sub(x, old), c));
  v128.store(p, next);
  return next;
}

/** {@link towards} for one float. */
// @ts-ignore: decorator
@inline
function towardsOne(p: usize, x: f32, c: f32): f32 {
  const next = load<f32>(p) + (x - load<f32>(p)) * c;
  store<f32>(p, next);
  return next;
}

/** `y[i] = y[i] + alpha·x[i]`: the plain SGD step `W ← W − η·dW` with `alpha = −η`. */
export function axpy(n: i32, alpha: f32, x: usize, y: usize): void {
  const va = f32x4.splat(alpha);
  const end = y + (<usize>n << 2);
  const end4 = y + (<usize>(n & ~3) << 2);
  while (y < end4) {
    v128.store(y, f32x4.add(v128.load(y), f32x4.mul(va, v128.load(x))));
    x += 16;
    y += 16;
  }
  while (y < end) {
    store<f32>(y, load<f32>(y) + alpha * load<f32>(x));
    x += 4;
    y += 4;
  }
}

/**
 * SGD with momentum μ, one parameter: `v ← μ·v − η·g`, then `w ← w + v`, or with `nesterov`
 * `w ← w + μ·v − η·g` (with the new v).
 */
export function momentumStep(n: i32, mu: f32, lr: f32, nesterov: bool, g: usize, v: usize, w: usize): void {
  const vmu = f32x4.splat(mu);
  const vlr = f32x4.splat(lr);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const vi = f32x4.sub(f32x4.mul(vmu, v128.load(v + o)), f32x4.mul(vlr, gi));
    v128.store(v + o, vi);
    const step = nesterov ? f32x4.sub(f32x4.mul(vmu, vi), f32x4.mul(vlr, gi)) : vi;
    v128.store(w + o, f32x4.add(v128.load(w + o), step));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const vi = mu * load<f32>(v + o) - lr * gi;
    store<f32>(v + o, vi);
    store<f32>(w + o, load<f32>(w + o) + (nesterov ? mu * vi - lr * gi : vi));
  }
}

/**
 * One Adam step (Keras 3's rule), given `c1 = 1 − β1`, `c2 = 1 − β2` and the step's
 * `alpha = η·√(1 − β2^t)/(1 − β1^t)`:
 * `m ← m + (g − m)·c1`, `v ← v + (g² − v)·c2`, with `amsgrad` `v̂ ← max(v̂, v)` replacing v below,
 * then `w ← w − alpha·m/(√v + ε)`. `vMax` is read only when `amsgrad`.
 */
export function adamStep(
  n: i32, c1: f32, c2: f32, alpha: f32, eps: f32, amsgrad: bool, g: usize, m: usize, v: usize, vMax: usize, w: usize,
): void {
  const vc1 = f32x4.splat(c1), vc2 = f32x4.splat(c2), valpha = f32x4.splat(alpha), veps = f32x4.splat(eps);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const mi = towards(m + o, gi, vc1);
    let vi = towards(v + o, f32x4.mul(gi, gi), vc2);
    if (amsgrad) {
      vi = f32x4.max(v128.load(vMax + o), vi);
      v128.store(vMax + o, vi);
    }
    const step = f32x4.div(f32x4.mul(valpha, mi), f32x4.add(f32x4.sqrt(vi), veps));
    v128.store(w + o, f32x4.sub(v128.load(w + o), step));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const mi = towardsOne(m + o, gi, c1);
    let vi = towardsOne(v + o, gi * gi, c2);
    if (amsgrad) {
      vi = max(load<f32>(vMax + o), vi);
      store<f32>(vMax + o, vi);
    }
    store<f32>(w + o, load<f32>(w + o) - (alpha * mi) / (sqrt<f32>(vi) + eps));
  }
}

/** `x[i] = x[i]·alpha`: AdamW's decoupled weight decay `W ← W·(1 − η·λ)`. */
export function scale(n: i32, alpha: f32, x: usize): void {
  const va = f32x4.splat(alpha);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    v128.store(x + o, f32x4.mul(v128.load(x + o), va));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(x + o, load<f32>(x + o) * alpha);
  }
}

/**
 * One RMSprop step (Keras 3's rule): `s ← ρ·s + (1 − ρ)·g²`; centered, `ḡ ← ρ·ḡ + (1 − ρ)·g`
 * and the denominator `s + ε − ḡ²`, else `s + ε`; `Δ = lr·g/√denominator`; with momentum
 * `b ← μ·b + Δ`, `w ← w − b`, else `w ← w − Δ`. `mg` is read only when `centered`, `b` only
 * when `momentum`.
 */
export function rmspropStep(
  n: i32, rho: f32, lr: f32, eps: f32, mu: f32, centered: bool, momentum: bool, g: usize, s: usize, mg: usize, b: usize, w: usize,
): void {
  const vrho = f32x4.splat(rho), vkeep = f32x4.splat(1 - rho), vlr = f32x4.splat(lr), veps = f32x4.splat(eps), vmu = f32x4.splat(mu);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const si = f32x4.add(f32x4.mul(vrho, v128.load(s + o)), f32x4.mul(f32x4.mul(vkeep, gi), gi));
    v128.store(s + o, si);
    let den = f32x4.add(si, veps);
    if (centered) {
      const mi = f32x4.add(f32x4.mul(vrho, v128.load(mg + o)), f32x4.mul(vkeep, gi));
      v128.store(mg + o, mi);
      den = f32x4.sub(den, f32x4.mul(mi, mi));
    }
    let step = f32x4.div(f32x4.mul(vlr, gi), f32x4.sqrt(den));
    if (momentum) {
      step = f32x4.add(f32x4.mul(vmu, v128.load(b + o)), step);
      v128.store(b + o, step);
    }
    v128.store(w + o, f32x4.sub(v128.load(w + o), step));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const si = rho * load<f32>(s + o) + (1 - rho) * gi * gi;
    store<f32>(s + o, si);
    let den = si + eps;
    if (centered) {
      const mi = rho * load<f32>(mg + o) + (1 - rho) * gi;
      store<f32>(mg + o, mi);
      den -= mi * mi;
    }
    let step = (lr * gi) / sqrt<f32>(den);
    if (momentum) {
      step = mu * load<f32>(b + o) + step;
      store<f32>(b + o, step);
    }
    store<f32>(w + o, load<f32>(w + o) - step);
  }
}

/** One Adagrad step: `a ← a + g²`, then `w ← w − lr·g/√(a + ε)`. */
export function adagradStep(n: i32, lr: f32, eps: f32, g: usize, a: usize, w: usize): void {
  const vlr = f32x4.splat(lr), veps = f32x4.splat(eps);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const ai = f32x4.add(v128.load(a + o), f32x4.mul(gi, gi));
    v128.store(a + o, ai);
    v128.store(w + o, f32x4.sub(v128.load(w + o), f32x4.div(f32x4.mul(vlr, gi), f32x4.sqrt(f32x4.add(ai, veps)))));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const ai = load<f32>(a + o) + gi * gi;
    store<f32>(a + o, ai);
    store<f32>(w + o, load<f32>(w + o) - (lr * gi) / sqrt<f32>(ai + eps));
  }
}

/**
 * One Adamax step: `m ← m + (g − m)·c1` with `c1 = 1 − β1`, `u ← max(β2·u, |g|)`, then
 * `w ← w − lrc·m/(u + ε)` with `lrc = lr/(1 − β1^t)`.
 */
export function adamaxStep(n: i32, c1: f32, beta2: f32, lrc: f32, eps: f32, g: usize, m: usize, u: usize, w: usize): void {
  const vc1 = f32x4.splat(c1), vb2 = f32x4.splat(beta2), vlr = f32x4.splat(lrc), veps = f32x4.splat(eps);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const mi = towards(m + o, gi, vc1);
    const ui = f32x4.max(f32x4.mul(vb2, v128.load(u + o)), f32x4.abs(gi));
    v128.store(u + o, ui);
    v128.store(w + o, f32x4.sub(v128.load(w + o), f32x4.div(f32x4.mul(vlr, mi), f32x4.add(ui, veps))));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const mi = towardsOne(m + o, gi, c1);
    const ui = max(beta2 * load<f32>(u + o), abs<f32>(gi));
    store<f32>(u + o, ui);
    store<f32>(w + o, load<f32>(w + o) - (lrc * mi) / (ui + eps));
  }
}

/**
 * One Nadam step: `m ← m + (g − m)·c1`, `v ← v + (g² − v)·c2`, then
 * `w ← w − lr·(a·m + b·g)/(√(v·vScale) + ε)`, where the caller folds the momentum schedule into
 * `a = μ_{t+1}/(1 − Π_{t+1})` and `b = (1 − μ_t)/(1 − Π_t)`, and `vScale = 1/(1 − β2^t)`.
 */
export function nadamStep(
  n: i32, c1: f32, c2: f32, a: f32, b: f32, vScale: f32, lr: f32, eps: f32, g: usize, m: usize, v: usize, w: usize,
): void {
  const vc1 = f32x4.splat(c1), vc2 = f32x4.splat(c2), va = f32x4.splat(a), vb = f32x4.splat(b);
  const vs = f32x4.splat(vScale), vlr = f32x4.splat(lr), veps = f32x4.splat(eps);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const mi = towards(m + o, gi, vc1);
    const vi = towards(v + o, f32x4.mul(gi, gi), vc2);
    const mHat = f32x4.add(f32x4.mul(va, mi), f32x4.mul(vb, gi));
    const den = f32x4.add(f32x4.sqrt(f32x4.mul(vi, vs)), veps);
    v128.store(w + o, f32x4.sub(v128.load(w + o), f32x4.div(f32x4.mul(vlr, mHat), den)));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const mi = towardsOne(m + o, gi, c1);
    const vi = towardsOne(v + o, gi * gi, c2);
    store<f32>(w + o, load<f32>(w + o) - (lr * (a * mi + b * gi)) / (sqrt<f32>(vi * vScale) + eps));
  }
}

/**
 * One Adadelta step: `E[g²] ← ρ·E[g²] + (1 − ρ)·g²`, `Δ = −√(E[Δ²] + ε)/√(E[g²] + ε)·g`,
 * `E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²`, then `w ← w + lr·Δ`.
 */
export function adadeltaStep(n: i32, rho: f32, lr: f32, eps: f32, g: usize, eg: usize, ed: usize, w: usize): void {
  const vrho = f32x4.splat(rho), vkeep = f32x4.splat(1 - rho), vlr = f32x4.splat(lr), veps = f32x4.splat(eps);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const egi = f32x4.add(f32x4.mul(vrho, v128.load(eg + o)), f32x4.mul(f32x4.mul(vkeep, gi), gi));
    v128.store(eg + o, egi);
    const edOld = v128.load(ed + o);
    const delta = f32x4.neg(f32x4.mul(f32x4.div(f32x4.sqrt(f32x4.add(edOld, veps)), f32x4.sqrt(f32x4.add(egi, veps))), gi));
    v128.store(ed + o, f32x4.add(f32x4.mul(vrho, edOld), f32x4.mul(f32x4.mul(vkeep, delta), delta)));
    v128.store(w + o, f32x4.add(v128.load(w + o), f32x4.mul(vlr, delta)));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const egi = rho * load<f32>(eg + o) + (1 - rho) * gi * gi;
    store<f32>(eg + o, egi);
    const edOld = load<f32>(ed + o);
    const delta = -(sqrt<f32>(edOld + eps) / sqrt<f32>(egi + eps)) * gi;
    store<f32>(ed + o, rho * edOld + (1 - rho) * delta * delta);
    store<f32>(w + o, load<f32>(w + o) + lr * delta);
  }
}
