/** Categorical accuracy: the predicted class against one-hot labels. */
import { toContiguous } from '../tensor';
import { argmax } from './argmax';
import { checkSameShape, type Metric } from './metric';

/**
 * The fraction of samples whose most probable class is the labelled one:
 * `mean over i of [ argmax_j yPred[i, j] = argmax_j yTrue[i, j] ]` (Keras's
 * `categorical_accuracy`; ties go to the first index, as `tf.argMax`).
 *
 * Shapes: yPred and yTrue are `[N, C]` (equal), yTrue one-hot.
 *
 * @throws ShapeError when the shapes differ.
 * @example
 * ```ts
 * categoricalAccuracy.compute(tensor([[0.1, 0.9], [0.8, 0.2]]), tensor([[0, 1], [0, 1]])); // 0.5
 * ```
 */
export const categoricalAccuracy: Metric = {
  name: 'categoricalAccuracy',
  compute(yPred, yTrue) {
    checkSameShape('categoricalAccuracy', yPred, yTrue);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const c = p.shape[p.shape.length - 1];
    const rows = p.size / c;
    let hits = 0;
    for (let i = 0; i < rows; i++) {
      if (argmax(p.data, p.offset + i * c, c) === argmax(t.data, t.offset + i * c, c)) hits++;
    }
    return hits / rows;
  },
};
