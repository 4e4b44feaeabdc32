/**
 * The recurrent cells' gate activations in float32 with 128-bit SIMD, in place: the logistic
 * sigmoid `σ(x) = 1/(1 + e^−x)` and `tanh(x) = 2·σ(2x) − 1`, both on one exponential, Cephes's
 * `expf`: `e^x = 2^n · e^r` with `n = round(x·log2 e)` (ties to even), `r = x − n·ln 2` in two
 * parts, `e^r ≈ 1 + r + r²·p(r)` by a degree-5 polynomial (within 2 float32 ulps), and `2^n` built
 * in the exponent bits. lib/kernels/gate-activations.ts computes the same operations one value at
 * a time in float32, so both paths give the same bits.
 *
 * Pointers are byte addresses of contiguous float32 arrays in this module's memory.
 */

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const EXP_MAX: f32 = 88.0;
const EXP_MIN: f32 = -87.3365478515625;
const P0: f32 = 1.9875691500e-4;
const P1: f32 = 1.3981999507e-3;
const P2: f32 = 8.3334519073e-3;
const P3: f32 = 4.1665795894e-2;
const P4: f32 = 1.6666665459e-1;
const P5: f32 = 5.0000001201e-1;

/** `e^x` of four floats (see the file comment); `x` is clamped to `[EXP_MIN, EXP_MAX]` (where σ and tanh have long saturated). */
// @ts-ignore: decorator
@inline
function exp4(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(EXP_MIN)), f32x4.splat(EXP_MAX));
  const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(LOG2E)));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(P0);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P4));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P5));
  const y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(y, scale);
}

/** `e^x` of one float, the same operations as {@link exp4}. */
// @ts-ignore: decorator
@inline
function exp1(x: f32): f32 {
  x = min<f32>(max<f32>(x, EXP_MIN), EXP_MAX);
  const n = nearest<f32>(x * LOG2E);
  let r = x - n * LN2_HI;
  r = r - n * LN2_LO;
  let p = P0;
  p = p * r + P1;
  p = p * r + P2;
  p = p * r + P3;
  p = p * r + P4;
  p = p * r + P5;
  const y = p * r * r + r + 1;
  return y * reinterpret<f32>((<i32>n + 127) << 23);
}

/** `v[i] = σ(v[i]) = 1/(1 + e^−v[i])` for `i < n`. */
export function sigmoidInPlace(n: i32, v: usize): void {
  const one = f32x4.splat(1);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = v + (<usize>i << 2);
    v128.store(o, f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(v128.load(o))))));
  }
  for (let i = n4; i < n; i++) {
    const o = v + (<usize>i << 2);
    store<f32>(o, <f32>1 / (<f32>1 + exp1(-load<f32>(o))));
  }
}

/** `v[i] = tanh(v[i]) = 2·σ(2·v[i]) − 1` for `i < n`. */
export function tanhInPlace(n: i32, v: usize): void {
  const one = f32x4.splat(1);
  const two = f32x4.splat(2);
  const n4 = n & ~3;
  for (let i = 0; i < n4; i += 4) {
    const o = v + (<usize>i << 2);
    const s = f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(f32x4.mul(two, v128.load(o))))));
    v128.store(o, f32x4.sub(f32x4.mul(two, s), one));
  }
  for (let i = n4; i < n; i++) {
    const o = v + (<usize>i << 2);
    const s = <f32>1 / (<f32>1 + exp1(-(<f32>2 * load<f32>(o))));
    store<f32>(o, <f32>2 * s - <f32>1);
  }
}
