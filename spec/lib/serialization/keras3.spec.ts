/**
 * Keras 3 `.keras` files: `model.save('m.keras')` writes the zip of `metadata.json`,
 * `config.json` and `model.weights.h5` in the layout Keras 3 writes (checked against a file
 * Keras 3.9.2 wrote: spec/golden/keras3/flownet-ann.keras, see SOURCE.md there), and
 * `loadModel('m.keras')` reads them back: every single-input layer class layerwise has round
 * trips with the same predictions, and the Keras-written file loads and predicts what its
 * weights give by hand.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Adam, Sequential, layers, tensor, toArray, type Shape, type Tensor } from '../../../lib';
import { BatchNormalization, Conv2D, Dense, Dropout, Embedding, Flatten, GRU, LeakyReLU, LSTM, MaxPooling2D } from '../../../layers';
import { DataError } from '../../../lib/errors';
import { fromJSON, loadModel } from '../../../lib/serialization';
import { kerasSnakeCase, objectPaths } from '../../../lib/serialization/keras3';
import { Random } from '../../../lib/random';
import { layerSample } from '../../helpers/layer-samples';
import { makeTempDir, removeTempDir } from '../../helpers/tfjs-files';
import { h5Layout, h5Ready, unzipKeras, type H5 } from '../../helpers/keras3-files';

const FIXTURE = path.join(__dirname, '../../golden/keras3/flownet-ann.keras');

let dir: string;
beforeAll(h5Ready);
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

/** Values in [-1, 1) for `shape`, from a seeded generator. */
function randomInput(shape: Shape, seed: number, integersBelow?: number): Tensor {
  const rng = new Random(seed);
  const dims = shape.map((d) => d ?? 2) as number[];
  const t = tensor(new Float32Array(dims.reduce((a, b) => a * b, 1)), dims);
  for (let i = 0; i < t.size; i++) t.data[i] = integersBelow ? Math.floor(rng.uniformRange(0, integersBelow)) : rng.uniformRange(-1, 1);
  return t;
}

/** Sets every weight to seeded values in [0.5, 1.5) (positive, so that variances stay valid), with random signs on trainable ones. */
function randomizeWeights(model: Sequential, seed: number): void {
  const rng = new Random(seed);
  const trainable = new Set(model.layers.flatMap((l) => l.params().map((w) => w.value)));
  const all = model.layers.flatMap((l) => [...l.params(), ...l.nonTrainableWeights()].map((w) => w.value));
  model.setWeights(model.getWeights().map((w, i) => {
    const t = tensor(new Float32Array(w.size), w.shape.slice());
    for (let k = 0; k < t.size; k++) t.data[k] = rng.uniformRange(0.5, 1.5) * (trainable.has(all[i]) && rng.uniformRange(0, 1) < 0.5 ? -1 : 1);
    return t;
  }));
}

/** Saves to `.keras`, loads back, and checks configs, weights and predictions. */
async function roundTrip(model: Sequential, input: Tensor): Promise<Sequential> {
  const file = path.join(dir, `${model.name}.keras`);
  await model.save(file);
  const loaded = (await loadModel(file)) as Sequential;
  // The layers the TensorFlow.js format gives back (an Activation('tanh') comes back as Tanh either way).
  const reference = fromJSON(JSON.stringify(model));
  expect(loaded.layers.map((l) => l.className)).toEqual(reference.layers.map((l) => l.className));
  expect(loaded.layers.map((l) => l.getConfig())).toEqual(reference.layers.map((l) => l.getConfig()));
  const a = model.getWeights();
  const b = loaded.getWeights();
  expect(b.map((w) => w.shape)).toEqual(a.map((w) => w.shape));
  b.forEach((w, i) => expect(Array.from(w.data.subarray(w.offset, w.offset + w.size))).toEqual(Array.from(Float32Array.from(a[i].data.subarray(a[i].offset, a[i].offset + a[i].size)))));
  const expected = toArray(model.predict(input)) as number[];
  const got = toArray(loaded.predict(input)) as number[];
  expect(got).toEqual(expected);
  return loaded;
}

