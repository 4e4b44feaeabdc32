import { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from '../../../lib/callbacks';
import { ConfigError, StateError } from '../../../lib/errors';
import { SGD, ExponentialDecay } from '../../../optimizers';
import { fakeModel, paramsWith } from './fake-model';

/** The learning rate after each epoch of a scripted `val_loss` sequence. */
function rates(values: number[], options: ReduceLROnPlateauOptions, lr = 1): number[] {
  const cb = new ReduceLROnPlateau(options);
  const model = fakeModel(lr);
  cb.setModel(model, paramsWith(['loss', 'val_loss']));
  cb.onTrainBegin();
  return values.map((v, epoch) => {
    cb.onEpochEnd(epoch, { loss: 0, val_loss: v });
    return model.optimizer.learningRate;
  });
}

describe('ReduceLROnPlateau', () => {
  it('halves the rate after patience epochs without improvement', () => {
    // e0 sets best 1; e1, e2 do not improve by more than 1e-4: wait 1, 2 = patience → lr 0.5 at e2.
    // Without cooldown, e3 and e4 wait again → 0.25 at e4; e5 improves.
    expect(rates([1, 1, 1, 1, 1, 0.5], { factor: 0.5, patience: 2 })).toEqual([1, 1, 0.5, 0.5, 0.25, 0.25]);
  });

  it('waits out the cooldown before counting again', () => {
    // Reduction at e2 starts cooldown 2: e3 (counter 2 → 1) and e4 (1 → 0) reset the wait; e4 is
    // then outside the cooldown and counts 1, e5 counts 2 → lr 0.25 at e5 (one epoch later than without cooldown).
    expect(rates([1, 1, 1, 1, 1, 1, 1], { factor: 0.5, patience: 2, cooldown: 2 })).toEqual([1, 1, 0.5, 0.5, 0.5, 0.25, 0.25]);
  });

  it('treats changes within minDelta as no improvement', () => {
    // 0.95 beats 1 by 0.05 < minDelta 0.1: a plateau → lr 0.1 at e1 with patience 1.
    expect(rates([1, 0.95], { patience: 1, minDelta: 0.1 })).toEqual([1, 0.1]);
    expect(rates([1, 0.95], { patience: 1, minDelta: 0.01 })).toEqual([1, 1]);
  });

  it('never goes below minLr', () => {
    // 0.01 · 0.1 = 0.001 is clipped to 0.005; at 0.005 = minLr no further reduction happens.
    expect(rates([1, 1, 1, 1], { patience: 1, minLr: 0.005 }, 0.01)).toEqual([0.01, 0.005, 0.005, 0.005]);
  });

  it('maximises in mode max', () => {
    const cb = new ReduceLROnPlateau({ monitor: 'val_accuracy', patience: 1, factor: 0.5 });
    expect(cb.mode).toBe('max');
    const model = fakeModel(1);
    cb.setModel(model, paramsWith(['val_accuracy']));
    cb.onEpochEnd(0, { val_accuracy: 0.5 });
    cb.onEpochEnd(1, { val_accuracy: 0.6 });
    expect(model.optimizer.learningRate).toBe(1);
    cb.onEpochEnd(2, { val_accuracy: 0.55 });
    expect(model.optimizer.learningRate).toBe(0.5);
  });

  it('changes a real optimizer, and refuses one driven by a schedule', () => {
    const sgd = new SGD({ learningRate: 0.2 });
    const cb = new ReduceLROnPlateau({ patience: 0, factor: 0.5 });
    cb.setModel({ stopTraining: false, optimizer: sgd }, paramsWith(['val_loss']));
    cb.onEpochEnd(0, { val_loss: 1 });
    expect(sgd.learningRate).toBe(0.2);
    cb.onEpochEnd(1, { val_loss: 1 });
    expect(sgd.learningRate).toBeCloseTo(0.1, 12);
    const scheduled = new SGD({ learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 }) });
    const other = new ReduceLROnPlateau();
    other.setModel({ stopTraining: false, optimizer: scheduled }, paramsWith(['val_loss']));
    expect(() => other.onEpochEnd(0, { val_loss: 1 })).toThrow(/learningRate is a ExponentialDecay schedule/);
  });

  it('rejects bad options and missing pieces', () => {
    expect(() => new ReduceLROnPlateau({ factor: 1 })).toThrow(/factor must be a number in \[0, 1\), got 1/);
    expect(() => new ReduceLROnPlateau({ cooldown: -1 })).toThrow(ConfigError);
    const cb = new ReduceLROnPlateau();
    cb.setModel({ stopTraining: false }, paramsWith(['val_loss']));
    expect(() => cb.onEpochEnd(0, { val_loss: 1 })).toThrow(StateError);
  });
});
