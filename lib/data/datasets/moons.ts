/** Two interleaving half circles (scikit-learn's `make_moons`). */
import { addNoise, checkInteger, checkNonNegative, datasetRandom, linspace, makeDataset, type ClassificationOptions, type Dataset } from './common';
import { optionsObject } from '../../checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link moons}. */
export interface MoonsOptions extends ClassificationOptions {
  /** The number of samples N; class 0 gets `⌊N/2⌋`, class 1 the rest. @defaultValue 100 */
  nSamples?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate. @defaultValue 0 */
  noise?: number;
}

/**
 * Two moons as scikit-learn's `make_moons`: class 0 on the upper half circle
 * `(cos θ, sin θ)` and class 1 on the lower one `(1 − cos θ, 0.5 − sin θ)`, θ evenly spaced in
 * `[0, π]`, plus `noise · ε` with `ε ~ N(0, 1)` added to every coordinate.
 *
 * Shapes: `x` `[N, 2]`; `y` `[N]`, class indices in `{0, 1}`.
 *
 * @throws ConfigError for an `nSamples` below 2 or a negative `noise`.
 * @example
 * ```ts
 * const { x, y } = moons({ nSamples: 200, noise: 0.1, seed: 0 });
 * ```
 */
export function moons(rawOptions?: MoonsOptions): Dataset {
  const options = optionsObject(rawOptions, 'moons');
  const { nSamples = 100, noise = 0, dtype = 'float32', shuffle = true } = options;
  checkInteger('moons', 'nSamples', nSamples, 2);
  checkNonNegative('moons', 'noise', noise);
  const rng = datasetRandom(options.seed);
  const nOuter = math.floor(nSamples / 2);
  const nInner = nSamples - nOuter;
  const x = new Float64Array(nSamples * 2);
  const y = new Float64Array(nSamples);
  const outer = linspace(0, math.PI, nOuter);
  const inner = linspace(0, math.PI, nInner);
  for (let i = 0; i < nOuter; i++) {
    x[2 * i] = math.cos(outer[i]);
    x[2 * i + 1] = math.sin(outer[i]);
  }
  for (let k = 0; k < nInner; k++) {
    const i = nOuter + k;
    x[2 * i] = 1 - math.cos(inner[k]);
    x[2 * i + 1] = 0.5 - math.sin(inner[k]);
    y[i] = 1;
  }
  addNoise(x, noise, rng);
  return makeDataset(x, y, 2, [], rng, shuffle, dtype);
}

