import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { Huber } from '../../losses';
import { ConfigError } from '../../lib/errors';
import { tensor, type Tensor } from '../../lib/tensor';
import { withSampleWeight } from './weighted-loss';

const f64 = (values: number[][] | number[]) => tensor(values, undefined, 'float64');

/** `t + d` for errors `d` in both branches of δ = 1 (and of δ = 0.5), none near a branch point. */
function predictionsWithErrors(t: Tensor): Tensor {
  const errors = [-2.3, -0.8, -0.2, 0.3, 0.7, 1.6, 2.9, -1.4, 0.1, -0.35, 1.2, -3.1];
  return f64(Array.from({ length: 4 }, (_, i) => Array.from({ length: 3 }, (_, j) => t.get(i, j) + errors[i * 3 + j])));
}

describe('Huber', () => {
  it('gives the known answer on both branches with δ = 1', () => {
    // d = [[0.5, 3], [−2, −0.25]]: h = 0.5² /2 = 0.125 (quadratic), 1·3 − 0.5 = 2.5 (linear),
    //   1·2 − 0.5 = 1.5 (linear), 0.25²/2 = 0.03125 (quadratic).
    // ℓ_0 = (0.125 + 2.5)/2 = 1.3125, ℓ_1 = (1.5 + 0.03125)/2 = 0.765625, L = 1.0390625.
    // Gradient clip(d, −1, 1)/(N·C) = [[0.5, 1], [−1, −0.25]]/4.
    const huber = new Huber();
    expect(huber.forward(f64([[0.5, 3], [-2, 0]]), f64([[0, 0], [0, 0.25]]))).toBeCloseTo(1.0390625, 14);
    expectClose(huber.backward(), [[0.125, 0.25], [-0.25, -0.0625]], { rtol: 0, atol: 1e-15 });
  });

  it('moves the branch point with delta', () => {
    // δ = 2: d = 0.5 → 0.125; d = 3 → 2·3 − 2 = 4. ℓ = (0.125 + 4)/2 = 2.0625; gradient [0.5, 2]/2.
    const huber = new Huber({ delta: 2 });
    expect(huber.forward(f64([[0.5, 3]]), f64([[0, 0]]))).toBeCloseTo(2.0625, 14);
    expectClose(huber.backward(), [[0.25, 1]], { rtol: 0, atol: 1e-15 });
  });

  it('is continuous where the branches meet, |d| = δ', () => {
    // At d = δ both branches give δ²/2: 0.5·1.5² = 1.5·1.5 − 0.5·1.5² = 1.125.
    const huber = new Huber({ delta: 1.5 });
    expect(huber.forward(f64([[1.5 - 1e-9]]), f64([[0]]))).toBeCloseTo(1.125, 8);
    expect(huber.forward(f64([[1.5 + 1e-9]]), f64([[0]]))).toBeCloseTo(1.125, 8);
  });

  it('has a correct gradient on both branches, with and without sample weights', () => {
    const t = randomTensor([4, 3], 1);
    const p = predictionsWithErrors(t);
    expectGradientsCorrect(new Huber(), p, t);
    expectGradientsCorrect(new Huber({ delta: 0.5 }), p, t);
    expectGradientsCorrect(withSampleWeight(new Huber(), randomTensor([4], 2, { low: 0.1, high: 2 })), p, t);
  });

  it('keeps delta in getConfig', () => {
    expect(new Huber().getConfig()).toEqual({ delta: 1 });
    expect(Huber.fromConfig({ delta: 0.25 }).getConfig()).toEqual({ delta: 0.25 });
  });

  it.each([0, -1, NaN, Infinity, '1'])('rejects delta = %p', (delta) => {
    expect(() => new Huber({ delta: delta as number })).toThrow(ConfigError);
    expect(() => new Huber({ delta: delta as number })).toThrow(/Huber: delta must be a positive finite number, got/);
  });
});
