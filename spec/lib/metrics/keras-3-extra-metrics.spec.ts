/**
 * Keras 3's metrics beyond the classic set, at the values of keras/src/metrics/*_test.py (test
 * names quoted beside each number). Keras calls `metric(y_true, y_pred, sample_weight)`;
 * layerwise's `compute`/`update` take `(yPred, yTrue, sampleWeight)`. Keras's list of
 * `thresholds` is one metric per threshold here (a metric is one number).
 */
import { ConfigError, ShapeError } from '../../../lib/errors';
import { tensor, type Tensor } from '../../../lib/tensor';
import {
  BinaryAccuracy, BinaryIoU, F1Score, FalseNegatives, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU, FalsePositives, FBetaScore, MeanMetricWrapper, metrics, resolveMetric,
  TrueNegatives, TruePositives, binaryAccuracy, isStreamingMetric, PrecisionAtRecall, RecallAtPrecision,
  SensitivityAtSpecificity, SpecificityAtSensitivity, Precision, Recall, AUC, PearsonCorrelation, ConcordanceCorrelation,
} from '../../../lib/metrics';
import { MeanAbsolutePercentageError } from '../../../losses';
import { Dense, Sequential } from '../../../lib';

const f64 = (values: number[][] | number[]): Tensor => tensor(values, undefined, 'float64');
const close = (actual: number, expected: number, atol = 1e-5): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(atol + 1e-6 * Math.abs(expected));

describe('TruePositives, FalsePositives, TrueNegatives, FalseNegatives (confusion_metrics_test.py)', () => {
  // test_unweighted / test_weighted of each class.
  const yTrue = f64([[0, 1, 0, 1, 0], [0, 0, 1, 1, 1], [1, 1, 1, 1, 0], [0, 0, 0, 0, 1]]);
  const yPred = f64([[0, 0, 1, 1, 0], [1, 1, 1, 1, 1], [0, 1, 0, 1, 0], [1, 1, 1, 1, 1]]);
  const rowWeights = f64([1, 1.5, 2, 2.5]);
  it.each([
    ['FalsePositivesTest', FalsePositives, 7, 14], ['FalseNegativesTest', FalseNegatives, 3, 5],
    ['TrueNegativesTest', TrueNegatives, 3, 4], ['TruePositiveTest', TruePositives, 7, 12],
  ] as const)('%s test_unweighted: %p; test_weighted (row weights 1, 1.5, 2, 2.5): %p', (_test, Cls, unweighted, weighted) => {
    const metric = new Cls();
    metric.update(yPred, yTrue);
    expect(metric.result()).toBe(unweighted);
    expect(new Cls().compute(yPred, yTrue, rowWeights)).toBe(weighted);
  });

  // test_unweighted_with_thresholds / test_weighted_with_thresholds, thresholds [0.15, 0.5, 0.85].
  const tPred = f64([[0.9, 0.2, 0.8, 0.1], [0.2, 0.9, 0.7, 0.6], [0.1, 0.2, 0.4, 0.3], [0, 1, 0.7, 0.3]]);
  const tTrue = f64([[0, 1, 1, 0], [1, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1]]);
  const broadcast = (row: number[]): Tensor => f64([row, row, row, row]);
  it.each([
    ['FalsePositives', FalsePositives, [7, 4, 2], f64([[1, 2, 3, 5], [7, 11, 13, 17], [19, 23, 29, 31], [5, 15, 10, 0]]), [125, 42, 12]],
    ['FalseNegatives', FalseNegatives, [1, 4, 6], tensor([3, 5, 7, 4], [4, 1], 'float64'), [4, 16, 23]],
    // sample_weight ((0, 2, 3, 5),) broadcasts over the rows; here it is given per element.
    ['TrueNegatives', TrueNegatives, [2, 5, 7], broadcast([0, 2, 3, 5]), [5, 15, 23]],
    ['TruePositives', TruePositives, [6, 3, 1], f64([37, 37, 37, 37]), [222, 111, 37]],
  ] as const)('%s with thresholds 0.15, 0.5, 0.85: %p unweighted, %p weighted', (_name, Cls, unweighted, weights, weighted) => {
    [0.15, 0.5, 0.85].forEach((threshold, k) => {
      expect(new Cls({ threshold }).compute(tPred, tTrue)).toBe(unweighted[k]);
      expect(new Cls({ threshold }).compute(tPred, tTrue, weights)).toBeCloseTo(weighted[k], 10);
    });
  });

  it('streams over batches, resets, resolves by name and rejects a bad weight shape', () => {
    const tp = new TruePositives({ name: 'tp' });
    tp.update(f64([[0.9], [0.1]]), f64([[1], [1]]));
    tp.update(f64([[0.8]]), f64([[1]]));
    expect(tp.result()).toBe(2);
    tp.reset();
    expect(tp.result()).toBe(0);
    for (const name of ['true_positives', 'falsePositives', 'TrueNegatives', 'false_negatives']) {
      expect(isStreamingMetric(metrics.create(name))).toBe(true);
    }
    expect(() => tp.compute(f64([[0.9, 0.1]]), f64([[1, 0]]), f64([1, 2, 3]))).toThrow(ShapeError);
  });
});

