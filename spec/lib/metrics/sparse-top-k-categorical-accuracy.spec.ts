/**
 * SparseTopKCategoricalAccuracy at the values of keras/src/metrics/accuracy_metrics_test.py
 * SparseTopKCategoricalAccuracyTest (test names quoted beside each number; `from_sorted_ids` is
 * not implemented), plus hand-derived cases. Keras calls `update_state(y_true, y_pred, sample_weight)`;
 * layerwise's `update` takes `(yPred, yTrue, sampleWeight)`.
 */
import { ConfigError, DataError, ShapeError } from '../../../lib/errors';
import { tensor, type Tensor } from '../../../lib/tensor';
import { SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy, isStreamingMetric, metrics, resolveMetric } from '../../../lib/metrics';

const f64 = (values: number[][] | number[]): Tensor => tensor(values, undefined, 'float64');

describe('SparseTopKCategoricalAccuracy (accuracy_metrics_test.py SparseTopKCategoricalAccuracyTest)', () => {
  const yPred = f64([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]);
  const yTrue = f64([2, 1]);

  it('test_unweighted: 0.5 at k = 1; test_weighted (weights 0.7, 0.3): 0.3', () => {
    const m = new SparseTopKCategoricalAccuracy({ k: 1, name: 'sparse_top_k_categorical_accuracy' });
    m.update(yPred, yTrue);
    expect(m.result()).toBe(0.5);
    const w = new SparseTopKCategoricalAccuracy({ k: 1 });
    w.update(yPred, yTrue, f64([0.7, 0.3]));
    expect(w.result()).toBeCloseTo(0.3, 12);
    expect(new SparseTopKCategoricalAccuracy({ k: 1 }).compute(yPred, yTrue, f64([0.7, 0.3]))).toBeCloseTo(0.3, 12);
  });

  it('test_config: k and name round trip through getConfig; default k 5', () => {
    const m = new SparseTopKCategoricalAccuracy({ k: 1, name: 'sparse_top_k_categorical_accuracy' });
    expect(m.getConfig()).toEqual({ k: 1, fromSortedIds: false, name: 'sparse_top_k_categorical_accuracy' });
    expect(new SparseTopKCategoricalAccuracy(m.getConfig()).k).toBe(1);
    expect(new SparseTopKCategoricalAccuracy().getConfig()).toEqual({ k: 5, fromSortedIds: false, name: 'sparseTopKCategoricalAccuracy' });
    expect(() => new SparseTopKCategoricalAccuracy({ from_sorted_ids: true } as never)).toThrow(ConfigError);
  });

  it('agrees with TopKCategoricalAccuracy on one-hot labels, ties included', () => {
    // Row 0: label 2 scores 0.3, second → top 2 not top 1. Row 1: label 0 is first. Row 2: label 1
    // (0.4) ties class 2 below 0.5 → top 2 (in_top_k counts ties). Row 3: label 1 scores lowest → top 3.
    const p = f64([[0.1, 0.6, 0.3], [0.7, 0.2, 0.1], [0.5, 0.4, 0.4], [0.5, 0.1, 0.4]]);
    const labels = [2, 0, 1, 1];
    const oneHot = f64(labels.map((c) => [0, 1, 2].map((j) => (j === c ? 1 : 0))));
    for (const [k, expected] of [[1, 1 / 4], [2, 3 / 4], [3, 1]] as const) {
      expect(new SparseTopKCategoricalAccuracy({ k }).compute(p, f64(labels))).toBeCloseTo(expected, 12);
      expect(new SparseTopKCategoricalAccuracy({ k }).compute(p, f64(labels))).toBe(new TopKCategoricalAccuracy({ k }).compute(p, oneHot));
    }
  });

  it('takes [N, 1] labels and [N, T, C] scores; out-of-range labels and NaN scores miss', () => {
    expect(new SparseTopKCategoricalAccuracy({ k: 1 }).compute(yPred, f64([[2], [1]]))).toBe(0.5);
    // [1, 2, 3] scores with labels [[1, 0]]: class 1 is first in row 0, class 0 last in row 1 → 1/2 at k = 1.
    const seq = tensor([0.1, 0.8, 0.1, 0.1, 0.2, 0.7], [1, 2, 3], 'float64');
    expect(new SparseTopKCategoricalAccuracy({ k: 1 }).compute(seq, f64([[1, 0]]))).toBe(0.5);
    expect(new SparseTopKCategoricalAccuracy({ k: 3 }).compute(yPred, f64([3, -1]))).toBe(0);
    expect(new SparseTopKCategoricalAccuracy({ k: 3 }).compute(f64([[NaN, 1, 2]]), f64([0]))).toBe(0);
  });

  it('streams over batches, resets, and resolves by name', () => {
    const m = metrics.create('sparse_top_k_categorical_accuracy') as SparseTopKCategoricalAccuracy;
    expect(isStreamingMetric(m)).toBe(true);
    expect(m.k).toBe(5);
    const k1 = new SparseTopKCategoricalAccuracy({ k: 1 });
    k1.update(yPred, yTrue);
    k1.update(f64([[0, 1, 0]]), f64([1]));
    expect(k1.result()).toBeCloseTo(2 / 3, 12);
    k1.reset();
    expect(k1.result()).toBe(0);
    expect(resolveMetric('sparseTopKCategoricalAccuracy', 'SparseCategoricalCrossentropy', [2], [2, 3]).compute(yPred, yTrue)).toBe(1);
  });

  it('rejects a bad k, mismatched shapes and an empty batch', () => {
    expect(() => new SparseTopKCategoricalAccuracy({ k: 0 })).toThrow(new ConfigError('SparseTopKCategoricalAccuracy: k must be a positive integer, got 0'));
    expect(() => new SparseTopKCategoricalAccuracy({ k: 2.5 })).toThrow(ConfigError);
    expect(() => new SparseTopKCategoricalAccuracy().compute(yPred, f64([2, 1, 0]))).toThrow(
      'sparseTopKCategoricalAccuracy: yPred must be [N, C] and yTrue [N] or [N, 1]: expected [2] or [2, 1] for yPred [2, 3], got [3]',
    );
    expect(() => new SparseTopKCategoricalAccuracy().compute(f64([0.1, 0.9]), f64([1]))).toThrow(ShapeError);
    expect(() => new SparseTopKCategoricalAccuracy().compute(tensor([], [0, 3]), tensor([], [0]))).toThrow(DataError);
  });
});
