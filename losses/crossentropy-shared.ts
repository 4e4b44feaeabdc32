/** What the cross-entropy losses share: their options (label smoothing too), the clipping of probabilities, row sums. */
import { formatValue, optionsObject } from '../lib/checks';
import { ConfigError, DataError } from '../lib/errors';
import type { TypedArray } from '../lib/tensor';
import type { LossOptions } from './loss';

/**
 * Probabilities are clipped to `[EPSILON, 1 − EPSILON]` before their log is taken, so a
 * confident wrong prediction gives a large but finite loss: Keras's `backend.epsilon()`, 1e-7.
 */
export const EPSILON = 1e-7;

/** Options of `BinaryCrossentropy`, `CategoricalCrossentropy` and `SparseCategoricalCrossentropy`. */
export interface CrossentropyOptions extends LossOptions {
  /**
   * True when `yPred` holds logits (the model has no final sigmoid or softmax); the loss then
   * applies it itself in a numerically stable, fused form. @defaultValue false
   */
  fromLogits?: boolean;
}

/** The JSON form of {@link CrossentropyOptions}, defaults resolved. */
export interface CrossentropyConfig {
  [option: string]: unknown;
  fromLogits: boolean;
}

/** Options of `BinaryCrossentropy` and `CategoricalCrossentropy`, which can smooth their labels. */
export interface SmoothedCrossentropyOptions extends CrossentropyOptions {
  /**
   * In `[0, 1]`: moves every label towards the uniform one before the loss is computed,
   * `t' = t · (1 − s) + s / K`, with `K = 2` for the binary loss (labels squeezed towards 0.5)
   * and `K = C`, the number of classes, for the categorical one. 0 leaves the labels as they
   * are. @defaultValue 0
   */
  labelSmoothing?: number;
}

/** The JSON form of {@link SmoothedCrossentropyOptions}, defaults resolved. */
export interface SmoothedCrossentropyConfig extends CrossentropyConfig {
  labelSmoothing: number;
}

/**
 * Validates `options` and resolves their defaults.
 * @throws ConfigError naming the loss when `options` is not an object or `fromLogits` is not a boolean.
 */
export function resolveCrossentropyOptions(lossName: string, options: CrossentropyOptions): CrossentropyConfig {
  const fromLogits = optionsObject(options, lossName).fromLogits ?? false;
  if (typeof fromLogits !== 'boolean') {
    throw new ConfigError(`${lossName}: fromLogits must be a boolean, got ${formatValue(fromLogits)}`);
  }
  return { fromLogits };
}

/**
 * Validates `options`, label smoothing included, and resolves their defaults.
 * @throws ConfigError naming the loss when `fromLogits` is not a boolean or `labelSmoothing`
 * is not a number in `[0, 1]`.
 */
export function resolveSmoothedCrossentropyOptions(lossName: string, options: SmoothedCrossentropyOptions): SmoothedCrossentropyConfig {
  const { fromLogits } = resolveCrossentropyOptions(lossName, options);
  const labelSmoothing = options.labelSmoothing ?? 0;
  if (typeof labelSmoothing !== 'number' || !(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new ConfigError(`${lossName}: labelSmoothing must be a number in [0, 1], got ${formatValue(labelSmoothing)}`);
  }
  return { fromLogits, labelSmoothing };
}

/** `clip(p, ε, 1 − ε)`; `upper` is `1 − ε` as the tensor's dtype holds it (see {@link upperClip}). */
export function clipProbability(p: number, upper = 1 - EPSILON): number {
  return p < EPSILON ? EPSILON : p > upper ? upper : p;
}

/**
 * `1 − ε` computed in `dtype`, as Keras clips in the tensor's dtype: 0.99999988079071045 in
 * float32 (whose spacing below 1 is 2^−24 ≈ 6e-8), `1 − 1e-7` in float64.
 */
export function upperClip(dtype: string): number {
  return dtype === 'float32' ? Math.fround(1 - EPSILON) : 1 - EPSILON;
}

/**
 * True where the clip passes the gradient, `ε ≤ p ≤ 1 − ε` (TensorFlow's `clip_by_value`
 * gradient is 1 there, including at the bounds, and 0 outside).
 */
export function isWithinClip(p: number, upper = 1 - EPSILON): boolean {
  return p >= EPSILON && p <= upper;
}

/**
 * `s = Σ_j p[row + j]` over one row of `c` probabilities, which the categorical losses divide by.
 * @throws DataError naming the loss and the row unless the sum is positive (logits passed as probabilities?).
 */
export function probabilityRowSum(lossName: string, p: TypedArray, row: number, c: number, i: number): number {
  let s = 0;
  for (let j = 0; j < c; j++) s += p[row + j];
  if (!(s > 0)) {
    throw new DataError(`${lossName}: yPred row ${i} sums to ${s}; probabilities need a positive sum (use fromLogits: true for logits)`);
  }
  return s;
}
