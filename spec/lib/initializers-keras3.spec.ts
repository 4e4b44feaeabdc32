/**
 * Keras 3's initializers that layerwise lacked: Identity (keras/src/initializers/constant_initializers_test.py)
 * and TruncatedNormal, and Keras 3's aliases 'uniform', 'normal', 'zero', 'one' and 'IdentityInitializer'.
 */
import {
  Dense, IdentityInitializer, RandomNormal, RandomUniform, TruncatedNormal, Ones, Zeros, getInitializer, initializers, serializeInitializer,
} from '../../lib';
import { ConfigError, ShapeError } from '../../lib/errors';

describe('IdentityInitializer (keras.initializers.Identity)', () => {
  it('test_identity_initializer: shape (3, 3), gain 2 is 2·eye(3); the config round-trips; IdentityInitializer resolves', () => {
    const init = new IdentityInitializer({ gain: 2 });
    expect(Array.from(init.init([3, 3], 'float64').data)).toEqual([2, 0, 0, 0, 2, 0, 0, 0, 2]);
    expect(init.getConfig()).toEqual({ gain: 2 });
    expect(initializers.create('Identity', init.getConfig()).getConfig()).toEqual({ gain: 2 });
    expect(getInitializer('IdentityInitializer')).toBeInstanceOf(IdentityInitializer);
    expect(getInitializer('identity')).toBeInstanceOf(IdentityInitializer);
    expect(serializeInitializer(new IdentityInitializer())).toEqual({ className: 'Identity', config: { gain: 1 } });
  });

  it('a rectangular shape gets eye(rows, cols); other ranks and a bad gain are refused', () => {
    expect(Array.from(new IdentityInitializer().init([2, 3], 'float64').data)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(Array.from(new IdentityInitializer().init([3, 2], 'float64').data)).toEqual([1, 0, 0, 1, 0, 0]);
    expect(() => new IdentityInitializer().init([2, 2, 2])).toThrow(ShapeError);
    expect(() => new IdentityInitializer().init([4])).toThrow('Identity: the identity initializer makes 2D matrices only: expected [rows, cols], got [4] of rank 1');
    expect(() => new IdentityInitializer({ gain: Number.NaN })).toThrow(new ConfigError('Identity: gain must be a finite number, got NaN'));
    expect(() => new IdentityInitializer({ seed: 1 } as never)).toThrow(/Identity: unknown option 'seed'/);
  });

  it("as a Dense kernel: 'identity' makes the layer pass its input through", () => {
    const dense = new Dense({ units: 2, inputShape: [2], kernelInitializer: 'identity' });
    dense.build([null, 2]);
    expect(Array.from(dense.params()[0].value.data)).toEqual([1, 0, 0, 1]);
  });
});

describe('TruncatedNormal', () => {
  it('draws within μ ± 2σ, seeded, with the standard deviation of a normal cut at 2σ (0.8796·σ)', () => {
    const init = new TruncatedNormal({ mean: 1, stddev: 0.5, seed: 3 });
    const values = Array.from(init.init([200, 100], 'float64').data);
    expect(values.every((v) => v >= 0 && v <= 2)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(mean).toBeCloseTo(1, 1);
    expect(Math.abs(std - 0.87962566103423978 * 0.5)).toBeLessThan(0.01);
    expect(Array.from(init.init([3, 3], 'float64').data)).toEqual(Array.from(new TruncatedNormal({ mean: 1, stddev: 0.5, seed: 3 }).init([3, 3], 'float64').data));
  });

  it("Keras's defaults (mean 0, stddev 0.05) and names 'truncated_normal' / 'TruncatedNormal'", () => {
    expect(new TruncatedNormal().getConfig()).toEqual({ mean: 0, stddev: 0.05 });
    expect(getInitializer('truncated_normal')).toBeInstanceOf(TruncatedNormal);
    expect(initializers.create('TruncatedNormal', { stddev: 0.1, seed: 2 }).getConfig()).toEqual({ mean: 0, stddev: 0.1, seed: 2 });
    expect(() => new TruncatedNormal({ stddev: -1 })).toThrow('TruncatedNormal: stddev must be a non-negative number, got -1');
  });
});

describe("Keras 3's initializer aliases", () => {
  it("'uniform', 'normal', 'zero' and 'one' (ALL_OBJECTS_DICT)", () => {
    expect(getInitializer('uniform')).toBeInstanceOf(RandomUniform);
    expect(getInitializer('normal')).toBeInstanceOf(RandomNormal);
    expect(getInitializer('zero')).toBeInstanceOf(Zeros);
    expect(getInitializer('one')).toBeInstanceOf(Ones);
  });
});
