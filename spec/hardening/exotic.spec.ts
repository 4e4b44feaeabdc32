/**
 * Every exotic value (see `EXOTIC` in the harness: symbols, BigInts, null-prototype objects,
 * throwing `toString`/`valueOf`/`Symbol.toPrimitive`/`toJSON`, cycles, revoked proxies, …) in
 * every argument and option slot of the public entry points, exhaustively rather than sampled:
 * each call succeeds or throws a LayerwiseError with a message, never a TypeError from checking
 * the value or from quoting it in the message. (fit's options object, callbacks and
 * validationData, and the serialization entry points, are covered in training.spec.ts and
 * serialization.spec.ts.)
 */
import { layerSample } from '../helpers/layer-samples';
import * as lw from '../../lib';
import { classOptionKeys } from '../../lib/checks';
import {
  blobs, circles, Dense, getActivation, getInitializer, getLoss, getOptimizer, getRegularizer, getSchedule, Layer,
  LearningRateSchedule, losses, metrics, moons, oneHot, Optimizer, optimizers, reshape, schedules, sine, spirals,
  StandardScaler, tensor, toArray, trainTestSplit, xor, zeros,
} from '../../lib';
import { attempt, attemptAsync, declaredOptions, exoticNames, expectIntact, makeExotic, smallModel, snapshot } from './harness';

type AnyClass = new (...args: unknown[]) => unknown;

/** Calls `fn` with each exotic value (made afresh, and revoked by `attempt` where it is a proxy) and checks the outcome. */
function eachExotic(what: string, fn: (value: unknown) => unknown): void {
  for (const name of exoticNames) {
    const value = makeExotic(name);
    attempt(() => fn(value), `${what} with ${name}`);
  }
}

/** The async form of {@link eachExotic}. */
async function eachExoticAsync(what: string, fn: (value: unknown) => Promise<unknown>): Promise<void> {
  for (const name of exoticNames) {
    const value = makeExotic(name);
    await attemptAsync(() => fn(value), `${what} with ${name}`);
  }
}

function isClass(value: unknown): value is AnyClass {
  return typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
}

/** Exported classes that take options: not the errors, not the abstract bases. */
const classes = Object.entries(lw as Record<string, unknown>)
  .filter((entry): entry is [string, AnyClass] => isClass(entry[1]))
  .filter(([, Cls]) => Cls !== lw.LayerwiseError && !(Cls.prototype instanceof lw.LayerwiseError))
  .filter(([, Cls]) => !Object.values(lw).some((other) => isClass(other) && other !== Cls && other.prototype instanceof Cls))
  .sort(([a], [b]) => a.localeCompare(b));

/** Options every class may read, besides the ones its getConfig() reports. */
const COMMON_KEYS = ['name', 'seed', 'dtype', 'inputShape', 'batchInputShape', 'trainable', 'learningRate', 'threshold', 'stream', 'filename', 'filepath'];

/** The option names a class reads: its getConfig() keys when one can be built without options. */
function optionKeys(Cls: AnyClass): string[] {
  try {
    const config = (new Cls({ units: 2, rate: 0.5, targetShape: [2], initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5, firstDecaySteps: 2, boundaries: [1], values: [0.1, 0.01], filename: 'unused.csv', filepath: 'unused' }) as { getConfig?: () => object }).getConfig?.();
    return [...new Set([...Object.keys(config ?? {}), ...classOptionKeys(Cls), ...COMMON_KEYS])];
  } catch {
    return [...new Set([...classOptionKeys(Cls), ...COMMON_KEYS])];
  }
}