describe('the layout Keras 3 writes (fixture written by Keras 3.9.2)', () => {
  it('is a zip of metadata.json, config.json and model.weights.h5 with weights at layers/<name>/vars/<i>', () => {
    const { metadata, config, h5, names } = unzipKeras(FIXTURE);
    expect(names).toEqual(['config.json', 'metadata.json', 'model.weights.h5']);
    expect(metadata.keras_version).toBe('3.9.2');
    expect(config.class_name).toBe('Sequential');
    const layout = h5Layout(h5);
    expect(layout.get('layers/dense/vars/0')).toEqual({ kind: 'dataset', shape: [2, 128] });
    expect(layout.get('layers/dense/vars/1')).toEqual({ kind: 'dataset', shape: [128] });
    expect(layout.get('layers/dense_3/vars/0')).toEqual({ kind: 'dataset', shape: [32, 2] });
    // Layers without weights still get an empty vars group named after the layer.
    expect(layout.get('layers/dropout/vars')).toEqual({ kind: 'group', name: 'dropout' });
    expect(layout.get('vars')).toEqual({ kind: 'group', name: 'sequential' });
  });

  it('loads, with the weights of the file and the predictions they give by hand', async () => {
    const model = await loadModel(FIXTURE);
    expect(model.layers.map((l) => l.className)).toEqual(['Dense', 'Dropout', 'Dense', 'LeakyReLU', 'Dense', 'LeakyReLU', 'Dense']);
    // Compiled from its compile_config: Adam (learning rate 0.001 as float32) and mse.
    expect(model.optimizer?.className).toBe('Adam');
    expect(model.optimizer?.getConfig()).toMatchObject({ learningRate: 0.0010000000474974513, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false });
    expect(model.loss?.className).toBe('MeanSquaredError');
    const { h5 } = unzipKeras(FIXTURE);
    const w: Record<string, Float32Array> = {};
    h5Layout(h5, (file) => {
      for (const name of ['dense', 'dense_1', 'dense_2', 'dense_3']) {
        for (const i of [0, 1]) w[`${name}/${i}`] = (file.get(`layers/${name}/vars/${i}`) as H5.Dataset).value as Float32Array;
      }
    });
    const loaded = model.getWeights();
    expect(loaded.map((t) => t.shape)).toEqual([[2, 128], [128], [128, 64], [64], [64, 32], [32], [32, 2], [2]]);
    expect(Array.from(loaded[6].data.subarray(loaded[6].offset, loaded[6].offset + loaded[6].size))).toEqual(Array.from(w['dense_3/0']));
    // By hand: relu(x·W0 + b0) (dropout is the identity at inference), ·W1 + b1, leaky 0.2, ·W2 + b2, leaky 0.2, ·W3 + b3.
    const dense = (x: number[], name: string, units: number): number[] => {
      const kernel = w[`${name}/0`];
      const bias = w[`${name}/1`];
      return Array.from({ length: units }, (_, j) => x.reduce((s, v, i) => s + v * kernel[i * units + j], bias[j]));
    };
    const leaky = (x: number[]): number[] => x.map((v) => (v > 0 ? v : 0.2 * v));
    const byHand = (x: number[]): number[] => {
      const h0 = dense(x, 'dense', 128).map((v) => Math.max(0, v));
      const h1 = leaky(dense(h0, 'dense_1', 64));
      const h2 = leaky(dense(h1, 'dense_2', 32));
      return dense(h2, 'dense_3', 2);
    };
    const samples = [[0.5, -1.25], [2, 3]];
    const got = toArray(model.predict(tensor(Float32Array.from(samples.flat()), [2, 2]))) as number[][];
    samples.forEach((x, i) => byHand(x).forEach((v, j) => expect(got[i][j]).toBeCloseTo(v, 4)));
  });
});

