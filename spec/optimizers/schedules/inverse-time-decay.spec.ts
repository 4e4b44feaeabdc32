import { ConfigError } from '../../../lib/errors';
import { InverseTimeDecay } from '../../../optimizers/schedules';

const values = (s: InverseTimeDecay, steps: number): number[] => Array.from({ length: steps }, (_, t) => s.valueAt(t));

describe('InverseTimeDecay', () => {
  it('decays as η₀/(1 + r·t/T)', () => {
    // η₀ = 0.1, T = 2, r = 0.5: 0.1/(1 + t/4) = 0.1, 0.08, 0.0666…, 0.0571…, 0.05, 0.0444….
    const s = new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 });
    const expected = [0.1, 0.08, 0.1 / 1.5, 0.1 / 1.75, 0.05, 0.1 / 2.25];
    values(s, 6).forEach((v, t) => expect(v).toBeCloseTo(expected[t], 15));
  });

  it('decays in whole periods with staircase: η₀/(1 + r·⌊t/T⌋)', () => {
    // ⌊t/2⌋ = 0, 0, 1, 1, 2, 2 → 0.1, 0.1, 0.1/1.5, 0.1/1.5, 0.05, 0.05.
    const s = new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5, staircase: true });
    const expected = [0.1, 0.1, 0.1 / 1.5, 0.1 / 1.5, 0.05, 0.05];
    values(s, 6).forEach((v, t) => expect(v).toBeCloseTo(expected[t], 15));
  });

  it('round-trips its config', () => {
    const s = new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5, staircase: true });
    expect(s.getConfig()).toEqual({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5, staircase: true });
    expect(new InverseTimeDecay(s.getConfig()).getConfig()).toEqual(s.getConfig());
  });

  it('rejects decaySteps <= 0', () => {
    expect(() => new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: -1, decayRate: 0.5 })).toThrow(ConfigError);
    expect(() => new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: -1, decayRate: 0.5 }))
      .toThrow('InverseTimeDecay: decaySteps must be a finite number > 0, got -1');
  });
});
