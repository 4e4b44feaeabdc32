import { ConfigError } from '../../lib/errors';
import { Nadam } from '../../optimizers/nadam';
import { QUADRATIC, START, expectTrajectoriesClose, makeParam, referenceTrajectory, setGrad, trajectory, valuesOf } from './fixtures';

/**
 * Keras 3's Nadam, float64: μ_k = β1·(1 − ½·0.96^k), Π_t = μ_1⋯μ_t;
 * m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g²;
 * m̂ = μ_{t+1}·m/(1 − Π_{t+1}) + (1 − μ_t)·g/(1 − Π_t), v̂ = v/(1 − β2^t);
 * W ← W − η·m̂/(√v̂ + ε).
 */
function nadamReference(lr: number, b1: number, b2: number, eps: number, size: number) {
  const mu = (k: number): number => b1 * (1 - 0.5 * 0.96 ** k);
  let m = new Array<number>(size).fill(0), v = new Array<number>(size).fill(0);
  return (t: number, g: number[], w: number[]): number[] => {
    let product = 1;
    for (let k = 1; k <= t; k++) product *= mu(k);
    const productNext = product * mu(t + 1);
    m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
    v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i] ** 2);
    return w.map((wi, i) => {
      const mHat = (mu(t + 1) * m[i]) / (1 - productNext) + ((1 - mu(t)) * g[i]) / (1 - product);
      const vHat = v[i] / (1 - b2 ** t);
      return wi - (lr * mHat) / (Math.sqrt(vHat) + eps);
    });
  };
}

describe('Nadam', () => {
  it('takes one step by hand', () => {
    // W = 1, g = 2, η = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-7, t = 1:
    // μ_1 = 0.9·(1 − 0.48) = 0.468, μ_2 = 0.9·(1 − 0.4608) = 0.48528, Π_1 = 0.468, Π_2 = 0.22711104;
    // m = 0.2, v = 0.004; m̂ = 0.48528·0.2/0.77288896 + 0.532·2/0.532 = 2.1255756066175406;
    // v̂ = 0.004/0.001 = 4; W = 1 − 0.1·2.1255756066175406/(2 + 1e-7) = 0.8937212249830617.
    const p = makeParam([1]);
    setGrad(p, [2]);
    new Nadam({ learningRate: 0.1 }).step([p]);
    expect(valuesOf(p.value)[0]).toBeCloseTo(0.8937212249830617, 13);
  });

  it('follows the Keras 3 equations for 5 steps', () => {
    const expected = referenceTrajectory(nadamReference(0.1, 0.9, 0.999, 1e-7, 4), QUADRATIC, START, 5);
    expectTrajectoriesClose(trajectory(new Nadam({ learningRate: 0.1 }), QUADRATIC, START, 5), expected);
  });

  it('shares the momentum product across the parameters of a step', () => {
    // Two params stepped together must match each one's single-param trajectory.
    const a = makeParam([1.5, -2]);
    const b = makeParam([0.5, 3], 'b', 'bias');
    const opt = new Nadam({ learningRate: 0.1 });
    const refA = nadamReference(0.1, 0.9, 0.999, 1e-7, 2);
    const refB = nadamReference(0.1, 0.9, 0.999, 1e-7, 2);
    let wa = [1.5, -2], wb = [0.5, 3];
    for (let t = 1; t <= 5; t++) {
      setGrad(a, [t, -1]);
      setGrad(b, [0.5, 2 * t]);
      opt.step([a, b]);
      wa = refA(t, [t, -1], wa);
      wb = refB(t, [0.5, 2 * t], wb);
    }
    expectTrajectoriesClose([valuesOf(a.value), valuesOf(b.value)], [wa, wb]);
  });

  it('recomputes the momentum product when iterations is set back', () => {
    const opt = new Nadam({ learningRate: 0.1 });
    const p = makeParam([1]);
    setGrad(p, [2]);
    opt.step([p]);
    opt.step([p]);
    opt.iterations = 0;
    const q = makeParam([1]);
    setGrad(q, [2]);
    opt.step([q]);
    expect(valuesOf(q.value)[0]).toBeCloseTo(0.8937212249830617, 13);
  });

  it('has Keras 3 defaults', () => {
    expect(new Nadam().getConfig()).toEqual({
      learningRate: 0.001, clipValue: null, clipNorm: null, globalClipNorm: null, beta1: 0.9, beta2: 0.999, epsilon: 1e-7,
    });
  });

  it('rejects a bad beta1', () => {
    expect(() => new Nadam({ beta1: -0.9 })).toThrow(ConfigError);
    expect(() => new Nadam({ beta1: -0.9 })).toThrow('Nadam: beta1 must be a number in [0, 1), got -0.9');
  });
});
