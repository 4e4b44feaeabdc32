/**
 * Trains two functional models for 5 steps from fixed weights and compares the loss of every
 * step and the final weights with TensorFlow.js 4.22 (cpu backend, float32), recorded by
 * spec/golden/graph.generate.mjs into spec/golden/graph.json:
 * - `residual`: `tf.model({ inputs: x, outputs: dense(3, softmax)(add([dense(4)(dense(8, relu)(x)), x])) })`
 *   with categoricalCrossentropy: the fan-out of `x` (read by 'hidden' and by the Add) sums two gradients.
 * - `two_heads`: `tf.model({ inputs: [a, b], outputs: [reg, cls] })` with
 *   `trunk = dense(6, tanh)(concatenate([a, b]))`, `reg = dense(1)(trunk)` (mse) and
 *   `cls = dense(2, softmax)(trunk)` (categoricalCrossentropy), `lossWeights { reg: 1, cls: 0.5 }`:
 *   the trunk gets `∂L/∂trunk = 1·∂L_reg/∂trunk + 0.5·∂L_cls/∂trunk`. TensorFlow.js 4.22 ignores
 *   compile's lossWeights, so the generator folds the 0.5 into its cls loss function
 *   (`(y, p) => 0.5·tf.metrics.categoricalCrossentropy(y, p)`); layerwise gets the real lossWeights.
 * Each case is 5 calls of `model.trainOnBatch(x, y)` with `tf.train.sgd(0.1)` or
 * `tf.train.adam(0.01, 0.9, 0.999, 0)` (ε = 0, where TensorFlow.js's and Keras 3's Adam agree).
 * Tolerance rtol 1e-5 / atol 1e-6: the reference computes in float32.
 */
import graphGolden from '../../golden/graph.json';
import {
  Add, Concatenate, Dense, MeanSquaredError, Model, input, optimizers, tensor, type CompileOptions, type NestedArray, type SymbolicTensor, type Tensor,
} from '../../../lib';
import { layerWeights } from '../../../lib/model';
import { expectClose, expectScalarClose } from '../../helpers/expect-close';

const TOLERANCE = { rtol: 1e-5, atol: 1e-6 };

/** One recorded trajectory: the tfjs optimizer, the layerwise one, the losses and final weights. */
interface GoldenCase {
  reference: string;
  className: string;
  options: Record<string, unknown>;
  losses: number[];
  /** Each step's unweighted loss per output (several outputs only). */
  outputLosses: Record<string, number>[];
  finalWeights: Record<string, NestedArray>;
}

/** One model: its layout in TensorFlow.js, the layerwise compile options, the weights and data. */
interface GoldenModel {
  reference: string;
  inputNames: string[];
  outputNames: string[];
  weightOrder: string[];
  compile: Omit<CompileOptions, 'optimizer'>;
  initialWeights: Record<string, NestedArray>;
  data: { x: Record<string, NestedArray>; y: Record<string, NestedArray> };
  cases: Record<'sgd' | 'adam', GoldenCase>;
}

const golden = graphGolden as unknown as { models: Record<'residual' | 'two_heads', GoldenModel> };

/** The residual MLP, with the layer names the golden's weights are keyed by. */
function residual(): Model {
  const x = input({ shape: [4], name: 'x' });
  const h = new Dense({ units: 8, activation: 'relu', name: 'hidden' }).apply(x);
  const p = new Dense({ units: 4, name: 'project' }).apply(h);
  const r = new Add({ name: 'residual' }).apply([p, x]);
  const y = new Dense({ units: 3, activation: 'softmax', name: 'probs' }).apply(r);
  return new Model({ inputs: x, outputs: y, name: 'residual_mlp' });
}

/** The two-input, two-output model with a shared tanh trunk. */
function twoHeads(): Model {
  const a = input({ shape: [3], name: 'a' });
  const b = input({ shape: [2], name: 'b' });
  const joined = new Concatenate({ name: 'joined' }).apply([a, b]);
  const trunk: SymbolicTensor = new Dense({ units: 6, activation: 'tanh', name: 'trunk' }).apply(joined);
  const reg = new Dense({ units: 1, name: 'reg' }).apply(trunk);
  const cls = new Dense({ units: 2, activation: 'softmax', name: 'cls' }).apply(trunk);
  return new Model({ inputs: [a, b], outputs: [reg, cls], name: 'two_heads' });
}

const builders: Record<keyof typeof golden.models, () => Model> = { residual, two_heads: twoHeads };

/** `layer/kernel`, `layer/bias`, … for each weight, in `getWeights()` order. */
function weightKeys(model: Model): string[] {
  return model.layers.flatMap((layer) => layerWeights(layer).map((w) => `${layer.name}/${w.weightName}`));
}

