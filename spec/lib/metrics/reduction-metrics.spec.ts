/**
 * Mean and Sum at the values of keras/src/metrics/reduction_metrics_test.py (test names quoted
 * beside each number), plus hand-derived cases for Keras's per-sample averaging and the
 * trainer's use. Keras calls `update_state(values, sample_weight)`; so does `updateState`.
 */
import { ConfigError, DataError, ShapeError } from '../../../lib/errors';
import { tensor, type Tensor } from '../../../lib/tensor';
import { Mean, Sum, isStreamingMetric, metrics, weightedSums } from '../../../lib/metrics';
import { Dense, Sequential } from '../../../lib';

const f64 = (values: number[][] | number[]): Tensor => tensor(values, undefined, 'float64');

describe('Mean (reduction_metrics_test.py MeanTest)', () => {
  it.each([
    ['test_unweighted', 4, f64([1, 3, 5, 7]), undefined],
    ['test_weighted', 2, f64([1, 3, 5, 7]), f64([1, 1, 0, 0])],
    ['test_weighted_negative_weights', 2, f64([1, 3, 5, 7]), f64([-1, -1, 0, 0])],
    ['test_weighted_nd', 3, f64([[1, 3], [5, 7]]), f64([[1, 1], [1, 0]])],
    ['test_weighted_nd_broadcast', 3, f64([[1, 3], [5, 7]]), f64([[1, 0]])],
  ] as const)('%s: %p', (_test, expected, values, weights) => {
    const m = new Mean({ name: 'mean' });
    m.updateState(values, weights);
    expect(m.result()).toBeCloseTo(expected, 12);
  });

  it('test_config: name and getConfig round trip; strict option keys', () => {
    const m = new Mean({ name: 'mean' });
    expect(m.name).toBe('mean');
    expect(new Mean(m.getConfig()).getConfig()).toEqual({ name: 'mean' });
    expect(new Mean().name).toBe('mean');
    expect(() => new Mean({ dtype: 'float32' } as never)).toThrow(ConfigError);
    expect(() => new Mean({ name: '' })).toThrow(/Mean: name must be a non-empty string/);
  });

  it('averages each sample first, as Keras does, so a batch counts its N samples', () => {
    // [1, 3]: total 1 + 3 = 4, count 2. [[2, 4, 6]]: one sample of mean 4 → total 8, count 3.
    const m = new Mean();
    m.updateState(f64([1, 3]));
    m.updateState(f64([[2, 4, 6]]));
    expect(m.result()).toBeCloseTo(8 / 3, 12);
    // A number is one sample: total 8 + 4 = 12, count 4.
    m.updateState(4);
    expect(m.result()).toBe(3);
    m.reset();
    expect(m.result()).toBe(0);
  });

  it('broadcasts per-sample, [N, 1] and scalar weights', () => {
    // Per sample: means [2, 6] weighted [1, 0] → 2.
    const perSample = new Mean();
    perSample.updateState(f64([[1, 3], [5, 7]]), f64([1, 0]));
    expect(perSample.result()).toBe(2);
    // [N, 1] over [N]: the trailing axis of 1 is ignored → (1·1 + 3·3)/(1 + 3) = 2.5.
    const column = new Mean();
    column.updateState(f64([1, 3]), f64([[1], [3]]));
    expect(column.result()).toBe(2.5);
    // A scalar weight of 2 over [1, 3]: total 2·2 = 4 over a count of 2 → 2.
    const scalar = new Mean();
    scalar.updateState(f64([1, 3]), 2);
    expect(scalar.result()).toBe(2);
    // All-zero weights: divide_no_nan gives 0.
    const none = new Mean();
    none.updateState(f64([1, 3]), f64([0, 0]));
    expect(none.result()).toBe(0);
  });

  it('rejects weights that do not broadcast, and values that are not tensors', () => {
    expect(() => new Mean().updateState(f64([[1, 3], [5, 7]]), f64([1, 2, 3]))).toThrow(ShapeError);
    expect(() => new Mean().updateState(f64([[1, 3], [5, 7]]), f64([1, 2, 3]))).toThrow(
      'mean: sampleWeight must broadcast over the values from the first axis: expected [2] or axes of 1, got [3] for values [2, 2]',
    );
    expect(() => new Mean().updateState(f64([1, 3]), f64([[1, 1], [1, 1]]))).toThrow(ShapeError);
    expect(() => new Mean().updateState([1, 3] as never)).toThrow(DataError);
  });

  it("in compile, 'mean' and 'sum' stream the model's outputs; the batch value is the batch alone", () => {
    // Dense with W = [1, 2]ᵀ, b = 0: inputs [0, 1], [1, 0], [1, 1] give outputs 2, 1, 3.
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    model.setWeights([f64([[1], [2]]), f64([0])]);
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mean', 'sum'] });
    const [, mean, sum] = model.evaluate(f64([[0, 1], [1, 0], [1, 1]]), f64([[0], [0], [0]]), { batchSize: 2 }) as number[];
    expect(mean).toBeCloseTo(2, 6);
    expect(sum).toBeCloseTo(6, 6);
    const m = metrics.create('mean');
    expect(isStreamingMetric(m)).toBe(true);
    expect(m.compute(f64([[2], [4]]), f64([[0], [0]]))).toBe(3);
  });
});

