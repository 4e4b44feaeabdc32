/**
 * TimeDistributed: the inner layer on every time step (known answers against the layer applied
 * by hand), float64 gradient checks with a random upstream gradient, the inner layer's weights
 * as the wrapper's, masks, errors, configs and files (layerwise and TensorFlow.js both ways).
 */
import * as fs from 'fs';
import * as tf from '@tensorflow/tfjs';
import {
  Add, BatchNormalization, Conv1D, Dense, Embedding, Flatten, Model, ReLU, Sequential, TimeDistributed, input, l2, layers, loadModel,
  setSeed, tensor, toArray, ConfigError, ShapeError, StateError, type Tensor,
} from '../../lib';
import type { JsonObject, KerasObject } from '../../lib/serialization/format';
import { layerFromKeras, layerToKeras } from '../../lib/serialization/layer-json';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';
import { makeTempDir, removeTempDir, tfjsLoad, tfjsSave, useCpuBackend } from '../helpers/tfjs-files';

/** A Dense 2 → 2 with `W = [[1, 2], [3, 4]]` and `b = [0.5, -1]`, built in float64. */
function knownDense(): Dense {
  const dense = new Dense({ units: 2 });
  dense.build([null, 2], 'float64');
  const [W, b] = dense.params();
  W.value.data.set([1, 2, 3, 4], W.value.offset);
  b.value.data.set([0.5, -1], b.value.offset);
  return dense;
}

describe('TimeDistributed forward', () => {
  it('applies the inner Dense to every step (known answer)', () => {
    const td = new TimeDistributed({ layer: knownDense() });
    // Step [1, 0] → [1·1 + 0·3 + 0.5, 1·2 + 0·4 − 1] = [1.5, 1]; [0, 1] → [3.5, 3]; [1, 1] → [4.5, 5]; [2, −1] → [−0.5, −1].
    const y = td.forward(tensor([[[1, 0], [0, 1]], [[1, 1], [2, -1]]], undefined, 'float64'));
    expect(y.shape).toEqual([2, 2, 2]);
    expect(toArray(y)).toEqual([[[1.5, 1], [3.5, 3]], [[4.5, 5], [-0.5, -1]]]);
  });

  it('equals the inner layer run on each [batch, …] slice of time', () => {
    setSeed(2);
    const inner = new Conv1D({ filters: 3, kernelSize: 2, activation: 'tanh' });
    const td = new TimeDistributed({ layer: inner });
    const x = randomTensor([2, 3, 5, 2], 4);
    const y = toArray(td.forward(x)) as number[][][][];
    for (let t = 0; t < 3; t++) {
      const step = tensor([0, 1].map((b) => (toArray(x) as number[][][][])[b][t]), undefined, 'float64');
      const expected = toArray(inner.forward(step)) as number[][][];
      expect([0, 1].map((b) => y[b][t])).toEqual(expected);
    }
    expect(td.computeOutputShape([null, 3, 5, 2])).toEqual([null, 3, 4, 3]);
    expect(td.computeOutputShape([4, 3, 5, 2])).toEqual([4, 3, 4, 3]);
  });

  it('takes any number of steps once built, and a strided input view like its copy', () => {
    const td = new TimeDistributed({ layer: knownDense() });
    expect(td.forward(tensor([[[1, 2], [3, 4], [5, 6]]], undefined, 'float64')).shape).toEqual([1, 3, 2]);
    const x = randomTensor([2, 3, 2], 5);
    const view = randomTensor([3, 2, 2], 5).transpose(1, 0, 2);
    const copy = tensor(toArray(view), undefined, 'float64');
    expect(toArray(td.forward(view))).toEqual(toArray(td.forward(copy)));
    expect(td.forward(x).shape).toEqual([2, 3, 2]);
  });
});

