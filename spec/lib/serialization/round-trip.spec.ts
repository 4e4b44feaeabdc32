/**
 * layerwise → files → layerwise for every registered layer class and each of its options:
 * the loaded model has the same configs, bit-identical weights (float32) and the same
 * predictions.
 */
import { GRAPH_ROUND_TRIP_CLASSES } from '../../helpers/layer-samples';
import type { Model } from '../../../lib/model';
import * as fs from 'fs';
import {
  BatchNormalization, Constant, Dense, Dropout, ELU, Flatten, GELU, HardSigmoid, LayerNormalization, LeakyReLU, Linear,
  PReLU, RandomNormal, ReLU, Reshape, SELU, Sequential, Sigmoid, Softmax, Softplus, Softsign, Swish, Tanh,
  Layer, layers, l2, reshape, setSeed, tensor, toArray, type LayerConfig, type Shape, type Tensor,
  CELU, Exponential, GLU, HardShrink, HardSilu, HardTanh, LogSigmoid, LogSoftmax, Mish, ReLU6, SoftShrink, Sparsemax,
  SparsePlus, SparseSigmoid, Squareplus, TanhShrink, Threshold, Masking, Embedding, TimeDistributed,
} from '../../../lib';
import { loadModel } from '../../../lib/serialization';
import { makeTempDir, removeTempDir } from '../../helpers/tfjs-files';
import { Random } from '../../../lib/random';
import {
  AveragePooling1D, AveragePooling2D, Conv1D, Conv2D, Conv2DTranspose, Cropping2D, DepthwiseConv2D, GlobalAveragePooling1D,
  GlobalAveragePooling2D, GlobalMaxPooling1D, GlobalMaxPooling2D, MaxPooling1D, MaxPooling2D, SeparableConv2D, SpatialDropout2D,
  UpSampling2D, ZeroPadding2D, SimpleRNN, LSTM, GRU, Bidirectional,
} from '../../../layers';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

/** Sets every weight (moving statistics included) to seeded values in [0.5, 1.5) with random signs on trainable ones. */
function randomizeWeights(model: Sequential, seed: number): void {
  const rng = new Random(seed);
  model.setWeights(model.getWeights().map((w) => {
    const t = tensor(new Float64Array(w.size), w.shape.slice(), model.dtype);
    for (let i = 0; i < t.size; i++) t.data[i] = rng.uniformRange(0.5, 1.5);
    return t;
  }));
}

/** A seeded batch of `n` inputs of the model's sample shape. */
function inputs(sampleShape: readonly number[], n = 5, seed = 3): Tensor {
  const rng = new Random(seed);
  const size = sampleShape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(n * size);
  for (let i = 0; i < values.length; i++) values[i] = rng.uniformRange(-2, 2);
  return tensor(values, [n, ...sampleShape]);
}

/**
 * Saves, loads, and checks configs, weights and predictions; returns the loaded model.
 * A model built from data gets its input shape on the first layer (`batch_input_shape`).
 */
async function roundTrip(model: Sequential, sampleShape: readonly number[], x: Tensor = inputs(sampleShape)): Promise<Model> {
  const expected = model.layers.map((l) => l.getConfig());
  expected[0].batchInputShape ??= [null, ...sampleShape];
  randomizeWeights(model, 7);
  const result = await model.save(dir);
  expect(fs.existsSync(result.modelJsonPath)).toBe(true);
  const loaded = await loadModel(dir);
  expect(loaded.name).toBe(model.name);
  expect(loaded.layers.map((l) => l.className)).toEqual(model.layers.map((l) => l.className));
  expect(loaded.layers.map((l) => l.getConfig())).toEqual(expected);
  const a = model.getWeights();
  const b = loaded.getWeights();
  expect(b.length).toBe(a.length);
  a.forEach((w, i) => expect(Array.from(b[i].data)).toEqual(Array.from(w.data)));
  expect(toArray(loaded.predict(x))).toEqual(toArray(model.predict(x)));
  return loaded;
}

/** The class names each case below covers, to check that every registered layer has one. */
const covered = new Set<string>();
function model(list: Layer[]): Sequential {
  for (const l of list) covered.add(l.className);
  return new Sequential(list);
}