describe('model.save(\'m.keras\')', () => {
  it('writes the Keras-written file\'s model in exactly its layout: every group, dataset shape and name', async () => {
    const model = new Sequential({
      name: 'sequential',
      layers: [
        new Dense({ units: 128, activation: 'relu', inputShape: [2], name: 'dense' }),
        new Dropout({ rate: 0.2, name: 'dropout' }),
        new Dense({ units: 64, name: 'dense_1' }),
        new LeakyReLU({ alpha: 0.2, name: 'leaky_re_lu' }),
        new Dense({ units: 32, name: 'dense_2' }),
        new LeakyReLU({ alpha: 0.2, name: 'leaky_re_lu_1' }),
        new Dense({ units: 2, name: 'dense_3' }),
      ],
    });
    model.build([null, 2]);
    const file = path.join(dir, 'mlp.keras');
    const result = await model.save(file);
    expect(result.modelJsonPath).toBe(file);
    const { metadata, config, h5, names } = unzipKeras(file);
    expect(names).toEqual(['config.json', 'metadata.json', 'model.weights.h5']);
    expect(Object.keys(metadata).sort()).toEqual(['date_saved', 'keras_version']);
    expect(metadata.date_saved).toMatch(/^\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d$/);
    const keras = unzipKeras(FIXTURE);
    // The same keys as Keras writes, at the top, in the model's config and in each layer's entry and config.
    expect(Object.keys(config).filter((k) => k !== 'compile_config').sort()).toEqual(Object.keys(keras.config).filter((k) => k !== 'compile_config').sort());
    expect(Object.keys(config.config).sort()).toEqual(Object.keys(keras.config.config).sort());
    expect(config.config.layers[0]).toEqual(keras.config.config.layers[0]);
    expect(config.config.layers.map((l: { class_name: string }) => l.class_name)).toEqual(keras.config.config.layers.map((l: { class_name: string }) => l.class_name));
    config.config.layers.forEach((ours: Record<string, any>, i: number) => {
      const theirs = keras.config.config.layers[i];
      expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
      expect(Object.keys(ours.config).sort()).toEqual(Object.keys(theirs.config).sort());
      expect(ours.build_config).toEqual(theirs.build_config);
      if (i > 0) {
        const { shared_object_id: _, ...policy } = theirs.config.dtype;
        expect(ours.config.dtype).toEqual(policy);
      }
    });
    expect(config.config.layers[1].config.bias_initializer).toEqual(keras.config.config.layers[1].config.bias_initializer);
    expect(config.config.layers[4].config.negative_slope).toBeCloseTo(0.2, 6);
    const kerasLayout = new Map([...h5Layout(keras.h5)].filter(([p]) => !p.startsWith('optimizer')));
    expect(h5Layout(h5)).toEqual(kerasLayout);
  });

  it('writes a CNN and a recurrent model with Keras 3\'s paths: trainable first, recurrent weights in the cell', async () => {
    const cnn = new Sequential({
      layers: [
        new Conv2D({ filters: 3, kernelSize: 3, inputShape: [6, 6, 2], name: 'conv2d' }),
        new BatchNormalization({ name: 'batch_normalization' }),
        new MaxPooling2D({ poolSize: 2, name: 'max_pooling2d' }),
        new Flatten({ name: 'flatten' }),
        new Dense({ units: 2, name: 'dense' }),
      ],
    });
    cnn.build([null, 6, 6, 2]);
    await cnn.save(path.join(dir, 'cnn.keras'));
    const cnnLayout = h5Layout(unzipKeras(path.join(dir, 'cnn.keras')).h5);
    expect(cnnLayout.get('layers/conv2d/vars/0')).toEqual({ kind: 'dataset', shape: [3, 3, 2, 3] });
    expect(cnnLayout.get('layers/conv2d/vars/1')).toEqual({ kind: 'dataset', shape: [3] });
    // gamma, beta (trainable), then moving_mean, moving_variance.
    for (const i of [0, 1, 2, 3]) expect(cnnLayout.get(`layers/batch_normalization/vars/${i}`)).toEqual({ kind: 'dataset', shape: [3] });
    expect(cnnLayout.get('layers/max_pooling2d/vars')).toEqual({ kind: 'group', name: 'max_pooling2d' });
    expect(cnnLayout.get('layers/dense/vars/0')).toEqual({ kind: 'dataset', shape: [12, 2] });

    const rnn = new Sequential({
      layers: [
        new Embedding({ inputDim: 10, outputDim: 4, inputShape: [5], name: 'embedding' }),
        new LSTM({ units: 3, returnSequences: true, name: 'lstm' }),
        new GRU({ units: 2, name: 'gru' }),
      ],
    });
    rnn.build([null, 5]);
    await rnn.save(path.join(dir, 'rnn.keras'));
    const { config, h5 } = unzipKeras(path.join(dir, 'rnn.keras'));
    const layout = h5Layout(h5);
    expect(layout.get('layers/embedding/vars/0')).toEqual({ kind: 'dataset', shape: [10, 4] });
    expect(layout.get('layers/lstm/cell/vars/0')).toEqual({ kind: 'dataset', shape: [4, 12] });
    expect(layout.get('layers/lstm/cell/vars/1')).toEqual({ kind: 'dataset', shape: [3, 12] });
    expect(layout.get('layers/lstm/cell/vars/2')).toEqual({ kind: 'dataset', shape: [12] });
    expect(layout.get('layers/lstm/vars')).toEqual({ kind: 'group', name: 'lstm' });
    expect(layout.get('layers/gru/cell/vars/2')).toEqual({ kind: 'dataset', shape: [2, 6] });
    expect(config.config.layers.map((l: { class_name: string }) => l.class_name)).toEqual(['InputLayer', 'Embedding', 'LSTM', 'GRU']);
    expect(config.config.layers[0].config.batch_shape).toEqual([null, 5]);
    expect(config.config.layers[2].build_config).toEqual({ input_shape: [null, 5, 4] });
    expect(config.config.layers[2].config.kernel_initializer.module).toBe('keras.initializers');
  });

  it('names the groups as Keras 3 does: by class name with _1, _2 for repeats, whatever the layers are called', async () => {
    const model = new Sequential({
      layers: [
        new Dense({ units: 3, inputShape: [2], name: 'first' }),
        layers.create('RepeatVector', { n: 4 }),
        new LSTM({ units: 2, name: 'not_an_lstm_name' }),
        new Dense({ units: 1, name: 'second' }),
      ],
    });
    model.build([null, 2]);
    const file = path.join(dir, 'named.keras');
    await model.save(file);
    const layout = h5Layout(unzipKeras(file).h5);
    expect(layout.get('layers/dense/vars')).toEqual({ kind: 'group', name: 'first' });
    expect(layout.get('layers/dense/vars/0')).toEqual({ kind: 'dataset', shape: [2, 3] });
    expect(layout.get('layers/dense_1/vars')).toEqual({ kind: 'group', name: 'second' });
    expect(layout.get('layers/dense_1/vars/0')).toEqual({ kind: 'dataset', shape: [2, 1] });
    expect(layout.get('layers/repeat_vector/vars')?.kind).toBe('group');
    expect(layout.get('layers/lstm/vars')).toEqual({ kind: 'group', name: 'not_an_lstm_name' });
    // Keras 3.10 writes the cell's group with the cell's name, lstm_cell.
    expect(layout.get('layers/lstm/cell/vars')).toEqual({ kind: 'group', name: 'lstm_cell' });
    expect(layout.get('layers/lstm/cell/vars/0')).toEqual({ kind: 'dataset', shape: [3, 8] });
    const loaded = await loadModel(file);
    const input = randomInput([2, 2], 9);
    expect(toArray(loaded.predict(input))).toEqual(toArray(model.predict(input)));
  });

  it('snake-cases class names as Keras\'s naming.to_snake_case does', () => {
    expect(['LeakyReLU', 'Conv2D', 'SimpleRNN', 'MaxPooling2D', 'BatchNormalization', 'PReLU', 'Conv2DTranspose', 'GRU', 'GlobalAveragePooling1D'].map(kerasSnakeCase))
      .toEqual(['leaky_re_lu', 'conv2d', 'simple_rnn', 'max_pooling2d', 'batch_normalization', 'p_re_lu', 'conv2d_transpose', 'gru', 'global_average_pooling1d']);
    expect(objectPaths(['Dense', 'Dropout', 'Dense', 'LeakyReLU', 'Dense', 'LeakyReLU'])).toEqual([
      'layers/dense', 'layers/dropout', 'layers/dense_1', 'layers/leaky_re_lu', 'layers/dense_2', 'layers/leaky_re_lu_1',
    ]);
  });

  it('writes the compile settings as Keras 3\'s compile_config, and loadModel compiles from them', async () => {
    const model = new Sequential({ layers: [new Dense({ units: 2, inputShape: [3] })] });
    model.compile({ optimizer: new Adam({ learningRate: 0.01, beta1: 0.8 }), loss: 'meanSquaredError', metrics: ['mae'] });
    model.build([null, 3]);
    const file = path.join(dir, 'compiled.keras');
    await model.save(file);
    const { config } = unzipKeras(file);
    const keras = unzipKeras(FIXTURE).config.compile_config;
    expect(Object.keys(config.compile_config).sort()).toEqual(Object.keys(keras).sort());
    expect(Object.keys(config.compile_config.optimizer.config).sort()).toEqual(Object.keys(keras.optimizer.config).sort());
    expect(config.compile_config.optimizer).toMatchObject({ module: 'keras.optimizers', class_name: 'Adam', config: { learning_rate: 0.01, beta_1: 0.8, beta_2: 0.999, name: 'adam' } });
    expect(config.compile_config.metrics).toEqual(['mae']);
    const loaded = await loadModel(file);
    expect(loaded.optimizer?.getConfig()).toEqual(model.optimizer?.getConfig());
    expect(loaded.loss?.className).toBe(model.loss?.className);
    const uncompiled = await loadModel(file, { compile: false });
    expect(uncompiled.optimizer).toBeNull();
  });

  it('writes weightedMetrics as Keras 3\'s weighted_metrics, and the loaded model weights them again', async () => {
    const model = new Sequential({ layers: [new Dense({ units: 2, activation: 'softmax', inputShape: [3] })] });
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy', weightedMetrics: ['accuracy'] });
    model.build([null, 3]);
    const file = path.join(dir, 'weighted.keras');
    await model.save(file);
    expect(unzipKeras(file).config.compile_config.weighted_metrics).toEqual(['accuracy']);
    const loaded = await loadModel(file);
    // Two samples, the first right and the second wrong: with weights 3 and 1 the weighted accuracy is 3/4.
    const x = tensor([[1, 0, 0], [0, 1, 0]]);
    const predicted = loaded.predict(x) as Tensor;
    const right = (row: number) => (predicted.get(row, 0) > predicted.get(row, 1) ? [1, 0] : [0, 1]);
    const y = tensor([right(0), right(1).reverse()]);
    const result = loaded.evaluate(x, y, { sampleWeight: tensor([3, 1]), returnDict: true }) as Record<string, number>;
    expect(result.accuracy).toBeCloseTo(0.75, 6);
  });

  it('refuses options it cannot write', async () => {
    const model = new Sequential({ layers: [new Dense({ units: 1, inputShape: [2] })] });
    model.build([null, 2]);
    await expect(model.save(path.join(dir, 'm.keras'), { includeOptimizer: true })).rejects.toThrow('save: includeOptimizer is not supported for .keras files');
  });
});

