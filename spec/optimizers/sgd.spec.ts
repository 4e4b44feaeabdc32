import { ConfigError } from '../../lib/errors';
import { SGD } from '../../optimizers/sgd';
import { QUADRATIC, START, expectTrajectoriesClose, makeParam, referenceTrajectory, setGrad, trajectory, valuesOf } from './fixtures';

describe('SGD', () => {
  it('takes one plain step by hand: W ← W − η·g', () => {
    // W = [1, −2], g = [0.5, −1], η = 0.1: W = [1 − 0.05, −2 + 0.1] = [0.95, −1.9].
    const p = makeParam([1, -2]);
    setGrad(p, [0.5, -1]);
    new SGD({ learningRate: 0.1 }).step([p]);
    expect(valuesOf(p.value)[0]).toBeCloseTo(0.95, 15);
    expect(valuesOf(p.value)[1]).toBeCloseTo(-1.9, 15);
  });

  it('takes two momentum steps by hand: v ← μ·v − η·g, W ← W + v', () => {
    // μ = 0.9, η = 0.1, constant g = [0.5, −1], W = [1, −2].
    // Step 1: v = −0.1·g = [−0.05, 0.1], W = [0.95, −1.9].
    // Step 2: v = 0.9·[−0.05, 0.1] − [0.05, −0.1] = [−0.095, 0.19], W = [0.855, −1.71].
    const p = makeParam([1, -2]);
    const sgd = new SGD({ learningRate: 0.1, momentum: 0.9 });
    setGrad(p, [0.5, -1]);
    sgd.step([p]);
    expect(valuesOf(p.value)).toEqual([expect.closeTo(0.95, 15), expect.closeTo(-1.9, 15)]);
    sgd.step([p]);
    expect(valuesOf(p.value)).toEqual([expect.closeTo(0.855, 15), expect.closeTo(-1.71, 15)]);
  });

  it('takes one Nesterov step by hand: W ← W + μ·v − η·g', () => {
    // v = −0.1·[0.5, −1] = [−0.05, 0.1]; W = [1 + 0.9·(−0.05) − 0.05, −2 + 0.9·0.1 + 0.1] = [0.905, −1.81].
    const p = makeParam([1, -2]);
    setGrad(p, [0.5, -1]);
    new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true }).step([p]);
    expect(valuesOf(p.value)).toEqual([expect.closeTo(0.905, 15), expect.closeTo(-1.81, 15)]);
  });

  it('follows the momentum and Nesterov equations for 5 steps on the quadratic', () => {
    // Reference in float64: v ← μ·v − η·g; plain W ← W + v; Nesterov W ← W + μ·v − η·g.
    for (const nesterov of [false, true]) {
      let v = [0, 0, 0, 0];
      const expected = referenceTrajectory((_t, g, w) => {
        v = v.map((vi, i) => 0.9 * vi - 0.05 * g[i]);
        return w.map((wi, i) => (nesterov ? wi + 0.9 * v[i] - 0.05 * g[i] : wi + v[i]));
      }, QUADRATIC, START, 5);
      expectTrajectoriesClose(trajectory(new SGD({ learningRate: 0.05, momentum: 0.9, nesterov }), QUADRATIC, START, 5), expected);
    }
  });

  it('has Keras 3 defaults', () => {
    expect(new SGD().getConfig()).toEqual({
      learningRate: 0.01, clipValue: null, clipNorm: null, globalClipNorm: null, momentum: 0, nesterov: false,
    });
  });

  it.each([
    [{ momentum: 1 }, 'SGD: momentum must be a number in [0, 1), got 1'],
    [{ momentum: -0.5 }, 'SGD: momentum must be a number in [0, 1), got -0.5'],
    [{ nesterov: 'yes' }, "SGD: nesterov must be a boolean, got 'yes'"],
    [{ learningRate: -1 }, 'SGD: learningRate must be a finite number >= 0, got -1'],
    [{ learningRate: NaN }, 'SGD: learningRate must be a finite number >= 0, got NaN'],
  ])('rejects %p', (options, message) => {
    expect(() => new SGD(options as never)).toThrow(ConfigError);
    expect(() => new SGD(options as never)).toThrow(message);
  });
});
