import { ConfigError } from '../../../lib/errors';
import { PiecewiseConstantDecay } from '../../../optimizers/schedules';

describe('PiecewiseConstantDecay', () => {
  it('keeps each value up to and including its boundary', () => {
    // boundaries [2, 4], values [1, 0.5, 0.1]: t ≤ 2 → 1, 2 < t ≤ 4 → 0.5, t > 4 → 0.1.
    const s = new PiecewiseConstantDecay({ boundaries: [2, 4], values: [1, 0.5, 0.1] });
    expect(Array.from({ length: 8 }, (_, t) => s.valueAt(t))).toEqual([1, 1, 1, 0.5, 0.5, 0.1, 0.1, 0.1]);
  });

  it('round-trips its config without sharing arrays', () => {
    const boundaries = [10, 20];
    const s = new PiecewiseConstantDecay({ boundaries, values: [0.1, 0.01, 0.001] });
    boundaries[0] = 15;
    expect(s.getConfig()).toEqual({ boundaries: [10, 20], values: [0.1, 0.01, 0.001] });
    expect(new PiecewiseConstantDecay(s.getConfig()).getConfig()).toEqual(s.getConfig());
  });

  it.each([
    [{ boundaries: [1, 2], values: [1, 0.5] }, 'PiecewiseConstantDecay: values must have one more element than boundaries, got boundaries=[1,2] and values=[1,0.5]'],
    [{ boundaries: [2, 2], values: [1, 0.5, 0.1] }, 'PiecewiseConstantDecay: boundaries must be strictly increasing finite numbers, got [2,2]'],
    [{ boundaries: [1], values: [1, -0.5] }, 'PiecewiseConstantDecay: values[1] must be a finite number >= 0, got -0.5'],
  ])('rejects %p', (options, message) => {
    expect(() => new PiecewiseConstantDecay(options)).toThrow(ConfigError);
    expect(() => new PiecewiseConstantDecay(options)).toThrow(message);
  });
});
