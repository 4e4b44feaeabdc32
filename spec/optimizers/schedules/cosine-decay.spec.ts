import { ConfigError } from '../../../lib/errors';
import { CosineDecay } from '../../../optimizers/schedules';

const values = (s: CosineDecay, steps: number): number[] => Array.from({ length: steps }, (_, t) => s.valueAt(t));

describe('CosineDecay', () => {
  it('decays as η₀·½(1 + cos(π·min(t, T)/T))', () => {
    // η₀ = 0.1, T = 4: 0.1, 0.05·(1 + √½) = 0.0853553…, 0.05, 0.05·(1 − √½) = 0.0146446…, 0, 0.
    const s = new CosineDecay({ initialLearningRate: 0.1, decaySteps: 4 });
    const expected = [0.1, 0.05 * (1 + Math.SQRT1_2), 0.05, 0.05 * (1 - Math.SQRT1_2), 0, 0];
    values(s, 6).forEach((v, t) => expect(v).toBeCloseTo(expected[t], 15));
  });

  it('floors at α·η₀', () => {
    // α = 0.1: η₀·(0.9·cosine + 0.1); t = 2 → 0.1·(0.45 + 0.1) = 0.055; t ≥ 4 → 0.01.
    const s = new CosineDecay({ initialLearningRate: 0.1, decaySteps: 4, alpha: 0.1 });
    expect(s.valueAt(2)).toBeCloseTo(0.055, 15);
    expect(s.valueAt(4)).toBeCloseTo(0.01, 15);
    expect(s.valueAt(100)).toBeCloseTo(0.01, 15);
  });

  it('warms up linearly to warmupTarget, then decays from it', () => {
    // η₀ = 0, η_w = 0.1, W = 2, T = 4: t = 0 → 0, t = 1 → 0.05, then decay(t − 2) from 0.1:
    // 0.1, 0.0853553…, 0.05, 0.0146446…, 0, and 0 past W + T = 6.
    const s = new CosineDecay({ initialLearningRate: 0, decaySteps: 4, warmupTarget: 0.1, warmupSteps: 2 });
    const expected = [0, 0.05, 0.1, 0.05 * (1 + Math.SQRT1_2), 0.05, 0.05 * (1 - Math.SQRT1_2), 0, 0];
    values(s, 8).forEach((v, t) => expect(v).toBeCloseTo(expected[t], 15));
  });

  it('warms up from a non-zero start: η₀ + (η_w − η₀)·t/W', () => {
    // η₀ = 0.02, η_w = 0.1, W = 4: t = 1 → 0.04, t = 3 → 0.08, t = 4 → 0.1.
    const s = new CosineDecay({ initialLearningRate: 0.02, decaySteps: 10, warmupTarget: 0.1, warmupSteps: 4 });
    expect([1, 3, 4].map((t) => s.valueAt(t))).toEqual([expect.closeTo(0.04, 15), expect.closeTo(0.08, 15), expect.closeTo(0.1, 15)]);
  });

  it('has Keras 3 defaults and round-trips its config', () => {
    const s = new CosineDecay({ initialLearningRate: 0.1, decaySteps: 100 });
    expect(s.getConfig()).toEqual({ initialLearningRate: 0.1, decaySteps: 100, alpha: 0, warmupTarget: null, warmupSteps: 0 });
    const warm = new CosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: 0.1, warmupSteps: 5 });
    expect(new CosineDecay(JSON.parse(JSON.stringify(warm.getConfig()))).getConfig()).toEqual(warm.getConfig());
  });

  it('rejects a negative warmupTarget', () => {
    expect(() => new CosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: -1 })).toThrow(ConfigError);
    expect(() => new CosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: -1 }))
      .toThrow('CosineDecay: warmupTarget must be a finite number >= 0, got -1');
  });
});
