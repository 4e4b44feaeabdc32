/**
 * The {@link Callback} contract: hooks that `fit` calls at the start and end of training, of
 * each epoch and of each batch, in the shape Keras and TensorFlow.js use; and the model and run
 * parameters callbacks see.
 */
import type { Layer } from '../../layers/layer';
import type { LearningRateSchedule } from '../../optimizers/schedules';
import type { Tensor } from '../tensor';
import type { TrainStepObserver } from '../engine/train-step-observer';

/** Values reported to callbacks, by name: `loss`, metric names, `val_loss`, `val_<metric>`. */
export type Logs = Record<string, number>;

/** The optimizer as callbacks see it: a learning rate to read and set. */
export interface CallbackOptimizer {
  /** The learning rate as given: a number, or a schedule (which callbacks do not overwrite). */
  learningRate: number | LearningRateSchedule;
  /** The rate the next step uses (a schedule's value at the current iteration). */
  currentLearningRate?(): number;
  /** The factor the training step scales the loss by (a `LossScaleOptimizer`'s `S`; 1 for the others). */
  lossScale?(): number;
}

/**
 * The model as callbacks see it: enough to stop training, read or change weights, reach the
 * optimizer and the layers, save, and observe training steps. Only `stopTraining` is required,
 * so a hand-made object can stand in for a model in tests; a callback that needs more throws a
 * StateError naming what is missing. {@link Sequential} has all of it.
 */
export interface CallbackModel {
  /** Set to true to stop `fit` after the current batch. */
  stopTraining: boolean;
  /** Copies of every weight, in layer order. */
  getWeights?(): Tensor[];
  /** Replaces every weight, in the order of `getWeights`. */
  setWeights?(weights: readonly Tensor[]): void;
  /** The compiled optimizer, or `null` before compile. */
  readonly optimizer?: CallbackOptimizer | null;
  /** The layers, first to last. */
  readonly layers?: readonly Layer[];
  /**
   * Saves the model (architecture and weights) at `path`; with `includeOptimizer`, also the
   * optimizer state and `epoch`, the number of epochs completed, for an exact resume.
   */
  save?(path: string, options?: { includeOptimizer?: boolean; epoch?: number }): unknown;
  /** The observer called inside every training step, or `null`. */
  trainObserver?: TrainStepObserver | null;
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
  /** Called once before the first epoch. */
  onTrainBegin?(logs?: Logs): void | Promise<void>;
  /** Called once after the last epoch, also when training stopped early. */
  onTrainEnd?(logs?: Logs): void | Promise<void>;
  /** Called at the start of each epoch. */
  onEpochBegin?(epoch: number, logs?: Logs): void | Promise<void>;
  /** `logs` holds the epoch's training values (metric means, or streaming results) and the validation values. */
  onEpochEnd?(epoch: number, logs?: Logs): void | Promise<void>;
  /** Called before each batch's training step; `logs` holds `batch` and `size`. */
  onBatchBegin?(batch: number, logs?: Logs): void | Promise<void>;
  /** `logs` holds the batch's `loss` and metrics, and `size`, the number of samples in it. */
  onBatchEnd?(batch: number, logs?: Logs): void | Promise<void>;
}
