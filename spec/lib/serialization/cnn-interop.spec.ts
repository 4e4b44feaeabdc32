/**
 * Convolutional networks in the TensorFlow.js layers format, both ways, with TensorFlow.js 4.22
 * (cpu backend): a CNN saved by layerwise loads in TensorFlow.js and predicts the same numbers,
 * and a CNN saved by TensorFlow.js loads in layerwise and predicts what TensorFlow.js predicts;
 * the Keras config keys (filters, kernel_size, strides, padding, data_format, dilation_rate,
 * pool_size) are what both write; summary() counts parameters as Keras does.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import {
  AveragePooling2D, BatchNormalization, Conv1D, Conv2D, Conv2DTranspose, Cropping2D, DepthwiseConv2D, Dense, Dropout, Flatten,
  GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalMaxPooling2D, MaxPooling1D, MaxPooling2D, SeparableConv2D, Sequential,
  UpSampling2D, ZeroPadding2D, setSeed, tensor, type Tensor,
} from '../../../lib';
import { Random } from '../../../lib/random';
import { loadModel } from '../../../lib/serialization';
import { expectClose } from '../../helpers/expect-close';
import { makeTempDir, removeTempDir, tfjsLoad, tfjsSave, useCpuBackend } from '../../helpers/tfjs-files';

let dir: string;
beforeAll(async () => {
  await useCpuBackend();
  setSeed(5);
});
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

const RELATIVE = { rtol: 1e-5, atol: 1e-6 };

/** Seeded inputs in [-1, 1) for `n` samples of `sampleShape`. */
function sampleInputs(sampleShape: number[], n = 3, seed = 9): number[] {
  const rng = new Random(seed);
  return Array.from({ length: sampleShape.reduce((a, b) => a * b, n) }, () => rng.uniformRange(-1, 1));
}

/** Seeded weights in ±[0.2, 0.6) (positive moving variances), so outputs stay in a readable range. */
function seededWeights(shapes: number[][], names: string[]): number[][] {
  const rng = new Random(21);
  return shapes.map((shape, i) => Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniformRange(0.2, 0.6) * (names[i].includes('variance') || rng.uniform() < 0.5 ? 1 : -1)));
}

describe('layerwise → TensorFlow.js', () => {
  const cases: [string, () => Sequential, number[]][] = [
    ['the Keras MNIST convnet', () => new Sequential([
      new Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', inputShape: [10, 10, 1] }), new MaxPooling2D({ poolSize: 2 }),
      new Conv2D({ filters: 6, kernelSize: 3, activation: 'relu' }), new MaxPooling2D({ poolSize: 2 }),
      new Flatten(), new Dropout({ rate: 0.5 }), new Dense({ units: 3, activation: 'softmax' }),
    ]), [10, 10, 1]],
    ['strides, same padding, dilation, depthwise, separable, transposed, padding, cropping, upsampling', () => new Sequential([
      new ZeroPadding2D({ padding: [[1, 0], [2, 1]], inputShape: [7, 6, 2] }),
      new Conv2D({ filters: 3, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'tanh' }),
      new Conv2D({ filters: 3, kernelSize: 2, dilationRate: 2, padding: 'same', useBias: false }),
      new DepthwiseConv2D({ kernelSize: 3, padding: 'same', depthMultiplier: 2 }),
      new BatchNormalization(),
      new SeparableConv2D({ filters: 4, kernelSize: 3, padding: 'same' }),
      new UpSampling2D({ size: [2, 1] }),
      new Cropping2D({ cropping: [[1, 1], [0, 1]] }),
      new Conv2DTranspose({ filters: 2, kernelSize: 3, strides: 2, padding: 'same' }),
      new AveragePooling2D({ poolSize: 3, strides: 2, padding: 'same' }),
      new GlobalMaxPooling2D(), new Dense({ units: 2 }),
    ]), [7, 6, 2]],
    ['a 1-D convnet', () => new Sequential([
      new Conv1D({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [12, 2] }),
      new MaxPooling1D({ poolSize: 2 }), new Conv1D({ filters: 3, kernelSize: 2, strides: 2 }), new GlobalAveragePooling1D(), new Dense({ units: 2 }),
    ]), [12, 2]],
  ];

  test.each(cases)('%s: TensorFlow.js loads the files and predicts the same', async (_, make, sampleShape) => {
    const model = make();
    model.build([null, ...sampleShape]);
    const weights = model.getWeights();
    const names = model.layers.flatMap((l) => [...l.params().map((p) => p.weightName), ...l.nonTrainableWeights().map((w) => w.weightName)]);
    model.setWeights(seededWeights(weights.map((w) => w.shape.slice()), names).map((v, i) => tensor(v, weights[i].shape.slice())));
    const result = await model.save(`file://${dir}`);
    expect(result.warnings).toEqual([]);
    const reference = await tfjsLoad(dir);
    const flat = sampleInputs(sampleShape);
    const expected = (reference.predict(tf.tensor(flat, [3, ...sampleShape])) as tf.Tensor).arraySync() as number[][];
    expectClose(model.predict(tensor(flat, [3, ...sampleShape])), expected, RELATIVE);
  });

  test('the saved config uses the Keras keys', async () => {
    const model = new Sequential([new Conv2D({ filters: 2, kernelSize: 3, inputShape: [5, 5, 1] }), new MaxPooling2D()]);
    await model.save(dir);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    const [conv, pool] = json.modelTopology.config.layers;
    expect(conv.config).toMatchObject({ filters: 2, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], use_bias: true });
    expect(pool.config).toMatchObject({ pool_size: [2, 2], strides: [2, 2], padding: 'valid', data_format: 'channels_last' });
  });
});

