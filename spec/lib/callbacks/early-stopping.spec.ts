import { EarlyStopping, type EarlyStoppingOptions } from '../../../lib/callbacks';
import { ConfigError } from '../../../lib/errors';
import { Sequential } from '../../../lib/sequential';
import { Dense } from '../../../layers';
import { SGD } from '../../../optimizers';
import { setSeed } from '../../../lib/random';
import { fakeModel, paramsWith, type FakeModel } from './fake-model';

/**
 * Drives EarlyStopping through a scripted sequence of monitored values, as fit would: the
 * model's weight is set to the epoch number before each onEpochEnd, so the restored weight
 * tells which epoch's weights came back.
 */
function run(values: number[], options: EarlyStoppingOptions, monitor = 'val_loss'): { es: EarlyStopping; model: FakeModel; epochsRun: number } {
  const es = new EarlyStopping({ monitor, ...options });
  const model = fakeModel();
  es.setModel(model, paramsWith(['loss', monitor]));
  es.onTrainBegin();
  let epochsRun = 0;
  for (let epoch = 0; epoch < values.length && !model.stopTraining; epoch++) {
    model.setWeight(epoch);
    es.onEpochEnd(epoch, { loss: 0, [monitor]: values[epoch] });
    epochsRun++;
  }
  es.onTrainEnd();
  return { es, model, epochsRun };
}

