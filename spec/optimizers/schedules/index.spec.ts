import { ConfigError } from '../../../lib/errors';
import {
  CosineDecay, CosineDecayRestarts, ExponentialDecay, InverseTimeDecay, PiecewiseConstantDecay, PolynomialDecay,
  getSchedule, schedules, type LearningRateSchedule,
} from '../../../optimizers/schedules';

describe('schedules registry', () => {
  const all: LearningRateSchedule[] = [
    new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true }),
    new PiecewiseConstantDecay({ boundaries: [5], values: [0.1, 0.01] }),
    new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, cycle: true }),
    new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 }),
    new CosineDecay({ initialLearningRate: 0, decaySteps: 10, warmupTarget: 0.1, warmupSteps: 3 }),
    new CosineDecayRestarts({ initialLearningRate: 0.1, firstDecaySteps: 3 }),
  ];

  it.each(all.map((s) => [s.className, s] as const))('%s: serialize → getSchedule gives the same schedule', (_name, s) => {
    const copy = getSchedule(JSON.parse(JSON.stringify(s.serialize())));
    expect(copy.constructor).toBe(s.constructor);
    expect(copy.getConfig()).toEqual(s.getConfig());
    for (let t = 0; t < 12; t++) expect(copy.valueAt(t)).toBe(s.valueAt(t));
  });

  it('returns an instance as is and lists the class names', () => {
    expect(getSchedule(all[0])).toBe(all[0]);
    expect(schedules.names()).toEqual(['CosineDecay', 'CosineDecayRestarts', 'ExponentialDecay', 'InverseTimeDecay', 'PiecewiseConstantDecay', 'PolynomialDecay']);
  });

  it('rejects unknown names and other values, listing the valid names', () => {
    expect(() => getSchedule({ className: 'StepDecay', config: {} })).toThrow(ConfigError);
    expect(() => getSchedule({ className: 'StepDecay', config: {} })).toThrow(/unknown learning rate schedule 'StepDecay'\. Valid learning rate schedule names: 'CosineDecay'/);
    expect(() => getSchedule(0.1 as never)).toThrow(/getSchedule: expected a LearningRateSchedule or \{ className, config \}, got 0\.1\. Valid learning rate schedule names: 'CosineDecay'/);
  });

  it('checks the config of a saved schedule', () => {
    expect(() => getSchedule({ className: 'ExponentialDecay', config: {} })).toThrow('ExponentialDecay: initialLearningRate must be a finite number >= 0, got undefined');
  });
});
