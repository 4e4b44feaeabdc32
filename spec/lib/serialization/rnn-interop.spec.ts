/**
 * Recurrent networks in the TensorFlow.js layers format, both ways, with TensorFlow.js 4.22
 * (cpu backend): a model saved by layerwise loads in TensorFlow.js and predicts the same
 * numbers, and one saved by TensorFlow.js loads in layerwise and predicts what TensorFlow.js
 * predicts; masks from Masking included. GRU is in its reset-before form, the only one
 * TensorFlow.js has (tensorflow/tfjs#5728).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { Bidirectional, Dense, GRU, LSTM, Masking, Sequential, SimpleRNN, setSeed, tensor, type Tensor } from '../../../lib';
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

/** Seeded inputs in [-1, 1) for 3 samples of [steps, features], with the last steps of samples 1 and 2 zero (padding). */
function paddedInputs(steps: number, features: number): number[] {
  const rng = new Random(9);
  const x = Array.from({ length: 3 * steps * features }, () => rng.uniformRange(-1, 1));
  for (const [b, from] of [[1, steps - 2], [2, 1]]) for (let t = from; t < steps; t++) for (let f = 0; f < features; f++) x[(b * steps + t) * features + f] = 0;
  return x;
}

test('layerwise → TensorFlow.js: a masked LSTM → GRU → SimpleRNN model predicts the same', async () => {
  const model = new Sequential([
    new Masking({ inputShape: [6, 3] }),
    new LSTM({ units: 4, returnSequences: true }),
    new GRU({ units: 3, resetAfter: false, returnSequences: true, goBackwards: true }),
    new SimpleRNN({ units: 3 }),
    new Dense({ units: 2, activation: 'softmax' }),
  ]);
  model.build([null, 6, 3]);
  const rng = new Random(21);
  model.setWeights(model.getWeights().map((w) => tensor(Array.from({ length: w.size }, () => rng.uniformRange(-0.6, 0.6)), w.shape.slice())));
  const result = await model.save(`file://${dir}`);
  expect(result.warnings).toEqual([]);
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
  expect(json.modelTopology.config.layers[1].config).toMatchObject({ units: 4, recurrent_activation: 'sigmoid', unit_forget_bias: true, return_sequences: true, recurrent_initializer: { class_name: 'Orthogonal' } });
  const reference = await tfjsLoad(dir);
  const flat = paddedInputs(6, 3);
  const expected = (reference.predict(tf.tensor(flat, [3, 6, 3])) as tf.Tensor).arraySync() as number[][];
  expectClose(model.predict(tensor(flat, [3, 6, 3])), expected, RELATIVE);
});

test('saving a GRU with resetAfter warns that TensorFlow.js cannot load it', async () => {
  const model = new Sequential([new GRU({ units: 2, inputShape: [3, 2] })]);
  const result = await model.save(dir);
  expect(result.warnings.join('\n')).toMatch(/GRU 'gru_\d+': resetAfter: true .*TensorFlow\.js cannot load it/);
});

test('TensorFlow.js → layerwise: a masked recurrent model saved by TensorFlow.js predicts what TensorFlow.js predicts', async () => {
  const sigmoid = { recurrentActivation: 'sigmoid' } as const;
  const reference = tf.sequential({
    layers: [
      tf.layers.masking({ maskValue: 0, inputShape: [6, 3] }),
      tf.layers.gru({ units: 3, returnSequences: true, ...sigmoid }),
      tf.layers.lstm({ units: 4, goBackwards: true, ...sigmoid }),
      tf.layers.dense({ units: 2 }),
    ],
  });
  const rng = new Random(4);
  reference.setWeights(reference.getWeights().map((w) => tf.tensor(Array.from({ length: w.size }, () => rng.uniformRange(-0.6, 0.6)), w.shape)));
  await tfjsSave(reference, dir);
  const model = await loadModel(dir);
  expect(model.layers.map((l) => l.className)).toEqual(['Masking', 'GRU', 'LSTM', 'Dense']);
  expect((model.layers[1] as GRU).resetAfter).toBe(false);
  const flat = paddedInputs(6, 3);
  const expected = (reference.predict(tf.tensor(flat, [3, 6, 3])) as tf.Tensor).arraySync() as number[][];
  expectClose(model.predict(tensor(flat, [3, 6, 3])) as Tensor, expected, RELATIVE);
});

test('Bidirectional both ways: layerwise → TensorFlow.js (concat and sum) and TensorFlow.js → layerwise (ave)', async () => {
  const model = new Sequential([
    new Bidirectional({ layer: new LSTM({ units: 3, returnSequences: true }), inputShape: [5, 2] }),
    new Bidirectional({ layer: new GRU({ units: 2, resetAfter: false }), mergeMode: 'sum' }),
    new Dense({ units: 2 }),
  ]);
  model.build([null, 5, 2]);
  const rng = new Random(8);
  model.setWeights(model.getWeights().map((w) => tensor(Array.from({ length: w.size }, () => rng.uniformRange(-0.6, 0.6)), w.shape.slice())));
  const result = await model.save(dir);
  expect(result.warnings).toEqual([]);
  const reference = await tfjsLoad(dir);
  const flat = Array.from({ length: 3 * 5 * 2 }, () => rng.uniformRange(-1, 1));
  const expected = (reference.predict(tf.tensor(flat, [3, 5, 2])) as tf.Tensor).arraySync() as number[][];
  expectClose(model.predict(tensor(flat, [3, 5, 2])), expected, RELATIVE);

  removeTempDir(dir);
  dir = makeTempDir();
  const tfModel = tf.sequential({
    layers: [
      tf.layers.bidirectional({ layer: tf.layers.simpleRNN({ units: 3, returnSequences: true }) as never, mergeMode: 'ave', inputShape: [5, 2] }),
      tf.layers.globalAveragePooling1d({}),
    ],
  });
  tfModel.setWeights(tfModel.getWeights().map((w) => tf.tensor(Array.from({ length: w.size }, () => rng.uniformRange(-0.6, 0.6)), w.shape)));
  await tfjsSave(tfModel, dir);
  const loaded = await loadModel(dir);
  expect(loaded.layers.map((l) => l.className)).toEqual(['Bidirectional', 'GlobalAveragePooling1D']);
  const want = (tfModel.predict(tf.tensor(flat, [3, 5, 2])) as tf.Tensor).arraySync() as number[][];
  expectClose(loaded.predict(tensor(flat, [3, 5, 2])) as Tensor, want, RELATIVE);
});
