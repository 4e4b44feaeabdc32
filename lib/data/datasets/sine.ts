/** Noisy samples of a sine wave, for regression. */
import { ConfigError } from '../../errors';
import { addNoise, checkInteger, checkNonNegative, datasetRandom, makeDataset, type Dataset, type DatasetOptions } from './common';
import { formatValue, isArray, kindOf, optionsObject } from '../../checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link sine}. */
export interface SineOptions extends DatasetOptions {
  /** The number of samples N. @defaultValue 100 */
  nSamples?: number;
  /** Standard deviation of the Gaussian noise added to `y`. @defaultValue 0.1 */
  noise?: number;
  /** The interval `[low, high)` from which `x` is drawn uniformly. @defaultValue [-π, π] */
  xRange?: readonly [number, number];
}

/**
 * Regression data `y = sin(x) + noise · ε`, with `x ~ U[low, high)` and `ε ~ N(0, 1)`.
 * The x values come in random order, so any contiguous slice is spread over the range.
 *
 * Shapes: `x` `[N, 1]`, `y` `[N, 1]`.
 *
 * @throws ConfigError for an `nSamples` below 1, a negative `noise`, or an `xRange` with `low >= high`.
 * @example
 * ```ts
 * const { x, y } = sine({ nSamples: 200, noise: 0.05, seed: 0 });
 * ```
 */
export function sine(rawOptions?: SineOptions): Dataset {
  const options = optionsObject(rawOptions, 'sine');
  const { nSamples = 100, noise = 0.1, xRange = [-math.PI, math.PI], dtype = 'float32' } = options;
  checkInteger('sine', 'nSamples', nSamples, 1);
  checkNonNegative('sine', 'noise', noise);
  const [low, high] = isArray(xRange) ? xRange : [NaN, NaN];
  if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
    throw new ConfigError(`sine: xRange must be finite [low, high] with low < high, got ${isArray(xRange) ? `[${xRange.map(formatValue).join(', ')}]` : kindOf(xRange)}`);
  }
  const rng = datasetRandom(options.seed);
  const x = new Float64Array(nSamples);
  const y = new Float64Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    x[i] = rng.uniformRange(low, high);
    y[i] = math.sin(x[i]);
  }
  addNoise(y, noise, rng);
  return makeDataset(x, y, 1, [1], rng, false, dtype);
}