describe('layerwise → files → layerwise', () => {
  beforeAll(() => setSeed(11));

  test.each([
    'relu', 'leakyRelu', 'sigmoid', 'tanh', 'softmax', 'linear', 'elu', 'selu', 'gelu', 'swish', 'softplus', 'softsign', 'hardSigmoid',
    'relu6', 'mish', 'celu', 'log_softmax', 'log_sigmoid', 'hard_silu', 'hard_tanh', 'sparse_plus', 'squareplus', 'soft_shrink',
    'hard_shrink', 'tanh_shrink', 'threshold', 'sparsemax', 'exponential', 'sparse_sigmoid',
  ])("Dense with activation '%s'", async (activation) => {
    await roundTrip(model([new Dense({ units: 3, activation, inputShape: [4] }), new Dense({ units: 2, activation })]), [4]);
  });

  test('Dense with activation layers that have options, as instances', async () => {
    await roundTrip(model([
      new Dense({ units: 3, activation: new LeakyReLU({ alpha: 0.1 }), inputShape: [4] }),
      new Dense({ units: 3, activation: new GELU({ approximate: true }) }),
      new Dense({ units: 2, activation: new ELU({ alpha: 0.5 }) }),
    ]), [4]);
  });

  test('Dense options: no bias, initializers, regularizer, trainable, names', async () => {
    const loaded = await roundTrip(model([
      new Dense({ units: 4, useBias: false, kernelInitializer: 'heNormal', inputShape: [3], name: 'first' }),
      new Dense({ units: 4, kernelInitializer: new RandomNormal({ mean: 0.1, stddev: 0.2, seed: 5 }), biasInitializer: new Constant({ value: 0.3 }) }),
      new Dense({ units: 3, kernelInitializer: 'lecunUniform', biasInitializer: 'ones', kernelRegularizer: l2(0.001), trainable: false }),
      new Dense({ units: 2, kernelInitializer: { className: 'VarianceScaling', config: { scale: 3, mode: 'fanOut', distribution: 'untruncatedNormal', seed: 2 } } }),
      new Dense({ units: 2, kernelInitializer: 'glorotNormal' }),
      new Dense({ units: 2, kernelInitializer: 'heUniform' }),
      new Dense({ units: 2, kernelInitializer: 'lecunNormal' }),
      new Dense({ units: 2, kernelInitializer: 'randomUniform', biasInitializer: 'zeros' }),
    ]), [3]);
    expect(loaded.layers[2].trainable).toBe(false);
    expect(loaded.layers[0].params().map((p) => p.weightName)).toEqual(['kernel']);
  });

  test('every activation layer, standalone', async () => {
    await roundTrip(model([
      new Dense({ units: 6, inputShape: [4] }), new ReLU(), new Dense({ units: 6 }), new LeakyReLU({ alpha: 0.2 }), new Sigmoid(), new Tanh(),
      new Linear(), new ELU({ alpha: 0.7 }), new SELU(), new GELU(), new GELU({ approximate: true }), new Swish(), new Softplus(), new Softsign(),
      new HardSigmoid(), new PReLU({ alphaInitializer: 'ones' }), new Softmax(),
    ]), [4]);
  });

  test("Keras 3's further activation layers, standalone, with options", async () => {
    await roundTrip(model([
      new Dense({ units: 8, inputShape: [4] }), new ReLU({ maxValue: 1.5, negativeSlope: 0.1, threshold: 0.2 }), new ReLU6(), new Mish(),
      new CELU({ alpha: 0.5 }), new LogSigmoid(), new HardSilu(), new HardTanh(), new SparsePlus(), new Squareplus({ b: 2 }),
      new SoftShrink({ threshold: 0.1 }), new HardShrink({ threshold: 0.05 }), new TanhShrink(), new Threshold({ threshold: 0.1, defaultValue: -1 }),
      new Exponential(), new SparseSigmoid(), new Sparsemax(), new LogSoftmax(), new GLU(),
    ]), [4]);
  });

  test('BatchNormalization and LayerNormalization, moving statistics included', async () => {
    const loaded = await roundTrip(model([
      new Dense({ units: 4, inputShape: [3] }),
      new BatchNormalization({ momentum: 0.9, epsilon: 0.01 }),
      new BatchNormalization({ center: false, movingVarianceInitializer: 'ones' }),
      new BatchNormalization({ scale: false }),
      new LayerNormalization({ epsilon: 1e-4 }),
      new LayerNormalization({ center: false, gammaInitializer: 'ones' }),
    ]), [3]);
    const bn = loaded.layers[1];
    expect([...bn.params(), ...bn.nonTrainableWeights()].map((w) => w.weightName)).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance']);
  });

  test('Dropout (the identity at inference), Flatten and Reshape', async () => {
    await roundTrip(model([
      new Reshape({ targetShape: [3, 2], inputShape: [6] }),
      new Dropout({ rate: 0.3, seed: 4 }),
      new Flatten(),
      new Dense({ units: 3 }),
      new Dropout({ rate: 0.5 }),
    ]), [6]);
    await roundTrip(model([new Flatten({ inputShape: [2, 3] }), new Dense({ units: 2 })]), [2, 3]);
  });

  test('a model built lazily from data is saved with its input shape', async () => {
    const m = model([new Dense({ units: 2 }), new Tanh()]);
    m.predict(inputs([3], 1));
    const loaded = await roundTrip(m, [3]);
    expect(loaded.inputShape).toEqual([null, 3]);
  });

  test('a float64 model is saved as float32 with a warning and loads back as float64', async () => {
    const m = new Sequential({ layers: [new Dense({ units: 2, inputShape: [2] })], dtype: 'float64' });
    m.setWeights([tensor([[0.1, 0.2], [0.3, 0.4]], undefined, 'float64'), tensor([1 / 3, 2 / 3], undefined, 'float64')]);
    const result = await m.save(dir);
    expect(result.warnings).toEqual([expect.stringMatching(/float64 model is saved with float32 weights/)]);
    const loaded = await loadModel(dir);
    expect(loaded.dtype).toBe('float64');
    // 1/3 rounds to the float32 0.3333333432674408 (Math.fround), which float64 then holds exactly.
    expect(Array.from(loaded.getWeights()[1].data)).toEqual([Math.fround(1 / 3), Math.fround(2 / 3)]);
  });

  test('a custom layer registered under its own name round-trips', async () => {
    interface ScaleConfig extends LayerConfig { factor: number }
    class Scale extends Layer {
      static override readonly className = 'Scale';
      static override readonly optionKeys: readonly string[] = ['factor'];
      readonly factor: number;
      constructor(options: Partial<ScaleConfig> = {}) {
        super(options);
        this.factor = options.factor ?? 1;
      }
      computeOutputShape(inputShape: Shape): Shape {
        return inputShape.slice();
      }
      override getConfig(): ScaleConfig {
        return { ...super.getConfig(), factor: this.factor };
      }
      protected call(x: Tensor): Tensor {
        const y = this.buffer('Y', x.shape);
        for (let i = 0; i < x.size; i++) y.data[i] = x.data[x.offset + i] * this.factor;
        return y;
      }
      protected backprop(dOut: Tensor): Tensor {
        return dOut;
      }
    }
    layers.register(Scale.className, (config) => new Scale(config as Partial<ScaleConfig>));
    const loaded = await roundTrip(model([new Dense({ units: 2, inputShape: [2] }), new Scale({ factor: 2.5 })]), [2]);
    expect(loaded.layers[1]).toBeInstanceOf(Scale);
  });

  test('convolutional networks, 2-D and 1-D', async () => {
    await roundTrip(model([
      new ZeroPadding2D({ padding: [[1, 0], [0, 1]], inputShape: [8, 8, 2] }), new Conv2D({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu' }),
      new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2, strides: 2 }), new SeparableConv2D({ filters: 3, kernelSize: 2, padding: 'same' }),
      new SpatialDropout2D({ rate: 0.2, seed: 1 }), new Conv2DTranspose({ filters: 2, kernelSize: 2, strides: 2 }), new UpSampling2D(),
      new Cropping2D({ cropping: [[1, 1], [2, 0]] }), new MaxPooling2D({ poolSize: 3, strides: 2, padding: 'same' }), new AveragePooling2D(),
      new GlobalMaxPooling2D(), new Dense({ units: 2 }),
    ]), [8, 8, 2]);
    await roundTrip(model([new Conv2D({ filters: 2, kernelSize: 1, inputShape: [3, 3, 2] }), new GlobalAveragePooling2D()]), [3, 3, 2]);
    await roundTrip(model([
      new Conv1D({ filters: 3, kernelSize: 3, dilationRate: 2, inputShape: [12, 2] }), new MaxPooling1D(), new AveragePooling1D({ padding: 'same' }),
      new GlobalMaxPooling1D(),
    ]), [12, 2]);
    await roundTrip(model([new Conv1D({ filters: 2, kernelSize: 2, inputShape: [5, 2] }), new GlobalAveragePooling1D()]), [5, 2]);
  });

  test('Masking (with its maskValue) before a Dense on each step', async () => {
    await roundTrip(model([new Masking({ maskValue: 0.5, inputShape: [4, 3] }), new Dense({ units: 2 })]), [4, 3]);
  });

  test('recurrent layers with their options, masked steps included', async () => {
    await roundTrip(model([
      new Masking({ maskValue: 0.5, inputShape: [6, 3] }),
      new LSTM({ units: 4, returnSequences: true, recurrentActivation: 'hard_sigmoid', unitForgetBias: false, dropout: 0.1, seed: 3 }),
      new GRU({ units: 3, returnSequences: true, goBackwards: true }),
      new GRU({ units: 3, resetAfter: false, returnSequences: true, kernelRegularizer: l2(0.01) }),
      new SimpleRNN({ units: 2, activation: 'relu', recurrentDropout: 0.2 }),
    ]), [6, 3]);
    const loaded = await roundTrip(model([
      new Bidirectional({ layer: new LSTM({ units: 3, returnSequences: true }), inputShape: [5, 2] }),
      new Bidirectional({ layer: new GRU({ units: 2, resetAfter: false }), mergeMode: 'ave' }),
    ]), [5, 2]);
    expect(loaded.layers[0].params().map((p) => p.weightName)).toEqual([
      'forward_lstm_1/kernel', 'forward_lstm_1/recurrent_kernel', 'forward_lstm_1/bias',
      'backward_lstm_1/kernel', 'backward_lstm_1/recurrent_kernel', 'backward_lstm_1/bias',
    ].map((n) => n.replace('lstm_1', (loaded.layers[0] as Bidirectional).forwardLayer.name.slice('forward_'.length))));
  });

  test('Embedding (maskZero, inputLength, regularizer, initializer) before TimeDistributed, Flatten and Dense', async () => {
    // Indices, not the usual uniform inputs: integers in [0, 7), zeros (padding) included.
    const indices = tensor([[0, 1, 2, 3], [6, 5, 4, 0], [1, 1, 2, 2], [3, 0, 0, 0], [6, 6, 6, 6]]);
    const loaded = await roundTrip(model([
      new Embedding({ inputDim: 7, outputDim: 3, maskZero: true, inputLength: 4, embeddingsRegularizer: l2(0.01) }),
      new TimeDistributed({ layer: new Dense({ units: 2, activation: 'tanh' }) }),
      new Flatten(),
      new Dense({ units: 2 }),
    ]), [4], indices);
    expect(loaded.layers[0].params().map((p) => p.weightName)).toEqual(['embeddings']);
    await roundTrip(model([
      new Embedding({ inputDim: 7, outputDim: 2, embeddingsInitializer: 'glorotUniform', inputShape: [2, 2] }),
      new Reshape({ targetShape: [2, 4] }),
      new TimeDistributed({ layer: new Dense({ units: 3 }) }),
    ]), [2, 2], reshape(indices, [5, 2, 2]));
  });

  test('TimeDistributed around Conv1D, BatchNormalization and Flatten on rank-4 input', async () => {
    const loaded = await roundTrip(model([
      new TimeDistributed({ layer: new Conv1D({ filters: 2, kernelSize: 2 }), inputShape: [3, 5, 2], name: 'per_frame' }),
      new TimeDistributed({ layer: new BatchNormalization({ momentum: 0.9 }) }),
      new TimeDistributed({ layer: new Flatten() }),
      new TimeDistributed({ layer: new Dense({ units: 2, kernelRegularizer: l2(0.001) }), trainable: false }),
    ]), [3, 5, 2]);
    expect(loaded.layers[1].nonTrainableWeights().map((w) => w.weightName)).toEqual(['moving_mean', 'moving_variance']);
    expect(loaded.layers[3].trainableParams()).toEqual([]);
  });

  test('every registered layer class has a round-trip case above (or in graph-interop.spec.ts, for graph layers)', () => {
    expect(layers.names().filter((name) => !covered.has(name) && !GRAPH_ROUND_TRIP_CLASSES.includes(name))).toEqual([]);
  });
});

test('saving a model that is not built throws a StateError', async () => {
  await expect(new Sequential([new Dense({ units: 2 })]).save(dir)).rejects.toThrow(/cannot save a model that is not built/);
});
