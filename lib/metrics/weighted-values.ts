/**
 * {@link weightedSums}: the weighted totals behind `Mean` and `Sum`, with Keras's
 * rules for which values a `sampleWeight` covers (`reduce_to_samplewise_values`).
 */
import { requireTensor } from '../checks';
import { ShapeError } from '../errors';
import { formatShape, toContiguous, type Tensor, type TypedArray } from '../tensor';

/** The sums one batch of values adds to a `Mean` or `Sum`. */
export interface WeightedSums {
  /** `Σ v·w` over every value, each with its broadcast weight (1 when unweighted). */
  readonly weighted: number;
  /** `Σ w` over every value (the number of values when unweighted). */
  readonly weights: number;
  /**
   * How many values make one sample: `size / N` for values `[N, …]` with weights of rank ≥ 1
   * (or none), the whole size for a scalar weight. Keras's `Mean` averages over a sample's
   * values first, so it adds `weighted / perSample` to its total and `weights / perSample` to
   * its count.
   */
  readonly perSample: number;
}

/** A weight argument as data and shape; a number is a scalar weight (rank 0). */
function weightView(owner: string, sampleWeight: Tensor | number): { data: ArrayLike<number>; offset: number; shape: readonly number[] } {
  if (typeof sampleWeight === 'number') return { data: [sampleWeight], offset: 0, shape: [] };
  const w = toContiguous(requireTensor(sampleWeight, `${owner}: sampleWeight`));
  return { data: w.data, offset: w.offset, shape: w.shape };
}

/**
 * The sums of `values` weighted by `sampleWeight`, which Keras broadcasts from the first axis:
 * weights `[N]` give each sample's values one weight, weights of the values' shape one weight
 * each, and an axis of size 1 (`[1, C]`, `[N, 1]`) is shared along that axis; a trailing axis
 * of 1 on either side is ignored (Keras's `squeeze_or_expand_to_same_rank`), and a number is one
 * weight for everything. Negative weights count as given.
 *
 * Shapes: values any, `[N, …]`; sampleWeight as above.
 *
 * @throws ShapeError naming `owner` and both shapes when the weights do not broadcast over the values.
 * @example
 * ```ts
 * weightedSums('mean', tensor([[1, 3], [5, 7]]), tensor([[1, 0]])); // { weighted: 6, weights: 2, perSample: 2 }
 * ```
 */
export function weightedSums(owner: string, values: Tensor, sampleWeight?: Tensor | number): WeightedSums {
  const v = toContiguous(requireTensor(values, `${owner}: values`));
  const shape = v.shape, size = v.size;
  if (size === 0) return { weighted: 0, weights: 0, perSample: 1 };
  const perRow = shape.length === 0 ? 1 : size / shape[0];
  if (sampleWeight === undefined) return { weighted: blockSum(v.data, v.offset, size), weights: size, perSample: perRow };
  const w = weightView(owner, sampleWeight);
  let wShape = w.shape;
  if (wShape.length === shape.length + 1 && wShape[wShape.length - 1] === 1) wShape = wShape.slice(0, -1);
  const k = wShape.length;
  if (k > shape.length || wShape.some((d, a) => d !== shape[a] && d !== 1)) {
    throw new ShapeError(`${owner}: sampleWeight must broadcast over the values from the first axis: expected ${formatShape(shape.slice(0, k))} or axes of 1, got ${formatShape(w.shape)} for values ${formatShape(shape)}`);
  }
  // Values are walked in blocks of `inner` elements (the axes past the weights'), each with one weight.
  let inner = 1;
  for (let a = k; a < shape.length; a++) inner *= shape[a];
  const blocks = size / inner;
  // The weight's step along each of its axes: 0 where it broadcasts (size 1).
  const steps = new Array<number>(k);
  for (let a = k - 1, stride = 1; a >= 0; a--) {
    steps[a] = wShape[a] === 1 ? 0 : stride;
    stride *= wShape[a];
  }
  const counter = new Array<number>(k).fill(0);
  let weighted = 0, weights = 0, wp = w.offset;
  for (let b = 0, vp = v.offset; b < blocks; b++, vp += inner) {
    const weight = w.data[wp];
    weighted += weight * blockSum(v.data, vp, inner);
    weights += weight * inner;
    // Advance the multi-index over the weights' axes (row-major), moving wp by the steps.
    for (let a = k - 1; a >= 0; a--) {
      wp += steps[a];
      if (++counter[a] < shape[a]) break;
      wp -= steps[a] * shape[a];
      counter[a] = 0;
    }
  }
  return { weighted, weights, perSample: k === 0 ? size : perRow };
}

/** `Σ data[start … start + n)`. */
function blockSum(data: TypedArray, start: number, n: number): number {
  let sum = 0;
  for (let i = start, end = start + n; i < end; i++) sum += data[i];
  return sum;
}

/**
 * The weighted mean `Σ w·v / Σ w` of `values`, with `sampleWeight` broadcast as in
 * {@link weightedSums}: the plain mean without weights, and 0 when the weights sum to 0
 * (Keras's `divide_no_nan`). The batch value of the batch-mean metrics (accuracies, MSE, MAE).
 *
 * Shapes: values `[N, …]`; sampleWeight `[N]`, the values' shape, or axes of 1.
 *
 * @throws ShapeError naming `owner` when the weights do not broadcast over the values.
 * @example
 * ```ts
 * weightedMean('mse', tensor([[1, 3], [5, 7]]), tensor([1, 0])); // 2
 * ```
 */
export function weightedMean(owner: string, values: Tensor, sampleWeight?: Tensor | number): number {
  const { weighted, weights } = weightedSums(owner, values, sampleWeight);
  return weights === 0 ? 0 : weighted / weights;
}
