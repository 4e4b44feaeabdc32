/** The mean absolute error as a metric. */
import { toContiguous, zeros } from '../tensor';
import { checkSameShape, type Metric } from './metric';
import { weightedMean } from './weighted-values';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `(1/(N·C)) Σ_ij |yPred[i, j] − yTrue[i, j]|`: the batch mean of Keras's per-sample
 * `mean_absolute_error`. With `sampleWeight` (from `compile({ weightedMetrics })`) it is
 * `Σ_i w_i·mae_i / Σ_i w_i`, `mae_i` the mean over sample i's values.
 *
 * Shapes: yPred and yTrue are `[N, C]` (equal); sampleWeight `[N]` or yPred's shape.
 *
 * @throws ShapeError when the shapes differ or the weights do not broadcast.
 * @example
 * ```ts
 * meanAbsoluteError.compute(tensor([[1, -2]]), tensor([[0, 0]])); // 1.5
 * ```
 */
export const meanAbsoluteError: Metric = {
  name: 'meanAbsoluteError',
  compute(yPred, yTrue, sampleWeight) {
    checkSameShape('meanAbsoluteError', yPred, yTrue);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const pd = p.data, td = t.data;
    const n = p.size;
    if (sampleWeight !== undefined) {
      const errors = zeros(p.shape, 'float64');
      for (let i = 0, pp = p.offset, tp = t.offset; i < n; i++) errors.data[i] = math.abs(pd[pp++] - td[tp++]);
      return weightedMean('meanAbsoluteError', errors, sampleWeight);
    }
    let sum = 0;
    for (let i = 0, pp = p.offset, tp = t.offset; i < n; i++) sum += math.abs(pd[pp++] - td[tp++]);
    return sum / n;
  },
};
