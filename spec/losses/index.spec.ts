import {
  BinaryCrossentropy, CategoricalCrossentropy, CategoricalHinge, CosineSimilarity, Hinge, Huber, KLDivergence,
  LogCosh, MeanAbsoluteError, MeanSquaredError, Poisson, SparseCategoricalCrossentropy, SquaredHinge,
  getLoss, losses, type Loss,
} from '../../losses';
import { ConfigError } from '../../lib/errors';

describe('the losses registry', () => {
  const expected: [string, new () => Loss][] = [
    ['mse', MeanSquaredError], ['meanSquaredError', MeanSquaredError], ['mean_squared_error', MeanSquaredError], ['MeanSquaredError', MeanSquaredError],
    ['binaryCrossentropy', BinaryCrossentropy], ['binary_crossentropy', BinaryCrossentropy],
    ['categoricalCrossentropy', CategoricalCrossentropy], ['categorical_crossentropy', CategoricalCrossentropy],
    ['sparseCategoricalCrossentropy', SparseCategoricalCrossentropy], ['sparse_categorical_crossentropy', SparseCategoricalCrossentropy],
    ['mae', MeanAbsoluteError], ['mean_absolute_error', MeanAbsoluteError], ['meanAbsoluteError', MeanAbsoluteError],
    ['huber', Huber], ['huber_loss', Huber], ['log_cosh', LogCosh], ['logcosh', LogCosh], ['logCosh', LogCosh],
    ['kld', KLDivergence], ['kl_divergence', KLDivergence], ['kullbackLeiblerDivergence', KLDivergence],
    ['hinge', Hinge], ['squared_hinge', SquaredHinge], ['squaredHinge', SquaredHinge],
    ['categorical_hinge', CategoricalHinge], ['categoricalHinge', CategoricalHinge], ['poisson', Poisson],
    ['cosine_similarity', CosineSimilarity], ['cosineSimilarity', CosineSimilarity], ['cosineProximity', CosineSimilarity],
  ];

  it.each(expected)("resolves '%s'", (name, cls) => {
    expect(getLoss(name)).toBeInstanceOf(cls);
    expect(losses.create(name)).toBeInstanceOf(cls);
  });

  it('builds a loss from its config, and getConfig → create → getConfig is the identity', () => {
    const loss = losses.create('categorical_crossentropy', { fromLogits: true });
    expect(loss.getConfig()).toEqual({ fromLogits: true, labelSmoothing: 0 });
    expect(losses.create(loss.className, loss.getConfig()).getConfig()).toEqual(loss.getConfig());
  });

  it.each([
    ['huber', { delta: 2.5 }], ['cosine_similarity', { axis: 1 }],
    ['binary_crossentropy', { fromLogits: true, labelSmoothing: 0.2 }], ['categorical_crossentropy', { fromLogits: false, labelSmoothing: 0.1 }],
  ])("builds '%s' from its config and round-trips it", (name, config) => {
    const loss = losses.create(name, config);
    expect(loss.getConfig()).toEqual(config);
    expect(losses.create(loss.className, loss.getConfig()).getConfig()).toEqual(config);
  });

  it('lists the class names', () => {
    expect(losses.names()).toEqual([
      'BinaryCrossentropy', 'BinaryFocalCrossentropy', 'CTC', 'CategoricalCrossentropy', 'CategoricalFocalCrossentropy',
      'CategoricalGeneralizedCrossEntropy', 'CategoricalHinge', 'Circle', 'CosineSimilarity', 'Dice', 'Hinge', 'Huber', 'KLDivergence',
      'LogCosh', 'MeanAbsoluteError', 'MeanAbsolutePercentageError', 'MeanSquaredError', 'MeanSquaredLogarithmicError', 'Poisson',
      'SparseCategoricalCrossentropy', 'SquaredHinge', 'Tversky',
    ]);
  });
});

describe('getLoss', () => {
  it('returns a Loss instance as it is', () => {
    const loss = new CategoricalCrossentropy({ fromLogits: true });
    expect(getLoss(loss)).toBe(loss);
  });

  it('gives a new instance per call', () => {
    expect(getLoss('mse')).not.toBe(getLoss('mse'));
  });

  it('names the valid losses for an unknown name', () => {
    expect(() => getLoss('hingeish')).toThrow(ConfigError);
    expect(() => getLoss('hingeish')).toThrow(/unknown loss 'hingeish'.*'hinge'.*'mse'.*'sparse_categorical_crossentropy'/);
  });

  it('names the valid losses for something that is not a name or a Loss', () => {
    expect(() => getLoss(42 as unknown as string)).toThrow(ConfigError);
    expect(() => getLoss({} as unknown as string)).toThrow(/getLoss: expected a loss name or a Loss instance, got Object.*'categoricalCrossentropy'/);
  });
});
