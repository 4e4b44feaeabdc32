/**
 * AUC's multiLabel and labelWeights at the values of keras/src/metrics/confusion_metrics_test.py
 * MultiAUCTest (test names quoted beside each number; Keras's `thresholds` and `from_logits`
 * options are not implemented, so test_manual_thresholds and the _from_logits tests are left out).
 * Keras calls `auc(y_true, y_pred, sample_weight)`; layerwise's `compute` takes `(yPred, yTrue, sampleWeight)`.
 */
import { ConfigError, ShapeError } from '../../../lib/errors';
import { tensor, type Tensor } from '../../../lib/tensor';
import { AUC } from '../../../lib/metrics';
import { Dense, Sequential } from '../../../lib';

const f64 = (values: number[][] | number[]): Tensor => tensor(values, undefined, 'float64');
/** Keras's assertAllClose(result, expected, atol). */
const close = (actual: number, expected: number, atol: number): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(atol);

describe('AUC multiLabel and labelWeights (confusion_metrics_test.py MultiAUCTest)', () => {
  // setUp: y_pred = [[0, 0.5, 0.3, 0.9], [0.1, 0.2, 0.3, 0.4]].T, two labels; 5 thresholds
  // (−ε, 0.25, 0.5, 0.75, 1 + ε).
  const yPred = f64([[0, 0.1], [0.5, 0.2], [0.3, 0.3], [0.9, 0.4]]);
  const yTrueGood = f64([[0, 0], [0, 0], [1, 1], [1, 1]]);
  const yTrueBad = f64([[0, 1], [0, 1], [1, 0], [1, 0]]);
  const sampleWeight = f64([1, 2, 3, 4]);
  const auc5 = (options: ConstructorParameters<typeof AUC>[0] = {}): AUC => new AUC({ numThresholds: 5, ...options });

  it('test_unweighted_all_correct and test_unweighted_all_correct_flat: 1', () => {
    expect(new AUC({ multiLabel: true }).compute(yTrueGood, yTrueGood)).toBe(1);
    expect(new AUC({ multiLabel: false }).compute(yTrueGood, yTrueGood)).toBe(1);
  });

  it('test_unweighted: (0.875 + 1.0) / 2; exactly, 3/4 and 1 per label give the same', () => {
    close(auc5({ multiLabel: true }).compute(yPred, yTrueGood), (0.875 + 1.0) / 2.0, 1e-3);
    // Label 0: negatives 0, 0.5; positives 0.3, 0.9 → 3 of 4 pairs ordered. Label 1: 4 of 4.
    expect(new AUC({ numThresholds: 'exact', multiLabel: true }).compute(yPred, yTrueGood)).toBeCloseTo(0.875, 12);
  });

  it('test_unweighted_flat: 1 - 3/32; test_sample_weight_flat: 1 - 0.3333·(1 - 0.2857)/2; test_full_sample_weight_flat', () => {
    close(auc5().compute(yPred, yTrueGood), 1.0 - 3.0 / 32.0, 1e-3);
    // By hand: ROC points (1, 1), (1/3, 1), (0, 2/7), (0, 2/7), (0, 0) → 2/3 + (1/3)(9/7)/2 = 37/42.
    close(auc5().compute(yPred, yTrueGood, sampleWeight), 1.0 - (0.3333 * (1.0 - 0.2857)) / 2.0, 1e-3);
    expect(auc5().compute(yPred, yTrueGood, sampleWeight)).toBeCloseTo(37 / 42, 12);
    const full = f64([[0, 1], [2, 3], [4, 5], [6, 7]]); // np.arange(4 * 2).reshape(4, 2)
    close(auc5().compute(yPred, yTrueGood, full), 1.0 - (0.3333 * (1.0 - 0.2727)) / 2.0, 1e-3);
  });

  it('test_label_weights: (0.875·0.75 + 1.0·0.25) / (0.75 + 0.25); test_label_weights_flat: 1 - (1 - 0.375)·0.375/2', () => {
    close(auc5({ multiLabel: true, labelWeights: [0.75, 0.25] }).compute(yPred, yTrueGood), (0.875 * 0.75 + 1.0 * 0.25) / (0.75 + 0.25), 1e-3);
    close(auc5({ labelWeights: [0.75, 0.25] }).compute(yPred, yTrueGood), 1.0 - ((1.0 - 0.375) * 0.375) / 2.0, 1e-2);
    // All-zero label weights: divide_no_nan gives 0.
    expect(auc5({ multiLabel: true, labelWeights: [0, 0] }).compute(yPred, yTrueGood)).toBe(0);
  });

  it('test_weighted_roc_interpolation: within 1e-1 of 1 - 0.5·0.43·0.67; by hand (6/7 + 1)/2', () => {
    const result = auc5({ multiLabel: true }).compute(yPred, yTrueGood, sampleWeight);
    close(result, 1.0 - 0.5 * 0.43 * 0.67, 1e-1);
    // Keras's expected value is label 0's area alone: TPR (1, 1, 4/7, 4/7, 0), FPR (1, 2/3, 0, 0, 0)
    // → 1/3 + (2/3)(11/7)/2 = 6/7; label 1 is ranked perfectly (area 1). The mean is 13/14.
    expect(result).toBeCloseTo(13 / 14, 12);
  });

  it('test_pr_interpolation_unweighted: good (0.91667 + 1.0)/2, bad (0.91667 + 0.5)/2; test_pr_interpolation (0.939 + 1.0)/2', () => {
    // Keras calls one metric object twice there, so its "bad" value holds the good batch too.
    const auc = auc5({ curve: 'PR', multiLabel: true });
    auc.update(yPred, yTrueGood);
    close(auc.result(), (0.91667 + 1.0) / 2.0, 1e-1);
    auc.update(yPred, yTrueBad);
    close(auc.result(), (0.91667 + 0.5) / 2.0, 1e-1);
    close(auc5({ curve: 'PR', multiLabel: true }).compute(yPred, yTrueGood, sampleWeight), (0.939 + 1.0) / 2.0, 1e-1);
    // The bad batch's label 1 alone, by hand: scores 0.1, 0.2 positive and 0.3, 0.4 negative give
    // TP (2, 0, 0, 0, 0), FP (2, 2, 0, 0, 0); the one nonzero piece is slope 1, intercept −2,
    // P ratio 4/2: (2 − 2·ln 2)/2 = 1 − ln 2.
    expect(auc5({ curve: 'PR' }).compute(yPred.pick(null, 1), yTrueBad.pick(null, 1))).toBeCloseTo(1 - Math.log(2), 12);
  });

  it('test_reset_state: streams per label, resets to 0 and keeps the number of labels', () => {
    const auc = auc5({ multiLabel: true });
    expect(auc.result()).toBe(0);
    auc.update(yPred.hi(2), yTrueGood.hi(2));
    auc.update(yPred.lo(2), yTrueGood.lo(2));
    close(auc.result(), (0.875 + 1.0) / 2.0, 1e-12);
    auc.reset();
    expect(auc.result()).toBe(0);
    expect(() => auc.update(f64([[0.5, 0.5, 0.5]]), f64([[1, 0, 1]]))).toThrow(
      'auc: yPred must keep the labels of the first batch: expected [?, 2], got [1, 3]',
    );
  });

  it('test_keras_model_compiles: a multi-label AUC in compile and fit', async () => {
    const model = new Sequential([new Dense({ units: 2, activation: 'sigmoid', inputShape: [2] })]);
    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: [new AUC({ multiLabel: true, name: 'auc_ml' })] });
    const history = await model.fit(yPred, yTrueGood, { epochs: 2, batchSize: 2, verbose: 0 });
    expect(history.history.auc_ml).toHaveLength(2);
  });

  it('rejects bad options, a multi-label yPred not of rank 2 and label weights of the wrong length', () => {
    expect(() => new AUC({ multiLabel: 'yes' as never })).toThrow(new ConfigError('AUC: multiLabel must be a boolean, got yes'));
    expect(() => new AUC({ labelWeights: [1, -1] })).toThrow(/AUC: labelWeights must be a non-empty array of finite numbers >= 0 or null/);
    expect(() => new AUC({ labelWeights: [] })).toThrow(ConfigError);
    expect(() => new AUC({ multiLabel: true }).compute(f64([0.1, 0.9]), f64([0, 1]))).toThrow(
      'auc: yPred must be [N, L] with multiLabel: expected rank 2, got [2]',
    );
    expect(() => new AUC({ labelWeights: [1, 2, 3] }).compute(yPred, yTrueGood)).toThrow(ShapeError);
    expect(() => new AUC({ labelWeights: [1, 2, 3] }).compute(yPred, yTrueGood)).toThrow(
      'auc: labelWeights must have one weight per label: expected 3 labels, got yPred [4, 2]',
    );
  });
});
