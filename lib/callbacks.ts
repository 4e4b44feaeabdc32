/**
 * Training callbacks: hooks that `fit` calls at the start and end of training, of each epoch
 * and of each batch, in the shape Keras and TensorFlow.js use.
 */

/** Values reported to callbacks, by name: `loss`, metric names, `val_loss`, `val_<metric>`. */
export type Logs = Record<string, number>;

/** The model as callbacks see it: enough to stop training and read or change weights. */
export interface CallbackModel {
  /** Set to true to stop `fit` after the current batch. */
  stopTraining: boolean;
}

/** What `fit` tells callbacks about the run, as Keras's `callback.params`. */
export interface TrainingParams {
  epochs: number;
  /** Batches per epoch. */
  steps: number;
  batchSize: number;
  samples: number;
  verbose: 0 | 1 | 2;
  /** The names that will appear in the epoch logs, e.g. `['loss', 'accuracy', 'val_loss']`. */
  metrics: string[];
}

/**
 * A training callback. Every hook is optional and may return a promise, which `fit` awaits.
 * Epochs and batches are numbered from 0.
 *
 * @example
 * ```ts
 * await model.fit(x, y, { callbacks: [{ onEpochEnd: (epoch, logs) => console.log(epoch, logs?.loss) }] });
 * ```
 */
export interface Callback {
  /** Called once before training with the model being trained and the run's parameters. */
  setModel?(model: CallbackModel, params: TrainingParams): void;
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  /** `logs` holds the epoch's mean training values and the validation values. */
  onEpochEnd?(epoch: number, logs?: Logs): void | Promise<void>;
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  /** `logs` holds the batch's `loss` and metrics, and `size`, the number of samples in it. */
  onBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
}

/**
 * The record of a `fit` run, returned by it: `history.loss[e]` is the mean training loss of
 * epoch `e`, and likewise for every metric and `val_` value (Keras's `History`).
 */
export class History implements Callback {
  /** The epochs run, from 0 (or `initialEpoch`). */
  readonly epoch: number[] = [];
  /** One array per logged name, one value per epoch. */
  readonly history: Record<string, number[]> = {};
  /** The run's parameters, set when training begins. */
  params: TrainingParams | null = null;

  setModel(_model: CallbackModel, params: TrainingParams): void {
    this.params = params;
  }

  onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const [key, value] of Object.entries(logs)) (this.history[key] ??= []).push(value);
  }
}

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
