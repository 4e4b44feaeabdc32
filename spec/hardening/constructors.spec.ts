/**
 * Hardening of every exported class's constructor: each class the public entry point exports
 * (found at run time, so classes added later are covered) is constructed with options that are
 * not an options object (`null`, `undefined`, numbers, strings, arrays, functions, a
 * null-prototype object) and with random option objects. Each either succeeds or throws a
 * LayerwiseError with a message.
 */
import fc from 'fast-check';
import * as lw from '../../lib';
import { anyNumber, attempt, junk, runs } from './harness';

type AnyClass = new (...args: unknown[]) => unknown;

function isClass(value: unknown): value is AnyClass {
  return typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
}

const exportedClasses: [string, AnyClass][] = [];
for (const [name, value] of Object.entries(lw as Record<string, unknown>)) if (isClass(value)) exportedClasses.push([name, value]);

/** Whether another exported class extends `Cls`: bases (Layer, Optimizer, …) are covered through their subclasses. */
function isBase(Cls: AnyClass): boolean {
  return exportedClasses.some(([, other]) => other !== Cls && other.prototype instanceof Cls);
}

/** Error classes take a message, not options. */
const classes = exportedClasses
  .filter(([, Cls]) => Cls !== lw.LayerwiseError && !(Cls.prototype instanceof lw.LayerwiseError) && !isBase(Cls))
  .map(([name]) => name)
  .sort();

const NOT_OPTIONS: readonly unknown[] = [undefined, null, 0, -1, NaN, 'x', '', true, [], [1, 2], () => 1, Object.create(null), new Float32Array(2)];

const KEYS = ['name', 'units', 'rate', 'seed', 'learningRate', 'alpha', 'value', 'threshold', 'k', 'delta', 'axis', 'fromLogits',
  'l1', 'l2', 'initialLearningRate', 'decaySteps', 'mode', 'distribution', 'scale', 'numThresholds', 'monitor', 'patience'];

describe.each(classes)('hardening: new %s(...)', (name) => {
  const Cls = (lw as unknown as Record<string, AnyClass>)[name];

  it('takes a value that is not an options object, or throws a LayerwiseError', () => {
    for (const value of NOT_OPTIONS) attempt(() => new Cls(value), value);
  });

  it('takes random options or throws a LayerwiseError', () => {
    const options = fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(anyNumber, junk), { maxKeys: 3, noNullPrototype: true });
    fc.assert(fc.property(options, (o) => {
      attempt(() => new Cls(o), o);
    }), runs(601, 25));
  });
});
