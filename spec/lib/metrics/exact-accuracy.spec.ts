/**
 * Accuracy (exact equality) at the values of keras/src/metrics/accuracy_metrics_test.py
 * AccuracyTest (test names quoted beside each number). Keras calls
 * `update_state(y_true, y_pred, sample_weight)`; layerwise's `update` takes `(yPred, yTrue, sampleWeight)`.
 */
import { ConfigError, DataError, ShapeError } from '../../../lib/errors';
import { tensor, type Tensor } from '../../../lib/tensor';
import { Accuracy, resolveMetric } from '../../../lib/metrics';
import { Dense, Sequential } from '../../../lib';

const f64 = (values: number[][] | number[]): Tensor => tensor(values, undefined, 'float64');

describe('Accuracy (accuracy_metrics_test.py AccuracyTest)', () => {
  it.each([
    ['test_unweighted', 0.75, f64([[0], [2], [3], [4]]), f64([[1], [2], [3], [4]]), undefined],
    ['test_weighted', 0.5, f64([[0], [2], [3], [4]]), f64([[1], [2], [3], [4]]), f64([1, 1, 0, 0])],
    ['test_weighted_rank_1', 0.5, f64([0, 2, 3, 4]), f64([1, 2, 3, 4]), f64([1, 1, 0, 0])],
    ['test_weighted_nd_weights', 0.5, f64([[0, 2], [3, 4]]), f64([[1, 2], [3, 4]]), f64([[1, 0], [0, 1]])],
    ['test_weighted_nd_broadcast_weights', 0.5, f64([[0, 2], [3, 4]]), f64([[1, 2], [3, 4]]), f64([[1, 0]])],
  ] as const)('%s: %p', (_test, expected, yPred, yTrue, weights) => {
    const acc = new Accuracy({ name: 'accuracy' });
    acc.update(yPred, yTrue, weights);
    expect(acc.result()).toBeCloseTo(expected, 12);
    expect(new Accuracy().compute(yPred, yTrue, weights)).toBeCloseTo(expected, 12);
  });

  it('test_config: name and getConfig round trip; strict option keys', () => {
    const acc = new Accuracy({ name: 'accuracy' });
    expect(acc.name).toBe('accuracy');
    expect(new Accuracy(acc.getConfig()).getConfig()).toEqual({ name: 'accuracy' });
    expect(() => new Accuracy({ threshold: 0.5 } as never)).toThrow(ConfigError);
  });

  it('streams over batches and resets; [N, 1] against [N] compares row by row', () => {
    // Batch 1: 1 of 2 equal; batch 2 ([N] labels against [N, 1] predictions): 2 of 2 → 3/4.
    const acc = new Accuracy();
    acc.update(f64([[1], [0]]), f64([[1], [1]]));
    expect(acc.result()).toBe(0.5);
    acc.update(f64([[5], [6]]), f64([5, 6]));
    expect(acc.result()).toBe(0.75);
    acc.reset();
    expect(acc.result()).toBe(0);
  });

  it('compares values, not classes: 0.9 is not 1', () => {
    expect(new Accuracy().compute(f64([[0.9, 0], [0, 1]]), f64([[1, 0], [0, 1]]))).toBe(0.75);
  });

  it('rejects other shapes and an empty batch', () => {
    expect(() => new Accuracy().compute(f64([[1, 2]]), f64([[1, 2, 3]]))).toThrow(ShapeError);
    expect(() => new Accuracy().compute(f64([[1, 2]]), f64([[1, 2, 3]]))).toThrow(
      'accuracy: yTrue must have the shape of yPred (or differ by a trailing axis of 1): expected [1, 2], got [1, 3]',
    );
    expect(() => new Accuracy().compute(f64([[1], [2]]), f64([[1, 2]]))).toThrow(ShapeError);
    expect(() => new Accuracy().compute(tensor([], [0, 1]), tensor([], [0, 1]))).toThrow(DataError);
  });

  it("works as an instance in compile; the name 'accuracy' stays the loss-chosen accuracy", async () => {
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: [new Accuracy({ name: 'exact' })] });
    const history = await model.fit(f64([[0, 1], [1, 0]]), f64([[1], [0]]), { epochs: 2, verbose: 0 });
    expect(history.history.exact).toHaveLength(2);
    expect(resolveMetric('accuracy', 'MeanSquaredError', [2, 1], [2, 1])).not.toBeInstanceOf(Accuracy);
  });
});
