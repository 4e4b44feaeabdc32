/**
 * Unknown option keys: every options object of the public API throws a ConfigError that names the
 * key and, when there is one, the key meant (`validation_split` → `validationSplit`). The registry
 * walk covers every registered class, so a new class that forgets to declare its options (or
 * declares them wrong, which breaks its config round trip) fails here.
 */
import {
  Adam, CSVLogger, Dense, EarlyStopping, GradientMonitor, LambdaCallback, ModelCheckpoint, Model, ReduceLROnPlateau,
  Sequential, TerminateOnNaN, input, loadModel, tensor,
} from '../../lib';
import { classOptionKeys, rejectUnknownKeys, suggestKey } from '../../lib/checks';
import { ConfigError } from '../../lib/errors';
import { initializers } from '../../lib/initializers';
import { metrics } from '../../lib/metrics/resolve-metric';
import { regularizers } from '../../lib/regularizers';
import { layers } from '../../layers';
import { activations } from '../../layers/activations';
import { losses } from '../../losses';
import { SGD, optimizers } from '../../optimizers';
import { schedules } from '../../optimizers/schedules';
import type { Registry } from '../../lib/registry';
import { layerSample } from '../helpers/layer-samples';

type Ctor = new (options: Record<string, unknown>) => unknown;

const SCHEDULE_SAMPLES: Readonly<Record<string, Record<string, unknown>>> = {
  PiecewiseConstantDecay: { boundaries: [2], values: [0.1, 0.01] },
  CosineDecayRestarts: { initialLearningRate: 0.1, firstDecaySteps: 4 },
  CosineDecay: { initialLearningRate: 0.1, decaySteps: 4 },
  PolynomialDecay: { initialLearningRate: 0.1, decaySteps: 4 },
};

/** The sample options of `name` in the registry `kind`. */
function sampleOptions(kind: string, name: string): Record<string, unknown> {
  if (kind === 'layer' || kind === 'activation') return layerSample(name).options;
  if (kind === 'schedule') return SCHEDULE_SAMPLES[name] ?? { initialLearningRate: 0.1, decaySteps: 4, decayRate: 0.5 };
  if (kind === 'optimizer' && name === 'LossScaleOptimizer') return { innerOptimizer: new SGD() }; // a wrapper: Keras requires the inner one
  return {};
}

/** The snake_case spelling of a camelCase key: `inputShape` → `input_shape`. */
const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The keys that the error of `make` lists as valid. */
function validKeys(make: () => unknown): string[] {
  try {
    make();
  } catch (error) {
    const listed = /Valid options: (.*)$/.exec((error as Error).message)?.[1] ?? '';
    return [...listed.matchAll(/'(\w+)'/g)].map((m) => m[1]);
  }
  throw new Error('expected an unknown-option error');
}

/** Every registered class, as [registry kind, name, class]; metric objects that are not class instances have no options. */
function registeredClasses(): [string, string, Ctor][] {
  const registries: [string, Registry<unknown>][] = [
    ['layer', layers], ['activation', activations], ['loss', losses], ['optimizer', optimizers], ['schedule', schedules],
    ['metric', metrics], ['regularizer', regularizers], ['initializer', initializers],
  ];
  const out: [string, string, Ctor][] = [];
  for (const [kind, registry] of registries) {
    for (const name of registry.names()) {
      if (kind === 'metric' && name === 'accuracy') continue; // chosen from the loss: no options of its own
      const instance = registry.create(name, sampleOptions(kind, name)) as object;
      const ctor = instance.constructor as Ctor;
      if (ctor === Object) continue;
      out.push([kind, name, ctor]);
    }
  }
  return out;
}

const CALLBACKS: [string, Ctor, Record<string, unknown>][] = [
  ['EarlyStopping', EarlyStopping as unknown as Ctor, {}],
  ['ReduceLROnPlateau', ReduceLROnPlateau as unknown as Ctor, {}],
  ['TerminateOnNaN', TerminateOnNaN as unknown as Ctor, {}],
  ['CSVLogger', CSVLogger as unknown as Ctor, { filename: '/tmp/never-written.csv' }],
  ['ModelCheckpoint', ModelCheckpoint as unknown as Ctor, { filepath: '/tmp/never-written' }],
  ['LambdaCallback', LambdaCallback as unknown as Ctor, {}],
  ['GradientMonitor', GradientMonitor as unknown as Ctor, {}],
];