describe('hardening: the exotic values', () => {
  it('break naive formatting, JSON and array checks, so the tests below can fail', () => {
    const naive = (name: string, fn: (v: unknown) => unknown) => {
      const value = makeExotic(name);
      attempt(() => undefined);
      expect(() => fn(value)).toThrow();
    };
    for (const name of ['symbol', 'nullPrototype', 'throwingToPrimitive', 'revokedProxy']) naive(name, (v) => `${v as string}`);
    for (const name of ['throwingToString', 'throwingValueOf', 'functionWithThrowingToString']) naive(name, (v) => String(v));
    for (const name of ['bigint', 'cyclic', 'bigintArray', 'revokedProxyInArray']) naive(name, (v) => JSON.stringify(v));
    for (const name of ['revokedProxy', 'revokedArrayProxy', 'revokedFunctionProxy']) naive(name, (v) => Array.isArray(v));
    naive('bigint', (v) => (v as number) * 2);
    naive('symbol', (v) => (v as number) < 0);
  });
});

describe('hardening: exotic values as constructor options', () => {
  it.each(classes.map(([name]) => name))('new %s(exotic), and with an exotic value for each option, throws LayerwiseErrors', (name) => {
    const Cls = (lw as unknown as Record<string, AnyClass>)[name];
    eachExotic(`new ${name}(v)`, (v) => new Cls(v));
    for (const key of optionKeys(Cls)) eachExotic(`new ${name}({ ${key}: v })`, (v) => new Cls({ [key]: v }));
  });
});

describe('hardening: exotic values given to tensors and data helpers', () => {
  const t = tensor([[1, 2], [3, 4], [5, 6]]);

  it('tensor, zeros, reshape and toArray', () => {
    eachExotic('tensor(v)', (v) => tensor(v as never));
    eachExotic('tensor([[1, v]])', (v) => tensor([[1, v]] as never));
    eachExotic('tensor([v, 1])', (v) => tensor([v, 1] as never));
    eachExotic('tensor([1, 2], v)', (v) => tensor([1, 2], v as never));
    eachExotic('tensor([1, 2], [v])', (v) => tensor([1, 2], [v] as never));
    eachExotic('tensor([1, 2], [2], v)', (v) => tensor([1, 2], [2], v as never));
    eachExotic('zeros(v)', (v) => zeros(v as never));
    eachExotic('zeros([2, v])', (v) => zeros([2, v] as never));
    eachExotic('zeros([2], v)', (v) => zeros([2], v as never));
    eachExotic('reshape(v, [2])', (v) => reshape(v as never, [2]));
    eachExotic('reshape(t, v)', (v) => reshape(t, v as never));
    eachExotic('reshape(t, [v, 2])', (v) => reshape(t, [v, 2] as never));
    eachExotic('toArray(v)', (v) => toArray(v as never));
  });

  it('oneHot, trainTestSplit and StandardScaler', () => {
    eachExotic('oneHot(v)', (v) => oneHot(v as never));
    eachExotic('oneHot([0, v])', (v) => oneHot([0, v] as never));
    eachExotic('oneHot([0, 1], v)', (v) => oneHot([0, 1], v as never));
    eachExotic('oneHot([0, 1], 2, v)', (v) => oneHot([0, 1], 2, v as never));
    eachExotic('trainTestSplit(v, t)', (v) => trainTestSplit(v as never, t));
    eachExotic('trainTestSplit(t, t, v)', (v) => trainTestSplit(t, t, v as never));
    for (const key of ['testSize', 'seed', 'shuffle']) eachExotic(`trainTestSplit(t, t, { ${key}: v })`, (v) => trainTestSplit(t, t, { [key]: v }));
    eachExotic('StandardScaler.fit(v)', (v) => new StandardScaler().fit(v as never));
    eachExotic('StandardScaler.transform(v)', (v) => new StandardScaler().fit(t).transform(v as never));
    eachExotic('StandardScaler.fromJSON(v)', (v) => StandardScaler.fromJSON(v as never));
    eachExotic('StandardScaler.fromJSON({ mean: v })', (v) => StandardScaler.fromJSON({ mean: v, scale: [1, 1] } as never));
  });

  it.each(Object.entries({ blobs, circles, moons, sine, spirals, xor }))('%s(options) with exotic options', (name, generator) => {
    const make = generator as (options?: unknown) => unknown;
    eachExotic(`${name}(v)`, (v) => make(v));
    const keys = ['nSamples', 'noise', 'seed', 'dtype', 'shuffle', 'factor', 'centers', 'nFeatures', 'clusterStd', 'centerBox', 'xRange', 'nClasses'];
    for (const key of keys) eachExotic(`${name}({ ${key}: v })`, (v) => make({ nSamples: 8, seed: 1, [key]: v }));
    eachExotic(`${name}({ centers: [[0, v]] })`, (v) => make({ nSamples: 8, seed: 1, centers: [[0, v], [1, 1]] }));
  });
});