describe('FBetaScore (f_score_metrics_test.py)', () => {
  // test_fbeta_random_score: threshold 0.66.
  const p1 = f64([[0.7, 0.7, 0.7], [1, 0, 0], [0.9, 0.8, 0]]), t1 = f64([[0, 0, 1], [1, 1, 0], [1, 1, 1]]);
  it.each([
    ['micro', 0.5, 0.6666667], ['micro', 1, 0.6666667], ['micro', 2, 0.6666667],
    ['macro', 0.5, 0.6825397], ['macro', 1, 0.6555555], ['macro', 2, 0.6548822],
    ['weighted', 0.5, 0.6825397], ['weighted', 1, 0.6555555], ['weighted', 2, 0.6548822],
  ] as const)('test_fbeta_random_score: average %s, beta %p → %p', (average, beta, expected) => {
    close(new FBetaScore({ average, beta, threshold: 0.66 }).compute(p1, t1), expected);
  });

  // test_fbeta_random_score_none and test_fbeta_weighted_random_score_none: threshold None (row argmax).
  const t2 = f64([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0], [1, 0, 0], [0, 0, 1]]);
  const p2 = f64([[0.9, 0.1, 0], [0.2, 0.6, 0.2], [0, 0, 1], [0.4, 0.3, 0.3], [0, 0.9, 0.1], [0, 0, 1]]);
  it.each([
    ['micro', 0.5, 0.833334], ['micro', 2, 0.833334], ['macro', 0.5, 0.821549], ['macro', 1, 0.822222], ['macro', 2, 0.849206],
    ['weighted', 0.5, 0.880471], ['weighted', 1, 0.844445], ['weighted', 2, 0.829365],
  ] as const)('test_fbeta_random_score_none: average %s, beta %p → %p', (average, beta, expected) => {
    close(new FBetaScore({ average, beta, threshold: null }).compute(p2, t2), expected);
  });
  it.each([
    ['micro', 0.5, [0.5, 1, 1, 1, 0.5, 1], 0.9], ['macro', 0.5, [1, 0, 1, 1, 0, 1], 0.666667], ['macro', 2, [0.5, 1, 1, 1, 0.5, 1], 0.899522],
    ['weighted', 0.5, [0.5, 1, 1, 1, 0.5, 1], 0.917857], ['weighted', 1, [0.5, 1, 1, 1, 0.5, 1], 0.902857], ['weighted', 2, [0.5, 1, 1, 1, 0.5, 1], 0.897608],
  ] as const)('test_fbeta_weighted_random_score_none: average %s, beta %p, weights %p → %p', (average, beta, weights, expected) => {
    const metric = new FBetaScore({ average, beta, threshold: null });
    metric.update(p2, t2, f64(weights.slice()));
    close(metric.result(), expected);
  });

  it('F1Score is FBetaScore with beta 1; beta must be positive', () => {
    expect(new F1Score({ average: 'macro', threshold: 0.66 }).compute(p1, t1)).toBe(new FBetaScore({ average: 'macro', beta: 1, threshold: 0.66 }).compute(p1, t1));
    expect(new F1Score().name).toBe('f1Score');
    expect(() => new FBetaScore({ beta: 0 })).toThrow(new ConfigError('FBetaScore: beta must be a finite number > 0, got 0'));
    expect(() => new FBetaScore({ average: 'none' as never })).toThrow(/FBetaScore: average must be 'micro', 'macro' or 'weighted'/);
    expect(metrics.create('fbeta_score')).toBeInstanceOf(FBetaScore);
  });
});

describe('BinaryAccuracy (accuracy_metrics_test.py BinaryAccuracyTest)', () => {
  it('test_threshold: 1.0 at threshold 0.3 and 0.75 at 0.9', () => {
    const t = f64([[1], [1], [0], [0]]), p = f64([[0.98], [0.5], [0.1], [0.2]]);
    expect(new BinaryAccuracy({ threshold: 0.3 }).compute(p, t)).toBe(1);
    expect(new BinaryAccuracy({ threshold: 0.9 }).compute(p, t)).toBe(0.75);
  });
  it('test_unweighted: 0.75; test_weighted (weights 1, 0, 0, 1): 0.5; binaryAccuracy is the default instance', () => {
    const t = f64([[1], [1], [0], [0]]), p = f64([[0.98], [1], [0], [0.6]]);
    expect(binaryAccuracy.compute(p, t)).toBe(0.75);
    expect(new BinaryAccuracy().compute(p, t, f64([1, 0, 0, 1]))).toBe(0.5);
    expect(binaryAccuracy.name).toBe('binaryAccuracy');
    expect(() => new BinaryAccuracy({ threshold: NaN })).toThrow(new ConfigError('BinaryAccuracy: threshold must be a finite number, got NaN'));
  });
});

