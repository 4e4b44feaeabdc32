/**
 * TensorFlow.js's LSTM and GRU use `hardSigmoid` by default, which TensorFlow.js (and Keras 2)
 * define as `clip(0.2·x + 0.5, 0, 1)`, while Keras 3 and layerwise define `'hard_sigmoid'` as
 * `relu6(x + 3)/6`. A recurrent layer from a TensorFlow.js file loads with the former
 * (`'hard_sigmoid_keras2'`) and predicts what TensorFlow.js predicts; saved again, it keeps
 * TensorFlow.js's name and meaning both for TensorFlow.js and for layerwise, while layerwise's
 * own `'hard_sigmoid'` stays Keras 3's.
 */
import * as tf from '@tensorflow/tfjs';
import { Bidirectional, LSTM, Sequential, setSeed, tensor, toArray, type Tensor } from '../../../lib';
import type { BaseRNN } from '../../../layers/recurrent/base-rnn';
import { Random } from '../../../lib/random';
import { loadModel } from '../../../lib/serialization';
import { expectClose } from '../../helpers/expect-close';
import { expectGradientsCorrect } from '../../helpers/gradcheck';
import { makeTempDir, removeTempDir, tfjsLoad, tfjsSave, useCpuBackend } from '../../helpers/tfjs-files';

let dir: string;
beforeAll(async () => {
  await useCpuBackend();
  setSeed(6);
});
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

const inputs = (shape: number[], seed: number): Tensor => {
  const rng = new Random(seed);
  // Values up to ±3 so that many gate pre-activations fall where the two hard sigmoids differ.
  return tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniformRange(-3, 3)), shape);
};
const theirs = (model: tf.LayersModel, x: Tensor) => (model.predict(tf.tensor(Array.from(x.data), x.shape.slice())) as tf.Tensor).arraySync();

it('TensorFlow.js default LSTM, GRU and Bidirectional load with its hard sigmoid and predict what it predicts', async () => {
  const reference = tf.sequential({
    layers: [
      tf.layers.lstm({ units: 4, returnSequences: true, inputShape: [5, 3] }),
      tf.layers.bidirectional({ layer: tf.layers.gru({ units: 3, returnSequences: true }) as never }),
      tf.layers.simpleRNN({ units: 2 }),
    ],
  });
  await tfjsSave(reference, dir);
  const loaded = await loadModel(dir);
  const [lstm, bidirectional] = loaded.layers as [LSTM, Bidirectional];
  expect(lstm.recurrentActivation.name).toBe('hard_sigmoid_keras2');
  expect((bidirectional.forwardLayer as unknown as LSTM).recurrentActivation.name).toBe('hard_sigmoid_keras2');
  const x = inputs([3, 5, 3], 1);
  expectClose(loaded.predict(x) as Tensor, theirs(reference, x) as never, { rtol: 1e-5, atol: 1e-6 });
});

it('saved again, the layer reads the same in TensorFlow.js and in layerwise', async () => {
  await tfjsSave(tf.sequential({ layers: [tf.layers.lstm({ units: 3, inputShape: [4, 2] })] }), dir);
  const loaded = await loadModel(dir);
  const again = makeTempDir();
  try {
    const { warnings } = await loaded.save(again);
    expect(warnings.filter((w) => /hard_sigmoid/.test(w))).toEqual([]);
    const x = inputs([2, 4, 2], 2);
    const expected = toArray(loaded.predict(x) as Tensor);
    const reloaded = await loadModel(again);
    expect((reloaded.layers[0] as LSTM).recurrentActivation.name).toBe('hard_sigmoid_keras2');
    expect(toArray(reloaded.predict(x) as Tensor)).toEqual(expected);
    expectClose(reloaded.predict(x) as Tensor, theirs(await tfjsLoad(again), x) as never, { rtol: 1e-5, atol: 1e-6 });
  } finally {
    removeTempDir(again);
  }
});

it("layerwise's own hard_sigmoid stays Keras 3's through its files, beside a TensorFlow.js one", async () => {
  const model = new Sequential([
    new LSTM({ units: 3, recurrentActivation: 'hard_sigmoid', returnSequences: true, inputShape: [4, 2], name: 'keras3' }),
    new LSTM({ units: 2, recurrentActivation: 'hard_sigmoid_keras2', name: 'tfjs' }),
  ]);
  const { warnings } = await model.save(dir);
  expect(warnings.some((w) => /keras3.*hard_sigmoid is relu6\(x \+ 3\)\/6 here/.test(w))).toBe(true);
  const loaded = await loadModel(dir);
  expect(loaded.layers.map((l) => (l as BaseRNN as LSTM).recurrentActivation.name)).toEqual(['hard_sigmoid', 'hard_sigmoid_keras2']);
  const x = inputs([2, 4, 2], 3);
  expect(toArray(loaded.predict(x) as Tensor)).toEqual(toArray(model.predict(x) as Tensor));
});

it('the Keras 2 hard sigmoid has the right derivative in the time loop (float64 gradient check)', () => {
  const lstm = new LSTM({ units: 3, recurrentActivation: 'hard_sigmoid_keras2', returnSequences: true });
  const rng = new Random(4);
  // Inputs and weights large enough that some gates saturate (slope 0) and some do not (0.2).
  const x = tensor(Float64Array.from({ length: 2 * 4 * 2 }, () => rng.uniformRange(-4, 4)), [2, 4, 2], 'float64');
  expectGradientsCorrect(lstm, x, undefined, { epsilon: 1e-5 });
});
