/**
 * Hardening of optimizers and learning-rate schedules: every class in the `optimizers` and
 * `schedules` registries (and every exported subclass, so later ones are covered) gets random
 * and adversarial options. Construction, `getConfig` round trips, `valueAt`, the
 * `learningRate` setter, `getOptimizer`/`getSchedule` and training with what was built either
 * succeed or throw a LayerwiseError with a message.
 */
import fc from 'fast-check';
import * as lw from '../../lib';
import { getOptimizer, getSchedule, LearningRateSchedule, Optimizer, optimizers, schedules } from '../../lib';
import { anyNumber, attempt, declaredOptions, attemptAsync, expectIntact, junk, runs, smallModel, snapshot } from './harness';

type Ctor<T> = (new (options?: unknown) => T) & { className: string };

/** Exported concrete subclasses of `base` (abstract bases inherit className rather than declaring it). */
function exportedSubclasses<T>(base: abstract new (...args: never[]) => T): Map<string, Ctor<T>> {
  const found = new Map<string, Ctor<T>>();
  for (const value of Object.values(lw)) {
    if (typeof value === 'function' && value.prototype instanceof base && Object.prototype.hasOwnProperty.call(value, 'className')) {
      found.set((value as Ctor<T>).className, value as Ctor<T>);
    }
  }
  return found;
}

const SCHEDULE_SEED = {
  initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, firstDecaySteps: 10, boundaries: [5, 10], values: [0.1, 0.01, 0.001],
};

/** A registry entry or exported class by name, built from options. */
function makers<T>(registry: { names(): string[]; has(n: string): boolean; create(n: string, c?: object): T }, base: abstract new (...args: never[]) => T, seed: object) {
  const exported = exportedSubclasses(base);
  const names = [...new Set([...registry.names(), ...exported.keys()])].sort();
  const make = (name: string) => (options: unknown): T =>
    registry.has(name) ? registry.create(name, options as object) : new (exported.get(name) as Ctor<T>)(options);
  const validConfig = (name: string): Record<string, unknown> => {
    for (const candidate of [{}, declaredOptions(exported.get(name) ?? (lw as Record<string, unknown>)[name], seed as Record<string, unknown>)]) {
      try {
        return { ...(make(name)(candidate) as unknown as { getConfig(): object }).getConfig() };
      } catch {
        // try the next candidate
      }
    }
    throw new Error(`no valid options found for ${name}`);
  };
  return { names, make, validConfig };
}

const optionValue = fc.oneof(junk, anyNumber, fc.constantFrom<unknown>(
  0.9, 0.999, 1, 1e-7, -0.1, 1e300, { className: 'ExponentialDecay', config: SCHEDULE_SEED }, { className: 'Nope', config: {} },
  { className: 'ExponentialDecay', config: { initialLearningRate: -1 } }, [1, 2], [2, 1], [0.1, 0.01],
));

function mutated(base: Record<string, unknown>, extraKeys: readonly string[]): fc.Arbitrary<unknown> {
  const keys = [...new Set([...Object.keys(base), ...extraKeys])];
  return fc.oneof(
    { weight: 6, arbitrary: fc.dictionary(fc.constantFrom(...keys), optionValue, { maxKeys: 3, noNullPrototype: true }).map((changes) => ({ ...base, ...changes })) },
    { weight: 1, arbitrary: junk },
  );
}

// LossScaleOptimizer needs the optimizer it wraps (the other classes do not declare the key).
const opt = makers(optimizers, Optimizer, { innerOptimizer: { className: 'SGD', config: { learningRate: 0.1 } } });
const sched = makers(schedules, LearningRateSchedule, SCHEDULE_SEED);

describe.each(opt.names)('hardening: optimizer %s', (name) => {
  const make = opt.make(name);
  const base = opt.validConfig(name);
  const options = mutated(base, ['learningRate', 'clipValue', 'clipNorm', 'globalClipNorm', 'momentum', 'beta1', 'epsilon']);

  it('its constructor takes any options or throws a LayerwiseError; what it builds round-trips', () => {
    fc.assert(fc.property(options, (o) => {
      const built = attempt(() => make(o), o);
      if (!built.ok) return;
      const again = attempt(() => make(built.value.getConfig()), built.value.getConfig());
      expect(again.ok).toBe(true);
      expect(Number.isFinite(built.value.currentLearningRate())).toBe(true);
    }), runs(501, 60));
  });

  it('the learningRate setter takes a valid rate or throws, keeping the old one', () => {
    fc.assert(fc.property(optionValue, (rate) => {
      const optimizer = make(base);
      const previous = optimizer.learningRate;
      const out = attempt(() => { optimizer.learningRate = rate as never; }, rate);
      if (!out.ok) expect(optimizer.learningRate).toBe(previous);
      expect(Number.isFinite(optimizer.currentLearningRate())).toBe(true);
    }), runs(502, 60));
  });

  it('a model compiled with what it builds trains or throws a LayerwiseError, staying usable', async () => {
    await fc.assert(fc.asyncProperty(options, async (o) => {
      const built = attempt(() => make(o), o);
      if (!built.ok) return;
      const model = smallModel();
      model.compile({ optimizer: built.value, loss: 'mse' });
      const before = snapshot(model);
      const out = await attemptAsync(() => model.fit([[0, 1, 2], [1, 0, -1]], [[1, 0], [0, 1]], { epochs: 2, verbose: 0, seed: 1 }), o);
      if (!out.ok) expectIntact(model, before);
      else expect(model.predict([[0, 0, 0]]).shape).toEqual([1, 2]);
    }), runs(503, 30));
  });
});

describe.each(sched.names)('hardening: schedule %s', (name) => {
  const make = sched.make(name);
  const base = sched.validConfig(name);
  const options = mutated(base, ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase', 'alpha', 'boundaries', 'values', 'power', 'cycle']);

  it('its constructor takes any options or throws a LayerwiseError; valueAt gives rates >= 0 for valid steps', () => {
    fc.assert(fc.property(options, fc.nat({ max: 10_000 }), (o, step) => {
      const built = attempt(() => make(o), o);
      if (!built.ok) return;
      const again = attempt(() => make(built.value.getConfig()), built.value.getConfig());
      expect(again.ok).toBe(true);
      // Growing options (decayRate > 1, a huge mMul) may overflow to Infinity, as in Keras; never below 0 or NaN.
      const rate = built.value.valueAt(step);
      expect(rate >= 0).toBe(true);
    }), runs(511, 60));
  });

  it('valueAt takes any number or throws a LayerwiseError', () => {
    fc.assert(fc.property(anyNumber, (step) => {
      const out = attempt(() => make(base).valueAt(step), step);
      if (out.ok) expect(typeof out.value).toBe('number');
    }), runs(512, 40));
  });
});

describe('hardening: getOptimizer and getSchedule', () => {
  it('resolve any identifier or throw a LayerwiseError', () => {
    const id = fc.oneof(fc.constantFrom<unknown>(...optimizers.names(), ...schedules.names(), 'sgd', 'nope', '', 'constructor', '__proto__'), fc.record({ className: fc.oneof(fc.constantFrom(...schedules.names(), 'SGD', 'nope'), junk), config: fc.oneof(fc.constant(SCHEDULE_SEED), junk) }, { requiredKeys: [], noNullPrototype: true }), junk);
    fc.assert(fc.property(id, (value) => {
      attempt(() => getOptimizer(value as never), value);
      attempt(() => getSchedule(value as never), value);
    }), runs(521, 150));
  });
});
