/** Isotropic Gaussian clusters (scikit-learn's `make_blobs`). */
import { ConfigError } from '../../errors';
import { checkInteger, datasetRandom, makeDataset, splitCount, type ClassificationOptions, type Dataset } from './common';
import { formatString, formatValue, isArray, kindOf, optionsObject } from '../../checks';

/** Options of {@link blobs}. */
export interface BlobsOptions extends ClassificationOptions {
  /** The number of samples N, split as evenly as possible between the clusters. @defaultValue 100 */
  nSamples?: number;
  /**
   * The clusters: a count (centers drawn uniformly from `centerBox` in every coordinate), or
   * the centers themselves as K rows of `nFeatures` coordinates.
   * @defaultValue 3
   */
  centers?: number | readonly (readonly number[])[];
  /** The standard deviation of every cluster, or one per cluster. @defaultValue 1 */
  clusterStd?: number | readonly number[];
  /** The number of features (coordinates) per sample, when `centers` is a count. @defaultValue 2, or the length of the given centers */
  nFeatures?: number;
  /** The interval `[low, high)` from which random centers are drawn. @defaultValue [-10, 10] */
  centerBox?: readonly [number, number];
}

/**
 * Gaussian blobs as scikit-learn's `make_blobs`: cluster `k` has `n_k` samples
 * `x = center_k + clusterStd_k · ε`, `ε ~ N(0, I)`.
 *
 * Shapes: `x` `[N, nFeatures]`; `y` `[N]`, the cluster index `0 … K−1` of each sample.
 *
 * @throws ConfigError for an `nSamples` or center count below 1, centers of unequal lengths or
 *   holding anything but finite numbers, a `clusterStd` that is negative or does not have one entry per cluster, or an empty `centerBox`.
 * @example
 * ```ts
 * const { x, y } = blobs({ nSamples: 150, centers: [[0, 0], [4, 4], [0, 4]], clusterStd: 0.5, seed: 0 });
 * ```
 */
export function blobs(rawOptions?: BlobsOptions): Dataset {
  const options = optionsObject(rawOptions, 'blobs');
  const { nSamples = 100, centers = 3, clusterStd = 1, centerBox = [-10, 10], dtype = 'float32', shuffle = true } = options;
  checkInteger('blobs', 'nSamples', nSamples, 1);
  const rng = datasetRandom(options.seed);
  const centerRows = resolveCenters(centers, options.nFeatures, centerBox, rng.uniformRange.bind(rng));
  const k = centerRows.length;
  const features = centerRows[0].length;
  checkInteger('blobs', 'nSamples × nFeatures', nSamples * features, 1);
  const stds = typeof clusterStd === 'number' ? new Array<number>(k).fill(clusterStd) : isArray(clusterStd) ? clusterStd : [];
  if (stds.length !== k || stds.some((s) => !(Number.isFinite(s) && s >= 0))) {
    throw new ConfigError(
      `blobs: clusterStd must be a number >= 0 or ${k} of them (one per center), got ${isArray(clusterStd) || typeof clusterStd === 'number' ? `[${[clusterStd].flat().map(formatValue).join(', ')}]` : kindOf(clusterStd)}`);
  }
  const x = new Float64Array(nSamples * features);
  const y = new Float64Array(nSamples);
  let i = 0;
  splitCount(nSamples, k).forEach((count, c) => {
    for (let s = 0; s < count; s++, i++) {
      for (let f = 0; f < features; f++) x[i * features + f] = centerRows[c][f] + stds[c] * rng.normal();
      y[i] = c;
    }
  });
  return makeDataset(x, y, features, [], rng, shuffle, dtype);
}

/** The centers as rows, validated; drawn from `box` by `uniform` when given as a count. */
function resolveCenters(
  centers: number | readonly (readonly number[])[], nFeatures: number | undefined,
  box: readonly [number, number], uniform: (low: number, high: number) => number,
): readonly (readonly number[])[] {
  if (typeof centers === 'number') {
    checkInteger('blobs', 'centers', centers, 1);
    const features = nFeatures ?? 2;
    checkInteger('blobs', 'nFeatures', features, 1);
    const [low, high] = isArray(box) ? box : [NaN, NaN];
    if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
      throw new ConfigError(`blobs: centerBox must be finite [low, high] with low < high, got ${isArray(box) ? `[${box.map(formatValue).join(', ')}]` : kindOf(box)}`);
    }
    return Array.from({ length: centers }, () => Array.from({ length: features }, () => uniform(low, high)));
  }
  if (!isArray(centers) || !centers.every((row) => isArray(row))) {
    throw new ConfigError(`blobs: centers must be a count or K non-empty rows of equal length, got ${kindOf(centers)}`);
  }
  const features = centers[0]?.length ?? 0;
  if (centers.length === 0 || features === 0 || centers.some((row) => row.length !== features)) {
    throw new ConfigError(
      `blobs: centers must be a count or K non-empty rows of equal length, got row lengths [${centers.map((r) => r.length).join(', ')}]`);
  }
  if (nFeatures !== undefined && nFeatures !== features) {
    throw new ConfigError(`blobs: nFeatures must match the centers' length: expected ${features}, got ${formatString(nFeatures)}`);
  }
  const values: unknown[] = centers.flat();
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new ConfigError(`blobs: centers must hold finite numbers, got ${formatValue(values[bad])}`);
  return centers;
}
