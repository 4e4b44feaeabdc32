/**
 * loadModel restores the compile settings saved with a model (Keras's `load_model`), so a loaded
 * model evaluates and trains on at once; `{ compile: false }` loads the bare model.
 */
import { Adam, Dense, Model, Sequential, input, setSeed, tensor, type Tensor } from '../../../lib';
import { loadModel } from '../../../lib/serialization';
import { makeTempDir, removeTempDir } from '../../helpers/tfjs-files';
import { Random } from '../../../lib/random';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

function data(rows: number, cols: number, seed: number): Tensor {
  const rng = new Random(seed);
  return tensor(Array.from({ length: rows }, () => Array.from({ length: cols }, () => 2 * rng.uniform() - 1)));
}

test('a compiled Sequential model loads compiled: same loss and metrics from evaluate, same next training step', async () => {
  setSeed(7);
  const model = new Sequential([new Dense({ units: 4, activation: 'relu', inputShape: [3] }), new Dense({ units: 2, activation: 'softmax' })]);
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const x = data(16, 3, 1);
  const y = tensor(Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? [1, 0] : [0, 1])));
  await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
  await model.save(dir);
  const loaded = await loadModel(dir);
  expect(loaded.evaluate(x, y)).toEqual(model.evaluate(x, y));
  expect(loaded.optimizer?.getConfig()).toEqual(model.optimizer?.getConfig());
  // With includeOptimizer the Adam moments come back too: one more step lands on the same weights.
  await model.save(dir, { includeOptimizer: true });
  const resumed = await loadModel(dir);
  const before = model.trainOnBatch(x, y);
  expect(resumed.trainOnBatch(x, y)).toEqual(before);
  expect(Array.from(resumed.getWeights()[0].data)).toEqual(Array.from(model.getWeights()[0].data));
});

test('compile: false loads the model without its compile settings: evaluate asks for compile', async () => {
  setSeed(8);
  const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
  model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
  await model.save(dir);
  const bare = await loadModel(dir, { compile: false });
  expect(() => bare.evaluate(data(4, 2, 2), data(4, 1, 3))).toThrow(/compile/);
});

test('a functional model with two outputs restores its per-output losses and loss weights', async () => {
  setSeed(9);
  const inp = input({ shape: [3] });
  const hidden = new Dense({ units: 4, activation: 'tanh' }).apply(inp);
  const a = new Dense({ units: 1, name: 'a' }).apply(hidden);
  const b = new Dense({ units: 2, activation: 'softmax', name: 'b' }).apply(hidden);
  const model = new Model({ inputs: inp, outputs: [a, b] });
  model.compile({ optimizer: 'adam', loss: { a: 'meanSquaredError', b: 'categoricalCrossentropy' }, lossWeights: { a: 0.5, b: 2 } });
  await model.save(dir);
  const loaded = await loadModel(dir);
  const x = data(8, 3, 4);
  const ys = [data(8, 1, 5), tensor(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? [1, 0] : [0, 1])))];
  const expected = model.evaluate(x, ys);
  expect(loaded.evaluate(x, ys)).toEqual(expected);
});
