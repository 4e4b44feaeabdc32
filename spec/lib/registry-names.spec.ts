/**
 * The literal unions of built-in names (activations, initializers, losses, optimizers, metrics)
 * list exactly what each registry registers, so the types cannot drift from the registries;
 * Keras's snake_case spellings and custom registered names type-check; and an editor offers the
 * names as completions (asked of the TypeScript language service, as an editor asks it).
 */
import * as path from 'path';
import * as ts from 'typescript';
import {
  ACTIVATION_NAMES, Dense, INITIALIZER_NAMES, LOSS_NAMES, LSTM, METRIC_NAMES, OPTIMIZER_NAMES, REGULARIZER_NAMES, Sequential, activations,
  initializers, losses, metrics, optimizers, regularizers,
  type ActivationName, type CompileOptions, type InitializerName, type LossName, type MetricName, type OptimizerName, type RegularizerName,
  type StepActivationName,
} from '../../lib';
import type { Registry } from '../../lib/registry';
import { getStepActivation } from '../../layers/recurrent';

const LISTS: [string, readonly string[], Registry<unknown>][] = [
  ['activation', ACTIVATION_NAMES, activations],
  ['initializer', INITIALIZER_NAMES, initializers],
  ['loss', LOSS_NAMES, losses],
  ['optimizer', OPTIMIZER_NAMES, optimizers],
  ['metric', METRIC_NAMES, metrics],
  ['regularizer', REGULARIZER_NAMES, regularizers],
];

describe('built-in name lists', () => {
  it.each(LISTS)('the %s names are exactly the registry\'s spellings, each once', (_kind, names, registry) => {
    expect([...names].sort()).toEqual(registry.spellings());
    expect(new Set(names).size).toBe(names.length);
  });

  it('include the Keras snake_case spellings', () => {
    const some: [readonly string[], string][] = [
      [ACTIVATION_NAMES, 'leaky_relu'], [INITIALIZER_NAMES, 'glorot_uniform'], [LOSS_NAMES, 'categorical_crossentropy'],
      [OPTIMIZER_NAMES, 'rmsprop'], [METRIC_NAMES, 'sparse_categorical_accuracy'], [REGULARIZER_NAMES, 'l1_l2'], [INITIALIZER_NAMES, 'uniform'],
    ];
    for (const [names, name] of some) expect(names).toContain(name);
  });

  it('type-check as literals, snake_case and custom names alike, in the option types', () => {
    const typed: [ActivationName, InitializerName, LossName, OptimizerName, MetricName] = ['leaky_relu', 'he_normal', 'mse', 'adam', 'acc'];
    expect(typed).toHaveLength(5);
    const regularizer: RegularizerName = 'l1_l2';
    // @ts-expect-error a misspelt built-in is not a RegularizerName
    const misspeltRegularizer: RegularizerName = 'l3';
    void misspeltRegularizer;
    expect(new Dense({ units: 2, kernelRegularizer: regularizer, kernelInitializer: 'uniform' }).getConfig().kernelInitializer).toMatchObject({ className: 'RandomUniform' });
    // @ts-expect-error a misspelt built-in is not an ActivationName
    const misspelt: ActivationName = 'rleu';
    void misspelt;
    const dense = new Dense({ units: 2, activation: 'leaky_relu', kernelInitializer: 'he_normal', biasInitializer: 'zeros' });
    expect(dense.getConfig().activation).toBe('leakyRelu');
    const options: CompileOptions = { optimizer: 'rmsprop', loss: 'categorical_crossentropy', metrics: ['accuracy', 'top_k_categorical_accuracy'] };
    const model = new Sequential([new Dense({ units: 3, inputShape: [2], activation: 'softmax' })]);
    expect(() => model.compile(options)).not.toThrow();
    // Any other string still type-checks (a custom registered name); the registry rejects it at run time.
    expect(() => new Dense({ units: 2, activation: 'myRegisteredActivation' })).toThrow("unknown activation 'myRegisteredActivation'");
  });

  it("recurrent layers' step activations are a closed list, every name accepted", () => {
    const names: StepActivationName[] = ['tanh', 'sigmoid', 'hard_sigmoid', 'hardSigmoid', 'relu', 'softsign', 'linear'];
    for (const name of names) {
      const values = new Float64Array([0.5]);
      getStepActivation(name, 'LSTM', 'activation').apply(values, 0, 1);
      expect(values[0]).toEqual(expect.any(Number));
    }
    expect(new LSTM({ units: 2, recurrentActivation: 'hard_sigmoid' }).getConfig().recurrentActivation).toBe('hard_sigmoid');
    // @ts-expect-error not a step activation (there is no registry to add one to)
    expect(() => new LSTM({ units: 2, activation: 'gelu' })).toThrow("LSTM: activation must be one of 'tanh'");
  });
});

describe('completions an editor offers', () => {
  const fileName = path.join(__dirname, '__completions__.ts');
  let text = '';
  let version = 0;
  const configPath = path.join(__dirname, '..', '..', 'tsconfig.json');
  const { options } = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, path.dirname(configPath));
  // One language service for every question, as an editor keeps one: the library is checked once.
  const service = ts.createLanguageService({
    getCompilationSettings: () => ({ ...options, noEmit: true }),
    getScriptFileNames: () => [fileName],
    getScriptVersion: (name) => (name === fileName ? String(version) : '1'),
    getScriptSnapshot: (name) => {
      const content = name === fileName ? text : ts.sys.readFile(name);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => __dirname,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (name) => name === fileName || ts.sys.fileExists(name),
    readFile: (name) => (name === fileName ? text : ts.sys.readFile(name)),
  });

  /** The completion entries at `|` in `source`, a file in spec/lib importing the library. */
  function completionsAt(source: string): string[] {
    text = source.replace('|', '');
    version++;
    const completions = service.getCompletionsAtPosition(fileName, source.indexOf('|'), {});
    return (completions?.entries ?? []).map((e) => e.name);
  }

  it("offers the built-in names for Dense's activation and initializers, and compile's optimizer, loss and metrics", () => {
    const lib = "import { Dense, Sequential } from '../../lib';\n";
    expect(completionsAt(`${lib}new Dense({ units: 1, activation: '|' });`)).toEqual(expect.arrayContaining(['relu', 'leakyRelu', 'leaky_relu', 'softmax']));
    expect(completionsAt(`${lib}new Dense({ units: 1, kernelInitializer: '|' });`)).toEqual(expect.arrayContaining(['glorotUniform', 'he_normal']));
    expect(completionsAt(`${lib}new Sequential().compile({ optimizer: '|', loss: 'mse' });`)).toEqual(expect.arrayContaining(['adam', 'sgd', 'rmsprop']));
    expect(completionsAt(`${lib}new Sequential().compile({ optimizer: 'adam', loss: '|' });`))
      .toEqual(expect.arrayContaining(['mse', 'categorical_crossentropy', 'CategoricalCrossentropy']));
    expect(completionsAt(`${lib}new Sequential().compile({ optimizer: 'adam', loss: 'mse', metrics: ['|'] });`))
      .toEqual(expect.arrayContaining(['accuracy', 'mae', 'sparse_categorical_accuracy']));
    expect(completionsAt(`${lib}new Sequential().compile({ optimizer: 'adam', loss: 'mse', metrics: ['|'] });`)).not.toContain('relu');
  });
});
