/**
 * The error function `erf` and its complement `erfc` to full double precision, for GELU.
 *
 * W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for the
 * error function", Math. Comp. 23, 1969; the SPECFUN `CALERF` routine behind SciPy and
 * SLATEC), relative error below about 1e-15 everywhere. A cheaper formula such as
 * Abramowitz–Stegun 7.1.26 (error 1.5e-7) would make GELU's analytic derivative disagree
 * with the function actually computed, and fail a float64 gradient check.
 */

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** `1/√π`. */
const ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;

/** erf on `|x| ≤ 0.46875`: `x·A(x²)/B(x²)`. */
const A = [3.1611237438705656, 1.13864154151050156e2, 3.77485237685302021e2, 3.20937758913846947e3, 1.85777706184603153e-1];
const B = [2.36012909523441209e1, 2.44024637934444173e2, 1.28261652607737228e3, 2.84423683343917062e3];
/** erfc on `0.46875 < |x| ≤ 4`: `e^(−x²)·C(x)/D(x)`. */
const C = [
  5.64188496988670089e-1, 8.88314979438837594, 6.61191906371416295e1, 2.98635138197400131e2,
  8.8195222124176909e2, 1.71204761263407058e3, 2.05107837782607147e3, 1.23033935479799725e3, 2.15311535474403846e-8,
];
const D = [
  1.57449261107098347e1, 1.17693950891312499e2, 5.37181101862009858e2, 1.62138957456669019e3,
  3.29079923573345963e3, 4.36261909014324716e3, 3.43936767414372164e3, 1.23033935480374942e3,
];
/** erfc on `|x| > 4`: `e^(−x²)/x · (1/√π − P(1/x²)/(x²·Q(1/x²)))`. */
const P = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2];
const Q = [2.56852019228982242, 1.87295284992346047, 5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3];

/** Beyond this, `erfc(y)` underflows to 0 in double precision. */
const ERFC_UNDERFLOW = 26.543;

/** `erf(y)` for `0 ≤ y ≤ 0.46875`. */
function erfSmall(y: number): number {
  const z = y * y;
  let num = A[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]) * z;
    den = (den + B[i]) * z;
  }
  return (y * (num + A[3])) / (den + B[3]);
}

/**
 * `e^(−y²)` computed as `e^(−s²)·e^(−(y−s)(y+s))` with `s = ⌊16y⌋/16`, as CALERF does: `s²` is
 * exact, so the rounding error of `y²` (which `e^(−y²)` would amplify by `y²`) is avoided.
 */
function expMinusSquare(y: number): number {
  const s = math.trunc(16 * y) / 16;
  return math.exp(-s * s) * math.exp(-(y - s) * (y + s));
}

/** `erfc(y)` for `y > 0.46875`. */
function erfcLarge(y: number): number {
  if (y >= ERFC_UNDERFLOW) return 0;
  let ratio: number;
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    ratio = (num + C[7]) / (den + D[7]);
  } else {
    const z = 1 / (y * y);
    let num = P[5] * z;
    let den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + P[i]) * z;
      den = (den + Q[i]) * z;
    }
    ratio = (ONE_OVER_SQRT_PI - (z * (num + P[4])) / (den + Q[4])) / y;
  }
  return expMinusSquare(y) * ratio;
}

/**
 * The error function `erf(x) = (2/√π)·∫₀ˣ e^(−t²) dt`, odd, in `(−1, 1)`, to about 1e-15
 * relative error.
 * @example
 * ```ts
 * erf(1); // 0.8427007929497149
 * ```
 */
export function erf(x: number): number {
  const y = math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  const r = 1 - erfcLarge(y);
  return x < 0 ? -r : r;
}

/**
 * The complementary error function `erfc(x) = 1 − erf(x)`, in `(0, 2)`, computed directly
 * (not as `1 − erf(x)`) so it keeps full relative precision in the tail `x ≫ 0`.
 * @example
 * ```ts
 * erfc(5); // 1.5374597944280349e-12
 * ```
 */
export function erfc(x: number): number {
  const y = math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  const r = erfcLarge(y);
  return x < 0 ? 2 - r : r;
}
