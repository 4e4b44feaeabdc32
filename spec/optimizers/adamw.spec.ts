import { ConfigError } from '../../lib/errors';
import { Adam } from '../../optimizers/adam';
import { AdamW } from '../../optimizers/adamw';
import { QUADRATIC, START, expectTrajectoriesClose, makeParam, referenceTrajectory, setGrad, trajectory, valuesOf } from './fixtures';

describe('AdamW', () => {
  it('decays the weights before the Adam step, worked by hand', () => {
    // W = 1, g = 2, η = 0.1, λ = 0.1, ε = 0.
    // Decay: W ← W − η·λ·W = 1 − 0.01 = 0.99.
    // Adam, t = 1, ε = 0: α·m/√v = (0.1·√0.001/0.1)·0.2/√0.004 = 0.1 (η·sign(g) on a first step).
    // W = 0.99 − 0.1 = 0.89.
    const p = makeParam([1]);
    setGrad(p, [2]);
    new AdamW({ learningRate: 0.1, weightDecay: 0.1, epsilon: 0 }).step([p]);
    expect(valuesOf(p.value)[0]).toBeCloseTo(0.89, 14);
  });

  it('follows the decoupled equations for 5 steps on the quadratic', () => {
    // Reference, float64: W ← W − η·λ·W; then m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²,
    // W ← W − η·√(1 − β2^t)/(1 − β1^t)·m/(√v + ε), with g taken at the weights before the decay.
    const lr = 0.1, wd = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-7;
    let m = [0, 0, 0, 0], v = [0, 0, 0, 0];
    const expected = referenceTrajectory((t, g, w) => {
      const decayed = w.map((wi) => wi - lr * wd * wi);
      m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
      v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i] * g[i]);
      const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      return decayed.map((wi, i) => wi - (alpha * m[i]) / (Math.sqrt(v[i]) + eps));
    }, QUADRATIC, START, 5);
    expectTrajectoriesClose(trajectory(new AdamW({ learningRate: lr, weightDecay: wd }), QUADRATIC, START, 5), expected);
  });

  it('is Adam when weightDecay is 0', () => {
    const a = trajectory(new AdamW({ learningRate: 0.1, weightDecay: 0, amsgrad: true }), QUADRATIC, START, 5);
    const b = trajectory(new Adam({ learningRate: 0.1, amsgrad: true }), QUADRATIC, START, 5);
    expectTrajectoriesClose(a, b, 0);
  });

  it('has Keras 3 defaults, weightDecay 0.004', () => {
    expect(new AdamW().getConfig()).toEqual({
      learningRate: 0.001, clipValue: null, clipNorm: null, globalClipNorm: null,
      beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false, weightDecay: 0.004,
    });
  });

  it('rejects a negative weightDecay', () => {
    expect(() => new AdamW({ weightDecay: -0.1 })).toThrow(ConfigError);
    expect(() => new AdamW({ weightDecay: -0.1 })).toThrow('AdamW: weightDecay must be a finite number >= 0, got -0.1');
  });
});
