/** What every toy dataset generator shares: its base options, their validation, and the shuffled result. */
import { formatValue } from '../../checks';
import { ConfigError } from '../../errors';
import { getGlobalRandom, Random } from '../../random';
import { tensor, type DType, type Tensor } from '../../tensor';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options every seeded toy dataset generator accepts. */
export interface DatasetOptions {
  /** The number of samples N. @defaultValue per generator */
  nSamples?: number;
  /** Seed of the generator; equal seeds give equal datasets. @defaultValue a seed drawn from the global generator (see `setSeed`) */
  seed?: number | string;
  /** Storage type of `x` and `y`. @defaultValue 'float32' */
  dtype?: DType;
}

/** Options of the classification generators, which build their samples class by class. */
export interface ClassificationOptions extends DatasetOptions {
  /** Shuffle the samples; when false they come grouped by class. @defaultValue true */
  shuffle?: boolean;
}

/** A generated dataset: inputs `x` `[N, features]` and targets `y` (class indices `[N]`, or values `[N, 1]`). */
export interface Dataset {
  x: Tensor;
  y: Tensor;
}

/** A generator seeded by `seed`, or by a seed drawn from the global generator when none is given. */
export function datasetRandom(seed: number | string | undefined): Random {
  return new Random(seed ?? getGlobalRandom().nextSeed());
}

/** The largest count (of samples, classes, features, or their product) a toy generator accepts: 2^24. */
export const MAX_COUNT = 2 ** 24;

/** @throws ConfigError unless `value` is an integer in `[min, MAX_COUNT]`. */
export function checkInteger(fn: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${fn}: ${name} must be an integer >= ${min}, got ${formatValue(value)}`);
  }
  if (value > MAX_COUNT) throw new ConfigError(`${fn}: ${name} must be at most ${MAX_COUNT} in a toy dataset, got ${value}`);
}

/** @throws ConfigError unless `value` is a finite number ≥ 0. */
export function checkNonNegative(fn: string, name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new ConfigError(`${fn}: ${name} must be a finite number >= 0, got ${formatValue(value)}`);
  }
}

/** `n` evenly spaced values from `start` to `stop` (numpy's `linspace`; `stop` excluded when `isEndpoint` is false). */
export function linspace(start: number, stop: number, n: number, isEndpoint = true): Float64Array {
  const out = new Float64Array(n);
  const divisions = isEndpoint ? n - 1 : n;
  const step = divisions > 0 ? (stop - start) / divisions : 0;
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return out;
}

/** Adds `noise · ε`, `ε ~ N(0, 1)`, to every element in place (nothing when noise is 0). */
export function addNoise(values: Float64Array, noise: number, rng: Random): void {
  if (noise === 0) return;
  for (let i = 0; i < values.length; i++) values[i] += noise * rng.normal();
}

/** `n` split into `parts` nearly equal counts, the first `n mod parts` getting one more (as scikit-learn's make_blobs). */
export function splitCount(n: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, i) => math.floor(n / parts) + (i < n % parts ? 1 : 0));
}

/**
 * The dataset as tensors `x` `[N, features]` and `y` `[N, ...yShapeRest]`, rows permuted by `rng`
 * when `shuffle` is true. `xData` and `yData` are row-major.
 */
export function makeDataset(
  xData: Float64Array, yData: Float64Array, features: number, yShapeRest: readonly number[],
  rng: Random, shuffle: boolean, dtype: DType,
): Dataset {
  const n = xData.length / features;
  const yRow = yData.length / n;
  if (!shuffle) {
    return { x: tensor(xData, [n, features], dtype), y: tensor(yData, [n, ...yShapeRest], dtype) };
  }
  const order = rng.permutation(n);
  const xs = new Float64Array(xData.length);
  const ys = new Float64Array(yData.length);
  for (let i = 0; i < n; i++) {
    xs.set(xData.subarray(order[i] * features, (order[i] + 1) * features), i * features);
    ys.set(yData.subarray(order[i] * yRow, (order[i] + 1) * yRow), i * yRow);
  }
  return { x: tensor(xs, [n, features], dtype), y: tensor(ys, [n, ...yShapeRest], dtype) };
}
