/**
 * The per-parameter updates of Keras 3's newer optimizers in float32 with 128-bit SIMD: Lion,
 * Lamb's moments and direction, Ftrl, Adafactor's second moments and direction, and Muon's
 * momentum and Newton–Schulz element-wise steps, plus the reductions they need (sums of squares,
 * accumulated in float64 so a long parameter loses no more than the TypeScript loop does). Four
 * floats per instruction, then a scalar tail. Pointers are byte addresses of contiguous float32
 * arrays in this module's memory; `n` is the element count. Each computes the formula of the
 * TypeScript loop in lib/kernels/optimizer-steps-keras3.ts, in float32, so the two agree within
 * float32 rounding.
 */

/** `Σ x²` of four lanes added to the float64 pair `acc`. */
// @ts-ignore: decorator
@inline
function addSquares(acc: v128, x: v128): v128 {
  const lo = f64x2.promote_low_f32x4(x);
  const hi = f64x2.promote_low_f32x4(v128.shuffle<f32>(x, x, 2, 3, 0, 1));
  return f64x2.add(acc, f64x2.add(f64x2.mul(lo, lo), f64x2.mul(hi, hi)));
}

/** The sum of the two float64 lanes. */
// @ts-ignore: decorator
@inline
function laneSum(acc: v128): f64 {
  return f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
}

/** `Σ x[i]²`, accumulated in float64 (Lamb's and Adafactor's norm of the weights). */
export function sumSquares(n: i32, x: usize): f64 {
  let acc = f64x2.splat(0);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) acc = addSquares(acc, v128.load(x + (<usize>i << 2)));
  let sum = laneSum(acc);
  for (let i = n4; i < n; i++) {
    const xi = <f64>load<f32>(x + (<usize>i << 2));
    sum += xi * xi;
  }
  return sum;
}

/**
 * One Lion step: `w ← w − lr·sign(β1·m + (1 − β1)·g)`, then `m ← β2·m + (1 − β2)·g`. The sign is
 * built from the two comparisons' masks (1 where positive, −1 where negative, 0 at 0).
 */
export function lionStep(n: i32, beta1: f32, beta2: f32, lr: f32, g: usize, m: usize, w: usize): void {
  const vb1 = f32x4.splat(beta1), vk1 = f32x4.splat(1 - beta1), vb2 = f32x4.splat(beta2), vk2 = f32x4.splat(1 - beta2);
  const vlr = f32x4.splat(lr), zero = f32x4.splat(0), one = f32x4.splat(1);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o), mi = v128.load(m + o);
    const c = f32x4.add(f32x4.mul(vb1, mi), f32x4.mul(vk1, gi));
    const sign = f32x4.sub(v128.and(f32x4.gt(c, zero), one), v128.and(f32x4.lt(c, zero), one));
    v128.store(w + o, f32x4.sub(v128.load(w + o), f32x4.mul(vlr, sign)));
    v128.store(m + o, f32x4.add(f32x4.mul(vb2, mi), f32x4.mul(vk2, gi)));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o), mi = load<f32>(m + o);
    const c = beta1 * mi + (1 - beta1) * gi;
    const sign: f32 = c > 0 ? 1 : c < 0 ? -1 : 0;
    store<f32>(w + o, load<f32>(w + o) - lr * sign);
    store<f32>(m + o, beta2 * mi + (1 - beta2) * gi);
  }
}

/**
 * Lamb's first pass: `m ← m + (1 − β1)·(g − m)`, `v ← v + (1 − β2)·(g² − v)`, the Adam direction
 * `u = (m/c1)/(√(v/c2) + ε)` into `u` (with `c1 = 1 − β1^t`, `c2 = 1 − β2^t`); returns `Σ u²`.
 */
export function lambDirection(n: i32, beta1: f32, beta2: f32, c1: f32, c2: f32, eps: f32, g: usize, m: usize, v: usize, u: usize): f64 {
  const vk1 = f32x4.splat(1 - beta1), vk2 = f32x4.splat(1 - beta2), vc1 = f32x4.splat(c1), vc2 = f32x4.splat(c2), veps = f32x4.splat(eps);
  let acc = f64x2.splat(0);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const mOld = v128.load(m + o), vOld = v128.load(v + o);
    const mi = f32x4.add(mOld, f32x4.mul(vk1, f32x4.sub(gi, mOld)));
    const vi = f32x4.add(vOld, f32x4.mul(vk2, f32x4.sub(f32x4.mul(gi, gi), vOld)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const ui = f32x4.div(f32x4.div(mi, vc1), f32x4.add(f32x4.sqrt(f32x4.div(vi, vc2)), veps));
    v128.store(u + o, ui);
    acc = addSquares(acc, ui);
  }
  let sum = laneSum(acc);
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const mOld = load<f32>(m + o), vOld = load<f32>(v + o);
    const mi = mOld + (1 - beta1) * (gi - mOld);
    const vi = vOld + (1 - beta2) * (gi * gi - vOld);
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    const ui = mi / c1 / (sqrt<f32>(vi / c2) + eps);
    store<f32>(u + o, ui);
    sum += <f64>ui * <f64>ui;
  }
  return sum;
}