describe("Keras's loss-valued metrics by name (regression, probabilistic and hinge metrics tests)", () => {
  const value = (name: string, yPred: Tensor, yTrue: Tensor, w?: Tensor): number => {
    const metric = metrics.create(name) as MeanMetricWrapper;
    return metric.compute(yPred, yTrue, w);
  };
  const bt = f64([[0, 1, 0, 1, 0], [0, 0, 1, 1, 1], [1, 1, 1, 1, 0], [0, 0, 0, 0, 1]]);
  const bp = f64([[0, 0, 1, 1, 0], [1, 1, 1, 1, 1], [0, 1, 0, 1, 0], [1, 1, 1, 1, 1]]);
  const w4 = f64([1, 1.5, 2, 2.5]);
  const yt = f64([[1, 9, 2], [-5, -2, 6]]), yp = f64([[4, 8, 12], [8, 1, 3]]);

  it('MeanAbsolutePercentageErrorTest: 35e7 unweighted, 40e7 weighted', () => {
    expect(Math.abs(value('mape', bp, bt) - 35e7) / 35e7).toBeLessThan(1e-6);
    expect(Math.abs(value('mean_absolute_percentage_error', bp, bt, w4) - 40e7) / 40e7).toBeLessThan(1e-6);
  });
  it('MeanSquaredLogarithmicErrorTest: 0.24022 unweighted, 0.26082 weighted', () => {
    close(value('msle', bp, bt), 0.24022);
    close(value('mean_squared_logarithmic_error', bp, bt, w4), 0.26082);
  });
  it('CosineSimilarityTest test_unweighted and test_weighted: the mean (weighted) cosine of the rows', () => {
    const cos = [0, 1].map((i) => {
      const a = [0, 1, 2].map((j) => yt.get(i, j)), b = [0, 1, 2].map((j) => yp.get(i, j));
      const dot = a.reduce((s, v, j) => s + v * b[j], 0);
      return dot / (Math.hypot(...a) * Math.hypot(...b));
    });
    close(value('cosine_similarity', yp, yt), (cos[0] + cos[1]) / 2, 5e-4);
    close(value('cosineSimilarity', yp, yt, f64([1.2, 3.4])), (1.2 * cos[0] + 3.4 * cos[1]) / 4.6, 5e-4);
  });
  it('LogCoshErrorTest test_unweighted and test_weighted', () => {
    const e = [3, -1, 10, 13, 3, -3].map((d) => Math.log((Math.exp(d) + Math.exp(-d)) / 2));
    close(value('logcosh', yp, yt), e.reduce((a, b) => a + b) / 6, 1e-3);
    close(value('log_cosh_error', yp, yt, f64([1.2, 3.4])), (1.2 * (e[0] + e[1] + e[2]) + 3.4 * (e[3] + e[4] + e[5])) / (3 * 4.6), 1e-3);
  });
  it('PoissonTest and KLDivergenceTest, unweighted and weighted', () => {
    const pp = f64([[1, 9, 2], [5, 2, 6]]), pt = f64([[4, 8, 12], [8, 1, 3]]);
    const pe = [1, 9, 2, 5, 2, 6].map((p, i) => p - [4, 8, 12, 8, 1, 3][i] * Math.log(p));
    close(value('poisson', pp, pt), pe.reduce((a, b) => a + b) / 6, 1e-3);
    close(value('poisson', pp, pt, f64([1.2, 3.4])), (1.2 * (pe[0] + pe[1] + pe[2]) + 3.4 * (pe[3] + pe[4] + pe[5])) / (3 * 4.6), 1e-3);
    const kp = f64([[0.4, 0.9, 0.12], [0.36, 0.3, 0.4]]), kt = f64([[0.5, 0.8, 0.12], [0.7, 0.43, 0.8]]);
    const ke = [0.5, 0.8, 0.12, 0.7, 0.43, 0.8].map((t, i) => t * Math.log(t / [0.4, 0.9, 0.12, 0.36, 0.3, 0.4][i]));
    close(value('kld', kp, kt), ke.reduce((a, b) => a + b) / 2, 1e-3);
    close(value('kl_divergence', kp, kt, f64([1.2, 3.4])), (1.2 * (ke[0] + ke[1] + ke[2]) + 3.4 * (ke[3] + ke[4] + ke[5])) / 4.6, 1e-3);
  });
  it('HingeTest 0.506 / 0.493 and SquaredHingeTest 0.364 / 0.347', () => {
    const hp = f64([[-0.3, 0.2, -0.1, 1.6], [-0.25, -1, 0.5, 0.6]]);
    const zeroOne = f64([[0, 1, 0, 1], [0, 0, 1, 1]]), signs = f64([[-1, 1, -1, 1], [-1, -1, 1, 1]]);
    close(value('hinge', hp, zeroOne), 0.506, 1e-3);
    close(value('hinge', hp, signs, f64([1.5, 2])), 0.493, 1e-3);
    close(value('squared_hinge', hp, zeroOne), 0.364, 1e-3);
    close(value('squaredHinge', hp, signs, f64([1.5, 2])), 0.347, 1e-3);
  });
  it('BinaryCrossentropyTest 3.9855 (float32 clipping; see below), CategoricalCrossentropyTest 1.176 / 1.338, SparseCategoricalCrossentropyTest 1.176', () => {
    // Keras's 3.9855 = −log(1 − fround(1 − 1e-7))/4: its clip bound 1 − ε is a float32; layerwise's is a double.
    const bceT = f64([[1, 0], [1, 0]]), bceP = f64([[1, 1], [1, 0]]);
    const saturated = (bound: number): number => -Math.log(1 - bound) - Math.log(bound);
    expect(saturated(Math.fround(1 - 1e-7)) / 4 + -Math.log(Math.fround(1 - 1e-7)) / 2).toBeCloseTo(3.9855, 3);
    close(value('binary_crossentropy', bceP, bceT), saturated(1 - 1e-7) / 4 - Math.log(1 - 1e-7) / 2, 1e-9);
    close(value('binaryCrossentropy', bceP, bceT, f64([1.5, 2])), (1.5 * saturated(1 - 1e-7) / 2 - 2 * Math.log(1 - 1e-7)) / 3.5, 1e-9);
    const ceT = f64([[0, 1, 0], [0, 0, 1]]), ceP = f64([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]);
    close(value('categorical_crossentropy', ceP, ceT), 1.176, 1e-3);
    close(value('categoricalCrossentropy', ceP, ceT, f64([1.5, 2])), 1.338, 1e-3);
    close(value('sparse_categorical_crossentropy', ceP, f64([1, 2])), 1.176, 1e-3);
  });

  it('MeanMetricWrapper wraps any loss, and a loss-valued metric is reported by fit under its name', async () => {
    const mape = new MeanMetricWrapper({ loss: new MeanAbsolutePercentageError(), name: 'mape' });
    close(mape.compute(f64([[90, 210, 310]]), f64([[100, 200, 300]])), 6.111111);
    expect(() => new MeanMetricWrapper({ loss: {} as never, name: 'x' })).toThrow(new ConfigError('MeanMetricWrapper: loss must be a Loss instance'));
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['msle', 'logcosh', 'true_positives', new FBetaScore({ beta: 2, name: 'f2' })] });
    const history = await model.fit(f64([[0, 1], [1, 0], [1, 1]]), f64([[1], [0.5], [2]]), { epochs: 2, batchSize: 2, verbose: 0 });
    for (const key of ['msle', 'logcosh', 'true_positives', 'f2']) expect(history.history[key]).toHaveLength(2);
    expect(resolveMetric('mape', 'MeanSquaredError', [3, 1], [3, 1]).name).toBe('mape');
  });
});

