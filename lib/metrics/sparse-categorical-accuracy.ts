/** Sparse categorical accuracy: the predicted class against integer class labels. */
import { requireTensor } from '../checks';
import { ShapeError } from '../errors';
import { formatShape, toContiguous, zeros } from '../tensor';
import { argmax } from './argmax';
import { checkNotEmpty, type Metric } from './metric';
import { weightedMean } from './weighted-values';

/**
 * The fraction of samples whose most probable class is the label:
 * `mean over i of [ argmax_j yPred[i, j] = yTrue[i] ]` (Keras's `sparse_categorical_accuracy`).
 * For a sequence output `[N, T, C]` with labels `[N, T]` each time step is one prediction. With
 * `sampleWeight` (from `compile({ weightedMetrics })`) it is the weighted mean
 * `Σ w_i·hit_i / Σ w_i`, a sample's weight shared by its time steps.
 *
 * Shapes: yPred is `[N, C]` or `[N, T, C]`; yTrue is yPred's shape without the last axis, or
 * with a last axis of 1 (`[N]`, `[N, 1]`, `[N, T]`, `[N, T, 1]`), class indices stored as
 * floats; sampleWeight `[N]` or one per label.
 *
 * @throws ShapeError when yPred has rank below 2, yTrue does not match it as above, or the
 * weights do not broadcast.
 * @example
 * ```ts
 * sparseCategoricalAccuracy.compute(tensor([[0.1, 0.9], [0.8, 0.2]]), tensor([1, 1])); // 0.5
 * ```
 */
export const sparseCategoricalAccuracy: Metric = {
  name: 'sparseCategoricalAccuracy',
  compute(yPred, yTrue, sampleWeight) {
    requireTensor(yPred, 'sparseCategoricalAccuracy: yPred');
    requireTensor(yTrue, 'sparseCategoricalAccuracy: yTrue');
    const ps = yPred.shape, ts = yTrue.shape;
    const lead = ps.slice(0, -1);
    const labels = ts.length === lead.length + 1 && ts[ts.length - 1] === 1 ? ts.slice(0, -1) : ts;
    if (ps.length < 2 || labels.length !== lead.length || lead.some((d, i) => d !== labels[i])) {
      const expected = ps.length < 2 ? `[${ps[0]}] or [${ps[0]}, 1]` : `${formatShape(lead)} or ${formatShape([...lead, 1])}`;
      const form = ps.length > 2 ? '[N, T, C] and yTrue [N, T] or [N, T, 1]' : '[N, C] and yTrue [N] or [N, 1]';
      throw new ShapeError(`sparseCategoricalAccuracy: yPred must be ${form}: expected ${expected} for yPred ${formatShape(ps)}, got ${formatShape(ts)}`);
    }
    checkNotEmpty('sparseCategoricalAccuracy', yPred);
    const p = toContiguous(yPred), t = toContiguous(yTrue);
    const c = ps[ps.length - 1];
    const hits = zeros(lead, 'float64');
    for (let i = 0, rows = hits.size; i < rows; i++) {
      if (argmax(p.data, p.offset + i * c, c) === t.data[t.offset + i]) hits.data[i] = 1;
    }
    return weightedMean('sparseCategoricalAccuracy', hits, sampleWeight);
  },
};
