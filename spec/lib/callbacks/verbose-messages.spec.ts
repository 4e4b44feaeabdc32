/**
 * EarlyStopping and ReduceLROnPlateau with `verbose: 1` print Keras 3's lines
 * (keras/src/callbacks/early_stopping.py: "Restoring model weights from the end of the best
 * epoch: {best_epoch + 1}." and "Epoch {stopped_epoch + 1}: early stopping";
 * reduce_lr_on_plateau.py: "Epoch {epoch + 1}: ReduceLROnPlateau reducing learning rate to {new_lr}.").
 */
import { EarlyStopping, ReduceLROnPlateau } from '../../../lib/callbacks';
import { ConfigError } from '../../../lib/errors';
import { fakeModel, paramsWith } from './fake-model';

/** A stream that keeps the lines written to it. */
function capture(): { lines: string[]; write(text: string): void } {
  const lines: string[] = [];
  return { lines, write: (text: string) => void lines.push(...text.split('\n').filter((l) => l !== '')) };
}

/** Runs `callback` over the monitored `values` as fit would, stopping when the model is told to. */
function drive(callback: EarlyStopping | ReduceLROnPlateau, values: number[]): void {
  const model = fakeModel(0.1);
  callback.setModel(model, paramsWith(['loss', 'val_loss']));
  callback.onTrainBegin?.();
  for (let epoch = 0; epoch < values.length && !model.stopTraining; epoch++) {
    model.setWeight(epoch);
    callback.onEpochEnd(epoch, { loss: 0, val_loss: values[epoch] });
  }
  if (callback instanceof EarlyStopping) callback.onTrainEnd();
}

describe('callbacks say what they did (verbose: 1)', () => {
  it('EarlyStopping prints the restore and the stop, epochs counted from 1', () => {
    // best 0.9 at e1 (printed 2); e2, e3 do not improve, patience 2 → stopped after e3 (printed 4).
    const stream = capture();
    drive(new EarlyStopping({ patience: 2, restoreBestWeights: true, verbose: 1, stream }), [1.0, 0.9, 0.95, 0.92, 0.5]);
    expect(stream.lines).toEqual(['Restoring model weights from the end of the best epoch: 2.', 'Epoch 4: early stopping']);
  });

  it('EarlyStopping prints nothing when it never stopped and does not restore, or with verbose 0', () => {
    const stream = capture();
    drive(new EarlyStopping({ patience: 5, verbose: 1, stream }), [1.0, 0.9, 0.8]);
    drive(new EarlyStopping({ patience: 1, restoreBestWeights: true, stream }), [1.0, 2, 3]);
    expect(stream.lines).toEqual([]);
  });

  it('ReduceLROnPlateau prints each reduction with the new rate', () => {
    // lr 0.1, factor 0.5, patience 1: e1 and e2 do not improve on e0 → reductions after e1 (printed 2) and e2 (3).
    const stream = capture();
    drive(new ReduceLROnPlateau({ factor: 0.5, patience: 1, verbose: 1, stream }), [1.0, 1.0, 1.0]);
    expect(stream.lines).toEqual([
      'Epoch 2: ReduceLROnPlateau reducing learning rate to 0.05.',
      'Epoch 3: ReduceLROnPlateau reducing learning rate to 0.025.',
    ]);
  });

  it('rejects a verbose that is not 0 or 1 and a stream without write', () => {
    expect(() => new EarlyStopping({ verbose: 2 as never })).toThrow(new ConfigError('EarlyStopping: verbose must be 0 or 1, got 2'));
    expect(() => new ReduceLROnPlateau({ verbose: 1, stream: {} as never })).toThrow('ReduceLROnPlateau: stream must have a write(text) method');
  });
});
