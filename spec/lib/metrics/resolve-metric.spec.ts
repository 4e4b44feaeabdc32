import {
  binaryAccuracy, categoricalAccuracy, chooseAccuracy, meanAbsoluteError, meanSquaredError,
  resolveMetric, sparseCategoricalAccuracy, type Metric,
} from '../../../lib/metrics';
import { ConfigError } from '../../../lib/errors';
import { tensor } from '../../../lib/tensor';

describe('resolveMetric', () => {
  it.each([
    // From the loss, whatever the shapes:
    ['SparseCategoricalCrossentropy', [32], [32, 10], sparseCategoricalAccuracy],
    ['CategoricalCrossentropy', [32, 10], [32, 10], categoricalAccuracy],
    ['categorical_crossentropy', [32, 10], [32, 10], categoricalAccuracy],
    ['BinaryCrossentropy', [32, 1], [32, 1], binaryAccuracy],
    ['BinaryCrossentropy', [32, 3], [32, 3], binaryAccuracy],
    // From the shapes, for any other loss:
    ['MeanSquaredError', [32, 1], [32, 1], binaryAccuracy],
    ['MeanSquaredError', [32], [32, 10], sparseCategoricalAccuracy],
    ['MeanSquaredError', [32, 1], [32, 10], sparseCategoricalAccuracy],
    ['MeanSquaredError', [32, 10], [32, 10], categoricalAccuracy],
    ['MeanSquaredError', [null, 10], [null, 10], categoricalAccuracy],
  ] as const)("chooses the accuracy for %s, yTrue %j, yPred %j", (lossClassName, yTrueShape, yPredShape, expected) => {
    expect(chooseAccuracy({ lossClassName, yTrueShape, yPredShape })).toBe(expected);
  });

  it("names the metric as typed, so 'accuracy' is the History key", () => {
    expect(resolveMetric('accuracy', 'CategoricalCrossentropy', [4, 3], [4, 3]).name).toBe('accuracy');
    expect(resolveMetric('acc', 'CategoricalCrossentropy', [4, 3], [4, 3]).name).toBe('acc');
    expect(resolveMetric('mse', 'MeanSquaredError', [4, 1], [4, 1]).name).toBe('mse');
  });

  it("computes 'accuracy' and 'acc' as the chosen accuracy", () => {
    // Sparse: argmax [1, 0] vs labels [1, 1] → 0.5.
    const yPred = tensor([[0.1, 0.9], [0.8, 0.2]]);
    expect(resolveMetric('accuracy', 'SparseCategoricalCrossentropy', [2], [2, 2]).compute(yPred, tensor([1, 1]))).toBe(0.5);
    // Binary, per output: thresholded [[0, 1], [1, 0]] vs [[0, 1], [0, 0]] → 3 of 4.
    expect(resolveMetric('acc', 'BinaryCrossentropy', [2, 2], [2, 2]).compute(yPred, tensor([[0, 1], [0, 0]]))).toBe(0.75);
    // Categorical: argmax [1, 0] vs one-hot [[0, 1], [0, 1]] → 0.5.
    expect(resolveMetric('ACCURACY', 'CategoricalCrossentropy', [2, 2], [2, 2]).compute(yPred, tensor([[0, 1], [0, 1]]))).toBe(0.5);
  });

  it.each([
    ['binaryAccuracy', binaryAccuracy], ['binary_accuracy', binaryAccuracy],
    ['categoricalAccuracy', categoricalAccuracy], ['categorical_accuracy', categoricalAccuracy],
    ['sparseCategoricalAccuracy', sparseCategoricalAccuracy], ['sparse_categorical_accuracy', sparseCategoricalAccuracy],
    ['mse', meanSquaredError], ['meanSquaredError', meanSquaredError], ['mean_squared_error', meanSquaredError],
    ['mae', meanAbsoluteError], ['meanAbsoluteError', meanAbsoluteError], ['mean_absolute_error', meanAbsoluteError],
  ] as const)("resolves '%s'", (name, expected) => {
    const metric = resolveMetric(name, 'MeanSquaredError', [2, 2], [2, 2]);
    expect(metric.name).toBe(name);
    const yPred = tensor([[0.9, 0.2], [0.3, 0.4]]);
    const yTrue = name.startsWith('sparse') ? tensor([0, 0]) : tensor([[1, 0], [0, 1]]);
    expect(metric.compute(yPred, yTrue)).toBe(expected.compute(yPred, yTrue));
  });

  it('returns a Metric object as it is', () => {
    const custom: Metric = { name: 'zero', compute: () => 0 };
    expect(resolveMetric(custom, 'MeanSquaredError', [1, 1], [1, 1])).toBe(custom);
  });

  it('lists the valid names for an unknown one', () => {
    expect(() => resolveMetric('roc', 'BinaryCrossentropy', [4, 1], [4, 1])).toThrow(ConfigError);
    expect(() => resolveMetric('roc', 'BinaryCrossentropy', [4, 1], [4, 1])).toThrow(/unknown metric 'roc'.*'acc'.*'accuracy'.*'mae'.*'mse'/);
  });
});
