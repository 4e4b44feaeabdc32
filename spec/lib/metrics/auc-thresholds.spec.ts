/**
 * AUC's explicit `thresholds`, `numLabels` and `fromLogits`, and SparseTopKCategoricalAccuracy's
 * `fromSortedIds`, at the values of Keras 3's own tests (keras/src/metrics/confusion_metrics_test.py
 * and accuracy_metrics_test.py, named beside each case).
 */
import { AUC, SparseTopKCategoricalAccuracy, metrics } from '../../../lib/metrics';
import { ConfigError, ShapeError } from '../../../lib/errors';
import { tensor, type Tensor } from '../../../lib/tensor';

const col = (values: number[]): Tensor => tensor(values.map((v) => [v]), undefined, 'float64');
// Keras's y_pred_logits = −log(1/(y_pred + 1e-12) − 1), the sum rounded to float32 as there
// (0.5 + 1e-12 is 0.5: logit 0, σ = 0.5, not above the threshold 0.5).
const logit = (p: number): number => -Math.log(1 / Math.fround(p + 1e-12) - 1);

// AUCTest.setUp: y_pred [0, 0.5, 0.3, 0.9], y_true [0, 0, 1, 1].
const yPred = [0, 0.5, 0.3, 0.9];
const yTrue = col([0, 0, 1, 1]);
// MultiAUCTest.setUp: two labels, columns [0, 0.5, 0.3, 0.9] and [0.1, 0.2, 0.3, 0.4].
const multiPred = tensor([[0, 0.1], [0.5, 0.2], [0.3, 0.3], [0.9, 0.4]], undefined, 'float64');
const multiGood = tensor([[0, 0], [0, 0], [1, 1], [1, 1]], undefined, 'float64');

describe('AUC thresholds', () => {
  it('AUCTest.test_manual_thresholds: thresholds [0.5] replace numThresholds (3 thresholds, 0.75)', () => {
    const auc = new AUC({ numThresholds: 2, thresholds: [0.5] });
    expect(auc.numThresholds).toBe(3);
    expect(auc.thresholds).toEqual([-1e-7, 0.5, 1 + 1e-7]);
    // tp = [2, 1, 0], fp = [2, 0, 0]: heights [0.75, 0.25] over widths [1, 0].
    expect(auc.compute(col(yPred), yTrue)).toBeCloseTo(0.75, 12);
  });

  it('MultiAUCTest.test_manual_thresholds: per-label areas [0.75, 0.5] averaged', () => {
    const auc = new AUC({ numThresholds: 2, thresholds: [0.5], multiLabel: true });
    expect(auc.compute(multiPred, multiGood)).toBeCloseTo((0.75 + 0.5) / 2, 12);
  });

  it('AUCTest.test_config_manual_thresholds: sorted, 4 thresholds, the config round-trips with the inner ones only', () => {
    const auc = new AUC({ curve: 'PR', summationMethod: 'majoring', name: 'auc_1', thresholds: [0.5, 0.3] });
    expect(auc.numThresholds).toBe(4);
    expect(auc.thresholds).toEqual([-1e-7, 0.3, 0.5, 1 + 1e-7]);
    const config = auc.getConfig();
    expect(config.thresholds).toEqual([0.3, 0.5]);
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
    const copy = new AUC(config);
    expect(copy.getConfig()).toEqual(config);
    expect(copy.thresholds).toEqual(auc.thresholds);
    expect(copy.compute(col(yPred), yTrue)).toBe(auc.compute(col(yPred), yTrue));
    // Without explicit thresholds the config has none (AUCTest.test_config: assertNotIn("thresholds")).
    expect(new AUC({ numThresholds: 100 }).getConfig()).not.toHaveProperty('thresholds');
  });

  it('refuses thresholds outside [0, 1], an empty list, and thresholds with exact', () => {
    expect(() => new AUC({ thresholds: [1.5] })).toThrow(new ConfigError('AUC: thresholds must be a non-empty array of numbers in [0, 1] or null, got an array'));
    expect(() => new AUC({ thresholds: [] })).toThrow(ConfigError);
    expect(() => new AUC({ thresholds: [0.5], numThresholds: 'exact' })).toThrow("AUC: thresholds and numThresholds 'exact' exclude each other");
  });
});

