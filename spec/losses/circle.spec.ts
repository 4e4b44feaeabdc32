/**
 * Circle at the values of keras/src/losses/losses_test.py `CircleTest` (test names quoted beside
 * each number), a known answer derived by hand, float64 gradient checks and the error cases.
 * Keras calls `loss(y_true, y_pred)`; layerwise's forward takes `(yPred, yTrue)`.
 */
import { ConfigError, DataError, ShapeError } from '../../lib/errors';
import { Dense, fromJSON, Sequential } from '../../lib';
import { tensor, type Tensor } from '../../lib/tensor';
import { Circle, getLoss, losses } from '../../losses';
import { circleLosses } from '../../losses/circle';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]): Tensor => tensor(values, undefined, 'float64');
/** Keras's `assertAlmostEqual(loss, x)` (3 decimals) for numbers Keras quotes to 4. */
const near = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThan(5e-4 * Math.max(1, Math.abs(expected) / 100));

// CircleTest.setup
const yTrue = f64([1, 1, 2, 2, 3]);
const yPred = f64([
  [0.70014004, -0.42008403, 0.14002801, 0.56011203],
  [0.17609018, 0.70436073, -0.52827054, 0.44022545],
  [-0.34050261, 0.25537696, -0.68100522, 0.59587957],
  [0.32163376, -0.75047877, 0.53605627, -0.21442251],
  [0.51261459, -0.34174306, 0.17087153, 0.76892189],
]);
const refLabels = f64([1, 1, 2, 2, 3, 4]);
const refEmbeddings = f64([
  [0.40824829, -0.54433105, 0.27216553, 0.68041382],
  [0.76376261, 0.10910895, -0.54554473, 0.32732684],
  [-0.74420841, 0.24806947, 0.49613894, -0.3721042],
  [0.52981294, -0.13245324, 0.79471941, -0.26490647],
  [0.54554473, -0.32732684, 0.10910895, 0.76376261],
  [-0.27216553, 0.68041382, 0.40824829, -0.54433105],
]);