describe('unknown option keys', () => {
  const classes = registeredClasses();

  it('covers every registry', () => {
    const kinds = new Set(classes.map(([kind]) => kind));
    expect([...kinds].sort()).toEqual(['activation', 'initializer', 'layer', 'loss', 'metric', 'optimizer', 'regularizer', 'schedule']);
    expect(classes.length).toBeGreaterThan(120);
  });

  it.each(classes)('%s %s rejects { bogus_key: 1 }, naming the key', (kind, name, ctor) => {
    const options = { ...sampleOptions(kind, name), bogus_key: 1 };
    expect(() => new ctor(options)).toThrow(ConfigError);
    expect(() => new ctor(options)).toThrow(/: unknown option 'bogus_key'\. Valid options: '/);
  });

  it.each(classes)('%s %s suggests the camelCase key for each of its snake_case keys', (kind, name, ctor) => {
    for (const key of validKeys(() => new ctor({ ...sampleOptions(kind, name), bogus_key: 1 }))) {
      if (snake(key) === key) continue;
      const options = { ...sampleOptions(kind, name), [snake(key)]: 1 };
      expect(() => new ctor(options)).toThrow(`unknown option '${snake(key)}'; did you mean '${key}'?`);
    }
  });

  it.each(CALLBACKS)('%s rejects { bogus_key: 1 } and suggests camelCase keys', (name, ctor, sample) => {
    expect(() => new ctor({ ...sample, bogus_key: 1 })).toThrow(`${name}: unknown option 'bogus_key'.`);
    for (const key of validKeys(() => new ctor({ ...sample, bogus_key: 1 }))) {
      if (snake(key) !== key) expect(() => new ctor({ ...sample, [snake(key)]: 1 })).toThrow(`did you mean '${key}'?`);
    }
  });

  describe("the issue's five examples", () => {
    const model = (): Sequential => {
      const m = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
      m.compile({ optimizer: 'sgd', loss: 'mse' });
      return m;
    };
    const x = tensor([[0, 1], [1, 0]]);
    const y = tensor([[1], [0]]);

    it("fit(x, y, { validation_split: 0.5 }) → 'validationSplit'", async () => {
      await expect(model().fit(x, y, { validation_split: 0.5 } as never)).rejects.toThrow(
        "fit: unknown option 'validation_split'; did you mean 'validationSplit'?",
      );
    });
    it("fit(x, y, { batch_size: 2 }) → 'batchSize'", async () => {
      await expect(model().fit(x, y, { batch_size: 2 } as never)).rejects.toThrow("fit: unknown option 'batch_size'; did you mean 'batchSize'?");
    });
    it("new Adam({ lr: 0.1 }) → 'learningRate'", () => {
      expect(() => new Adam({ lr: 0.1 } as never)).toThrow("Adam: unknown option 'lr'; did you mean 'learningRate'?");
    });
    it("new Dense({ units: 4, input_shape: [2] }) → 'inputShape'", () => {
      expect(() => new Dense({ units: 4, input_shape: [2] } as never)).toThrow("Dense: unknown option 'input_shape'; did you mean 'inputShape'?");
    });
    it("new EarlyStopping({ restore_best_weights: true }) → 'restoreBestWeights'", () => {
      expect(() => new EarlyStopping({ restore_best_weights: true } as never)).toThrow(
        "EarlyStopping: unknown option 'restore_best_weights'; did you mean 'restoreBestWeights'?",
      );
    });
  });

  describe('the other options objects', () => {
    const m = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tensor([[0, 1]]);

    it('compile, evaluate, predict, save and loadModel', async () => {
      expect(() => m.compile({ optimizer: 'sgd', loss: 'mse', loss_weights: [1] } as never)).toThrow("compile: unknown option 'loss_weights'; did you mean 'lossWeights'?");
      expect(() => m.evaluate(x, tensor([[1]]), { batch_size: 1 } as never)).toThrow("evaluate: unknown option 'batch_size'; did you mean 'batchSize'?");
      expect(() => m.evaluate(x, tensor([[1]]), { return_dict: true } as never)).toThrow("evaluate: unknown option 'return_dict'; did you mean 'returnDict'?");
      expect(m.evaluate(x, tensor([[1]]), { returnDict: true })).toEqual({ loss: expect.any(Number) });
      expect(() => m.predict(x, { batchsize: 1 } as never)).toThrow("predict: unknown option 'batchsize'; did you mean 'batchSize'?");
      await expect(m.save('/tmp/never-written-model', { include_optimizer: true } as never)).rejects.toThrow("save: unknown option 'include_optimizer'; did you mean 'includeOptimizer'?");
      await expect(loadModel('/tmp/never-written-model', { compiled: false } as never)).rejects.toThrow("loadModel: unknown option 'compiled'; did you mean 'compile'?");
    });

    it('input(), Model and Sequential', () => {
      expect(() => input({ shape: [2], batch_shape: [null, 2] } as never)).toThrow("input: unknown option 'batch_shape'; did you mean 'batchShape'?");
      const a = input({ shape: [2] });
      expect(() => new Model({ inputs: a, outputs: a, output: a } as never)).toThrow("Model: unknown option 'output'; did you mean 'outputs'?");
      expect(() => new Sequential({ layer: [] } as never)).toThrow("Sequential: unknown option 'layer'; did you mean 'layers'?");
    });
  });

  it('a subclass that declares only its added keys accepts them with every base key', () => {
    class ScaledDense extends Dense {
      static override readonly optionKeys: readonly string[] = ['scale'];
      constructor(options: ConstructorParameters<typeof Dense>[0] & { scale?: number }) {
        super(options);
      }
    }
    expect([...classOptionKeys(ScaledDense)]).toEqual(expect.arrayContaining(['scale', 'units', 'useBias', 'inputShape', 'name']));
    expect(() => new ScaledDense({ units: 2, scale: 3, inputShape: [2] })).not.toThrow();
    expect(() => new Dense({ units: 2, scale: 3 } as never)).toThrow("Dense: unknown option 'scale'");
    expect(() => new ScaledDense({ units: 2, scael: 3 } as never)).toThrow("unknown option 'scael'; did you mean 'scale'?");
  });

  describe('suggestKey', () => {
    it('maps snake_case, Keras renames and near misses, and gives up on far ones', () => {
      expect(suggestKey('validation_split', ['validationSplit', 'validationData'])).toBe('validationSplit');
      expect(suggestKey('lr', ['learningRate', 'momentum'])).toBe('learningRate');
      expect(suggestKey('epoch', ['epochs', 'batchSize'])).toBe('epochs');
      expect(suggestKey('Units', ['units'])).toBe('units');
      expect(suggestKey('bogus_key', ['units', 'activation'])).toBeNull();
    });

    it('ignores keys whose value is undefined (an omitted option written out)', () => {
      expect(() => rejectUnknownKeys({ units: 1, extra: undefined }, ['units'], 'Dense')).not.toThrow();
    });
  });
});