/** The model built, compiled with the case's optimizer and set to the golden's initial weights (by name). */
function prepare(name: keyof typeof golden.models, testCase: GoldenCase): Model {
  const spec = golden.models[name];
  const model = builders[name]();
  model.compile({ ...(spec.compile), optimizer: optimizers.create(testCase.className, testCase.options) });
  model.setWeights(weightKeys(model).map((key) => tensor(spec.initialWeights[key])));
  return model;
}

function checkWeights(model: Model, expected: Record<string, NestedArray>, where: string): void {
  const weights = model.getWeights();
  weightKeys(model).forEach((key, i) => {
    try {
      expectClose(weights[i], expected[key], TOLERANCE);
    } catch (e) {
      throw new Error(`${where}, ${key}: ${(e as Error).message}`);
    }
  });
}

const cases = Object.entries(golden.models).flatMap(([name, spec]) =>
  Object.entries(spec.cases).map(([caseName, testCase]) => [name as keyof typeof golden.models, caseName, testCase] as const));

describe('functional models against TensorFlow.js 5-step trajectories', () => {
  it.each(Object.keys(golden.models) as (keyof typeof golden.models)[])('%s: getWeights() lists the weights in TensorFlow.js\'s model.getWeights() order', (name) => {
    const model = builders[name]();
    expect(weightKeys(model)).toEqual(golden.models[name].weightOrder);
    expect(model.inputNames).toEqual(golden.models[name].inputNames);
    expect(model.outputNames).toEqual(golden.models[name].outputNames);
  });

  it.each(cases)('%s with %s: trainOnBatch follows the tfjs losses and ends at its weights', (name, _caseName, testCase) => {
    const spec = golden.models[name];
    const model = prepare(name, testCase);
    const where = `${spec.reference}, ${testCase.reference}`;
    testCase.losses.forEach((expected, step) => {
      const loss = model.trainOnBatch(spec.data.x, spec.data.y);
      try {
        expectScalarClose(loss, expected, TOLERANCE);
      } catch (e) {
        throw new Error(`${where}, step ${step + 1}: loss ${loss}, expected ${expected}`);
      }
    });
    checkWeights(model, testCase.finalWeights, where);
  });

  it.each(cases)('%s with %s: fit with batchSize = N, shuffle false, 5 epochs gives the same trajectory', async (name, _caseName, testCase) => {
    const spec = golden.models[name];
    const model = prepare(name, testCase);
    const x = spec.data.x;
    const y = spec.data.y;
    const n = (Object.values(x)[0] as NestedArray[]).length;
    const history = await model.fit(x, y, { epochs: 5, batchSize: n, shuffle: false, verbose: 0 });
    history.history.loss.forEach((loss, step) => expectScalarClose(loss, testCase.losses[step], TOLERANCE));
    // Keras's History keys for several outputs: `<output>_loss`, each unweighted.
    for (const [k, perOutput] of testCase.outputLosses.entries()) {
      for (const [output, expected] of Object.entries(perOutput)) expectScalarClose(history.history[`${output}_loss`][k], expected, TOLERANCE);
    }
    checkWeights(model, testCase.finalWeights, `${spec.reference}, ${testCase.reference}, fit`);
  });

  it('the per-output losses sum to the total with the loss weights (two_heads, first step, by hand)', () => {
    // L = 1·L_reg + 0.5·L_cls, the reference's own numbers: 1.00996 + 0.5·0.79423 = 1.40708.
    const { losses, outputLosses } = golden.models.two_heads.cases.sgd;
    expectScalarClose(losses[0], outputLosses[0].reg + 0.5 * outputLosses[0].cls, TOLERANCE);
  });

  // A loss caches its batch for backward, so one Loss instance given for every output is copied per output.
  it('one Loss instance for every output gives each output its own loss and gradient', () => {
    const make = (loss: CompileOptions['loss']) => {
      const x = input({ shape: [2], name: 'x' });
      const one = new Dense({ units: 1, name: 'one' }).apply(x);
      const two = new Dense({ units: 2, name: 'two' }).apply(x);
      const model = new Model({ inputs: x, outputs: [one, two] });
      model.compile({ optimizer: optimizers.create('SGD', { learningRate: 0.1 }), loss });
      return model;
    };
    const data = [tensor([[1, 2], [3, 4]]), [tensor([[1], [2]]), tensor([[1, 0], [0, 1]])]] as const;
    const byName = make('mse');
    const initial = byName.getWeights();
    const expected = byName.trainOnBatch(data[0], [...data[1]]);
    const byInstance = make(new MeanSquaredError());
    byInstance.setWeights(initial);
    expectScalarClose(byInstance.trainOnBatch(data[0], [...data[1]]), expected, TOLERANCE);
  });

  it('predict returns one tensor per output for the two-head model, in output order', () => {
    const model = prepare('two_heads', golden.models.two_heads.cases.sgd);
    const out = model.predict(golden.models.two_heads.data.x) as unknown as Tensor[];
    expect(out.map((t) => t.shape)).toEqual([[5, 1], [5, 2]]);
  });
});