describe('Circle (CircleTest)', () => {
  it('test_correctness: 188.3883 (γ 80, m 0.4) and 652.7617 (γ 256, m 0.25), the zero loss of the lone label 3 masked out', () => {
    near(new Circle({ gamma: 80, margin: 0.4 }).forward(yPred, yTrue), 188.3883);
    near(new Circle({ gamma: 256, margin: 0.25 }).forward(yPred, yTrue), 652.7617);
  });

  it('test_correctness, losses.circle with reference embeddings and removeDiagonal false: (61.5844, 94.3465, 276.9344, 90.9873, 48.8963)', () => {
    const out = new Float64Array(5);
    circleLosses(yPred.data, 0, yTrue.data, refEmbeddings.data, 0, refLabels.data, 5, 6, 4, { gamma: 80, margin: 0.4, removeDiagonal: false }, out);
    [61.5844, 94.3465, 276.9344, 90.9873, 48.8963].forEach((e, i) => expect(Math.abs(out[i] - e)).toBeLessThan(1e-3));
  });

  it('test_correctness_weighted: 244.91918; test_mean_with_sample_weight_reduction: 163.27948 (the masked sample\'s weight 0.5 left out)', () => {
    const w = f64([2, 2, 1, 1, 0.5]);
    near(new Circle().forward(yPred, yTrue, w), 244.91918);
    near(new Circle({ reduction: 'mean_with_sample_weight' }).forward(yPred, yTrue, w), 163.27948);
  });

  it('test_no_reduction: [82.9116, 36.7942, 92.4590, 52.6798, 0, 0]; test_sum_reduction: 264.845', () => {
    const none = new Circle({ reduction: null });
    expect(none.reduction).toBe('none'); // Keras's None; forward then returns the unreduced losses' sum
    near(none.forward(refEmbeddings, refLabels), 264.845);
    [82.9116, 36.7942, 92.459, 52.6798, 0, 0].forEach((e, i) => expect(Math.abs(none.perSampleLosses()[i] - e)).toBeLessThan(1e-3));
    near(new Circle({ reduction: 'sum' }).forward(refEmbeddings, refLabels), 264.845);
  });

  it('test_config: getConfig round-trips through the registry, under Keras\'s snake_case name too', () => {
    const loss = new Circle({ gamma: 80, margin: 0.4 });
    expect(loss.getConfig()).toEqual({ gamma: 80, margin: 0.4, removeDiagonal: true });
    expect(losses.create('circle', { gamma: 32, removeDiagonal: false }).getConfig()).toEqual({ gamma: 32, margin: 0.4, removeDiagonal: false });
    expect(getLoss('Circle')).toBeInstanceOf(Circle);
  });

  it('a known answer by hand: two unit vectors of one class at 90° and a third, orthogonal to both, of another', () => {
    // x0 = e0, x1 = e1 (label 0), x2 = e2 (label 1); every similarity is 0, so d = 1 for every pair.
    // Positive (0,1): a = −γ·(m + 1)·(m − 1) = γ(1 − m²); negative (0,2): b = γ·(1 + m − 1)·(1 − m − 1) = −γm².
    // Rows 0 and 1 each have one positive and one negative: ℓ = softplus(γ(1 − m²) − γm²) = softplus(γ(1 − 2m²)).
    // Row 2 has no positive: ℓ = 0, masked, so the mean divides by 2.
    const gamma = 2, m = 0.4;
    const x = f64([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
    const expected = Math.log1p(Math.exp(gamma * (1 - 2 * m * m)));
    expect(new Circle({ gamma, margin: m }).forward(x, f64([0, 0, 1]))).toBeCloseTo(expected, 12);
  });

  it('passes float64 gradient checks (both sides of X·Xᵀ), with and without the diagonal, weighted, under each reduction', () => {
    const x = randomTensor([6, 4], 7, { low: -0.6, high: 0.6 });
    const labels = f64([0, 1, 0, 2, 1, 0]);
    // h = 1e-5 here: one entry's gradient is 6e-5, where h = 1e-6's rounding noise alone is 1e-6 of it.
    expectGradientsCorrect(new Circle({ gamma: 4, margin: 0.25 }), x, labels, { epsilon: 1e-5 });
    expectGradientsCorrect(new Circle({ gamma: 80, margin: 0.4 }), x, labels);
    expectGradientsCorrect(new Circle({ gamma: 4, removeDiagonal: false }), x, labels);
    const w = randomTensor([6], 3, { low: 0.1, high: 2 });
    for (const reduction of ['sum', 'none', 'mean_with_sample_weight', 'mean'] as const) {
      expectGradientsCorrect(withSampleWeight(new Circle({ gamma: 8, reduction }), w), x, labels);
    }
  });

  it('trains embeddings with fit, and saves and loads with the model, options kept', async () => {
    const model = new Sequential();
    model.add(new Dense({ units: 3, inputShape: [4] }));
    model.compile({ optimizer: 'adam', loss: new Circle({ gamma: 16, margin: 0.25 }) });
    const x = tensor(Array.from({ length: 24 }, (_, i) => Math.cos(i)), [6, 4]);
    const history = await model.fit(x, tensor([0, 1, 0, 1, 2, 2], [6]), { epochs: 3, batchSize: 6, verbose: 0 });
    expect(history.history.loss[2]).toBeLessThan(history.history.loss[0]);
    const loaded = fromJSON(JSON.stringify(model));
    expect(loaded.loss?.className).toBe('Circle');
    expect(loaded.loss?.getConfig()).toEqual({ gamma: 16, margin: 0.25, removeDiagonal: true });
  });

  it('rejects bad options, shapes and labels, naming them', () => {
    expect(() => new Circle({ gamma: 0 })).toThrow(new ConfigError('Circle: gamma must be a positive number, got 0'));
    expect(() => new Circle({ margin: NaN })).toThrow(new ConfigError('Circle: margin must be a finite number, got NaN'));
    expect(() => new Circle({ removeDiagonal: 1 as never })).toThrow(new ConfigError('Circle: removeDiagonal must be a boolean, got 1'));
    expect(() => new Circle().forward(yPred, f64([1, 2]))).toThrow(new ShapeError('Circle: yTrue must hold one integer label per sample of yPred [5, 4]: expected [5] or [5, 1], got [2]'));
    expect(() => new Circle().forward(yPred, f64([1, 1, 2.5, 2, 3]))).toThrow(new DataError('Circle: yTrue[2] is 2.5, not an integer label'));
    expect(() => new Circle().forward(tensor([[[1, 0]], [[0, 1]]], undefined, 'float64'), f64([[0], [1]]))).toThrow(ShapeError);
  });
});
