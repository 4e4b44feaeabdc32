/** A small circle inside a large one (scikit-learn's `make_circles`). */
import { ConfigError } from '../../errors';
import { addNoise, checkInteger, checkNonNegative, datasetRandom, linspace, makeDataset, type ClassificationOptions, type Dataset } from './common';
import { formatString, optionsObject } from '../../checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link circles}. */
export interface CirclesOptions extends ClassificationOptions {
  /** The number of samples N; the outer circle (class 0) gets `⌊N/2⌋`, the inner one the rest. @defaultValue 100 */
  nSamples?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. @defaultValue 0 */
  noise?: number;
  /** The inner circle's radius relative to the outer one's (which is 1), in `[0, 1)`. @defaultValue 0.8 */
  factor?: number;
}

/**
 * Two concentric circles as scikit-learn's `make_circles`: class 0 at `(cos θ, sin θ)` and
 * class 1 at `factor · (cos θ, sin θ)`, θ evenly spaced in `[0, 2π)`, plus `noise · ε` with
 * `ε ~ N(0, 1)` on every coordinate. Separable by the radius but not by any line.
 *
 * Shapes: `x` `[N, 2]`; `y` `[N]`, class indices in `{0, 1}` (0 = outer, 1 = inner).
 *
 * @throws ConfigError for an `nSamples` below 2, a negative `noise`, or a `factor` outside `[0, 1)`.
 * @example
 * ```ts
 * const { x, y } = circles({ nSamples: 200, noise: 0.05, factor: 0.5, seed: 0 });
 * ```
 */
export function circles(rawOptions?: CirclesOptions): Dataset {
  const options = optionsObject(rawOptions, 'circles');
  const { nSamples = 100, noise = 0, factor = 0.8, dtype = 'float32', shuffle = true } = options;
  checkInteger('circles', 'nSamples', nSamples, 2);
  checkNonNegative('circles', 'noise', noise);
  if (typeof factor !== 'number' || !(factor >= 0 && factor < 1)) throw new ConfigError(`circles: factor must be in [0, 1), got ${formatString(factor)}`);
  const rng = datasetRandom(options.seed);
  const nOuter = math.floor(nSamples / 2);
  const nInner = nSamples - nOuter;
  const x = new Float64Array(nSamples * 2);
  const y = new Float64Array(nSamples);
  const outer = linspace(0, 2 * math.PI, nOuter, false);
  const inner = linspace(0, 2 * math.PI, nInner, false);
  for (let i = 0; i < nOuter; i++) {
    x[2 * i] = math.cos(outer[i]);
    x[2 * i + 1] = math.sin(outer[i]);
  }
  for (let k = 0; k < nInner; k++) {
    const i = nOuter + k;
    x[2 * i] = factor * math.cos(inner[k]);
    x[2 * i + 1] = factor * math.sin(inner[k]);
    y[i] = 1;
  }
  addNoise(x, noise, rng);
  return makeDataset(x, y, 2, [], rng, shuffle, dtype);
}