describe('IoU, MeanIoU, BinaryIoU, OneHotIoU, OneHotMeanIoU (iou_metrics_test.py)', () => {
  const yPred = f64([0, 1, 0, 1]), yTrue = f64([0, 0, 1, 1]), w = f64([0.2, 0.3, 0.4, 0.1]);
  it('IoUTest test_unweighted: 1/3; test_weighted: (0.1/0.8 + 0.2/0.9)/2; test_multi_dim_input', () => {
    close(new IoU({ numClasses: 2, targetClassIds: [0, 1] }).compute(yPred, yTrue), (1 / 3 + 1 / 3) / 2, 1e-3);
    close(new IoU({ numClasses: 2, targetClassIds: [1, 0] }).compute(yPred, yTrue, w), (0.1 / (0.4 + 0.5 - 0.1) + 0.2 / (0.6 + 0.5 - 0.2)) / 2, 1e-3);
    close(new IoU({ numClasses: 2, targetClassIds: [0, 1] }).compute(f64([[0, 1], [0, 1]]), f64([[0, 0], [1, 1]]), f64([[0.2, 0.3], [0.4, 0.1]])), (0.2 / 0.9 + 0.1 / 0.8) / 2, 1e-3);
  });
  it('IoUTest test_zero_valid_entries: 0; test_zero_and_non_zero_entries: 1; out-of-range and negative ids ignored; absent classes count 0', () => {
    expect(new IoU({ numClasses: 2, targetClassIds: [0, 1] }).result()).toBe(0);
    close(new IoU({ numClasses: 2, targetClassIds: [0, 1] }).compute(f64([1]), f64([1])), 1, 1e-3);
    for (const [t, p] of [[[0, 2], [0, 1]], [[0, 1], [0, 2]], [[-1, 0], [0, 0]], [[0, 1], [-1, 1]]]) {
      const m = new IoU({ numClasses: 2, targetClassIds: [0, 1] });
      m.update(f64(p), f64(t));
      close(m.result(), 1, 1e-3);
    }
    close(new IoU({ numClasses: 4, targetClassIds: [0, 1, 2, 3] }).compute(yPred, yTrue), 1 / 3, 1e-3);
  });
  it('MeanIoUTest test_unweighted, test_unweighted_ignore_class_255 and _1, test_weighted, test_weighted_ignore_class_1', () => {
    close(new MeanIoU({ numClasses: 2 }).compute(yPred, yTrue), 1 / 3, 1e-3);
    const ignored = (1 / (1 + 1 - 1) + 1 / (2 + 1 - 1) + 0) / 3;
    close(new MeanIoU({ numClasses: 3, ignoreClass: 255 }).compute(f64([0, 1, 1, 1]), f64([0, 1, 2, 255])), ignored, 1e-3);
    close(new MeanIoU({ numClasses: 3, ignoreClass: -1 }).compute(f64([0, 1, 1, 1]), f64([0, 1, 2, -1])), ignored, 1e-3);
    close(new MeanIoU({ numClasses: 2 }).compute(yPred, yTrue, w), (0.2 / 0.9 + 0.1 / 0.8) / 2, 1e-3);
    close(new MeanIoU({ numClasses: 2, ignoreClass: -1 }).compute(yPred, f64([0, 0, 1, -1]), w), (0.2 / 0.9 + 0) / 2, 1e-3);
  });
  it('BinaryIoUTest test_different_thresholds_unweighted and _weighted', () => {
    const t = f64([0, 1, 0, 1]), p = f64([0.1, 0.2, 0.4, 0.7]);
    close(new BinaryIoU({ threshold: 0.3 }).compute(p, t), 1 / 3, 1e-3);
    close(new BinaryIoU({ threshold: 0.5 }).compute(p, t), (2 / 3 + 1 / 2) / 2, 1e-3);
    close(new BinaryIoU({ threshold: 0.3 }).compute(p, t, w), (0.2 / 0.9 + 0.1 / 0.8) / 2, 1e-3);
    close(new BinaryIoU({ threshold: 0.5 }).compute(p, t, f64([0.1, 0.2, 0.4, 0.3])), (0.5 / 0.7 + 0.3 / 0.5) / 2, 1e-3);
    expect(new BinaryIoU().threshold).toBe(0.5);
  });
  it('OneHotIoUTest and OneHotMeanIoUTest, unweighted and weighted', () => {
    const t = f64([[0, 0, 1], [1, 0, 0], [0, 1, 0], [1, 0, 0]]);
    const p = f64([[0.2, 0.3, 0.5], [0.1, 0.2, 0.7], [0.5, 0.3, 0.1], [0.1, 0.4, 0.5]]);
    close(new OneHotIoU({ numClasses: 3, targetClassIds: [0, 2] }).compute(p, t), (0 + 1 / 3) / 2, 1e-3);
    close(new OneHotIoU({ numClasses: 3, targetClassIds: [0, 2] }).compute(p, t, f64([0.1, 0.2, 0.3, 0.4])), (0 + 0.1 / 0.7) / 2, 1e-3);
    close(new OneHotMeanIoU({ numClasses: 3 }).compute(p, t), (1 / 3) / 3, 1e-3);
    const t5 = f64([[0, 0, 1], [1, 0, 0], [0, 1, 0], [1, 0, 0], [1, 0, 0]]);
    const p5 = f64([[0.2, 0.3, 0.5], [0.1, 0.2, 0.7], [0.5, 0.3, 0.1], [0.1, 0.4, 0.5], [0.6, 0.2, 0.2]]);
    close(new OneHotMeanIoU({ numClasses: 3 }).compute(p5, t5, f64([0.1, 0.2, 0.3, 0.3, 0.1])), (0.1 / 0.9 + 0 + 0.1 / 0.6) / 3, 1e-3);
  });
  it('streams, resets, works in fit, and rejects bad options and mismatched entries', async () => {
    const m = new MeanIoU({ numClasses: 2, name: 'miou' });
    m.update(f64([0, 1]), f64([0, 0]));
    m.update(f64([0, 1]), f64([1, 1]));
    close(m.result(), 1 / 3, 1e-3);
    m.reset();
    expect(m.result()).toBe(0);
    expect(() => new IoU({ numClasses: 1, targetClassIds: [0] })).toThrow(new ConfigError('IoU: numClasses must be an integer in [2, 4096], got 1'));
    expect(() => new IoU({ numClasses: 2, targetClassIds: [2] })).toThrow(new ConfigError('IoU: targetClassIds must be a non-empty array of class ids in [0, 2), got [2]'));
    expect(() => new MeanIoU({ numClasses: 2 }).compute(f64([0, 1, 1]), f64([0, 1]))).toThrow(ShapeError);
    const model = new Sequential([new Dense({ units: 2, inputShape: [2], activation: 'softmax' })]);
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: [new OneHotMeanIoU({ numClasses: 2, name: 'miou' })] });
    const history = await model.fit(f64([[1, 1], [0, 1]]), f64([[1, 0], [0, 1]]), { epochs: 2, verbose: 0 });
    expect(history.history.miou).toHaveLength(2);
  });
});

