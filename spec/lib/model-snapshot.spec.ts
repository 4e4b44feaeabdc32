/**
 * A `fit` that throws part-way leaves the model as it was before the call (ModelSnapshot).
 */
import { BatchNormalization, Dense, Dropout } from '../../layers';
import { LambdaCallback } from '../../lib/callbacks';
import { ModelSnapshot } from '../../lib/model-snapshot';
import { getGlobalRandom, setSeed } from '../../lib/random';
import { Sequential } from '../../lib/sequential';
import { tensor, type Tensor } from '../../lib/tensor';
import { Adam } from '../../optimizers';

/** A model with every kind of state training changes: weights, moving statistics, Dropout's generator, Adam's moments. */
function statefulModel(): Sequential {
  setSeed(11);
  const model = new Sequential([
    new Dense({ units: 8, activation: 'relu', inputShape: [3] }),
    new BatchNormalization(),
    new Dropout({ rate: 0.3 }),
    new Dense({ units: 2, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'categoricalCrossentropy' });
  return model;
}

const x = tensor(Array.from({ length: 40 }, (_, i) => [Math.sin(i), Math.cos(i), i / 40]));
const y = tensor(Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? [1, 0] : [0, 1])));

/** Every weight and every optimizer state tensor, as plain arrays. */
function state(model: Sequential): number[][] {
  const optimizer = model.optimizer as Adam;
  const slots = model.layers.flatMap((l) => l.trainableParams().flatMap((p) => Object.values(optimizer.stateTensors(p))));
  return [...model.getWeights(), ...slots].map((t: Tensor) => Array.from(t.data));
}

/** A callback that throws at `epoch`'s batch `batch`, after changing the learning rate and asking to stop. */
function failingAt(model: Sequential, epoch: number, batch: number): LambdaCallback {
  let current = -1;
  return new LambdaCallback({
    onEpochBegin: (e) => {
      current = e;
    },
    onBatchEnd: (b) => {
      if (current === epoch && b === batch) {
        (model.optimizer as Adam).learningRate = 0.5;
        throw new Error('disk full');
      }
    },
  });
}

describe('fit after a throw', () => {
  test('leaves weights, moving statistics, optimizer state, learning rate and every generator as they were', async () => {
    const model = statefulModel();
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 }); // warm: Adam has moments, BN has statistics
    const before = state(model);
    const iterations = model.optimizer?.iterations;
    const dropout = model.layers[2] as Dropout;
    const dropoutState = dropout.getRandomState();
    const globalState = getGlobalRandom().getState();
    await expect(model.fit(x, y, { epochs: 3, batchSize: 8, verbose: 0, callbacks: [failingAt(model, 1, 2)] })).rejects.toThrow('disk full');
    expect(state(model)).toEqual(before);
    expect(model.optimizer?.iterations).toBe(iterations);
    expect((model.optimizer as Adam).learningRate).toBe(0.01);
    expect(dropout.getRandomState()).toEqual(dropoutState);
    expect(getGlobalRandom().getState()).toEqual(globalState);
    expect(model.stopTraining).toBe(false);
  });

  test('so a retry trains exactly as if the failed call had never happened', async () => {
    const failed = statefulModel();
    await expect(failed.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0, callbacks: [failingAt(failed, 1, 0)] })).rejects.toThrow('disk full');
    await failed.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    const clean = statefulModel();
    await clean.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    expect(state(failed)).toEqual(state(clean));
  });

  test('a fit that completes keeps its updates', async () => {
    const model = statefulModel();
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    const before = state(model);
    await model.fit(x, y, { epochs: 1, batchSize: 8, verbose: 0 });
    expect(state(model)).not.toEqual(before);
  });
});

describe('ModelSnapshot', () => {
  test('restore writes into the same tensors, so references held elsewhere stay live', () => {
    const model = statefulModel();
    model.build([null, 3]);
    const kernel = model.layers[0].params()[0].value;
    const original = Array.from(kernel.data);
    const snapshot = ModelSnapshot.take(model);
    kernel.data.fill(7);
    snapshot.restore();
    expect(model.layers[0].params()[0].value).toBe(kernel);
    expect(Array.from(kernel.data)).toEqual(original);
  });
});
