import { ConfigError } from '../../lib/errors';
import { Adam } from '../../optimizers/adam';
import { QUADRATIC, START, expectTrajectoriesClose, makeParam, referenceTrajectory, setGrad, trajectory, valuesOf } from './fixtures';

/**
 * Keras 3's Adam in its bias-corrected form, float64: with m̂ = m/(1 − β1^t), v̂ = v/(1 − β2^t),
 * W ← W − η·m̂ / (√v̂ + ε̂/√(1 − β2^t)), which is algebraically the class's
 * W ← W − η·√(1 − β2^t)/(1 − β1^t) · m/(√v + ε̂). `amsgrad` uses max over steps of v.
 */
function adamReference(lr: number, b1: number, b2: number, eps: number, amsgrad: boolean) {
  let m = [0, 0, 0, 0], v = [0, 0, 0, 0], vMax = [0, 0, 0, 0];
  return (t: number, g: number[], w: number[]): number[] => {
    m = m.map((mi, i) => b1 * mi + (1 - b1) * g[i]);
    v = v.map((vi, i) => b2 * vi + (1 - b2) * g[i] * g[i]);
    vMax = vMax.map((x, i) => Math.max(x, v[i]));
    const used = amsgrad ? vMax : v;
    return w.map((wi, i) => {
      const mHat = m[i] / (1 - b1 ** t);
      const vHat = used[i] / (1 - b2 ** t);
      return wi - (lr * mHat) / (Math.sqrt(vHat) + eps / Math.sqrt(1 - b2 ** t));
    });
  };
}

describe('Adam', () => {
  it('takes one step by hand with ε on √v (Keras 3), not on √v̂ (TensorFlow.js)', () => {
    // W = 1, g = 2, η = 0.1, β1 = 0.9, β2 = 0.999, ε = 1e-7, t = 1:
    // m = 0.1·2 = 0.2, v = 0.001·4 = 0.004, √v = 0.0632455532;
    // α = 0.1·√0.001/0.1 = 0.0316227766; W = 1 − α·0.2/(0.0632455532 + 1e-7) = 0.900000158113633.
    // (tfjs: 1 − 0.1·2/(2 + 1e-7) = 0.900000005.)
    const p = makeParam([1]);
    setGrad(p, [2]);
    new Adam({ learningRate: 0.1 }).step([p]);
    expect(valuesOf(p.value)[0]).toBeCloseTo(0.900000158113633, 14);
  });

  it('follows the Keras 3 equations for 5 steps with the default ε', () => {
    const expected = referenceTrajectory(adamReference(0.1, 0.9, 0.999, 1e-7, false), QUADRATIC, START, 5);
    expectTrajectoriesClose(trajectory(new Adam({ learningRate: 0.1 }), QUADRATIC, START, 5), expected);
  });

  it('divides by the running maximum of v with amsgrad, worked by hand', () => {
    // η = 0.1, β1 = β2 = 0.5, ε = 0, W = 1; g = 2 then g = 0.1.
    // t = 1: m = 1, v = 2, v̂ = 2, α = 0.1·√0.5/0.5 = 0.1414213562; W = 1 − α·1/√2 = 0.9.
    // t = 2: m = 0.5 + 0.05 = 0.55, v = 1 + 0.005 = 1.005, v̂ = max(2, 1.005) = 2,
    //        α = 0.1·√0.75/0.75 = 0.1154700538; W = 0.9 − α·0.55/√2 = 0.855092688048975.
    // Without amsgrad the step divides by √1.005: W = 0.8366496487907003.
    for (const [amsgrad, expected] of [[true, 0.855092688048975], [false, 0.8366496487907003]] as const) {
      const p = makeParam([1]);
      const adam = new Adam({ learningRate: 0.1, beta1: 0.5, beta2: 0.5, epsilon: 0, amsgrad });
      setGrad(p, [2]);
      adam.step([p]);
      expect(valuesOf(p.value)[0]).toBeCloseTo(0.9, 14);
      setGrad(p, [0.1]);
      adam.step([p]);
      expect(valuesOf(p.value)[0]).toBeCloseTo(expected, 14);
    }
  });

  it('follows the AMSGrad equations for 5 steps on the quadratic', () => {
    const expected = referenceTrajectory(adamReference(0.2, 0.8, 0.6, 1e-7, true), QUADRATIC, START, 5);
    expectTrajectoriesClose(trajectory(new Adam({ learningRate: 0.2, beta1: 0.8, beta2: 0.6, amsgrad: true }), QUADRATIC, START, 5), expected);
  });

  it('has Keras 3 defaults', () => {
    expect(new Adam().getConfig()).toEqual({
      learningRate: 0.001, clipValue: null, clipNorm: null, globalClipNorm: null,
      beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false,
    });
  });

  it.each([
    [{ beta1: 1 }, 'Adam: beta1 must be a number in [0, 1), got 1'],
    [{ beta2: -0.1 }, 'Adam: beta2 must be a number in [0, 1), got -0.1'],
    [{ epsilon: -1e-7 }, 'Adam: epsilon must be a finite number >= 0, got -1e-7'],
    [{ amsgrad: 1 }, 'Adam: amsgrad must be a boolean, got 1'],
  ])('rejects %p', (options, message) => {
    expect(() => new Adam(options as never)).toThrow(ConfigError);
    expect(() => new Adam(options as never)).toThrow(message);
  });
});
