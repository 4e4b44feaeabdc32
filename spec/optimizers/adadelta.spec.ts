import { ConfigError } from '../../lib/errors';
import { Adadelta } from '../../optimizers/adadelta';
import { QUADRATIC, START, expectTrajectoriesClose, makeParam, referenceTrajectory, setGrad, trajectory, valuesOf } from './fixtures';

describe('Adadelta', () => {
  it('takes two steps by hand, dividing by the updated E[g²] (where TensorFlow.js uses the old one)', () => {
    // W = 1, g = 2 twice, η = 1, ρ = 0.95, ε = 1e-7.
    // Step 1: E[g²] = 0.05·4 = 0.2; Δ = −√(0 + 1e-7)/√(0.2 + 1e-7)·2 = −0.001414213208819837;
    //         E[Δ²] = 0.05·Δ² = 9.999995e-8; W = 0.9985857867911802.
    //         (tfjs divides by √(0 + ε): Δ = −2, W = −1.)
    // Step 2: E[g²] = 0.95·0.2 + 0.05·4 = 0.39; Δ = −√(E[Δ²] + 1e-7)/√(0.39 + 1e-7)·2
    //         = −0.0014322293854310852; W = 0.9971535574057491.
    const p = makeParam([1]);
    const opt = new Adadelta({ learningRate: 1 });
    setGrad(p, [2]);
    opt.step([p]);
    expect(valuesOf(p.value)[0]).toBeCloseTo(0.9985857867911802, 14);
    opt.step([p]);
    expect(valuesOf(p.value)[0]).toBeCloseTo(0.9971535574057491, 14);
  });

  it('follows the Keras 3 equations for 5 steps', () => {
    // Reference, float64: E[g²] ← ρ·E[g²] + (1 − ρ)·g²; Δ = −√(E[Δ²] + ε)/√(E[g²] + ε)·g;
    // E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²; W ← W + η·Δ.
    const lr = 0.5, rho = 0.9, eps = 1e-6;
    let eg = [0, 0, 0, 0], ed = [0, 0, 0, 0];
    const expected = referenceTrajectory((_t, g, w) => {
      eg = eg.map((x, i) => rho * x + (1 - rho) * g[i] ** 2);
      const delta = g.map((gi, i) => (-Math.sqrt(ed[i] + eps) / Math.sqrt(eg[i] + eps)) * gi);
      ed = ed.map((x, i) => rho * x + (1 - rho) * delta[i] ** 2);
      return w.map((wi, i) => wi + lr * delta[i]);
    }, QUADRATIC, START, 5);
    expectTrajectoriesClose(trajectory(new Adadelta({ learningRate: lr, rho, epsilon: eps }), QUADRATIC, START, 5), expected);
  });

  it('has Keras 3 defaults', () => {
    expect(new Adadelta().getConfig()).toEqual({
      learningRate: 0.001, clipValue: null, clipNorm: null, globalClipNorm: null, rho: 0.95, epsilon: 1e-7,
    });
  });

  it.each([
    [{ rho: 1.5 }, 'Adadelta: rho must be a number in [0, 1), got 1.5'],
    [{ epsilon: -1 }, 'Adadelta: epsilon must be a finite number >= 0, got -1'],
  ])('rejects %p', (options, message) => {
    expect(() => new Adadelta(options as never)).toThrow(ConfigError);
    expect(() => new Adadelta(options as never)).toThrow(message);
  });
});
