import { LearningRateScheduler, ReduceLROnPlateau } from '../../../lib/callbacks';
import { Sequential } from '../../../lib/sequential';
import { Dense } from '../../../layers';
import { SGD } from '../../../optimizers';
import { setSeed } from '../../../lib/random';
import { fakeModel, paramsWith } from './fake-model';

function tinyModel(learningRate: number): Sequential {
  setSeed(1);
  const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
  model.compile({ optimizer: new SGD({ learningRate }), loss: 'mse' });
  return model;
}

const x = [[0, 1], [1, 0], [1, 1]];
const y = [[1], [0], [1]];

describe('LearningRateScheduler', () => {
  it('sets the rate at the start of each epoch; History records it', async () => {
    const model = tinyModel(0.1);
    const seen: number[] = [];
    const scheduler = new LearningRateScheduler((epoch, lr) => {
      seen.push(lr);
      return epoch === 0 ? lr : lr / 2;
    });
    const history = await model.fit(x, y, { epochs: 3, verbose: 0, callbacks: [scheduler] });
    // Epoch 0 keeps 0.1; epochs 1 and 2 halve the current rate.
    expect(seen).toEqual([0.1, 0.1, 0.05]);
    expect(history.history.learning_rate).toEqual([0.1, 0.05, 0.025]);
  });

  it('rejects a schedule that returns something other than a rate', () => {
    const model = fakeModel();
    const cb = new LearningRateScheduler(() => NaN);
    cb.setModel(model, paramsWith(['loss']));
    expect(() => cb.onEpochBegin(0)).toThrow(/schedule\(0, 0.1\) must return a finite number >= 0, got NaN/);
    expect(() => new LearningRateScheduler(0.1 as never)).toThrow(/schedule must be a function/);
  });
});

describe('History', () => {
  it('records the rate in force during each epoch, before ReduceLROnPlateau lowers it', async () => {
    const model = tinyModel(0.1);
    const reduce = new ReduceLROnPlateau({ monitor: 'loss', patience: 0, factor: 0.5, minDelta: 10 });
    const history = await model.fit(x, y, { epochs: 3, verbose: 0, callbacks: [reduce] });
    // minDelta 10 makes every epoch after the first a plateau: the rate used in epoch e is 0.1 · 0.5^(e−1) from e = 1.
    expect(history.history.learning_rate).toEqual([0.1, 0.1, 0.05]);
    expect(Object.keys(history.history).sort()).toEqual(['learning_rate', 'loss']);
  });
});