describe('SensitivityAtSpecificity, SpecificityAtSensitivity, PrecisionAtRecall, RecallAtPrecision (confusion_metrics_test.py)', () => {
  const col = (values: number[]): Tensor => tensor(values, [values.length, 1], 'float64');
  const oneHot3 = (labels: number[]): Tensor => f64(labels.map((l) => [0, 1, 2].map((c) => (c === l ? 1 : 0))));
  const three = (values: number[]): Tensor => f64(values.map((v) => [v, v, v]));
  const lowPred = [0.0, 0.1, 0.2, 0.3, 0.4, 0.01, 0.02, 0.25, 0.26, 0.26];
  const labels = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
  const weights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('…_unweighted_all_correct: 1 for each of the four', () => {
    const x = col([0, 1, 1, 0, 1, 0, 0, 1]);
    expect(new SensitivityAtSpecificity(0.7).compute(x, x)).toBeCloseTo(1, 6);
    expect(new SpecificityAtSensitivity(0.7).compute(x, x)).toBeCloseTo(1, 6);
    expect(new PrecisionAtRecall(0.7).compute(x, x)).toBeCloseTo(1, 6);
    expect(new RecallAtPrecision(0.7).compute(x, x)).toBeCloseTo(1, 6);
  });
  it('SensitivityAtSpecificityTest: high 0.8, low 0.6, weighted 0.675', () => {
    expect(new SensitivityAtSpecificity(0.8).compute(col([0, 0.1, 0.2, 0.3, 0.4, 0.1, 0.45, 0.5, 0.8, 0.9]), col(labels))).toBeCloseTo(0.8, 6);
    expect(new SensitivityAtSpecificity(0.4).compute(col(lowPred), col(labels))).toBeCloseTo(0.6, 6);
    expect(new SensitivityAtSpecificity(0.4).compute(col(lowPred), col(labels), col(weights))).toBeCloseTo(0.675, 6);
  });
  it('SpecificityAtSensitivityTest: high (1.0) 0.2, low 0.6, class_id 2: 0.6, weighted 0.4', () => {
    expect(new SpecificityAtSensitivity(1).compute(col(lowPred), col(labels))).toBeCloseTo(0.2, 6);
    expect(new SpecificityAtSensitivity(0.4).compute(col(lowPred), col(labels))).toBeCloseTo(0.6, 6);
    expect(new SpecificityAtSensitivity(0.4, { classId: 2 }).compute(three(lowPred), oneHot3(labels.map((l) => 2 * l)))).toBeCloseTo(0.6, 6);
    expect(new SpecificityAtSensitivity(0.4).compute(col(lowPred), col(labels), col(weights))).toBeCloseTo(0.4, 6);
  });
  const prPred = [0.0, 0.1, 0.2, 0.5, 0.6, 0.2, 0.5, 0.6, 0.8, 0.9];
  it('PrecisionAtRecallTest: high 2/3, low 0.75, class_id 2: 0.75, weighted (recall 7/8) 0.7', () => {
    expect(new PrecisionAtRecall(0.8).compute(col(prPred), col(labels))).toBeCloseTo(2 / 3, 6);
    expect(new PrecisionAtRecall(0.6).compute(col(prPred), col(labels))).toBeCloseTo(0.75, 6);
    expect(new PrecisionAtRecall(0.6, { classId: 2 }).compute(three(prPred), oneHot3(labels.map((l) => 2 * l)))).toBeCloseTo(0.75, 6);
    expect(new PrecisionAtRecall(7 / 8).compute(col(prPred), col(labels), col([2, 1, 2, 1, 2, 1, 2, 2, 1, 2]))).toBeCloseTo(0.7, 6);
  });
  const rpPred = [0.05, 0.1, 0.2, 0.3, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.9, 0.95];
  const rpLabels = [0, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 1];
  it('RecallAtPrecisionTest: high (0.75) 0.5, low (2/3) 5/6, class_id 2: 5/6, unachievable 0, weighted 0.6', () => {
    expect(new RecallAtPrecision(0.75).compute(col(rpPred), col(rpLabels))).toBeCloseTo(0.5, 6);
    expect(new RecallAtPrecision(2 / 3).compute(col(rpPred), col(rpLabels))).toBeCloseTo(5 / 6, 6);
    expect(new RecallAtPrecision(2 / 3, { classId: 2 }).compute(three(rpPred), oneHot3(rpLabels.map((l) => 2 * l)))).toBeCloseTo(5 / 6, 6);
    expect(new RecallAtPrecision(2 / 3).compute(col([0.1, 0.2, 0.3, 0.9]), col([1, 1, 0, 0]))).toBe(0);
    expect(new RecallAtPrecision(0.75).compute(col([0.1, 0.2, 0.3, 0.5, 0.6, 0.9, 0.9]), col([0, 1, 0, 0, 0, 1, 1]), col([1, 2, 1, 2, 1, 2, 1]))).toBeCloseTo(0.6, 6);
  });
  it('streams over batches like one batch; rejects bad values, thresholds and classId', () => {
    const m = new SensitivityAtSpecificity(0.4, { name: 'sas' });
    m.update(col(lowPred.slice(0, 5)), col(labels.slice(0, 5)));
    m.update(col(lowPred.slice(5)), col(labels.slice(5)));
    expect(m.result()).toBeCloseTo(0.6, 6);
    expect(m.compute(col([0.9]), col([1]))).toBe(0); // no negatives: every specificity is 0 (divide_no_nan)
    expect(m.result()).toBeCloseTo(0.6, 6);
    expect(() => new SensitivityAtSpecificity(-1)).toThrow(new ConfigError('SensitivityAtSpecificity: specificity must be a number in [0, 1], got -1'));
    expect(() => new RecallAtPrecision(0.4, { numThresholds: -1 })).toThrow(new ConfigError(`RecallAtPrecision: numThresholds must be an integer in [1, ${2 ** 20}], got -1`));
    expect(() => new PrecisionAtRecall(0.4, { classId: 3 }).compute(three([0.1]), oneHot3([0]))).toThrow(ShapeError);
    expect(new PrecisionAtRecall(0.5, { numThresholds: 1 }).compute(col([0.7, 0.2]), col([1, 0]))).toBe(1);
  });
});

