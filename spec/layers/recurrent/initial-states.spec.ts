/**
 * Initial states as inputs (Keras's `initial_state`, TensorFlow.js's list input): an encoder's
 * final state starts a decoder, gradients flow into the states (float64 check through a whole
 * graph), the files carry the extra inbound tensors, and bad calls are refused.
 */
import * as tf from '@tensorflow/tfjs';
import { Dense, GRU, LSTM, Model, SimpleRNN, input, setSeed, tensor, toArray, ConfigError, ShapeError, type Tensor } from '../../../lib';
import { loadModel } from '../../../lib/serialization';
import { Random } from '../../../lib/random';
import { expectClose } from '../../helpers/expect-close';
import { expectModelGradientsCorrect } from '../../helpers/gradcheck-model';
import { makeTempDir, removeTempDir, tfjsLoad, useCpuBackend } from '../../helpers/tfjs-files';

const random = (shape: number[], seed: number): Tensor => {
  const rng = new Random(seed);
  return tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.uniformRange(-1, 1)), shape, 'float64');
};

beforeAll(async () => {
  await useCpuBackend();
});
beforeEach(() => setSeed(2));

it('an initial state given as an input is where the first step starts', () => {
  const x = input({ shape: [3, 2], dtype: 'float64' });
  const h0 = input({ shape: [4], dtype: 'float64' });
  const rnn = new SimpleRNN({ units: 4 });
  const model = new Model({ inputs: [x, h0], outputs: rnn.apply([x, h0]) });
  const xs = random([2, 3, 2], 1);
  const zeros = tensor(new Float64Array(8), [2, 4], 'float64');
  // With zero initial states the layer computes what it computes alone.
  expectClose(model.predict([xs, zeros]) as Tensor, toArray(rnn.forward(xs)) as never, { rtol: 1e-14, atol: 1e-14 });
  const other = toArray(model.predict([xs, random([2, 4], 2)]) as Tensor) as number[][];
  expect(other[0][0]).not.toBeCloseTo((toArray(rnn.forward(xs)) as number[][])[0][0], 6);
});

it.each([
  ['LSTM', () => new LSTM({ units: 3 }), 2],
  ['GRU', () => new GRU({ units: 3 }), 1],
  ['GRU reset before, goBackwards', () => new GRU({ units: 3, resetAfter: false, goBackwards: true }), 1],
] as const)('%s: an encoder\'s final state starts a decoder; gradients of the states match central differences', (_, makeDecoder, states) => {
  const source = input({ shape: [4, 2], name: 'source', dtype: 'float64' });
  const target = input({ shape: [3, 2], name: 'target', dtype: 'float64' });
  const h0 = input({ shape: [3], name: 'h0', dtype: 'float64' });
  const encoded = new Dense({ units: 3, activation: 'tanh' }).apply(new SimpleRNN({ units: 3 }).apply(source));
  const decoder = makeDecoder();
  const y = decoder.apply(states === 2 ? [target, encoded, h0] : [target, encoded]);
  const inputs = states === 2 ? [source, target, h0] : [source, target];
  const model = new Model({ inputs, outputs: new Dense({ units: 2 }).apply(y) });
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const xs = [random([3, 4, 2], 3), random([3, 3, 2], 4), ...(states === 2 ? [random([3, 3], 5)] : [])];
  expectModelGradientsCorrect(model, xs, [random([3, 2], 6)]);
});

it('a graph with initial states saves, loads in layerwise and TensorFlow.js, and predicts the same', async () => {
  const dir = makeTempDir();
  try {
    const x = input({ shape: [5, 2] });
    const h0 = input({ shape: [3] });
    const c0 = input({ shape: [3] });
    const model = new Model({ inputs: [x, h0, c0], outputs: new LSTM({ units: 3 }).apply([x, h0, c0]) });
    const xs = [random([2, 5, 2], 7), random([2, 3], 8), random([2, 3], 9)].map((t) => tensor(Float32Array.from(t.data), t.shape.slice()));
    const expected = toArray(model.predict(xs) as Tensor);
    await model.save(dir);
    const loaded = await loadModel(dir);
    expect(toArray(loaded.predict(xs) as Tensor)).toEqual(expected);
    const reference = await tfjsLoad(dir);
    const theirs = (reference.predict(xs.map((t) => tf.tensor(Array.from(t.data), t.shape.slice()))) as tf.Tensor).arraySync();
    expectClose(loaded.predict(xs) as Tensor, theirs as never, { rtol: 1e-5, atol: 1e-6 });
  } finally {
    removeTempDir(dir);
  }
});

it('refuses a list of the wrong length or states of the wrong shape', () => {
  const x = input({ shape: [3, 2] });
  expect(() => new LSTM({ units: 3 }).apply([x, input({ shape: [3] })])).toThrow(ConfigError);
  expect(() => new LSTM({ units: 3 }).apply([x, input({ shape: [3] })])).toThrow(/takes the sequence and 2 initial states \(\[x, h0, c0\]\), got a list of 2/);
  expect(() => new GRU({ units: 3 }).apply([x, input({ shape: [4] })])).toThrow(ShapeError);
  expect(() => new GRU({ units: 3 }).apply([x, input({ shape: [4] })])).toThrow(/an initial state must be \[batch, units\] = \[\?, 3\], got \[\?, 4\]/);
});