describe('TensorFlow.js → layerwise', () => {
  test('a CNN saved by TensorFlow.js loads and predicts what TensorFlow.js predicts', async () => {
    const reference = tf.sequential({
      layers: [
        tf.layers.conv2d({ filters: 4, kernelSize: 3, activation: 'relu', padding: 'same', inputShape: [8, 8, 2] }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, padding: 'same' }),
        tf.layers.separableConv2d({ filters: 3, kernelSize: 2, padding: 'same' }),
        tf.layers.conv2dTranspose({ filters: 2, kernelSize: 2, strides: 2 }),
        tf.layers.zeroPadding2d({ padding: 1 }),
        tf.layers.cropping2D({ cropping: [[1, 0], [0, 1]] }),
        tf.layers.upSampling2d({ size: [2, 2] }),
        tf.layers.averagePooling2d({ poolSize: 2, strides: 2 }),
        tf.layers.globalAveragePooling2d({}),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    reference.setWeights(seededWeights(reference.getWeights().map((w) => w.shape), reference.weights.map((w) => w.originalName)).map((v, i) => tf.tensor(v, reference.getWeights()[i].shape)));
    await tfjsSave(reference, dir);
    const model = await loadModel(dir);
    expect(model.layers.map((l) => l.className)).toEqual([
      'Conv2D', 'MaxPooling2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Conv2DTranspose', 'ZeroPadding2D', 'Cropping2D', 'UpSampling2D',
      'AveragePooling2D', 'GlobalAveragePooling2D', 'Dense',
    ]);
    const flat = sampleInputs([8, 8, 2]);
    const expected = (reference.predict(tf.tensor(flat, [3, 8, 8, 2])) as tf.Tensor).arraySync() as number[][];
    expectClose(model.predict(tensor(flat, [3, 8, 8, 2])) as Tensor, expected, RELATIVE);
  });
});

describe('summary() as Keras prints it', () => {
  test('the MNIST convnet: output shapes and 34,826 parameters', () => {
    const model = new Sequential([
      new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1], name: 'conv2d' }), new MaxPooling2D({ poolSize: 2, name: 'max_pooling2d' }),
      new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu', name: 'conv2d_1' }), new MaxPooling2D({ poolSize: 2, name: 'max_pooling2d_1' }),
      new Flatten({ name: 'flatten' }), new Dropout({ rate: 0.5, name: 'dropout' }), new Dense({ units: 10, activation: 'softmax', name: 'dense' }),
    ]);
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      model.summary();
    } finally {
      log.mockRestore();
    }
    const text = lines.join('\n');
    // Keras's model.summary() for the same model (keras.io, "Simple MNIST convnet").
    for (const [layer, shape, count] of [
      ['conv2d (Conv2D)', '[?, 26, 26, 32]', '320'], ['max_pooling2d (MaxPooling2D)', '[?, 13, 13, 32]', '0'],
      ['conv2d_1 (Conv2D)', '[?, 11, 11, 64]', '18,496'], ['max_pooling2d_1 (MaxPooling2D)', '[?, 5, 5, 64]', '0'],
      ['flatten (Flatten)', '[?, 1600]', '0'], ['dropout (Dropout)', '[?, 1600]', '0'], ['dense (Dense)', '[?, 10]', '16,010'],
    ]) {
      expect(text).toMatch(new RegExp(`${layer.replace(/[()]/g, '\\$&')}\\s+${shape.replace(/[[\]?]/g, '\\$&')}\\s+${count}\\b`));
    }
    expect(text).toMatch(/Total params: 34,826/);
  });

  test('Keras counts for the depthwise, separable and transposed convolutions', () => {
    const model = new Sequential([
      new DepthwiseConv2D({ kernelSize: 3, depthMultiplier: 2, inputShape: [8, 8, 3] }), // 3·3·3·2 + 6 = 60
      new SeparableConv2D({ filters: 8, kernelSize: 3 }), // 3·3·6 + 6·8 + 8 = 110
      new Conv2DTranspose({ filters: 4, kernelSize: 3 }), // 3·3·4·8 + 4 = 292
      new GlobalAveragePooling2D(),
    ]);
    model.build([null, 8, 8, 3]);
    expect(model.layers.map((l) => l.countParams())).toEqual([60, 110, 292, 0]);
  });
});
