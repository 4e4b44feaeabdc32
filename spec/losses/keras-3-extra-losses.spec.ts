/**
 * Keras 3's losses beyond the classic set, and the `reduction` option of every loss, at the
 * values of keras/src/losses/losses_test.py (test names quoted beside each number). Keras calls
 * `loss(y_true, y_pred)`; layerwise's forward takes `(yPred, yTrue)`. A scalar
 * `sample_weight=2.3` is the `[N]` tensor of 2.3s here.
 */
import { ConfigError, DataError, ShapeError } from '../../lib/errors';
import { Dense, fromJSON, Sequential } from '../../lib';
import { chooseAccuracy } from '../../lib/metrics/resolve-metric';
import { binaryAccuracy } from '../../lib/metrics/binary-accuracy';
import { categoricalAccuracy } from '../../lib/metrics/categorical-accuracy';
import { sparseCategoricalAccuracy } from '../../lib/metrics/sparse-categorical-accuracy';
import { tensor, type Tensor } from '../../lib/tensor';
import {
  BinaryFocalCrossentropy, CategoricalFocalCrossentropy, CategoricalGeneralizedCrossEntropy, Dice, getLoss, Hinge, losses,
  MeanAbsolutePercentageError, MeanSquaredError, MeanSquaredLogarithmicError, Tversky, type Loss,
} from '../../losses';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]): Tensor => tensor(values, undefined, 'float64');
/** Keras's `assertAlmostEqual(loss, x, 3)`: equal to 3 decimal places. */
const to3 = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThan(5e-4);
/** `assertAllClose`: rtol 1e-6, atol 1e-6 (Keras's float32 defaults). */
const close = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6 + 1e-6 * Math.abs(expected));

// MeanSquaredErrorTest and the MAPE/MSLE tests: y_true = [[1, 9, 2], [-5, -2, 6]], y_pred = [[4, 8, 12], [8, 1, 3]].
const yTrue = f64([[1, 9, 2], [-5, -2, 6]]);
const yPred = f64([[4, 8, 12], [8, 1, 3]]);
const scalar23 = f64([2.3, 2.3]);
const perSample = f64([1.2, 3.4]);

describe('MeanAbsolutePercentageError (MeanAbsolutePercentageErrorTest)', () => {
  it('test_all_correct_unweighted: 0; test_unweighted: 211.8518', () => {
    expect(new MeanAbsolutePercentageError().forward(yTrue, yTrue)).toBe(0);
    to3(new MeanAbsolutePercentageError().forward(yPred, yTrue), 211.8518);
  });
  it('test_scalar_weighted: 487.259; test_sample_weighted: 422.8888; test_zero_weighted: 0', () => {
    to3(new MeanAbsolutePercentageError().forward(yPred, yTrue, scalar23), 487.259);
    to3(new MeanAbsolutePercentageError().forward(yPred, yTrue, perSample), 422.8888);
    expect(new MeanAbsolutePercentageError().forward(yPred, yTrue, f64([0, 0]))).toBe(0);
  });
  it('test_no_reduction: [621.8518, 352.6666]; test_mean_with_sample_weight_reduction: 183.865', () => {
    const none = new MeanAbsolutePercentageError({ reduction: null });
    none.forward(yPred, yTrue, scalar23);
    const values = none.perSampleLosses();
    to3(values[0], 621.8518);
    to3(values[1], 352.6666);
    to3(new MeanAbsolutePercentageError({ reduction: 'mean_with_sample_weight' }).forward(yPred, yTrue, perSample), 183.865);
  });
  it('the docstring example: [100, 200, 300] against [90, 210, 310] gives 6.111111', () => {
    to3(new MeanAbsolutePercentageError().forward(f64([[90, 210, 310]]), f64([[100, 200, 300]])), 6.111111);
  });
});