describe('TimeDistributed backward', () => {
  it('gives dW, db and dAPrev of the steps as one batch (known answer)', () => {
    const td = new TimeDistributed({ layer: knownDense() });
    td.forward(tensor([[[1, 0], [0, 1]]], undefined, 'float64'), true);
    const { dAPrev, grads } = td.backward(tensor([[[1, 2], [3, 4]]], undefined, 'float64'));
    // X = I (the two steps), so dW = Xᵀ·dZ = dZ; db = column sums; dAPrev = dZ·Wᵀ.
    expect(toArray(grads.dW)).toEqual([[1, 2], [3, 4]]);
    expect(toArray(grads.db)).toEqual([4, 6]);
    expect(toArray(dAPrev as Tensor)).toEqual([[[1 * 1 + 2 * 2, 1 * 3 + 2 * 4], [3 * 1 + 4 * 2, 3 * 3 + 4 * 4]]]);
    expect(grads.dW).toBe(td.params()[0].grad);
  });

  it.each([
    ['Dense with tanh, rank 3', () => new Dense({ units: 3, activation: 'tanh' }), [2, 3, 4]],
    ['Dense with an l2 regularizer, rank 4', () => new Dense({ units: 2, kernelRegularizer: l2(0.1) }), [2, 2, 3, 3]],
    ['Conv1D, rank 4', () => new Conv1D({ filters: 2, kernelSize: 2, activation: 'tanh' }), [2, 3, 5, 2]],
    ['Flatten, rank 4', () => new Flatten(), [2, 3, 2, 2]],
    ['BatchNormalization (training statistics per step batch)', () => new BatchNormalization(), [3, 2, 3]],
  ] as const)('matches central differences with a random upstream gradient: %s', (_, inner, shape) => {
    expectGradientsCorrect(new TimeDistributed({ layer: inner() }), randomTensor(shape as unknown as number[], 9), undefined, { seed: 3 });
  });

  it('matches central differences on a transposed input view', () => {
    expectGradientsCorrect(new TimeDistributed({ layer: new Dense({ units: 2, activation: 'tanh' }) }), randomTensor([3, 2, 4], 6).transpose(1, 0, 2));
  });

  it('a layer shared by two calls in a graph shares its weights and adds both calls\' gradients', () => {
    setSeed(5);
    const x = input({ shape: [3, 4], dtype: 'float64' });
    const shared = new TimeDistributed({ layer: new Dense({ units: 4, activation: 'tanh' }) });
    const once = shared.apply(x);
    const twice = shared.apply(once);
    const model = new Model({ inputs: x, outputs: new Add().apply([once, twice]) });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    expect(model.layers.filter((l) => l === shared)).toHaveLength(1);
    expect(model.countParams()).toBe(4 * 4 + 4);
    expectGradientsCorrect(model, randomTensor([2, 3, 4], 1), randomTensor([2, 3, 4], 2));
  });
});

describe('TimeDistributed weights and masks', () => {
  it("owns the inner layer's weights: params, non-trainable weights, trainable and the penalty", () => {
    const dense = new Dense({ units: 2, kernelRegularizer: l2(0.5), kernelInitializer: 'ones' });
    const td = new TimeDistributed({ layer: dense });
    td.build([null, 4, 3]);
    expect(td.params()).toEqual(dense.params());
    expect(td.params().map((p) => p.weightName)).toEqual(['kernel', 'bias']);
    expect(td.weightShapes([null, 4, 3])).toEqual([{ weightName: 'kernel', shape: [3, 2] }, { weightName: 'bias', shape: [2] }]);
    expect(new TimeDistributed({ layer: new Dense({ units: 2 }) }).weightShapes([null, 4, 3])).toEqual([{ weightName: 'kernel', shape: [3, 2] }, { weightName: 'bias', shape: [2] }]);
    expect(td.countParams()).toBe(8);
    // 0.5 · Σ W² with W all ones [3, 2].
    expect(td.regularizationLoss()).toBeCloseTo(3);
    td.trainable = false;
    expect(td.trainableParams()).toEqual([]);
    expect(td.regularizationLoss()).toBe(0);
    const bn = new TimeDistributed({ layer: new BatchNormalization() });
    bn.build([null, 2, 3]);
    expect(bn.nonTrainableWeights().map((w) => w.weightName)).toEqual(['moving_mean', 'moving_variance']);
  });

  it("passes the input's mask on: Embedding's padding mask reaches the loss through it", () => {
    const td = new TimeDistributed({ layer: new Dense({ units: 1 }) });
    expect(td.supportsMasking).toBe(true);
    setSeed(3);
    const model = new Sequential([
      new Embedding({ inputDim: 5, outputDim: 2, maskZero: true, inputShape: [3] }),
      td,
    ]);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tensor([[1, 0, 0], [2, 3, 0]]);
    const a = model.evaluate(x, tensor([[[1], [2], [3]], [[4], [5], [6]]])) as number;
    expect(model.evaluate(x, tensor([[[1], [20], [30]], [[4], [5], [60]]])) as number).toBeCloseTo(a, 6);
  });

  it('dispose frees the inner layer too', () => {
    const dense = new Dense({ units: 2 });
    const td = new TimeDistributed({ layer: dense });
    td.forward(tensor([[[1, 2]]]));
    td.dispose();
    expect(() => td.forward(tensor([[[1, 2]]]))).toThrow(StateError);
    expect(() => dense.forward(tensor([[1, 2]]))).toThrow(StateError);
  });
});

