/** Sparse categorical accuracy: the predicted class against integer class labels. */
import { requireTensor } from '../checks';
import { ShapeError } from '../errors';
import { formatShape, toContiguous } from '../tensor';
import { argmax } from './argmax';
import { checkNotEmpty, type Metric } from './metric';

/**
 * The fraction of samples whose most probable class is the label:
 * `mean over i of [ argmax_j yPred[i, j] = yTrue[i] ]` (Keras's `sparse_categorical_accuracy`).
 *
 * Shapes: yPred is `[N, C]`; yTrue is `[N]` or `[N, 1]`, class indices stored as floats.
 *
 * @throws ShapeError when yPred is not rank 2 or yTrue is not `[N]` or `[N, 1]`.
 * @example
 * ```ts
 * sparseCategoricalAccuracy.compute(tensor([[0.1, 0.9], [0.8, 0.2]]), tensor([1, 1])); // 0.5
 * ```
 */
export const sparseCategoricalAccuracy: Metric = {
  name: 'sparseCategoricalAccuracy',
  compute(yPred, yTrue) {
    requireTensor(yPred, 'sparseCategoricalAccuracy: yPred');
    requireTensor(yTrue, 'sparseCategoricalAccuracy: yTrue');
    const ps = yPred.shape, ts = yTrue.shape;
    const n = ps[0];
    if (ps.length !== 2 || ts[0] !== n || !(ts.length === 1 || (ts.length === 2 && ts[1] === 1))) {
      throw new ShapeError(`sparseCategoricalAccuracy: yPred must be [N, C] and yTrue [N] or [N, 1]: expected [${n}] or [${n}, 1] for yPred ${formatShape(ps)}, got ${formatShape(ts)}`);
    }
    checkNotEmpty('sparseCategoricalAccuracy', yPred);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const c = ps[1];
    let hits = 0;
    for (let i = 0; i < n; i++) {
      if (argmax(p.data, p.offset + i * c, c) === t.data[t.offset + i]) hits++;
    }
    return hits / n;
  },
};