describe('hardening: exotic values given to lookups', () => {
  it('getLoss, getOptimizer, getActivation, getInitializer, getRegularizer, getSchedule', () => {
    const lookups: [string, (v: unknown) => unknown][] = [
      ['getLoss', (v) => getLoss(v as never)],
      ['getOptimizer', (v) => getOptimizer(v as never)],
      ['getActivation', (v) => getActivation(v as never)],
      ['getInitializer', (v) => getInitializer(v as never)],
      ['getRegularizer', (v) => getRegularizer(v as never)],
      ['getSchedule', (v) => getSchedule(v as never)],
    ];
    for (const [name, lookup] of lookups) {
      eachExotic(`${name}(v)`, lookup);
      eachExotic(`${name}({ className: v })`, (v) => lookup({ className: v, config: {} }));
      eachExotic(`${name}({ className, config: v })`, (v) => lookup({ className: 'ExponentialDecay', config: v }));
    }
  });

  it('every registry: create(name) and has(name)', () => {
    const registries = { layers: lw.layers, activations: lw.activations, losses, optimizers, metrics, schedules, initializers: lw.initializers, regularizers: lw.regularizers };
    for (const [name, registry] of Object.entries(registries)) {
      const r = registry as { create(n: unknown, c?: unknown): unknown; has(n: unknown): boolean; names(): string[] };
      eachExotic(`${name}.create(v)`, (v) => r.create(v));
      eachExotic(`${name}.has(v)`, (v) => expect(r.has(v)).toBe(false));
      eachExotic(`${name}.create(first, v)`, (v) => r.create(r.names()[0], v));
    }
  });
});