describe('AUC fromLogits', () => {
  it('AUCTest.test_unweighted_from_logits: the logits of AUCTest\'s scores give its 0.75', () => {
    const auc = new AUC({ numThresholds: 3, fromLogits: true });
    expect(auc.compute(col(yPred.map(logit)), yTrue)).toBeCloseTo(0.75, 12);
    expect(new AUC({ numThresholds: 3 }).compute(col(yPred), yTrue)).toBeCloseTo(0.75, 12);
  });

  it('MultiAUCTest.test_unweighted_from_logits (0.9375) and test_unweighted_flat_from_logits (1 − 3/32)', () => {
    const logits = tensor([[0, 0.1], [0.5, 0.2], [0.3, 0.3], [0.9, 0.4]].map((r) => r.map(logit)), undefined, 'float64');
    expect(new AUC({ numThresholds: 5, multiLabel: true, fromLogits: true }).compute(logits, multiGood)).toBeCloseTo((0.875 + 1) / 2, 12);
    expect(new AUC({ numThresholds: 5, fromLogits: true }).compute(logits, multiGood)).toBeCloseTo(1 - 3 / 32, 12);
  });

  it('refuses a fromLogits that is not a boolean', () => {
    expect(() => new AUC({ fromLogits: 1 as never })).toThrow('AUC: fromLogits must be a boolean, got 1');
  });
});

describe('AUC numLabels', () => {
  it('AUCTest.test_config: numLabels 2 with multiLabel and fromLogits survive the config', () => {
    const auc = new AUC({ numThresholds: 100, curve: 'PR', summationMethod: 'majoring', name: 'auc_1', multiLabel: true, numLabels: 2, fromLogits: true });
    const config = auc.getConfig();
    expect(config).toEqual({
      numThresholds: 100, curve: 'PR', summationMethod: 'majoring', multiLabel: true, labelWeights: null, numLabels: 2, fromLogits: true, name: 'auc_1',
    });
    expect(new AUC(config).getConfig()).toEqual(config);
  });

  it('fixes the number of labels before any batch; without multiLabel it is refused as in Keras', () => {
    const auc = new AUC({ numThresholds: 5, multiLabel: true, numLabels: 2 });
    expect(auc.result()).toBe(0);
    auc.update(multiPred, multiGood);
    expect(auc.result()).toBeCloseTo((0.875 + 1) / 2, 12); // MultiAUCTest.test_unweighted
    const three = tensor([[0.1, 0.2, 0.3]], undefined, 'float64');
    const fresh = new AUC({ multiLabel: true, numLabels: 2 });
    expect(() => fresh.update(three, three)).toThrow(ShapeError);
    expect(() => fresh.update(three, three)).toThrow('auc: yPred must have numLabels labels: expected [?, 2], got [1, 3]');
    expect(() => new AUC({ numLabels: 2 })).toThrow(new ConfigError('AUC: numLabels is needed only when multiLabel is true. Received: numLabels=2'));
    expect(() => new AUC({ multiLabel: true, numLabels: 0 })).toThrow('AUC: numLabels must be a positive integer or null, got 0');
  });
});

describe('SparseTopKCategoricalAccuracy fromSortedIds', () => {
  // accuracy_metrics_test.py: y_true [2, 1], y_pred (sorted ids) [[1, 0, 3], [1, 2, 3]], k 1.
  const ids = tensor([[1, 0, 3], [1, 2, 3]], undefined, 'float64');
  const labels = tensor([2, 1], undefined, 'float64');

  it('test_from_sorted_ids_unweighted (0.5) and test_from_sorted_ids_weighted (0.3)', () => {
    const metric = new SparseTopKCategoricalAccuracy({ k: 1, fromSortedIds: true });
    expect(metric.compute(ids, labels)).toBeCloseTo(0.5, 12);
    metric.update(ids, labels, tensor([0.7, 0.3], undefined, 'float64'));
    expect(metric.result()).toBeCloseTo(0.3, 12);
    // k 2: sample 0's label 2 is not among [1, 0]; sample 1's is the second id.
    expect(new SparseTopKCategoricalAccuracy({ k: 2, fromSortedIds: true }).compute(ids, labels)).toBeCloseTo(0.5, 12);
    expect(new SparseTopKCategoricalAccuracy({ k: 3, fromSortedIds: true }).compute(ids, tensor([3, 3], undefined, 'float64'))).toBe(1);
  });

  it('test_config_from_sorted_ids: the option survives the config; default false', () => {
    const metric = new SparseTopKCategoricalAccuracy({ k: 1, fromSortedIds: true, name: 'sparse_top_k_categorical_accuracy' });
    expect(metric.getConfig()).toEqual({ k: 1, fromSortedIds: true, name: 'sparse_top_k_categorical_accuracy' });
    expect(new SparseTopKCategoricalAccuracy(metric.getConfig()).fromSortedIds).toBe(true);
    expect(new SparseTopKCategoricalAccuracy().fromSortedIds).toBe(false);
    expect(() => new SparseTopKCategoricalAccuracy({ fromSortedIds: 'yes' as never })).toThrow("SparseTopKCategoricalAccuracy: fromSortedIds must be a boolean, got yes");
  });

  it('the registry names still give the score form', () => {
    const m = metrics.create('sparse_top_k_categorical_accuracy') as SparseTopKCategoricalAccuracy;
    expect(m.fromSortedIds).toBe(false);
  });
});
