/**
 * Resuming exactly: a run interrupted after epoch k, saved with `includeOptimizer`, loaded
 * (after the process's random state was lost) and continued with `initialEpoch: k` ends with
 * weights bit-identical to an uninterrupted run with the same seeds.
 */
import {
  BatchNormalization, Dense, Dropout, ExponentialDecay, Sequential, optimizers, setSeed, tensor, type Optimizer, type Tensor,
} from '../../../lib';
import { Random } from '../../../lib/random';
import type { Model } from '../../../lib/model';
import { loadCheckpoint, loadModel, type TrainingConfig } from '../../../lib/serialization';
import { makeTempDir, removeTempDir } from '../../helpers/tfjs-files';

let dir: string;
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

/** 40 seeded samples of 3 features with one-hot labels of 2 classes (class = sign of the feature sum). */
function data(): { x: Tensor; y: Tensor } {
  const rng = new Random(17);
  const x = new Float32Array(40 * 3);
  const y = new Float32Array(40 * 2);
  for (let i = 0; i < 40; i++) {
    let sum = 0;
    for (let j = 0; j < 3; j++) sum += (x[i * 3 + j] = rng.uniformRange(-1, 1));
    y[i * 2 + (sum > 0 ? 1 : 0)] = 1;
  }
  return { x: tensor(x, [40, 3]), y: tensor(y, [40, 2]) };
}

/** The model, built from the global seed: initial weights and Dropout's generator come from it. */
function makeModel(optimizer: Optimizer): Sequential {
  setSeed(5);
  const model = new Sequential([
    new Dense({ units: 8, activation: 'relu', inputShape: [3] }),
    new BatchNormalization(),
    new Dropout({ rate: 0.25 }),
    new Dense({ units: 2, activation: 'softmax' }),
  ]);
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

const fitOptions = { batchSize: 8, verbose: 0 as const, seed: 7 };

function weightsOf(model: Model): number[][] {
  return model.getWeights().map((w) => Array.from(w.data));
}

const cases: [string, () => Optimizer][] = [
  ['Adam (AMSGrad) with a schedule', () => optimizers.create('Adam', { learningRate: new ExponentialDecay({ initialLearningRate: 0.05, decaySteps: 5, decayRate: 0.9 }), amsgrad: true })],
  ['SGD with momentum', () => optimizers.create('SGD', { learningRate: 0.1, momentum: 0.9 })],
  ['RMSprop, centered, with momentum', () => optimizers.create('RMSprop', { learningRate: 0.01, momentum: 0.5, centered: true })],
  ['Adagrad', () => optimizers.create('Adagrad', { learningRate: 0.1 })],
  ['Nadam', () => optimizers.create('Nadam', { learningRate: 0.01 })],
  ['Lion', () => optimizers.create('Lion', { learningRate: 0.001 })],
  ['Lamb', () => optimizers.create('Lamb', { learningRate: 0.01 })],
  ['Ftrl with L1 and L2', () => optimizers.create('Ftrl', { learningRate: 0.1, l1RegularizationStrength: 0.001, l2RegularizationStrength: 0.01 })],
  ['Adafactor (factored kernels)', () => optimizers.create('Adafactor', { learningRate: 0.05 })],
  // 10 calls by the save: the 10th gradient waits in the accumulators, which the checkpoint keeps.
  ['Adam accumulating 3 batches, with weight decay', () => optimizers.create('Adam', { learningRate: 0.01, gradientAccumulationSteps: 3, weightDecay: 0.01 })],
  // The averages are saved with the state. Every fit ends by writing them into the weights (as in
  // Keras), so the interrupted run's first fit would end differently, were its end (update 10) not
  // also an overwrite of the uninterrupted run: hence a frequency that divides 10.
  ['Muon (Newton-Schulz on the kernels, AdamW on the rest)', () => optimizers.create('Muon', { learningRate: 0.02 })],
  ['Lion with an EMA written back every 5 updates', () => optimizers.create('Lion', { learningRate: 0.001, useEma: true, emaMomentum: 0.9, emaOverwriteFrequency: 5 })],
  // The scale doubles after every 3 finite steps: at the save (10 steps) it is 2^13 with the count
  // at 1, both in the checkpoint (dynamic_scale, step_counter).
  ['LossScaleOptimizer around Adam, growing every 3 steps', () => optimizers.create('LossScaleOptimizer', {
    innerOptimizer: optimizers.create('Adam', { learningRate: 0.01 }), initialScale: 2 ** 10, dynamicGrowthSteps: 3,
  })],
];

test.each(cases)('%s: interrupted after epoch 2 of 4 and resumed ends bit-identical', async (_, makeOptimizer) => {
  const { x, y } = data();
  const uninterrupted = makeModel(makeOptimizer());
  await uninterrupted.fit(x, y, { ...fitOptions, epochs: 4 });

  const first = makeModel(makeOptimizer());
  await first.fit(x, y, { ...fitOptions, epochs: 2 });
  await first.save(dir, { includeOptimizer: true, epoch: 2 });

  setSeed(999); // a new process: the global generator is somewhere else
  const { model: resumed, epoch } = await loadCheckpoint(dir);
  expect(epoch).toBe(2);
  expect(resumed.optimizer?.iterations).toBe(10); // 2 epochs of 40/8 = 5 batches
  expect(resumed.optimizer?.lossScale()).toBe(first.optimizer?.lossScale());
  await resumed.fit(x, y, { ...fitOptions, epochs: 4, initialEpoch: epoch as number });
  expect(weightsOf(resumed)).toEqual(weightsOf(uninterrupted));
  expect(resumed.optimizer?.lossScale()).toBe(uninterrupted.optimizer?.lossScale());
});

test('without the optimizer state the continued run differs (the check above is sensitive)', async () => {
  const { x, y } = data();
  const uninterrupted = makeModel(optimizers.create('Adam', { learningRate: 0.05 }));
  await uninterrupted.fit(x, y, { ...fitOptions, epochs: 4 });
  const first = makeModel(optimizers.create('Adam', { learningRate: 0.05 }));
  await first.fit(x, y, { ...fitOptions, epochs: 2 });
  await first.save(dir);
  const resumed = await loadModel(dir);
  // Compiled from the saved settings, with a fresh Adam: no steps, no moments.
  expect(resumed.optimizer?.className).toBe('Adam');
  expect(resumed.optimizer?.iterations).toBe(0);
  await resumed.fit(x, y, { ...fitOptions, epochs: 4, initialEpoch: 2 });
  expect(weightsOf(resumed)).not.toEqual(weightsOf(uninterrupted));
});

test('a checkpoint whose optimizer state does not match its optimizer is a DataError', async () => {
  const first = makeModel(optimizers.create('Adam'));
  const { x, y } = data();
  await first.fit(x, y, { ...fitOptions, epochs: 1 });
  const saved = first.toJSON({ includeOptimizer: true });
  saved.modelJson.trainingConfig = { ...(saved.modelJson.trainingConfig as TrainingConfig), optimizer_config: { class_name: 'RMSprop', config: {} } };
  delete saved.modelJson.userDefinedMetadata;
  await expect(loadModel(saved)).rejects.toThrow(/fromJSON: weight '.*\/kernel\/meanSquare' \[3, 8\] is missing from the weights manifest/);
});