/**
 * One Ftrl step, with `power = −learningRatePower` and `l2` already holding `λ2 + β/(2η)`:
 * `a' = a + g²`, `σ = (a'^p − a^p)/η`, `z ← z + g + shrink·w − σ·w`,
 * `w ← (clip(z, −λ1, λ1) − z)/(a'^p/η + 2·l2)`, `a ← a'`. Keras's default `p = 0.5` runs in
 * SIMD with square roots; any other power runs the scalar loop with `Math.pow` in float64.
 */
export function ftrlStep(n: i32, power: f32, lr: f32, l1: f32, l2: f32, shrink: f32, g: usize, a: usize, z: usize, w: usize): void {
  let start = 0;
  if (power == 0.5) {
    const vlr = f32x4.splat(lr), vl1 = f32x4.splat(l1), vnl1 = f32x4.splat(-l1), vl2 = f32x4.splat(2 * l2), vshrink = f32x4.splat(shrink);
    const n4 = n & ~3;
    for (let i = 0; i < n4; i += 4) {
      const o = <usize>i << 2;
      const gi = v128.load(g + o), wi = v128.load(w + o), ai = v128.load(a + o);
      const next = f32x4.add(ai, f32x4.mul(gi, gi));
      const rootNext = f32x4.sqrt(next);
      const sigma = f32x4.div(f32x4.sub(rootNext, f32x4.sqrt(ai)), vlr);
      const zi = f32x4.add(v128.load(z + o), f32x4.sub(f32x4.add(gi, f32x4.mul(vshrink, wi)), f32x4.mul(sigma, wi)));
      v128.store(z + o, zi);
      const quadratic = f32x4.add(f32x4.div(rootNext, vlr), vl2);
      const clipped = f32x4.min(f32x4.max(zi, vnl1), vl1);
      v128.store(w + o, f32x4.div(f32x4.sub(clipped, zi), quadratic));
      v128.store(a + o, next);
    }
    start = n4;
  }
  const p = <f64>power;
  for (let i = start; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o), wi = load<f32>(w + o), ai = load<f32>(a + o);
    const next = ai + gi * gi;
    const powNext = <f32>Math.pow(<f64>next, p);
    const sigma = (powNext - <f32>Math.pow(<f64>ai, p)) / lr;
    const zi = load<f32>(z + o) + (gi + shrink * wi - sigma * wi);
    store<f32>(z + o, zi);
    const quadratic = powNext / lr + 2 * l2;
    const clipped = zi < -l1 ? -l1 : zi > l1 ? l1 : zi;
    store<f32>(w + o, (clipped - zi) / quadratic);
    store<f32>(a + o, next);
  }
}

/** Adafactor's unfactored second moment: `v ← β·v + (1 − β)·(g² + ε1)`. */
export function adafactorSecondMoment(n: i32, beta2: f32, eps1: f32, g: usize, v: usize): void {
  const vb = f32x4.splat(beta2), vk = f32x4.splat(1 - beta2), veps = f32x4.splat(eps1);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    v128.store(v + o, f32x4.add(f32x4.mul(vb, v128.load(v + o)), f32x4.mul(vk, f32x4.add(f32x4.mul(gi, gi), veps))));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    store<f32>(v + o, beta2 * load<f32>(v + o) + (1 - beta2) * (gi * gi + eps1));
  }
}

/**
 * Adafactor's factored second moment of one `rows × cols` matrix, with `G = g² + ε1`:
 * `r[i] ← β·r[i] + (1 − β)·mean_j G[i, j]`, `c[j] ← β·c[j] + (1 − β)·mean_i G[i, j]`, then
 * `v[i, j] = (r[i]/mean_i r[i])·c[j]`. `colSums` is scratch of `cols` floats.
 */
