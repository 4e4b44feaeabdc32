/** Categorical accuracy: the predicted class against one-hot labels. */
import { toContiguous, zeros } from '../tensor';
import { argmax } from './argmax';
import { checkSameShape, type Metric } from './metric';
import { weightedMean } from './weighted-values';

/**
 * The fraction of samples whose most probable class is the labelled one:
 * `mean over i of [ argmax_j yPred[i, j] = argmax_j yTrue[i, j] ]` (Keras's
 * `categorical_accuracy`; ties go to the first index, as `tf.argMax`). With `sampleWeight`
 * (from `compile({ weightedMetrics })`) it is the weighted mean `Σ w_i·hit_i / Σ w_i`.
 *
 * Shapes: yPred and yTrue are `[N, C]` or `[N, T, C]` (equal), yTrue one-hot; sampleWeight
 * `[N]` or one per row.
 *
 * @throws ShapeError when the shapes differ or the weights do not broadcast.
 * @example
 * ```ts
 * categoricalAccuracy.compute(tensor([[0.1, 0.9], [0.8, 0.2]]), tensor([[0, 1], [0, 1]])); // 0.5
 * ```
 */
export const categoricalAccuracy: Metric = {
  name: 'categoricalAccuracy',
  compute(yPred, yTrue, sampleWeight) {
    checkSameShape('categoricalAccuracy', yPred, yTrue);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const c = p.shape[p.shape.length - 1];
    const hits = zeros(p.shape.length > 1 ? p.shape.slice(0, -1) : [1], 'float64');
    for (let i = 0, rows = hits.size; i < rows; i++) {
      if (argmax(p.data, p.offset + i * c, c) === argmax(t.data, t.offset + i * c, c)) hits.data[i] = 1;
    }
    return weightedMean('categoricalAccuracy', hits, sampleWeight);
  },
};
