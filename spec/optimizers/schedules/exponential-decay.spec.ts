import { ConfigError } from '../../../lib/errors';
import { ExponentialDecay } from '../../../optimizers/schedules';

const values = (s: ExponentialDecay, steps: number): number[] => Array.from({ length: steps }, (_, t) => s.valueAt(t));

describe('ExponentialDecay', () => {
  it('decays continuously: η₀·r^(t/T)', () => {
    // η₀ = 0.1, T = 2, r = 0.5: 0.1·0.5^(t/2) for t = 0..5.
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 });
    const expected = [0.1, 0.1 * Math.SQRT1_2, 0.05, 0.05 * Math.SQRT1_2, 0.025, 0.025 * Math.SQRT1_2];
    values(s, 6).forEach((v, t) => expect(v).toBeCloseTo(expected[t], 15));
  });

  it('decays in whole periods with staircase: η₀·r^⌊t/T⌋', () => {
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5, staircase: true });
    expect(values(s, 7)).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125]);
  });

  it('round-trips its config', () => {
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96 });
    expect(s.getConfig()).toEqual({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96, staircase: false });
    expect(new ExponentialDecay(s.getConfig()).getConfig()).toEqual(s.getConfig());
    expect(s.serialize()).toEqual({ className: 'ExponentialDecay', config: s.getConfig() });
  });

  it.each([
    [{ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.5 }, 'ExponentialDecay: decaySteps must be a finite number > 0, got 0'],
    [{ initialLearningRate: -0.1, decaySteps: 1, decayRate: 0.5 }, 'ExponentialDecay: initialLearningRate must be a finite number >= 0, got -0.1'],
    [{ initialLearningRate: 0.1, decaySteps: 1 }, 'ExponentialDecay: decayRate must be a finite number >= 0, got undefined'],
    [{ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5, staircase: 1 }, 'ExponentialDecay: staircase must be a boolean, got 1'],
  ])('rejects %p', (options, message) => {
    expect(() => new ExponentialDecay(options as never)).toThrow(ConfigError);
    expect(() => new ExponentialDecay(options as never)).toThrow(message);
  });
});
