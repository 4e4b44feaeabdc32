/** {@link CallbackList}: how `fit` calls a list of callbacks. */
import type { Callback, CallbackModel, Logs, TrainingParams } from './callback';

/** Calls each hook on a list of callbacks in order, awaiting each. */
export class CallbackList {
  constructor(private readonly callbacks: readonly Callback[]) {}

  setModel(model: CallbackModel, params: TrainingParams): void {
    for (const c of this.callbacks) c.setModel?.(model, params);
  }

  async onTrainBegin(logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onTrainBegin?.(logs);
  }

  async onTrainEnd(logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onTrainEnd?.(logs);
  }

  async onEpochBegin(epoch: number, logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onEpochBegin?.(epoch, logs);
  }

  async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onEpochEnd?.(epoch, logs);
  }

  async onBatchBegin(batch: number, logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onBatchBegin?.(batch, logs);
  }

  async onBatchEnd(batch: number, logs?: Logs): Promise<void> {
    for (const c of this.callbacks) await c.onBatchEnd?.(batch, logs);
  }
}
