import { ConfigError } from '../../../lib/errors';
import { PolynomialDecay } from '../../../optimizers/schedules';

const values = (s: PolynomialDecay, steps: number[]): number[] => steps.map((t) => s.valueAt(t));

describe('PolynomialDecay', () => {
  it('decays as (η₀ − η_end)(1 − min(t, T)/T)^k + η_end', () => {
    // η₀ = 0.1, η_end = 0.01, T = 4, k = 2: 0.09·(1 − t/4)² + 0.01
    // = 0.1, 0.060625, 0.0325, 0.015625, 0.01, then 0.01 (t capped at T).
    const s = new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 4, endLearningRate: 0.01, power: 2 });
    const expected = [0.1, 0.060625, 0.0325, 0.015625, 0.01, 0.01, 0.01];
    values(s, [0, 1, 2, 3, 4, 5, 6]).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 15));
  });

  it('restarts over the next multiple of T with cycle', () => {
    // T' = 4·⌈t/4⌉ (4 at t = 0): t = 4 → p = 1 → 0.01; t = 5 → T' = 8, p = 5/8 → 0.09·(3/8)² + 0.01 = 0.02265625;
    // t = 6 → p = 3/4 → 0.015625; t = 8 → 0.01; t = 9 → T' = 12, p = 3/4 → 0.015625.
    const s = new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 4, endLearningRate: 0.01, power: 2, cycle: true });
    const expected = [0.1, 0.01, 0.02265625, 0.015625, 0.01, 0.015625];
    values(s, [0, 4, 5, 6, 8, 9]).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 15));
  });

  it('has Keras 3 defaults: endLearningRate 1e-4, power 1, cycle false', () => {
    // t = 2 of T = 4: (0.1 − 0.0001)·0.5 + 0.0001 = 0.05005.
    const s = new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 4 });
    expect(s.valueAt(2)).toBeCloseTo(0.05005, 15);
    expect(s.getConfig()).toEqual({ initialLearningRate: 0.1, decaySteps: 4, endLearningRate: 0.0001, power: 1, cycle: false });
    expect(new PolynomialDecay(s.getConfig()).getConfig()).toEqual(s.getConfig());
  });

  it('rejects a negative power', () => {
    expect(() => new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 4, power: -1 })).toThrow(ConfigError);
    expect(() => new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 4, power: -1 }))
      .toThrow('PolynomialDecay: power must be a finite number >= 0, got -1');
  });
});