describe('hardening: exotic values given to a model', () => {
  const x = [[0, 0.5, 1], [1, 0.5, 0]];
  const y = [[1, 0], [0, 1]];

  it('new Sequential, add, build and compile', () => {
    eachExotic('new Sequential(v)', (v) => new lw.Sequential(v as never));
    for (const key of ['layers', 'name', 'dtype']) eachExotic(`new Sequential({ ${key}: v })`, (v) => new lw.Sequential({ [key]: v } as never));
    eachExotic('new Sequential([v])', (v) => new lw.Sequential([v] as never));
    eachExotic('add(v)', (v) => smallModel().add(v as never));
    eachExotic('build(v)', (v) => new lw.Sequential([new Dense({ units: 2 })]).build(v as never));
    eachExotic('build([null, v])', (v) => new lw.Sequential([new Dense({ units: 2 })]).build([null, v] as never));
    eachExotic('compile(v)', (v) => smallModel().compile(v as never));
    for (const key of ['optimizer', 'loss', 'metrics']) {
      eachExotic(`compile({ ${key}: v })`, (v) => smallModel().compile({ optimizer: 'sgd', loss: 'mse', [key]: v } as never));
    }
    eachExotic('compile({ metrics: [v] })', (v) => smallModel().compile({ optimizer: 'sgd', loss: 'mse', metrics: [v] } as never));
    eachExotic('compile({ metrics: [{ name: v }] })', (v) => smallModel().compile({ optimizer: 'sgd', loss: 'mse', metrics: [{ name: v, compute: () => 0 }] } as never));
  });

  it('setWeights changes nothing when it throws', () => {
    const model = smallModel();
    const before = snapshot(model);
    eachExotic('setWeights(v)', (v) => model.setWeights(v as never));
    eachExotic('setWeights([v, …])', (v) => model.setWeights([v, v, v, v] as never));
    eachExotic('setWeights([W, v, …])', (v) => model.setWeights([...model.getWeights().slice(0, 3), v] as never));
    expectIntact(model, before);
  });

  it('evaluate, predict, trainOnBatch and computeGradients leave the weights alone when they throw', () => {
    const model = smallModel();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const before = snapshot(model);
    eachExotic('evaluate(v, y)', (v) => model.evaluate(v as never, y));
    eachExotic('evaluate(x, v)', (v) => model.evaluate(x, v as never));
    eachExotic('evaluate([[v, 0, 0]], y)', (v) => model.evaluate([[v, 0, 0], [0, 0, 0]] as never, y));
    eachExotic('evaluate(x, y, v)', (v) => model.evaluate(x, y, v as never));
    for (const key of ['batchSize', 'sampleWeight']) eachExotic(`evaluate(x, y, { ${key}: v })`, (v) => model.evaluate(x, y, { [key]: v } as never));
    eachExotic('predict(v)', (v) => model.predict(v as never));
    eachExotic('predict({ data: v, shape })', (v) => model.predict({ data: v, shape: [2, 3] } as never));
    eachExotic('predict({ data, shape: v })', (v) => model.predict({ data: new Float32Array(6), shape: v } as never));
    eachExotic('predict(x, v)', (v) => model.predict(x, v as never));
    eachExotic('predict(x, { batchSize: v })', (v) => model.predict(x, { batchSize: v } as never));
    eachExotic('trainOnBatch(v, y)', (v) => model.trainOnBatch(v as never, y));
    eachExotic('trainOnBatch(x, v)', (v) => model.trainOnBatch(x, v as never));
    eachExotic('computeGradients(x, y, v)', (v) => model.computeGradients(x, y, v as never));
    expectIntact(model, before);
  });

  it('fit with exotic data and option values (options object, callbacks and validationData: see training.spec.ts)', async () => {
    const model = smallModel();
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const before = snapshot(model);
    await eachExoticAsync('fit(v, y)', (v) => model.fit(v as never, y, { verbose: 0 }));
    await eachExoticAsync('fit(x, v)', (v) => model.fit(x, v as never, { verbose: 0 }));
    const keys = ['epochs', 'initialEpoch', 'batchSize', 'shuffle', 'seed', 'verbose', 'validationSplit', 'sampleWeight', 'classWeight', 'progressStream'];
    for (const key of keys) await eachExoticAsync(`fit(x, y, { ${key}: v })`, (v) => model.fit(x, y, { epochs: 0, verbose: 0, [key]: v } as never));
    await eachExoticAsync('fit(x, y, { classWeight: { 0: v } })', (v) => model.fit(x, y, { epochs: 0, verbose: 0, classWeight: { 0: v } } as never));
    expectIntact(model, before);
  });
});