describe('round trips through .keras', () => {
  it('a CNN, an MLP with BatchNormalization and a recurrent model predict the same after loading', async () => {
    const cnn = new Sequential({
      layers: [
        new Conv2D({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [6, 6, 2] }),
        new BatchNormalization({}),
        new MaxPooling2D({ poolSize: 2 }),
        new Dropout({ rate: 0.3 }),
        new Flatten({}),
        new Dense({ units: 2, activation: 'softmax' }),
      ],
    });
    cnn.build([null, 6, 6, 2]);
    randomizeWeights(cnn, 1);
    await roundTrip(cnn, randomInput([3, 6, 6, 2], 2));
    const rnn = new Sequential({
      layers: [
        new Embedding({ inputDim: 10, outputDim: 4, inputShape: [5] }),
        new LSTM({ units: 3, returnSequences: true }),
        new GRU({ units: 2 }),
        new Dense({ units: 1 }),
      ],
    });
    rnn.build([null, 5]);
    randomizeWeights(rnn, 3);
    await roundTrip(rnn, randomInput([3, 5], 4, 10));
  });

  // Every single-input layer class, alone after the input (merge layers take two inputs: functional models only).
  const TWO_INPUTS = new Set(['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate', 'Dot', 'InputLayer']);
  const names = layers.names().filter((n) => !TWO_INPUTS.has(n));
  it.each(names)('%s', async (name) => {
    const { options, inputShapes } = layerSample(name);
    const inputShape = inputShapes[0].slice(1) as number[];
    const layer = layers.create(name, { ...options, inputShape });
    const model = new Sequential({ layers: [layer] });
    model.build([null, ...inputShape]);
    if (model.getWeights().length > 0) randomizeWeights(model, 5);
    const input = randomInput([3, ...inputShape], 6, name === 'Embedding' ? (options.inputDim as number) : undefined);
    await roundTrip(model, input);
  });
});

