import {
  BinaryCrossentropy, CategoricalCrossentropy, MeanSquaredError, SparseCategoricalCrossentropy,
  getLoss, losses, type Loss,
} from '../../losses';
import { ConfigError } from '../../lib/errors';

describe('the losses registry', () => {
  const expected: [string, new () => Loss][] = [
    ['mse', MeanSquaredError], ['meanSquaredError', MeanSquaredError], ['mean_squared_error', MeanSquaredError], ['MeanSquaredError', MeanSquaredError],
    ['binaryCrossentropy', BinaryCrossentropy], ['binary_crossentropy', BinaryCrossentropy],
    ['categoricalCrossentropy', CategoricalCrossentropy], ['categorical_crossentropy', CategoricalCrossentropy],
    ['sparseCategoricalCrossentropy', SparseCategoricalCrossentropy], ['sparse_categorical_crossentropy', SparseCategoricalCrossentropy],
  ];

  it.each(expected)("resolves '%s'", (name, cls) => {
    expect(getLoss(name)).toBeInstanceOf(cls);
    expect(losses.create(name)).toBeInstanceOf(cls);
  });

  it('builds a loss from its config, and getConfig → create → getConfig is the identity', () => {
    const loss = losses.create('categorical_crossentropy', { fromLogits: true });
    expect(loss.getConfig()).toEqual({ fromLogits: true });
    expect(losses.create(loss.className, loss.getConfig()).getConfig()).toEqual(loss.getConfig());
  });

  it('lists the class names', () => {
    expect(losses.names()).toEqual(['BinaryCrossentropy', 'CategoricalCrossentropy', 'MeanSquaredError', 'SparseCategoricalCrossentropy']);
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
    expect(() => getLoss('hinge')).toThrow(ConfigError);
    expect(() => getLoss('hinge')).toThrow(/unknown loss 'hinge'.*'mse'.*'sparse_categorical_crossentropy'/);
  });

  it('names the valid losses for something that is not a name or a Loss', () => {
    expect(() => getLoss(42 as unknown as string)).toThrow(ConfigError);
    expect(() => getLoss({} as unknown as string)).toThrow(/getLoss: expected a loss name or a Loss instance, got Object.*'categoricalCrossentropy'/);
  });
});
