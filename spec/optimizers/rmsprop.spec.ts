import { ConfigError } from '../../lib/errors';
import { RMSprop } from '../../optimizers/rmsprop';
import { QUADRATIC, START, expectTrajectoriesClose, makeParam, referenceTrajectory, setGrad, trajectory, valuesOf } from './fixtures';

/** One RMSprop step on a single weight, with the class's options. */
function oneStep(w: number, g: number, options: ConstructorParameters<typeof RMSprop>[0]): number {
  const p = makeParam([w]);
  setGrad(p, [g]);
  new RMSprop(options).step([p]);
  return valuesOf(p.value)[0];
}

describe('RMSprop', () => {
  it("reproduces Keras 3's docstring example: var 10, loss var²/2, η = 0.1 → 9.683772", () => {
    // s = 0.1·10² = 10, W = 10 − 0.1·10/√(10 + 1e-7) = 9.683772…
    expect(oneStep(10, 10, { learningRate: 0.1 })).toBeCloseTo(9.683772, 6);
  });

  it('takes one plain and one centered step by hand', () => {
    // W = 1, g = 2, η = 0.01, ρ = 0.9, ε = 1e-7: s = 0.1·4 = 0.4.
    // Plain: W = 1 − 0.02/√(0.4 + 1e-7) = 0.9683772273511625.
    expect(oneStep(1, 2, { learningRate: 0.01 })).toBeCloseTo(0.9683772273511625, 14);
    // Centered: ḡ = 0.1·2 = 0.2, W = 1 − 0.02/√(0.4 − 0.04 + 1e-7) = 0.9666666712962954.
    // (tfjs's √(0.4 − 0.04 − 1e-7) would give 0.9666666620370361.)
    expect(oneStep(1, 2, { learningRate: 0.01, centered: true })).toBeCloseTo(0.9666666712962954, 14);
  });

  it('accumulates momentum by hand: b ← μ·b + Δ, W ← W − b', () => {
    // μ = 0.5, g = 2 twice. Step 1: b = 0.02/√0.4000001, W = 0.9683772273511625.
    // Step 2: s = 0.9·0.4 + 0.1·4 = 0.76, b = 0.5·b + 0.02/√0.7600001, W = 0.9296242691490015.
    const p = makeParam([1]);
    const opt = new RMSprop({ learningRate: 0.01, momentum: 0.5 });
    setGrad(p, [2]);
    opt.step([p]);
    opt.step([p]);
    expect(valuesOf(p.value)[0]).toBeCloseTo(0.9296242691490015, 14);
  });

  it('follows the Keras 3 equations for 5 steps, plain and centered, with momentum', () => {
    // Reference, float64: s ← ρ·s + (1 − ρ)·g²; centered ḡ ← ρ·ḡ + (1 − ρ)·g;
    // Δ = η·g/√(s − ḡ² + ε) (ḡ = 0 when not centered); b ← μ·b + Δ; W ← W − b.
    const lr = 0.01, rho = 0.8, mu = 0.3, eps = 1e-7;
    for (const centered of [false, true]) {
      let s = [0, 0, 0, 0], mg = [0, 0, 0, 0], b = [0, 0, 0, 0];
      const expected = referenceTrajectory((_t, g, w) => {
        s = s.map((si, i) => rho * si + (1 - rho) * g[i] ** 2);
        if (centered) mg = mg.map((x, i) => rho * x + (1 - rho) * g[i]);
        b = b.map((bi, i) => mu * bi + (lr * g[i]) / Math.sqrt(s[i] - mg[i] ** 2 + eps));
        return w.map((wi, i) => wi - b[i]);
      }, QUADRATIC, START, 5);
      expectTrajectoriesClose(trajectory(new RMSprop({ learningRate: lr, rho, momentum: mu, centered }), QUADRATIC, START, 5), expected);
    }
  });

  it('has Keras 3 defaults', () => {
    expect(new RMSprop().getConfig()).toEqual({
      learningRate: 0.001, clipValue: null, clipNorm: null, globalClipNorm: null,
      rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false,
    });
  });

  it.each([
    [{ rho: 1 }, 'RMSprop: rho must be a number in [0, 1), got 1'],
    [{ momentum: 2 }, 'RMSprop: momentum must be a number in [0, 1), got 2'],
    [{ epsilon: Infinity }, 'RMSprop: epsilon must be a finite number >= 0, got Infinity'],
    [{ centered: 'no' }, "RMSprop: centered must be a boolean, got 'no'"],
  ])('rejects %p', (options, message) => {
    expect(() => new RMSprop(options as never)).toThrow(ConfigError);
    expect(() => new RMSprop(options as never)).toThrow(message);
  });
});