describe('MeanSquaredLogarithmicError (MeanSquaredLogarithmicErrorTest)', () => {
  it('test_unweighted: 1.4370; test_scalar_weighted: 3.3051; test_sample_weighted: 3.7856; test_zero_weighted: 0', () => {
    to3(new MeanSquaredLogarithmicError().forward(yPred, yTrue), 1.4370);
    to3(new MeanSquaredLogarithmicError().forward(yPred, yTrue, scalar23), 3.3051);
    to3(new MeanSquaredLogarithmicError().forward(yPred, yTrue, perSample), 3.7856);
    expect(new MeanSquaredLogarithmicError().forward(yPred, yTrue, f64([0, 0]))).toBe(0);
  });
  it('test_mean_with_sample_weight_reduction: 1.646', () => {
    to3(new MeanSquaredLogarithmicError({ reduction: 'mean_with_sample_weight' }).forward(yPred, yTrue, perSample), 1.646);
  });
});

describe('reduction on every loss (MeanSquaredErrorTest, HingeTest)', () => {
  it('MSE test_no_reduction: [84.3333, 143.3666]; test_sum_reduction: 227.69998; test_mean_with_sample_weight_reduction', () => {
    const none = new MeanSquaredError({ reduction: 'none' });
    expect(none.forward(yPred, yTrue, scalar23)).toBeCloseTo(84.3333333 + 143.3666667, 5);
    const values = none.perSampleLosses();
    to3(values[0], 84.3333);
    to3(values[1], 143.3666);
    close(new MeanSquaredError({ reduction: 'sum' }).forward(yPred, yTrue, scalar23), 227.69998);
    close(new MeanSquaredError({ reduction: 'mean_with_sample_weight' }).forward(yPred, yTrue, perSample), (110 / 3 * 1.2 + 187 / 3 * 3.4) / (1.2 + 3.4));
    close(new MeanSquaredError({ reduction: 'mean' }).forward(yPred, yTrue, perSample), 767.8 / 6);
  });

  it('Hinge test_unweighted and test_weighted: sum_over_batch_size 1.3 / 0.55, sum 2.6 / 1.1, None [1.1, 1.5] / [1.1, 0]', () => {
    const t = f64([[0, 1], [0, 0]]), p = f64([[0.6, 0.4], [0.4, 0.6]]), w = f64([1, 0]);
    to3(new Hinge({ reduction: 'sum_over_batch_size' }).forward(p, t), 1.3);
    to3(new Hinge({ reduction: 'sum' }).forward(p, t), 2.6);
    const none = new Hinge({ reduction: null });
    none.forward(p, t);
    expectClose(f64(Array.from(none.perSampleLosses())), [1.1, 1.5], { rtol: 1e-6, atol: 1e-6 });
    to3(new Hinge({ reduction: 'sum_over_batch_size' }).forward(p, t, w), 0.55);
    to3(new Hinge({ reduction: 'sum' }).forward(p, t, w), 1.1);
    none.forward(p, t, w);
    expectClose(f64(Array.from(none.perSampleLosses())), [1.1, 0], { rtol: 1e-6, atol: 1e-6 });
  });

  it('scales the gradient as the reduction scales the value, for every registered loss', () => {
    for (const name of losses.names()) {
      const mean = losses.create(name), sum = losses.create(name, { reduction: 'sum' });
      const [p, t] = inputsFor(name);
      const a = mean.forward(p, t), b = sum.forward(p, t);
      const ga = Array.from(mean.backward().data), gb = Array.from(sum.backward().data);
      const n = p.shape[0];
      const factor = name === 'Dice' || name === 'Tversky' ? 1 : n; // whole-batch losses without weights are not reduced
      expect(b).toBeCloseTo(a * factor, 10);
      gb.forEach((g, i) => expect(g).toBeCloseTo(ga[i] * factor, 10));
    }
  });

  it('passes gradient checks under sum, none and mean_with_sample_weight, with sample weights', () => {
    const t = randomTensor([4, 3], 1), p = randomTensor([4, 3], 2);
    const w = randomTensor([4], 3, { low: 0.1, high: 2 });
    for (const reduction of ['sum', 'none', 'mean_with_sample_weight', 'mean'] as const) {
      expectGradientsCorrect(withSampleWeight(new MeanSquaredError({ reduction }), w), p, t);
    }
  });

  it('keeps a non-default reduction in getConfig and leaves the default out', () => {
    expect(new MeanSquaredError().getConfig()).toEqual({});
    expect(new MeanSquaredError({ reduction: 'sum' }).getConfig()).toEqual({ reduction: 'sum' });
    expect(losses.create('mse', { reduction: 'none' }).reduction).toBe('none');
    expect(new BinaryFocalCrossentropy({ reduction: 'sum' }).getConfig().reduction).toBe('sum');
  });

  it("rejects an unknown reduction, listing Keras's", () => {
    expect(() => new Hinge({ reduction: 'abc' as never })).toThrow(new ConfigError("Hinge: reduction must be one of 'sum_over_batch_size', 'mean', 'sum', 'mean_with_sample_weight', 'none', got \"abc\""));
  });
});

