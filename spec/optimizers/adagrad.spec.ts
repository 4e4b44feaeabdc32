import { ConfigError } from '../../lib/errors';
import { Adagrad } from '../../optimizers/adagrad';
import { QUADRATIC, START, expectTrajectoriesClose, makeParam, referenceTrajectory, setGrad, trajectory, valuesOf } from './fixtures';

describe('Adagrad', () => {
  it('takes one step by hand from the initial accumulator', () => {
    // W = 1, g = 2, η = 0.1, a₀ = 0.1: a = 0.1 + 4 = 4.1, W = 1 − 0.2/√(4.1 + 1e-7) = 0.9012270415395893.
    const p = makeParam([1]);
    setGrad(p, [2]);
    new Adagrad({ learningRate: 0.1 }).step([p]);
    expect(valuesOf(p.value)[0]).toBeCloseTo(0.9012270415395893, 14);
  });

  it('follows the Keras 3 equations for 5 steps', () => {
    // Reference, float64: a ← a + g², W ← W − η·g/√(a + ε), a starting at a₀.
    const lr = 0.2, a0 = 0.5, eps = 1e-7;
    let a = [a0, a0, a0, a0];
    const expected = referenceTrajectory((_t, g, w) => {
      a = a.map((ai, i) => ai + g[i] ** 2);
      return w.map((wi, i) => wi - (lr * g[i]) / Math.sqrt(a[i] + eps));
    }, QUADRATIC, START, 5);
    expectTrajectoriesClose(trajectory(new Adagrad({ learningRate: lr, initialAccumulatorValue: a0 }), QUADRATIC, START, 5), expected);
  });

  it('has Keras 3 defaults', () => {
    expect(new Adagrad().getConfig()).toEqual({
      learningRate: 0.001, clipValue: null, clipNorm: null, globalClipNorm: null, initialAccumulatorValue: 0.1, epsilon: 1e-7,
    });
  });

  it.each([
    [{ initialAccumulatorValue: -1 }, 'Adagrad: initialAccumulatorValue must be a finite number >= 0, got -1'],
    [{ epsilon: '1e-7' }, "Adagrad: epsilon must be a finite number >= 0, got '1e-7'"],
  ])('rejects %p', (options, message) => {
    expect(() => new Adagrad(options as never)).toThrow(ConfigError);
    expect(() => new Adagrad(options as never)).toThrow(message);
  });
});