describe('EarlyStopping', () => {
  it('counts patience from the last improvement', () => {
    // best 1.0 (e0) → 0.9 (e1); e2 0.95 and e3 0.92 do not improve: wait 1, 2 = patience → stop after e3.
    const { es, epochsRun } = run([1.0, 0.9, 0.95, 0.92, 0.91, 0.8], { patience: 2 });
    expect(epochsRun).toBe(4);
    expect(es.stoppedEpoch).toBe(3);
    expect(es.bestEpoch).toBe(1);
    expect(es.best).toBe(0.9);
  });

  it('resets the count on every improvement', () => {
    // Improvements at e1 and e3 reset the wait; e4, e5 exhaust patience 2 → stop after e5.
    const { es, epochsRun } = run([1.0, 0.9, 0.95, 0.85, 0.86, 0.87, 0.5], { patience: 2 });
    expect(epochsRun).toBe(6);
    expect(es.stoppedEpoch).toBe(5);
  });

  it('stops at the first non-improving epoch with patience 0', () => {
    expect(run([1.0, 0.9, 0.9, 0.5], { patience: 0 }).epochsRun).toBe(3);
  });

  it('requires an improvement larger than minDelta', () => {
    // minDelta 0.05: 0.97 and 0.96 are within 0.05 of best 1.0, so they do not count; 0.9 does.
    const strict = run([1.0, 0.97, 0.96, 0.9, 0.89, 0.88, 0.87], { patience: 3, minDelta: 0.05 });
    expect(strict.es.bestEpoch).toBe(3);
    expect(strict.es.stoppedEpoch).toBe(6);
    // Without minDelta every epoch improves and training runs to the end.
    const plain = run([1.0, 0.97, 0.96, 0.9, 0.89, 0.88, 0.87], { patience: 3 });
    expect(plain.es.stoppedEpoch).toBe(0);
    expect(plain.epochsRun).toBe(7);
  });

  it('keeps counting until the baseline is beaten', () => {
    // Baseline 0.5 is never beaten, so improvements do not reset the wait (Keras 3): it reaches
    // 4 by e3, whose 0.85 does not improve on 0.8, and 4 >= patience 2 stops training there.
    const withBaseline = run([1.0, 0.9, 0.8, 0.85, 0.84], { patience: 2, baseline: 0.5 });
    expect(withBaseline.es.stoppedEpoch).toBe(3);
    // Without a baseline the same sequence has waited only 1 epoch at e3 and 2 at e4.
    expect(run([1.0, 0.9, 0.8, 0.85, 0.84], { patience: 2 }).es.stoppedEpoch).toBe(4);
    // Beating the baseline resets as usual.
    expect(run([1.0, 0.4, 0.45, 0.44, 0.43], { patience: 3, baseline: 0.5 }).es.stoppedEpoch).toBe(4);
  });

  it('maximises accuracy-like names in auto mode, and obeys an explicit mode', () => {
    expect(new EarlyStopping({ monitor: 'val_accuracy' }).mode).toBe('max');
    expect(new EarlyStopping({ monitor: 'auc' }).mode).toBe('max');
    expect(new EarlyStopping({ monitor: 'val_loss' }).mode).toBe('min');
    expect(new EarlyStopping({ monitor: 'val_loss', mode: 'max' }).mode).toBe('max');
    // 0.6 → 0.7 improves, 0.65 and 0.68 do not: patience 2 → stop after e3.
    const { es } = run([0.6, 0.7, 0.65, 0.68, 0.9], { patience: 2 }, 'val_accuracy');
    expect(es.stoppedEpoch).toBe(3);
    expect(es.best).toBe(0.7);
  });

  it('restores the best weights when it stops', () => {
    const { model, es } = run([1.0, 0.9, 0.95, 0.92, 0.91], { patience: 2, restoreBestWeights: true });
    expect(es.stoppedEpoch).toBe(3);
    expect(model.weight()).toBe(1);
  });

  it('restores the best weights when training runs out of epochs too (Keras 3)', () => {
    const { model, es } = run([1.0, 0.7, 0.8, 0.9], { patience: 5, restoreBestWeights: true });
    expect(es.stoppedEpoch).toBe(0);
    expect(model.weight()).toBe(1);
  });

  it('leaves the last weights without restoreBestWeights', () => {
    expect(run([1.0, 0.9, 0.95, 0.92], { patience: 2 }).model.weight()).toBe(3);
  });

  it('fails before training when the monitored name is not logged', () => {
    const es = new EarlyStopping({ monitor: 'val_loss' });
    expect(() => es.setModel(fakeModel(), paramsWith(['loss']))).toThrow(ConfigError);
    expect(() => es.setModel(fakeModel(), paramsWith(['loss']))).toThrow(/monitor 'val_loss' is not logged: expected one of \['loss'\].*validationData/);
  });

  it('rejects bad options', () => {
    expect(() => new EarlyStopping({ patience: -1 })).toThrow(/patience must be an integer >= 0, got -1/);
    expect(() => new EarlyStopping({ patience: 1.5 })).toThrow(ConfigError);
    expect(() => new EarlyStopping({ mode: 'up' as never })).toThrow(/mode must be 'auto', 'min' or 'max', got 'up'/);
    expect(() => new EarlyStopping({ baseline: NaN })).toThrow(/baseline must be a finite number or null/);
    expect(() => new EarlyStopping({ monitor: '' })).toThrow(/monitor must be/);
  });

  it('restores the best epoch of a real fit', async () => {
    setSeed(3);
    const model = new Sequential({ dtype: 'float64', layers: [new Dense({ units: 1, inputShape: [1] })] });
    // A learning rate far too large makes the loss grow after the first epoch: the best weights are the first epoch's.
    model.compile({ optimizer: new SGD({ learningRate: 3 }), loss: 'mse' });
    const snapshots: number[][] = [];
    const es = new EarlyStopping({ monitor: 'loss', patience: 2, restoreBestWeights: true });
    const history = await model.fit([[1], [2], [3]], [[2], [4], [6]], {
      epochs: 20, batchSize: 3, verbose: 0,
      callbacks: [{ onEpochEnd: () => { snapshots.push(model.getWeights().map((w) => w.data[0])); } }, es],
    });
    const losses = history.history.loss;
    const best = losses.indexOf(Math.min(...losses));
    expect(es.bestEpoch).toBe(best);
    expect(es.stoppedEpoch).toBeGreaterThan(0);
    expect(losses).toHaveLength(es.stoppedEpoch + 1);
    expect(model.getWeights().map((w) => w.data[0])).toEqual(snapshots[best]);
  });
});
