/** The mean squared error as a metric. */
import { toContiguous } from '../tensor';
import { checkSameShape, type Metric } from './metric';

/**
 * `(1/(N·C)) Σ_ij (yPred[i, j] − yTrue[i, j])²`: the batch mean of Keras's per-sample
 * `mean_squared_error` (the same value as the MeanSquaredError loss without sample weights).
 *
 * Shapes: yPred and yTrue are `[N, C]` (equal).
 *
 * @throws ShapeError when the shapes differ.
 * @example
 * ```ts
 * meanSquaredError.compute(tensor([[1, 2]]), tensor([[0, 0]])); // 2.5
 * ```
 */
export const meanSquaredError: Metric = {
  name: 'meanSquaredError',
  compute(yPred, yTrue) {
    checkSameShape('meanSquaredError', yPred, yTrue);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const pd = p.data, td = t.data;
    const n = p.size;
    let sum = 0;
    for (let i = 0, pp = p.offset, tp = t.offset; i < n; i++) {
      const d = pd[pp++] - td[tp++];
      sum += d * d;
    }
    return sum / n;
  },
};