describe('hardening: exotic values given to layers, losses, metrics, optimizers and schedules', () => {
  const layerNames = lw.layers.names();

  it.each(layerNames)('layer %s: forward, backward, computeOutputShape and build', (name) => {
    const make = (): Layer => lw.layers.create(name, name === 'Dropout' ? { rate: 0.5, seed: 1 } : layerSample(name).options);
    eachExotic('forward(v)', (v) => make().forward(v as never, true));
    eachExotic('forward(x, v)', (v) => make().forward(tensor([[1, 2]]), v as never));
    eachExotic('backward(v)', (v) => {
      const layer = make();
      layer.forward(tensor([[1, 2], [3, 4]]), true);
      return layer.backward(v as never);
    });
    eachExotic('computeOutputShape([null, v])', (v) => make().computeOutputShape([null, v] as never));
    eachExotic('computeOutputShape([null, 2, v])', (v) => make().computeOutputShape([null, 2, v] as never));
    eachExotic('build([null, v])', (v) => make().build([null, v] as never));
  });

  it.each(losses.names())('loss %s: forward(yPred, yTrue, sampleWeight)', (name) => {
    const p = tensor([[0.25, 0.75], [0.5, 0.5]]);
    const t = tensor([[0, 1], [1, 0]]);
    eachExotic('forward(v, t)', (v) => losses.create(name).forward(v as never, t));
    eachExotic('forward(p, v)', (v) => losses.create(name).forward(p, v as never));
    eachExotic('forward(p, t, v)', (v) => losses.create(name).forward(p, t, v as never));
  });

  it.each(metrics.names())('metric %s: compute and update', (name) => {
    const p = tensor([[0.25, 0.75], [0.5, 0.5]]);
    const t = tensor([[0, 1], [1, 0]]);
    const metric = () => lw.resolveMetric(name, 'MeanSquaredError', [2, 2], [2, 2]);
    eachExotic('compute(v, t)', (v) => metric().compute(v as never, t));
    eachExotic('compute(p, v)', (v) => metric().compute(p, v as never));
    eachExotic('update(v, t)', (v) => (metric() as Partial<lw.StreamingMetric>).update?.(v as never, t));
  });

  it.each(optimizers.names())('optimizer %s: the learningRate setter keeps the old rate when it throws', (name) => {
    // LossScaleOptimizer wraps another optimizer, which it requires; its learningRate is the inner one's.
    const optimizer = optimizers.create(name, name === 'LossScaleOptimizer' ? { innerOptimizer: optimizers.create('SGD') } : undefined) as Optimizer;
    const previous = optimizer.learningRate;
    eachExotic('learningRate = v', (v) => {
      optimizer.learningRate = v as never;
    });
    expect(optimizer.learningRate).toBe(previous);
  });

  it.each(schedules.names())('schedule %s: valueAt', (name) => {
    const schedule = schedules.create(name, declaredOptions((lw as Record<string, unknown>)[name], {
      initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, firstDecaySteps: 10, boundaries: [5], values: [0.1, 0.01],
    })) as LearningRateSchedule;
    eachExotic('valueAt(v)', (v) => schedule.valueAt(v as never));
  });
});

describe('hardening: exotic values given to kernels and printing helpers', () => {
  it('setKernelBackend, setKernelThreads and formatLogs', () => {
    const backend = lw.getKernelBackend();
    const threads = lw.getKernelThreads();
    eachExotic('setKernelBackend(v)', (v) => lw.setKernelBackend(v as never));
    eachExotic('setKernelThreads(v)', (v) => lw.setKernelThreads(v as never));
    expect(lw.getKernelBackend()).toBe(backend);
    expect(lw.getKernelThreads()).toBe(threads);
    eachExotic('formatLogs(v)', (v) => lw.formatLogs(v as never));
    eachExotic('formatLogs({ loss: v })', (v) => expect(typeof lw.formatLogs({ loss: v } as never)).toBe('string'));
  });

  it('messages quote exotic values instead of failing to', () => {
    const message = (fn: () => unknown): string => {
      const out = attempt(fn);
      return out.ok ? '' : out.error.message;
    };
    const revokedProxy = makeExotic('revokedProxy');
    expect(message(() => new Dense({ units: Symbol('u') as never }))).toBe('Dense: units must be a positive integer, got Symbol(u)');
    expect(message(() => new Dense({ units: 2n as never }))).toBe('Dense: units must be a positive integer, got 2n');
    expect(message(() => new Dense({ units: Object.create(null) }))).toBe('Dense: units must be a positive integer, got {}');
    expect(message(() => getOptimizer(revokedProxy as never))).toMatch(/got a revoked proxy\. Valid optimizer names/);
  });
});
