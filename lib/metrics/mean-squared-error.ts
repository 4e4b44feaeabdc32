/** The mean squared error as a metric. */
import { toContiguous, zeros } from '../tensor';
import { checkSameShape, type Metric } from './metric';
import { weightedMean } from './weighted-values';

/**
 * `(1/(N·C)) Σ_ij (yPred[i, j] − yTrue[i, j])²`: the batch mean of Keras's per-sample
 * `mean_squared_error` (the same value as the MeanSquaredError loss without sample weights).
 * With `sampleWeight` (from `compile({ weightedMetrics })`) it is
 * `Σ_i w_i·mse_i / Σ_i w_i`, `mse_i` the mean over sample i's values.
 *
 * Shapes: yPred and yTrue are `[N, C]` (equal); sampleWeight `[N]` or yPred's shape.
 *
 * @throws ShapeError when the shapes differ or the weights do not broadcast.
 * @example
 * ```ts
 * meanSquaredError.compute(tensor([[1, 2]]), tensor([[0, 0]])); // 2.5
 * ```
 */
export const meanSquaredError: Metric = {
  name: 'meanSquaredError',
  compute(yPred, yTrue, sampleWeight) {
    checkSameShape('meanSquaredError', yPred, yTrue);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const pd = p.data, td = t.data;
    const n = p.size;
    if (sampleWeight !== undefined) {
      const squares = zeros(p.shape, 'float64');
      for (let i = 0, pp = p.offset, tp = t.offset; i < n; i++) squares.data[i] = (pd[pp++] - td[tp++]) ** 2;
      return weightedMean('meanSquaredError', squares, sampleWeight);
    }
    let sum = 0;
    for (let i = 0, pp = p.offset, tp = t.offset; i < n; i++) {
      const d = pd[pp++] - td[tp++];
      sum += d * d;
    }
    return sum / n;
  },
};
