/** {@link History}: the per-epoch record that `fit` returns. */
import type { Callback, CallbackModel, Logs, TrainingParams } from './callback';

/**
 * The record of a `fit` run, returned by it: `history.loss[e]` is the training loss of epoch
 * `e`, and likewise for every metric and `val_` value (Keras's `History`). When the optimizer
 * has a learning rate, `history.learning_rate[e]` is the rate in force at the end of epoch `e`
 * (before callbacks such as ReduceLROnPlateau change it; for a schedule, its value at the
 * optimizer's iteration count then), as Keras 3 records it.
 */
export class History implements Callback {
  /** The epochs run, from 0 (or `initialEpoch`). */
  readonly epoch: number[] = [];
  /**
   * One array per logged name, one value per epoch. `loss` is always there (empty before the
   * first epoch), so `history.history.loss` types as `number[]` even with
   * `noUncheckedIndexedAccess`; other keys (`accuracy`, `val_loss`, …) are there once logged.
   */
  readonly history: { loss: number[] } & Record<string, number[]> = { loss: [] };
  /** The run's parameters, set when training begins. */
  params: TrainingParams | null = null;

  private model: CallbackModel | null = null;

  setModel(model: CallbackModel, params: TrainingParams): void {
    this.model = model;
    this.params = params;
  }

  onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [key, value] of Object.entries(logs)) (this.history[key] ??= []).push(value);
    const optimizer = this.model?.optimizer;
    if (!('learning_rate' in logs) && optimizer && typeof optimizer.currentLearningRate === 'function') {
      (this.history.learning_rate ??= []).push(optimizer.currentLearningRate());
    }
  }
}