describe('Precision and Recall with topK, classId and threshold (PrecisionTest, RecallTest)', () => {
  const multiPred = f64([[0.1, 0.2, 0.7], [0.5, 0.3, 0.2], [0.2, 0.6, 0.2], [0.7, 0.2, 0.1], [0.1, 0.1, 0.8]]);
  const multiTrue = f64([[0, 0, 1], [1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1]]);
  it('test_unweighted_top_k: precision 1/3, recall 0.5', () => {
    expect(new Precision({ topK: 3 }).compute(f64([0.2, 0.1, 0.5, 0, 0.2]), f64([0, 1, 1, 0, 0]))).toBeCloseTo(1 / 3, 12);
    expect(new Recall({ topK: 3 }).compute(f64([0.2, 0.1, 0.5, 0, 0.2]), f64([0, 1, 1, 0, 0]))).toBeCloseTo(0.5, 12);
  });
  it('test_weighted_top_k: 13/17 and 13/23 over two weighted updates', () => {
    for (const [Cls, expected] of [[Precision, 13 / 17], [Recall, 13 / 23]] as const) {
      const m = new Cls({ topK: 3 });
      m.update(f64([[0.2, 0.1, 0.4, 0, 0.2]]), f64([[0, 1, 1, 0, 1]]), f64([[1, 4, 2, 3, 5]]));
      m.update(f64([0.2, 0.6, 0.4, 0.2, 0.2]), f64([1, 0, 1, 1, 1]), f64([3, 3, 3, 3, 3]));
      expect(m.result()).toBeCloseTo(expected, 12);
    }
  });
  it('test_unweighted_class_id_multiclass: 1 for class 1; test_unweighted_class_id_should_throw_error_1d', () => {
    expect(new Precision({ classId: 1 }).compute(multiPred, multiTrue)).toBe(1);
    expect(new Recall({ classId: 1 }).compute(multiPred, multiTrue)).toBe(1);
    expect(() => new Precision({ classId: 2 }).compute(f64([0.2, 0.1, 0.6, 0, 0.2]), f64([0, 1, 1, 0, 0]))).toThrow(new ShapeError('classId 2 needs yPred of shape [N, C] with C > 2, got [5]'));
  });
  it('test_unweighted_top_k_and_threshold: precision 1 (threshold 0.7, top 2), recall 0.25', () => {
    expect(new Precision({ threshold: 0.7, topK: 2 }).compute(f64([0.2, 0.8, 0.6, 0, 0.2]), f64([0, 1, 1, 0, 1]))).toBe(1);
    expect(new Recall({ threshold: 0.7, topK: 2 }).compute(f64([0.2, 0.8, 0.6, 0, 0.2]), f64([1, 1, 1, 0, 1]))).toBe(0.25);
  });
  it('rejects a bad topK or classId', () => {
    expect(() => new Precision({ topK: 0 })).toThrow(new ConfigError('Precision: topK must be an integer >= 1 or null, got 0'));
    expect(() => new Recall({ classId: -1 })).toThrow(new ConfigError('Recall: classId must be an integer >= 0 or null, got -1'));
  });
});