describe('TimeDistributed errors', () => {
  it('rejects input of rank < 3, naming the layer and the shape', () => {
    const td = new TimeDistributed({ layer: new Dense({ units: 2 }), name: 'per_step' });
    expect(() => td.forward(tensor([[1, 2]]))).toThrow(new ShapeError("TimeDistributed 'per_step': input must be [batch, time, …] of rank at least 3: expected [?, ?, ?], got [?, 2]"));
    expect(() => td.computeOutputShape([null, 2])).toThrow(ShapeError);
  });

  it("reports what the inner layer rejects with the inner layer's message", () => {
    const td = new TimeDistributed({ layer: new Dense({ units: 2, inputShape: [3], name: 'inner' }) });
    expect(() => td.forward(tensor([[[1, 2]]]))).toThrow(/Dense 'inner'/);
  });

  it.each([
    [{}, 'TimeDistributed: layer must be a layer or its saved { className, config }, got undefined'],
    [{ layer: 'dense' }, 'TimeDistributed: layer must be a layer or its saved { className, config }, got "dense"'],
    [{ layer: { className: 'Dense', config: 3 } }, 'TimeDistributed: layer.config must be an object, got 3'],
    [{ layer: { className: 'Dense', config: { units: 0 } } }, 'TimeDistributed: Dense: units must be a positive integer, got 0'],
  ])('rejects %p with a ConfigError', (options, message) => {
    expect(() => new TimeDistributed(options as never)).toThrow(new ConfigError(message));
  });

  it('rejects wrappers nested more than 32 deep (an untrusted file must not exhaust the stack), in configs and in model.json', () => {
    const nested = (depth: number): { keras: KerasObject; config: object } => {
      let keras: KerasObject = { class_name: 'Dense', config: { units: 2 } };
      let config: object = { className: 'Dense', config: { units: 2 } };
      for (let i = 0; i < depth; i++) {
        keras = { class_name: 'TimeDistributed', config: { layer: keras as unknown as JsonObject } };
        config = { className: 'TimeDistributed', config: { layer: config } };
      }
      return { keras, config };
    };
    expect(layerFromKeras(nested(32).keras).className).toBe('TimeDistributed');
    expect(() => layerFromKeras(nested(33).keras)).toThrow(/layers nest more than 32 deep/);
    expect(() => layerFromKeras(nested(20000).keras)).toThrow(ConfigError);
    expect(() => new TimeDistributed({ layer: nested(32).config as never })).toThrow(new ConfigError('TimeDistributed: layers nest more than 32 deep'));
    expect(new TimeDistributed({ layer: nested(31).config as never }).className).toBe('TimeDistributed');
  });

  it('rejects an unknown class (listing the valid names), a layer of several inputs and one of several outputs', () => {
    expect(() => new TimeDistributed({ layer: { className: 'LSTMx' } })).toThrow(/^TimeDistributed: unknown layer 'LSTMx'\. Valid layer names: .*'Dense'/);
    expect(() => new TimeDistributed({ layer: new Add({ name: 'sum' }) })).toThrow(new ConfigError("TimeDistributed: layer must take one input, got Add 'sum', which takes a list"));
    expect(() => new TimeDistributed({ layer: { className: 'GRU', config: { units: 2, returnState: true, name: 'g' } } })).toThrow(new ConfigError("TimeDistributed: layer must have one output, got GRU 'g', which has 2 (returnState)"));
  });
});

