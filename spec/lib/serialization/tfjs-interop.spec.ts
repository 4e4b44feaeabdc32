/**
 * Interoperability with TensorFlow.js 4.22 (pure JS, cpu backend): a model saved by layerwise
 * loads in TensorFlow.js (`tf.loadLayersModel` through an IOHandler that reads the files as
 * tfjs-node's `file://` handler does) and predicts the same numbers, and a model saved by
 * TensorFlow.js (`model.save`, files written as tfjs-node writes them) loads in layerwise and
 * predicts what TensorFlow.js predicts; both to 1e-6 relative (float32 arithmetic in both).
 */
import type { Model } from '../../../lib/model';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import {
  Adam, BatchNormalization, Dense, Dropout, ELU, Flatten, GELU, LayerNormalization, LeakyReLU, Linear, PReLU, ReLU, Reshape,
  SELU, Sequential, Sigmoid, Softmax, Softplus, Softsign, Swish, Tanh, setSeed, tensor, type Tensor,
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

/** Seeded inputs in [-2, 2): `[n, ...sampleShape]`, as nested arrays for both libraries. */
function sampleInputs(sampleShape: number[], n = 6, seed = 9): number[] {
  const rng = new Random(seed);
  const size = sampleShape.reduce((a, b) => a * b, n);
  return Array.from({ length: size }, () => rng.uniformRange(-2, 2));
}

/** Sets every weight of a layerwise model to seeded values in [0.5, 1.5) × a random sign (moving variances stay positive). */
function randomize(model: Sequential): void {
  const rng = new Random(21);
  model.setWeights(model.getWeights().map((w) => {
    const t = tensor(new Float32Array(w.size), w.shape.slice());
    for (let i = 0; i < t.size; i++) t.data[i] = rng.uniformRange(0.5, 1.5) * (rng.uniform() < 0.5 ? -1 : 1);
    return t;
  }));
}

const RELATIVE = { rtol: 1e-6, atol: 1e-7 };

// TensorFlow.js 4.22's ELU layer accepts only alpha = 1, so the ELU cases below use the default.
describe('layerwise → TensorFlow.js', () => {
  const cases: [string, () => Sequential, number[]][] = [
    ['Dense with each activation TensorFlow.js shares', () => new Sequential([
      new Dense({ units: 5, activation: 'relu', inputShape: [4] }), new Dense({ units: 5, activation: 'sigmoid' }),
      new Dense({ units: 5, activation: 'tanh' }), new Dense({ units: 5, activation: 'elu' }), new Dense({ units: 5, activation: 'selu' }),
      new Dense({ units: 5, activation: 'softplus' }), new Dense({ units: 5, activation: 'softsign' }), new Dense({ units: 5, activation: 'swish' }),
      new Dense({ units: 5, activation: 'gelu' }),
      new Dense({ units: 5, activation: 'linear', useBias: false }), new Dense({ units: 3, activation: 'softmax' }),
    ]), [4]],
    ['standalone activation layers', () => new Sequential([
      new Dense({ units: 6, inputShape: [3] }), new LeakyReLU({ alpha: 0.2 }), new Dense({ units: 6 }), new ReLU(), new Dense({ units: 6 }),
      new ELU(), new Dense({ units: 6 }), new PReLU({ alphaInitializer: 'ones' }), new SELU(), new Softplus(), new Softsign(),
      new Swish(), new GELU(), new Tanh(), new Linear(), new Sigmoid(), new Dense({ units: 3 }), new Softmax(),
    ]), [3]],
    ['normalization, dropout and shape layers', () => new Sequential([
      new Reshape({ targetShape: [2, 3], inputShape: [6] }), new Flatten(), new Dense({ units: 4 }),
      new BatchNormalization({ momentum: 0.9, epsilon: 0.01 }), new Dropout({ rate: 0.5 }), new LayerNormalization({ epsilon: 1e-3 }), new Dense({ units: 2 }),
    ]), [6]],
  ];

  test.each(cases)('%s: TensorFlow.js loads the files and predicts the same', async (_, make, sampleShape) => {
    const model = make();
    randomize(model);
    const result = await model.save(`file://${dir}`);
    expect(result.warnings).toEqual([]);
    const reference = await tfjsLoad(dir);
    const flat = sampleInputs(sampleShape);
    const n = flat.length / sampleShape.reduce((a, b) => a * b, 1);
    const expected = (reference.predict(tf.tensor(flat, [n, ...sampleShape])) as tf.Tensor).arraySync() as number[][];
    expectClose(model.predict(tensor(flat, [n, ...sampleShape])), expected, RELATIVE);
  });

  test('a model saved with its optimizer state loads in TensorFlow.js, compiled', async () => {
    const model = new Sequential([new Dense({ units: 3, activation: 'relu', inputShape: [2] }), new Dense({ units: 1 })]);
    model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse' });
    await model.fit([[0, 1], [1, 0], [1, 1]], [[1], [1], [0]], { epochs: 2, verbose: 0, seed: 1 });
    expect((await model.save(dir, { includeOptimizer: true })).warnings).toEqual([]);
    const reference = await tfjsLoad(dir);
    expect(reference.optimizer.getClassName()).toBe('Adam');
    // TensorFlow.js's Adam weights are [iter, m…, v…], the order layerwise writes.
    const weights = await reference.optimizer.getWeights();
    const [l1, l2] = model.layers.map((l) => l.name);
    expect(weights.map((w) => w.name)).toEqual(['iter', `${l1}/kernel/m`, `${l1}/bias/m`, `${l2}/kernel/m`, `${l2}/bias/m`,
      `${l1}/kernel/v`, `${l1}/bias/v`, `${l2}/kernel/v`, `${l2}/bias/v`]);
    expect(weights[0].tensor.dataSync()[0]).toBe(model.optimizer?.iterations);
    const m = (model.optimizer as Adam).stateTensors(model.layers[0].params()[0]).m;
    expect(Array.from(weights[1].tensor.dataSync())).toEqual(Array.from(m.data));
  });
});

describe('TensorFlow.js → layerwise', () => {
  /** Builds a tfjs model, gives it seeded weights, saves it as tfjs-node would, and compares predictions after loadModel. */
  async function check(build: () => tf.Sequential, sampleShape: number[]): Promise<Model> {
    const reference = build();
    const rng = new Random(33);
    const names = reference.weights.map((v) => v.originalName);
    reference.setWeights(reference.getWeights().map((w, i) => tf.tensor(
      Array.from({ length: w.size }, () => rng.uniformRange(0.5, 1.5) * (names[i].includes('moving_variance') || rng.uniform() < 0.5 ? 1 : -1)), w.shape)));
    await tfjsSave(reference, dir);
    const model = await loadModel(dir);
    const flat = sampleInputs(sampleShape);
    const n = flat.length / sampleShape.reduce((a, b) => a * b, 1);
    const expected = (reference.predict(tf.tensor(flat, [n, ...sampleShape])) as tf.Tensor).arraySync() as number[][];
    expectClose(model.predict(tensor(flat, [n, ...sampleShape])) as Tensor, expected, RELATIVE);
    return model;
  }

  test('Dense with activations, activation layers and Softmax', async () => {
    const model = await check(() => tf.sequential({
      layers: [
        tf.layers.dense({ units: 5, inputShape: [4], activation: 'relu', name: 'hidden' }),
        tf.layers.dense({ units: 5, activation: 'tanh', kernelInitializer: 'heNormal' }),
        tf.layers.dense({ units: 5, activation: 'sigmoid', useBias: false }),
        tf.layers.dense({ units: 5, activation: 'elu' }),
        tf.layers.leakyReLU({ alpha: 0.1 }),
        tf.layers.reLU(),
        tf.layers.activation({ activation: 'selu' }),
        tf.layers.activation({ activation: 'softplus' }),
        tf.layers.activation({ activation: 'tanh' }),
        tf.layers.dense({ units: 3, activation: 'linear', kernelInitializer: tf.initializers.randomNormal({ stddev: 0.1, seed: 3 }) }),
        tf.layers.softmax(),
      ],
    }), [4]);
    expect(model.layers.map((l) => l.className)).toEqual(['Dense', 'Dense', 'Dense', 'Dense', 'LeakyReLU', 'ReLU', 'SELU', 'Softplus', 'Tanh', 'Dense', 'Softmax']);
    expect(model.layers[0].name).toBe('hidden');
    expect(model.layers[1].getConfig()).toMatchObject({ kernelInitializer: 'heNormal', activation: 'tanh' });
  });

  test('BatchNormalization, LayerNormalization, Dropout, Flatten, Reshape, PReLU and ELU', async () => {
    await check(() => tf.sequential({
      layers: [
        tf.layers.reshape({ targetShape: [2, 3], inputShape: [6] }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 4 }),
        tf.layers.batchNormalization({ momentum: 0.9, epsilon: 0.01 }),
        tf.layers.dropout({ rate: 0.3 }),
        tf.layers.prelu(),
        tf.layers.layerNormalization({ epsilon: 1e-3 }),
        tf.layers.elu(),
        tf.layers.dense({ units: 2 }),
      ],
    }), [6]);
  });

  test('a model saved with its Adam state loads compiled, with the same iterations and moments', async () => {
    const reference = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], name: 'd' })] });
    reference.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
    await reference.fit(tf.tensor([[1, 2, 3], [0, 1, 0]]), tf.tensor([[1, 0], [0, 1]]), { epochs: 3, verbose: 0 });
    await tfjsSave(reference, dir, { includeOptimizer: true });
    const model = await loadModel(dir);
    const optimizer = model.optimizer as Adam;
    expect(optimizer).toBeInstanceOf(Adam);
    expect(optimizer.currentLearningRate()).toBeCloseTo(0.05, 7);
    expect(model.loss?.className).toBe('MeanSquaredError');
    expect(optimizer.iterations).toBe(3);
    const saved = await reference.optimizer.getWeights();
    const m = saved.find((w) => w.name.endsWith('d/kernel/m')) as (typeof saved)[number];
    expect(Array.from(optimizer.stateTensors(model.layers[0].params()[0]).m.data)).toEqual(Array.from(m.tensor.dataSync()));
  });

  test('a Keras 3 style topology: InputLayer with batch_shape, registered initializer objects, dtype policies', async () => {
    const json = {
      format: 'layers-model',
      modelTopology: {
        class_name: 'Sequential',
        config: {
          name: 'keras3',
          layers: [
            { class_name: 'InputLayer', config: { batch_shape: [null, 2], dtype: 'float32', sparse: false, name: 'input_layer' } },
            {
              class_name: 'Dense',
              config: {
                name: 'dense', trainable: true, dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' } }, units: 2,
                activation: 'leaky_relu', use_bias: true,
                kernel_initializer: { module: 'keras.initializers', class_name: 'GlorotUniform', config: { seed: null }, registered_name: null },
                bias_initializer: { module: 'keras.initializers', class_name: 'Zeros', config: {}, registered_name: null },
                kernel_regularizer: null, bias_regularizer: null, kernel_constraint: null, bias_constraint: null, lora_rank: null,
              },
            },
          ],
        },
      },
      weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'dense/kernel', shape: [2, 2], dtype: 'float32' }, { name: 'dense/bias', shape: [2], dtype: 'float32' }] }],
    };
    fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
    fs.writeFileSync(path.join(dir, 'w.bin'), Buffer.from(new Float32Array([1, 2, 3, 4, -10, 0.5]).buffer));
    const model = await loadModel(path.join(dir, 'model.json'));
    expect(model.inputShape).toEqual([null, 2]);
    expect(model.layers[0].getConfig()).toMatchObject({ kernelInitializer: 'glorotUniform', activation: 'leakyRelu', batchInputShape: [null, 2] });
    // [1, 1]·[[1, 2], [3, 4]] + [-10, 0.5] = [-6, 6.5]; leaky ReLU (α = 0.3) gives [-1.8, 6.5].
    expectClose(model.predict([[1, 1]]), [[-1.8, 6.5]]);
  });
});