describe('loadModel(\'m.keras\') errors', () => {
  it('names the file for what is not a .keras zip, a missing entry, an unknown layer and a weight of another shape', async () => {
    const { zipSync } = await import('fflate');
    const bad = path.join(dir, 'bad.keras');
    fs.writeFileSync(bad, 'not a zip');
    await expect(loadModel(bad)).rejects.toThrow(DataError);
    await expect(loadModel(bad)).rejects.toThrow(`${bad}: not a .keras file (a zip archive)`);

    const { config, h5 } = unzipKeras(FIXTURE);
    const text = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
    fs.writeFileSync(bad, zipSync({ 'config.json': text(config) }));
    await expect(loadModel(bad)).rejects.toThrow(`${bad}: the .keras archive has no model.weights.h5`);

    const unknown = JSON.parse(JSON.stringify(config));
    unknown.config.layers[2].class_name = 'NotALayer';
    fs.writeFileSync(bad, zipSync({ 'config.json': text(unknown), 'model.weights.h5': h5 }));
    await expect(loadModel(bad)).rejects.toThrow(DataError);
    await expect(loadModel(bad)).rejects.toThrow(`${bad}: layer 2 ('dropout'): unknown layer 'NotALayer'. Valid layer names: 'Activation', 'Add'`);

    const wider = JSON.parse(JSON.stringify(config));
    wider.config.layers[1].config.units = 100;
    fs.writeFileSync(bad, zipSync({ 'config.json': text(wider), 'model.weights.h5': h5 }));
    await expect(loadModel(bad)).rejects.toThrow(`${bad}: model.weights.h5: layers/dense/vars/0 (dense's kernel) has shape [2,128], expected [2,100]`);

    const subclassed = { ...config, class_name: 'MyModel' };
    fs.writeFileSync(bad, zipSync({ 'config.json': text(subclassed), 'model.weights.h5': h5 }));
    await expect(loadModel(bad)).rejects.toThrow(`${bad}: only Sequential and functional models can be loaded from .keras files; config.json's class_name is 'MyModel'`);
    // A Sequential's config under the Functional class name: its layers have no inbound_nodes nor the model input_layers.
    const functional = { ...config, class_name: 'Functional' };
    fs.writeFileSync(bad, zipSync({ 'config.json': text(functional), 'model.weights.h5': h5 }));
    await expect(loadModel(bad)).rejects.toThrow(`${bad}: input_layers must be a list of [layer, node, tensor]`);
  });
});