describe('TimeDistributed config and files', () => {
  let dir: string;
  beforeAll(async () => {
    await useCpuBackend();
  });
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeTempDir(dir));

  it("getConfig nests the inner layer's { className, config }; fromConfig rebuilds it through the registry", () => {
    const td = new TimeDistributed({ layer: new Dense({ units: 3, activation: 'relu', name: 'd' }), name: 'td', inputShape: [4, 2] });
    const config = td.getConfig();
    expect(config).toEqual({
      name: 'td', trainable: true, batchInputShape: [null, 4, 2],
      layer: { className: 'Dense', config: new Dense({ units: 3, activation: 'relu', name: 'd' }).getConfig() },
    });
    const rebuilt = layers.create('TimeDistributed', config) as TimeDistributed;
    expect(rebuilt.layer).toBeInstanceOf(Dense);
    expect(rebuilt.getConfig()).toEqual(config);
    const nested = new TimeDistributed({ layer: new TimeDistributed({ layer: new ReLU({ name: 'r' }), name: 'inner' }), name: 'outer' });
    expect(TimeDistributed.fromConfig(nested.getConfig()).getConfig()).toEqual(nested.getConfig());
  });

  it('model.json nests the inner layer in Keras form (converted initializers), and reads it back', () => {
    const td = new TimeDistributed({ layer: new Dense({ units: 3, name: 'd' }), name: 'td' });
    const warnings: string[] = [];
    const json = layerToKeras(td, warnings);
    expect(warnings).toEqual([]);
    expect(json).toMatchObject({
      class_name: 'TimeDistributed',
      config: {
        name: 'td',
        layer: {
          class_name: 'Dense',
          config: { name: 'd', units: 3, use_bias: true, kernel_initializer: { class_name: 'VarianceScaling', config: { mode: 'fan_avg', distribution: 'uniform' } } },
        },
      },
    });
    expect(layerFromKeras(json).getConfig()).toEqual(td.getConfig());
  });

  it('saves in a Sequential model and loads back predicting identical numbers; weights are named after the wrapper', async () => {
    setSeed(9);
    const model = new Sequential([
      new TimeDistributed({ layer: new Conv1D({ filters: 2, kernelSize: 2 }), inputShape: [3, 4, 2], name: 'frames' }),
      new TimeDistributed({ layer: new Flatten() }),
      new TimeDistributed({ layer: new Dense({ units: 2, activation: 'tanh' }), name: 'head' }),
    ]);
    const x = randomTensor([2, 3, 4, 2], 1, { dtype: 'float32' });
    const expected = toArray(model.predict(x));
    const { modelJsonPath } = await model.save(dir);
    const json = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8')) as { weightsManifest: { weights: { name: string }[] }[] };
    expect(json.weightsManifest[0].weights.map((w) => w.name)).toEqual(['frames/kernel', 'frames/bias', 'head/kernel', 'head/bias']);
    const loaded = await loadModel(dir);
    expect(loaded.layers.map((l) => l.getConfig())).toEqual(model.layers.map((l) => l.getConfig()));
    expect(toArray(loaded.predict(x))).toEqual(expected);
  });

  it('TensorFlow.js loads the saved model and predicts the same numbers', async () => {
    setSeed(10);
    const model = new Sequential([
      new TimeDistributed({ layer: new Dense({ units: 3, activation: 'relu' }), inputShape: [4, 2] }),
      new TimeDistributed({ layer: new Dense({ units: 2 }) }),
    ]);
    expect((await model.save(dir)).warnings).toEqual([]);
    const reference = await tfjsLoad(dir);
    const x = randomTensor([3, 4, 2], 2, { dtype: 'float32' });
    const expected = (reference.predict(tf.tensor(toArray(x) as number[][][])) as tf.Tensor).arraySync() as number[][][];
    expectClose(model.predict(x) as Tensor, expected, { rtol: 1e-6, atol: 1e-7 });
  });

  it('loads a TensorFlow.js TimeDistributed and predicts what TensorFlow.js predicts', async () => {
    const reference = tf.sequential({
      layers: [
        tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 3, activation: 'tanh' }), inputShape: [5, 2] }),
        tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 1, useBias: false }) }),
      ],
    });
    await tfjsSave(reference, dir);
    const model = await loadModel(dir);
    expect(model.layers.map((l) => (l as TimeDistributed).layer.className)).toEqual(['Dense', 'Dense']);
    const x = randomTensor([2, 5, 2], 3, { dtype: 'float32' });
    const expected = (reference.predict(tf.tensor(toArray(x) as number[][][])) as tf.Tensor).arraySync() as number[][][];
    expectClose(model.predict(x) as Tensor, expected, { rtol: 1e-6, atol: 1e-7 });
  });
});
