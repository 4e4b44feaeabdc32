/** Binary accuracy: thresholded predictions against 0/1 labels. */
import { toContiguous } from '../tensor';
import { checkSameShape, type Metric } from './metric';

/**
 * The fraction of outputs whose thresholded prediction equals the label:
 * `mean over i, j of [ (yPred[i, j] > 0.5 ? 1 : 0) = yTrue[i, j] ]`, the batch mean of Keras's
 * `binary_accuracy` (threshold 0.5). yPred must hold probabilities: a model ending in logits
 * would need a threshold of 0.
 *
 * Shapes: yPred and yTrue are `[N, C]` (equal), labels 0 or 1.
 *
 * @throws ShapeError when the shapes differ.
 * @example
 * ```ts
 * binaryAccuracy.compute(tensor([[0.9], [0.2]]), tensor([[1], [1]])); // 0.5
 * ```
 */
export const binaryAccuracy: Metric = {
  name: 'binaryAccuracy',
  compute(yPred, yTrue) {
    checkSameShape('binaryAccuracy', yPred, yTrue);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const pd = p.data, td = t.data;
    const n = p.size;
    let hits = 0;
    for (let i = 0, pp = p.offset, tp = t.offset; i < n; i++) {
      if ((pd[pp++] > 0.5 ? 1 : 0) === td[tp++]) hits++;
    }
    return hits / n;
  },
};
