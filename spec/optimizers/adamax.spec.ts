import { ConfigError } from '../../lib/errors';
import { Adamax } from '../../optimizers/adamax';
import { QUADRATIC, START, expectTrajectoriesClose, makeParam, referenceTrajectory, setGrad, trajectory, valuesOf } from './fixtures';

describe('Adamax', () => {
  it('takes two steps by hand', () => {
    // W = 1, η = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-7.
    // t = 1, g = 2:  m = 0.2, u = max(0, 2) = 2, W = 1 − 0.1·0.2/(0.1·(2 + 1e-7)) = 0.900000005.
    // t = 2, g = −1: m = 0.18 − 0.1 = 0.08, u = max(0.999·2, 1) = 1.998,
    //                W = 0.900000005 − 0.1·0.08/(0.19·(1.998 + 1e-7)) = 0.8789263007705082.
    const p = makeParam([1]);
    const opt = new Adamax({ learningRate: 0.1 });
    setGrad(p, [2]);
    opt.step([p]);
    expect(valuesOf(p.value)[0]).toBeCloseTo(0.9000000049999998, 14);
    setGrad(p, [-1]);
    opt.step([p]);
    expect(valuesOf(p.value)[0]).toBeCloseTo(0.8789263007705082, 14);
  });

  it('follows the Keras 3 equations for 5 steps', () => {
    // Reference, float64: m ← β1·m + (1 − β1)·g; u ← max(β2·u, |g|); W ← W − η/(1 − β1^t)·m/(u + ε).
    const lr = 0.1, b1 = 0.8, b2 = 0.9, eps = 1e-7;
    let m = [0, 0, 0, 0], u = [0, 0, 0, 0];
    const expected = referenceTrajectory((t, g, w) => {
      m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
      u = u.map((ui, i) => Math.max(b2 * ui, Math.abs(g[i])));
      return w.map((wi, i) => wi - (lr / (1 - b1 ** t)) * (m[i] / (u[i] + eps)));
    }, QUADRATIC, START, 5);
    expectTrajectoriesClose(trajectory(new Adamax({ learningRate: lr, beta1: b1, beta2: b2 }), QUADRATIC, START, 5), expected);
  });

  it('has Keras 3 defaults', () => {
    expect(new Adamax().getConfig()).toEqual({
      learningRate: 0.001, clipValue: null, clipNorm: null, globalClipNorm: null, beta1: 0.9, beta2: 0.999, epsilon: 1e-7,
    });
  });

  it('rejects a β of 1', () => {
    expect(() => new Adamax({ beta2: 1 })).toThrow(ConfigError);
    expect(() => new Adamax({ beta2: 1 })).toThrow('Adamax: beta2 must be a number in [0, 1), got 1');
  });
});
