/** The logistic function for activations built from it (Swish, the tanh form of GELU). */

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `σ(x) = 1/(1 + e^(−x))`, written so that no exponential overflows and `σ(x)` keeps full
 * relative precision for very negative `x` (where `1 − σ(−x)` would cancel). `1 − σ(x)` is
 * best computed as `σ(−x)`.
 * @example
 * ```ts
 * logistic(0); // 0.5
 * ```
 */
export function logistic(x: number): number {
  if (x >= 0) return 1 / (1 + math.exp(-x));
  const e = math.exp(x);
  return e / (1 + e);
}