describe("AUC's curve, summationMethod and sampleWeight (AUCTest, 3 thresholds)", () => {
  const p = f64([0, 0.5, 0.3, 0.9]), t = f64([0, 0, 1, 1]), w = f64([1, 2, 3, 4]);
  // tp = [7, 4, 0], fp = [3, 0, 0], fn = [0, 3, 7], tn = [0, 3, 3] with these weights.
  it.each([
    ['test_unweighted (ROC)', {}, false, 0.75],
    ['test_weighted_roc_interpolation', {}, true, 0.7855],
    ['test_weighted_roc_majoring', { summationMethod: 'majoring' }, true, 1],
    ['test_weighted_roc_minoring', { summationMethod: 'minoring' }, true, 0.571],
    ['test_weighted_pr_majoring', { curve: 'PR', summationMethod: 'majoring' }, true, 0.429 + 0.571],
    ['test_weighted_pr_minoring', { curve: 'PR', summationMethod: 'minoring' }, true, 0.7 * 0.429],
    ['test_weighted_pr_interpolation', { curve: 'PR' }, true, 2.416 / 7 + 4 / 7],
  ] as const)('%s: %p', (_test, options, weighted, expected) => {
    const auc = new AUC({ numThresholds: 3, ...options });
    const result = auc.compute(p, t, weighted ? w : undefined);
    expect(Math.abs(result - expected)).toBeLessThanOrEqual(1e-3 * (1 + Math.abs(expected)));
  });
  it('test_weighted_pr_interpolation_negative_weights: 0; exact weighted ROC is the weighted pair statistic', () => {
    expect(new AUC({ numThresholds: 3, curve: 'PR' }).compute(p, t, f64([-1, -2, -3, -4]))).toBe(0);
    // Positive weights 3 (score 0.3), 4 (0.9); negatives 1 (0), 2 (0.5): ordered pairs 3·1 + 4·1 + 4·2 = 15 of 21.
    expect(new AUC({ numThresholds: 'exact' }).compute(p, t, w)).toBeCloseTo(15 / 21, 12);
    expect(() => new AUC({ numThresholds: 'exact', curve: 'PR' })).toThrow(ConfigError);
    expect(() => new AUC({ curve: 'PRGAIN' as never })).toThrow(new ConfigError("AUC: curve must be 'ROC' or 'PR', got PRGAIN"));
  });
});