describe('Sum (reduction_metrics_test.py SumTest)', () => {
  it.each([
    ['test_unweighted', 16, f64([1, 3, 5, 7]), undefined],
    ['test_weighted', 4, f64([1, 3, 5, 7]), f64([1, 1, 0, 0])],
    ['test_weighted_nd', 9, f64([[1, 3], [5, 7]]), f64([[1, 1], [1, 0]])],
    ['test_weighted_nd_broadcast', 6, f64([[1, 3], [5, 7]]), f64([[1, 0]])],
  ] as const)('%s: %p', (_test, expected, values, weights) => {
    const s = new Sum({ name: 'sum' });
    s.updateState(values, weights);
    expect(s.result()).toBe(expected);
  });

  it('test_config; streams over batches and resets; per-sample weights sum each sample', () => {
    const s = new Sum();
    expect(s.getConfig()).toEqual({ name: 'sum' });
    s.updateState(f64([1, 3]));
    s.updateState(5);
    expect(s.result()).toBe(9);
    s.reset();
    // Rows summing to 4 and 12, weighted 0.5 and 2 → 2 + 24.
    s.updateState(f64([[1, 3], [5, 7]]), f64([0.5, 2]));
    expect(s.result()).toBe(26);
    expect(metrics.create('sum')).toBeInstanceOf(Sum);
  });
});

describe('weightedSums', () => {
  it('gives Σ v·w, Σ w and the values per sample (TSDoc example)', () => {
    expect(weightedSums('mean', f64([[1, 3], [5, 7]]), f64([[1, 0]]))).toEqual({ weighted: 6, weights: 2, perSample: 2 });
    // [2, 3, 2] weights per [2, 3] block: weights (1, 2) per first-axis entry, broadcast over the rest.
    const values = tensor(Array.from({ length: 12 }, (_, i) => i + 1), [2, 3, 2], 'float64');
    // Σ of 1..6 = 21 times 1, Σ of 7..12 = 57 times 2 → 135; weights 6·1 + 6·2 = 18.
    expect(weightedSums('mean', values, f64([1, 2]))).toEqual({ weighted: 135, weights: 18, perSample: 6 });
    // Weights [1, 3, 1] over [2, 3, 2]: middle axis weights (1, 0, 2) shared by both first-axis entries and both last-axis ones.
    const middle = tensor([1, 0, 2], [1, 3, 1], 'float64');
    // Pairs per (i, j): (1+2, 3+4, 5+6, 7+8, 9+10, 11+12) = 3, 7, 11, 15, 19, 23 weighted 1, 0, 2, 1, 0, 2 → 3 + 22 + 15 + 46 = 86.
    expect(weightedSums('mean', values, middle)).toEqual({ weighted: 86, weights: 12, perSample: 6 });
  });
});