/** Valid inputs for any registered loss, by name (labels in the form the loss takes). */
function inputsFor(name: string): [Tensor, Tensor] {
  if (name === 'SparseCategoricalCrossentropy' || name === 'CategoricalGeneralizedCrossEntropy') {
    return [f64([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]]), f64([1, 0])];
  }
  if (name === 'CTC') return [tensor([[[0.1, -0.2, 0.3], [0.5, 0.1, -0.4]], [[-0.3, 0.2, 0.1], [0.2, 0.2, 0.6]]], undefined, 'float64'), f64([[1, 0], [2, 1]])];
  if (name === 'Circle') return [f64([[0.6, 0.8, 0], [0.48, 0.6, 0.64], [0, 0.6, 0.8], [0.8, 0, 0.6]]), f64([0, 0, 1, 1])];
  return [f64([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]]), f64([[0, 1, 0], [1, 0, 0]])];
}

describe('BinaryFocalCrossentropy (BinaryFocalCrossentropyTest)', () => {
  const t = f64([[1, 0], [1, 0]]), p = f64([[0.9, 0.8], [0.7, 0.2]]);
  const tLogits = f64([[1, 1, 0], [0, 1, 0]]), logits = f64([[1.5, -2.7, 2.9], [-3.8, 1.2, -4.5]]);
  const w = f64([1.2, 3.4]);

  it('test_all_correct_unweighted: 0, on probabilities (γ = 1.5) and on logits ±100', () => {
    const eye = f64([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    to3(new BinaryFocalCrossentropy({ gamma: 1.5 }).forward(eye, eye), 0);
    to3(new BinaryFocalCrossentropy({ gamma: 2, fromLogits: true }).forward(f64([[100, -100, -100], [-100, 100, -100], [-100, -100, 100]]), eye), 0);
  });
  it('test_unweighted: 0.268 and, from logits with γ = 3, 0.799', () => {
    to3(new BinaryFocalCrossentropy({ gamma: 2 }).forward(p, t), 0.268);
    to3(new BinaryFocalCrossentropy({ gamma: 3, fromLogits: true }).forward(logits, tLogits), 0.799);
  });
  it('test_scalar_weighted: 0.3296 and 2.565; test_sample_weighted: 0.34415 and 0.95977', () => {
    to3(new BinaryFocalCrossentropy({ gamma: 2 }).forward(p, t, f64([1.23, 1.23])), 0.3296);
    to3(new BinaryFocalCrossentropy({ gamma: 3, fromLogits: true }).forward(logits, tLogits, f64([3.21, 3.21])), 2.565);
    to3(new BinaryFocalCrossentropy({ gamma: 2 }).forward(p, t, w), 0.34415);
    to3(new BinaryFocalCrossentropy({ gamma: 3, fromLogits: true }).forward(logits, tLogits, w), 0.95977);
  });
  it('test_no_reduction: (0.515547, 0.020513)', () => {
    const loss = new BinaryFocalCrossentropy({ gamma: 2, reduction: null });
    loss.forward(p, t);
    const [a, b] = loss.perSampleLosses();
    close(a, 0.515547);
    close(b, 0.020513);
  });
  it('with γ = 0 it is the binary cross-entropy; class balancing weighs class 1 by α and class 0 by 1 − α', () => {
    // −(log 0.9 + log 0.2)/2 and −(log 0.7 + log 0.8)/2, averaged; balanced: α·(−log 0.9) + (1 − α)·(−log 0.2), …
    const bce = (-(Math.log(0.9) + Math.log(0.2)) / 2 - (Math.log(0.7) + Math.log(0.8)) / 2) / 2;
    expect(new BinaryFocalCrossentropy({ gamma: 0 }).forward(p, t)).toBeCloseTo(bce, 12);
    const balanced = ((-0.25 * Math.log(0.9) - 0.75 * Math.log(0.2)) / 2 + (-0.25 * Math.log(0.7) - 0.75 * Math.log(0.8)) / 2) / 2;
    expect(new BinaryFocalCrossentropy({ gamma: 0, applyClassBalancing: true }).forward(p, t)).toBeCloseTo(balanced, 12);
  });
  it.each([
    ['probabilities', {}], ['logits', { fromLogits: true }], ['γ = 0.5, balanced, smoothed', { gamma: 0.5, applyClassBalancing: true, alpha: 0.3, labelSmoothing: 0.2 }],
    ['logits, γ = 3, smoothed', { fromLogits: true, gamma: 3, labelSmoothing: 0.1 }],
  ])('passes a float64 gradient check on %s', (_name, options) => {
    const labels = randomTensor([4, 3], 4, { low: 0, high: 1 }).data.map((v) => (v > 0.5 ? 1 : 0));
    const y = tensor(Array.from(labels), [4, 3], 'float64');
    const pred = (options as { fromLogits?: boolean }).fromLogits ? randomTensor([4, 3], 5, { low: -3, high: 3 }) : randomTensor([4, 3], 5, { low: 0.05, high: 0.95 });
    expectGradientsCorrect(new BinaryFocalCrossentropy(options), pred, y);
    expectGradientsCorrect(withSampleWeight(new BinaryFocalCrossentropy(options), randomTensor([4], 6, { low: 0.1, high: 2 })), pred, y);
  });
});

describe('CategoricalFocalCrossentropy (CategoricalFocalCrossentropyTest)', () => {
  const t = f64([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  const p = f64([[0.9, 0.05, 0.05], [0.5, 0.89, 0.6], [0.05, 0.01, 0.94]]);
  const logits = f64([[8, 1, 1], [0, 9, 1], [2, 3, 5]]);
  it('test_all_correct_unweighted: 0 on probabilities and on logits', () => {
    to3(new CategoricalFocalCrossentropy({ alpha: 0.25, gamma: 2 }).forward(t, t), 0);
    to3(new CategoricalFocalCrossentropy({ fromLogits: true }).forward(f64([[10, 0, 0], [0, 10, 0], [0, 0, 10]]), t), 0);
  });
  it('test_unweighted: 0.02059 and, from logits, 0.000345', () => {
    to3(new CategoricalFocalCrossentropy().forward(p, t), 0.02059);
    to3(new CategoricalFocalCrossentropy({ fromLogits: true }).forward(logits, t), 0.000345);
  });
  it('test_scalar_weighted: 0.047368 and 0.000794; test_sample_weighted: 0.06987 and 0.001933', () => {
    const w23 = f64([2.3, 2.3, 2.3]), w = f64([1.2, 3.4, 5.6]);
    to3(new CategoricalFocalCrossentropy().forward(p, t, w23), 0.047368);
    expect(Math.abs(new CategoricalFocalCrossentropy({ fromLogits: true }).forward(logits, t, w23) - 0.000794)).toBeLessThan(5e-5);
    to3(new CategoricalFocalCrossentropy().forward(p, t, w), 0.06987);
    to3(new CategoricalFocalCrossentropy({ fromLogits: true }).forward(logits, t, w), 0.001933);
  });
  it('test_no_reduction: (1.5096224e-09, 2.4136547e-11, 1.0360638e-03)', () => {
    const loss = new CategoricalFocalCrossentropy({ fromLogits: true, reduction: null });
    loss.forward(logits, t);
    const values = loss.perSampleLosses();
    [1.5096224e-9, 2.4136547e-11, 1.0360638e-3].forEach((v, i) => expect(Math.abs(values[i] - v)).toBeLessThanOrEqual(1e-6 * v + 1e-12));
  });
  it('test_label_smoothing: 0.06685; the docstring example: [2.634e-4, 0.6759]', () => {
    to3(new CategoricalFocalCrossentropy({ fromLogits: true, labelSmoothing: 0.1 }).forward(f64([[4.9, -0.5, 2.05]]), f64([[1, 0, 0]])), 0.06685);
    const loss = new CategoricalFocalCrossentropy({ reduction: 'none' });
    loss.forward(f64([[0.05, 0.9, 0.05], [0.1, 0.85, 0.05]]), f64([[0, 1, 0], [0, 0, 1]]));
    const [a, b] = loss.perSampleLosses();
    expect(Math.abs(a - 2.63401289e-4)).toBeLessThan(1e-9);
    expect(Math.abs(b - 6.75912094e-1)).toBeLessThan(1e-6);
  });
  it('takes one alpha per class, checked against the number of classes', () => {
    const perClass = new CategoricalFocalCrossentropy({ alpha: [0.25, 0.25, 0.25] });
    expect(perClass.forward(p, t)).toBeCloseTo(new CategoricalFocalCrossentropy().forward(p, t), 14);
    expect(() => new CategoricalFocalCrossentropy({ alpha: [0.5, 0.5] }).forward(p, t)).toThrow(new DataError('CategoricalFocalCrossentropy: alpha has 2 entries, but yPred has 3 classes'));
  });
  it.each([
    ['probabilities', {}], ['logits', { fromLogits: true }], ['γ = 0.5, per-class α, smoothed', { gamma: 0.5, alpha: [0.2, 0.5, 0.9], labelSmoothing: 0.2 }],
    ['logits, γ = 3, smoothed', { fromLogits: true, gamma: 3, labelSmoothing: 0.1 }],
  ])('passes a float64 gradient check on %s (rows that do not sum to 1 included)', (_name, options) => {
    const y = f64([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0.2, 0.5, 0.3]]);
    const pred = (options as { fromLogits?: boolean }).fromLogits ? randomTensor([4, 3], 7, { low: -3, high: 3 }) : randomTensor([4, 3], 7, { low: 0.05, high: 0.9 });
    expectGradientsCorrect(new CategoricalFocalCrossentropy(options), pred, y);
    expectGradientsCorrect(withSampleWeight(new CategoricalFocalCrossentropy(options), randomTensor([4], 8, { low: 0.1, high: 2 })), pred, y);
  });
});

describe('Dice (DiceTest) and Tversky (TverskyTest)', () => {
  const t = f64([[1, 2], [1, 2]]), p = f64([[4, 1], [6, 1]]);
  const segT = f64([[1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1]]);
  const segP = f64([[0, 1, 0, 1], [1, 0, 1, 1], [0, 1, 0, 1], [1, 0, 1, 1]]);
  // test_binary_segmentation_with_axis's [2, 2, 2, 1] tensors, flattened to [2, 4] (axis (1, 2, 3) is every feature).
  const axisT = f64([[1, 1, 0, 0], [1, 1, 0, 0]]), axisP = f64([[0, 1, 0, 1], [0.4, 0, 0, 0.9]]);

  it('Dice test_correctness: −0.55555546; test_binary_segmentation: 0.77777773', () => {
    close(new Dice().forward(p, t), -0.55555546);
    close(new Dice().forward(segP, segT), 0.77777773);
  });
  it('Dice test_binary_segmentation_with_axis: [0.5, 0.75757575]', () => {
    const loss = new Dice({ axis: -1, reduction: null });
    loss.forward(axisP, axisT);
    expectClose(f64(Array.from(loss.perSampleLosses())), [0.5, 0.75757575], { rtol: 1e-6, atol: 1e-6 });
  });
  it('Tversky test_correctness: −0.55555558; test_correctness_custom_coefficients: −0.94444442', () => {
    close(new Tversky().forward(p, t), -0.55555558);
    close(new Tversky({ alpha: 0.2, beta: 0.8 }).forward(p, t), -0.94444442);
  });
  it('Tversky test_binary_segmentation: 0.77777779; …_custom_coefficients: 0.76190472', () => {
    close(new Tversky().forward(segP, segT), 0.77777779);
    close(new Tversky({ alpha: 0.2, beta: 0.8 }).forward(segP, segT), 0.76190472);
  });
  it('Tversky …_with_axis: [0.5, 0.75757575]; …_custom_coefficients_with_axis: [0.5, 0.78494626]', () => {
    for (const [options, expected] of [[{}, [0.5, 0.75757575]], [{ alpha: 0.2, beta: 0.8 }, [0.5, 0.78494626]]] as const) {
      const loss = new Tversky({ ...options, axis: [1], reduction: 'none' });
      loss.forward(axisP, axisT);
      expectClose(f64(Array.from(loss.perSampleLosses())), expected.slice(), { rtol: 1e-6, atol: 1e-6 });
    }
  });
  it('over the whole batch, sample weights scale the batch value by their mean, as Keras broadcasts them', () => {
    const value = new Dice().forward(segP, segT);
    expect(new Dice().forward(segP, segT, f64([1, 2, 3, 6]))).toBeCloseTo(3 * value, 14);
    expect(new Dice({ reduction: 'sum' }).forward(segP, segT)).toBeCloseTo(value, 14);
  });
  it.each([
    ['Dice', () => new Dice()], ['Dice per sample', () => new Dice({ axis: -1 })], ['Tversky', () => new Tversky()],
    ['Tversky 0.2/0.8 per sample', () => new Tversky({ alpha: 0.2, beta: 0.8, axis: 1 })],
  ] as [string, () => Loss][])('%s passes a float64 gradient check, with and without sample weights', (_name, make) => {
    const y = randomTensor([4, 3], 9, { low: 0, high: 1 }), pred = randomTensor([4, 3], 10, { low: 0, high: 1 });
    expectGradientsCorrect(make(), pred, y);
    expectGradientsCorrect(withSampleWeight(make(), randomTensor([4], 11, { low: 0.1, high: 2 })), pred, y);
  });
  it('rejects an axis that is neither null nor the features axis', () => {
    expect(() => new Dice({ axis: 0 })).toThrow(new ConfigError('Dice: axis must be null (the whole batch) or the features axis of [N, C] predictions (1, -1, [1] or [-1]), got 0'));
    expect(() => new Tversky({ axis: [1, 2] })).toThrow(/^Tversky: axis must be null .*got \[1,2\]$/);
    expect(() => new Tversky({ alpha: NaN })).toThrow(new ConfigError('Tversky: alpha must be a finite number, got NaN'));
  });
});

describe('CategoricalGeneralizedCrossEntropy (CategoricalGeneralizedCrossEntropyTest)', () => {
  const labels = f64([0, 1, 0, 1]);
  it('test_basic_correctness_for_binary: mean of (1 − p^q)/q, q = 0.5 and 0.8', () => {
    const p = f64([[0.7, 0.3], [0.2, 0.8], [0.6, 0.4], [0.4, 0.6]]);
    for (const q of [0.5, 0.8]) {
      const expected = [0.7, 0.8, 0.6, 0.6].reduce((s, v) => s + (1 - v ** q) / q, 0) / 4;
      close(new CategoricalGeneralizedCrossEntropy({ q }).forward(p, labels), expected);
    }
  });
  it('test_basic_correctness_for_multi_class: the true class of [0.2, 0.2, 0.6] rows is 0.2', () => {
    const p = f64([[0.7, 0.3, 0], [0.2, 0.2, 0.6], [0.6, 0.4, 0], [0.2, 0.2, 0.6]]);
    const expected = [0.7, 0.2, 0.6, 0.2].reduce((s, v) => s + (1 - v ** 0.5) / 0.5, 0) / 4;
    close(new CategoricalGeneralizedCrossEntropy().forward(p, labels), expected);
    close(new CategoricalGeneralizedCrossEntropy().forward(p, tensor([0, 1, 0, 1], [4, 1], 'float64')), expected);
  });
  it('passes a float64 gradient check, and rejects bad q, labels and label shapes', () => {
    const p = randomTensor([4, 3], 12, { low: 0.1, high: 1 });
    expectGradientsCorrect(new CategoricalGeneralizedCrossEntropy({ q: 0.3 }), p, f64([0, 2, 1, 2]));
    expect(() => new CategoricalGeneralizedCrossEntropy({ q: 1 })).toThrow(new ConfigError('CategoricalGeneralizedCrossEntropy: q must be a number in (0, 1), got 1'));
    expect(() => new CategoricalGeneralizedCrossEntropy().forward(p, f64([0, 3, 1, 2]))).toThrow(new DataError('CategoricalGeneralizedCrossEntropy: yTrue[1] is 3, not a class index in [0, 2] (yPred has 3 classes)'));
    expect(() => new CategoricalGeneralizedCrossEntropy().forward(p, f64([[0, 1, 0]]))).toThrow(ShapeError);
  });
});

describe('names, configs and gradient checks of the new elementwise losses', () => {
  it.each([
    ['mape', MeanAbsolutePercentageError], ['mean_absolute_percentage_error', MeanAbsolutePercentageError], ['msle', MeanSquaredLogarithmicError],
    ['meanSquaredLogarithmicError', MeanSquaredLogarithmicError], ['binary_focal_crossentropy', BinaryFocalCrossentropy],
    ['categoricalFocalCrossentropy', CategoricalFocalCrossentropy], ['dice', Dice], ['tversky', Tversky],
    ['categorical_generalized_cross_entropy', CategoricalGeneralizedCrossEntropy],
  ] as const)("'%s' resolves to %p", (name, Cls) => {
    expect(getLoss(name)).toBeInstanceOf(Cls);
  });

  it("'accuracy' follows the focal and generalized cross-entropies as it follows the plain ones", () => {
    expect(chooseAccuracy({ lossClassName: 'BinaryFocalCrossentropy', yTrueShape: [4, 3], yPredShape: [4, 3] })).toBe(binaryAccuracy);
    expect(chooseAccuracy({ lossClassName: 'CategoricalFocalCrossentropy', yTrueShape: [4, 1], yPredShape: [4, 1] })).toBe(categoricalAccuracy);
    expect(chooseAccuracy({ lossClassName: 'CategoricalGeneralizedCrossEntropy', yTrueShape: [4, 3], yPredShape: [4, 3] })).toBe(sparseCategoricalAccuracy);
  });

  it('every registered loss round-trips its config through the registry', () => {
    const configured: Loss[] = [
      new BinaryFocalCrossentropy({ gamma: 1, alpha: 0.4, applyClassBalancing: true, fromLogits: true, labelSmoothing: 0.1, reduction: 'sum' }),
      new CategoricalFocalCrossentropy({ alpha: [0.1, 0.9], gamma: 0, reduction: 'none' }), new Dice({ axis: [-1] }),
      new Tversky({ alpha: 0.3, beta: 0.7, axis: 1 }), new CategoricalGeneralizedCrossEntropy({ q: 0.2 }),
      new MeanAbsolutePercentageError({ reduction: 'mean_with_sample_weight' }), new MeanSquaredLogarithmicError(),
    ];
    for (const loss of [...configured, ...losses.names().map((n) => losses.create(n, { reduction: 'sum' }))]) {
      expect(losses.create(loss.className, loss.getConfig()).getConfig()).toEqual(loss.getConfig());
    }
  });

  it('a compiled model keeps the new losses and a non-default reduction through a save (trainingConfig)', () => {
    for (const loss of [new BinaryFocalCrossentropy({ gamma: 3, reduction: 'sum' }), new Tversky({ alpha: 0.3, beta: 0.7 }), new MeanSquaredError({ reduction: 'none' }), new MeanSquaredLogarithmicError()]) {
      const model = new Sequential([new Dense({ units: 2, inputShape: [2], activation: 'sigmoid' })]);
      model.compile({ optimizer: 'sgd', loss });
      const copy = fromJSON(model.toJSON({ includeOptimizer: true }));
      expect(copy.loss?.className).toBe(loss.className);
      expect(copy.loss?.getConfig()).toEqual(loss.getConfig());
    }
  });

  it('MAPE and MSLE pass float64 gradient checks (MSLE also where the floor at ε is active)', () => {
    const t = randomTensor([4, 3], 13, { low: 0.5, high: 3 }), p = randomTensor([4, 3], 14, { low: -2, high: 4 });
    expectGradientsCorrect(new MeanAbsolutePercentageError(), p, t);
    expectGradientsCorrect(new MeanSquaredLogarithmicError(), p, t);
    expectGradientsCorrect(withSampleWeight(new MeanSquaredLogarithmicError(), randomTensor([4], 15, { low: 0.1, high: 2 })), p, t);
  });
});
