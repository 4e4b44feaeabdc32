/** Interleaved spiral arms, one per class (the CS231n "spiral data"). */
import { checkInteger, checkNonNegative, datasetRandom, linspace, makeDataset, splitCount, type ClassificationOptions, type Dataset } from './common';
import { optionsObject } from '../../checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link spirals}. */
export interface SpiralsOptions extends ClassificationOptions {
  /** The number of samples N, split as evenly as possible between the classes. @defaultValue 300 */
  nSamples?: number;
  /** The number of classes K (spiral arms), at least 1. @defaultValue 2 */
  nClasses?: number;
  /** Standard deviation of the Gaussian noise added to each point's angle, in radians. @defaultValue 0.2 */
  noise?: number;
}

/**
 * K spiral arms as in CS231n's neural-network case study. Arm `c` has `n_c` points with radius
 * `r = linspace(0, 1, n_c)` and angle `t = linspace(4c, 4(c + 1), n_c) + noise · ε`, `ε ~ N(0, 1)`,
 * at `(r · sin t, r · cos t)`. No linear model separates the arms.
 *
 * Shapes: `x` `[N, 2]` in the unit disc; `y` `[N]`, class indices `0 … K−1` (pass them to
 * `oneHot` for a one-hot target).
 *
 * @throws ConfigError for an `nSamples` or `nClasses` below 1, or a negative `noise`.
 * @example
 * ```ts
 * const { x, y } = spirals({ nSamples: 300, nClasses: 3, seed: 0 });
 * ```
 */
export function spirals(rawOptions?: SpiralsOptions): Dataset {
  const options = optionsObject(rawOptions, 'spirals');
  const { nSamples = 300, nClasses = 2, noise = 0.2, dtype = 'float32', shuffle = true } = options;
  checkInteger('spirals', 'nSamples', nSamples, 1);
  checkInteger('spirals', 'nClasses', nClasses, 1);
  checkNonNegative('spirals', 'noise', noise);
  const rng = datasetRandom(options.seed);
  const x = new Float64Array(nSamples * 2);
  const y = new Float64Array(nSamples);
  let i = 0;
  splitCount(nSamples, nClasses).forEach((count, c) => {
    const r = linspace(0, 1, count);
    const t = linspace(4 * c, 4 * (c + 1), count);
    for (let k = 0; k < count; k++, i++) {
      const angle = t[k] + noise * rng.normal();
      x[2 * i] = r[k] * math.sin(angle);
      x[2 * i + 1] = r[k] * math.cos(angle);
      y[i] = c;
    }
  });
  return makeDataset(x, y, 2, [], rng, shuffle, dtype);
}