export function adafactorFactored(rows: i32, cols: i32, beta2: f32, eps1: f32, g: usize, r: usize, c: usize, colSums: usize, v: usize): void {
  const veps = f32x4.splat(eps1);
  const c4 = cols & ~3;
  memory.fill(colSums, 0, <usize>cols << 2);
  let rowMeanSum: f64 = 0;
  for (let i = 0; i < rows; i++) {
    const row = g + ((<usize>i * <usize>cols) << 2);
    let acc = f32x4.splat(0);
    for (let j = 0; j < c4; j += 4) {
      const o = <usize>j << 2;
      const gi = v128.load(row + o);
      const sq = f32x4.add(f32x4.mul(gi, gi), veps);
      acc = f32x4.add(acc, sq);
      v128.store(colSums + o, f32x4.add(v128.load(colSums + o), sq));
    }
    let rowSum: f32 = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
    for (let j = c4; j < cols; j++) {
      const o = <usize>j << 2;
      const gi = load<f32>(row + o);
      const sq = gi * gi + eps1;
      rowSum += sq;
      store<f32>(colSums + o, load<f32>(colSums + o) + sq);
    }
    const at = r + (<usize>i << 2);
    const ri = beta2 * load<f32>(at) + (1 - beta2) * (rowSum / <f32>cols);
    store<f32>(at, ri);
    rowMeanSum += <f64>ri;
  }
  for (let j = 0; j < cols; j++) {
    const at = c + (<usize>j << 2);
    store<f32>(at, beta2 * load<f32>(at) + (1 - beta2) * (load<f32>(colSums + (<usize>j << 2)) / <f32>rows));
  }
  const rowMean = <f32>(rowMeanSum / <f64>rows);
  for (let i = 0; i < rows; i++) {
    const factor = load<f32>(r + (<usize>i << 2)) / rowMean;
    const vf = f32x4.splat(factor);
    const row = v + ((<usize>i * <usize>cols) << 2);
    for (let j = 0; j < c4; j += 4) {
      const o = <usize>j << 2;
      v128.store(row + o, f32x4.mul(vf, v128.load(c + o)));
    }
    for (let j = c4; j < cols; j++) {
      const o = <usize>j << 2;
      store<f32>(row + o, factor * load<f32>(c + o));
    }
  }
}

/** Adafactor's direction `u = g/√v` into `u`; returns `Σ u²`. */
export function adafactorDirection(n: i32, g: usize, v: usize, u: usize): f64 {
  let acc = f64x2.splat(0);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const ui = f32x4.div(v128.load(g + o), f32x4.sqrt(v128.load(v + o)));
    v128.store(u + o, ui);
    acc = addSquares(acc, ui);
  }
  let sum = laneSum(acc);
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const ui = load<f32>(g + o) / sqrt<f32>(load<f32>(v + o));
    store<f32>(u + o, ui);
    sum += <f64>ui * <f64>ui;
  }
  return sum;
}

/**
 * Muon's momentum for a `rows × cols` weight: `m ← μ·m + g`, then `x = g + μ·m` (Nesterov) or
 * `m`, stored as is or, when `transposed`, as `xᵀ` (`cols × rows`); returns `Σ x²`.
 */
export function muonMomentum(rows: i32, cols: i32, mu: f32, nesterov: bool, transposed: bool, g: usize, m: usize, x: usize): f64 {
  const n = rows * cols;
  let sum: f64 = 0;
  if (!transposed) {
    const vmu = f32x4.splat(mu);
    let acc = f64x2.splat(0);
    const n4 = n & ~3;
    for (let i = 0; i < n4; i += 4) {
      const o = <usize>i << 2;
      const gi = v128.load(g + o);
      const mi = f32x4.add(f32x4.mul(vmu, v128.load(m + o)), gi);
      v128.store(m + o, mi);
      const xi = nesterov ? f32x4.add(gi, f32x4.mul(vmu, mi)) : mi;
      v128.store(x + o, xi);
      acc = addSquares(acc, xi);
    }
    sum = laneSum(acc);
    for (let i = n4; i < n; i++) {
      const o = <usize>i << 2;
      const gi = load<f32>(g + o);
      const mi = mu * load<f32>(m + o) + gi;
      store<f32>(m + o, mi);
      const xi = nesterov ? gi + mu * mi : mi;
      store<f32>(x + o, xi);
      sum += <f64>xi * <f64>xi;
    }
    return sum;
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const o = <usize>(i * cols + j) << 2;
      const gi = load<f32>(g + o);
      const mi = mu * load<f32>(m + o) + gi;
      store<f32>(m + o, mi);
      const xi = nesterov ? gi + mu * mi : mi;
      store<f32>(x + (<usize>(j * rows + i) << 2), xi);
      sum += <f64>xi * <f64>xi;
    }
  }
  return sum;
}

/** `y[i] = alpha·x[i] + beta·y[i]` (Muon's Newton–Schulz combinations). */
export function axpby(n: i32, alpha: f32, x: usize, beta: f32, y: usize): void {
  const va = f32x4.splat(alpha), vb = f32x4.splat(beta);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    v128.store(y + o, f32x4.add(f32x4.mul(va, v128.load(x + o)), f32x4.mul(vb, v128.load(y + o))));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(y + o, alpha * load<f32>(x + o) + beta * load<f32>(y + o));
  }
}

/** `w[i, j] += alpha·x[j, i]` for a `rows × cols` `w` and a `cols × rows` `x` (Muon's update of a tall weight). */
export function axpyTransposed(rows: i32, cols: i32, alpha: f32, x: usize, w: usize): void {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const o = <usize>(i * cols + j) << 2;
      store<f32>(w + o, load<f32>(w + o) + alpha * load<f32>(x + (<usize>(j * rows + i) << 2)));
    }
  }
}