describe('PearsonCorrelation and ConcordanceCorrelation (correlation_metrics_test.py)', () => {
  const yTrue = f64([[0, 1, 0.5], [1, 1, 0.2], [1, 1, 0.1], [0.1, 0.7, 0]]);
  const yPred = f64([[0.1, 0.9, 0.5], [1, 0.9, 0.2], [0.2, 0.8, 0], [0.3, 0.3, 0.9]]);
  const pcc = [1, 0.99339927, 0.69337525, -0.60999428]; // pearsonr per row (the test's commented values)
  const ccc = [0.97560976, 0.98765432, 0.46511628, -0.46376812];
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  it('test_pearson_class and test_concordance_class: the mean over two batches of two rows', () => {
    const rows = (t: Tensor, a: number, b: number): Tensor => f64([a, b].map((i) => [0, 1, 2].map((j) => t.get(i, j))));
    close(new PearsonCorrelation().compute(rows(yPred, 0, 1), rows(yTrue, 0, 1)), mean(pcc.slice(0, 2)), 1e-6);
    close(new PearsonCorrelation().compute(yPred, yTrue), mean(pcc), 1e-6);
    close(new ConcordanceCorrelation().compute(rows(yPred, 0, 1), rows(yTrue, 0, 1)), mean(ccc.slice(0, 2)), 1e-6);
    close(new ConcordanceCorrelation().compute(yPred, yTrue), mean(ccc), 1e-6);
  });
  it('test_pearson_function / test_concordance_function: each row alone', () => {
    for (let i = 0; i < 4; i++) {
      const row = (t: Tensor): Tensor => f64([[0, 1, 2].map((j) => t.get(i, j))]);
      close(new PearsonCorrelation().compute(row(yPred), row(yTrue)), pcc[i], 1e-6);
      close(new ConcordanceCorrelation().compute(row(yPred), row(yTrue)), ccc[i], 1e-6);
    }
    expect(metrics.create('pearson_correlation').name).toBe('pearsonCorrelation');
    expect(metrics.create('concordanceCorrelation')).toBeInstanceOf(ConcordanceCorrelation);
  });
});
