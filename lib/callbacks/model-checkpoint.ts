/** {@link ModelCheckpoint}: save the model (or its weights) every N epochs, or only after the best. */
import { classOptionKeys, optionsObject } from '../checks';
import { ConfigError, StateError } from '../errors';
import { assertNode } from '../node-only';
import { commitFile } from '../serialization/durable-write';
import { dtypeOf, toArray, type Tensor } from '../tensor';
import { checkBoolean, describeValue } from '../../optimizers/check-options';
import type { Callback, CallbackModel, Logs, TrainingParams } from './callback';
import { formatFilepath } from './format-filepath';
import { checkMonitorLogged, checkMonitorName, readMonitored, resolveMode, type MonitorMode } from './monitored-value';

/** Options of {@link ModelCheckpoint}, with Keras's names and defaults. */
export interface ModelCheckpointOptions {
  /** Where to save; `{epoch}`, `{epoch:02d}` and logged names such as `{val_loss:.4f}` are filled in (see {@link formatFilepath}). */
  filepath: string;
  /** The logged value that decides the best epoch. @defaultValue 'val_loss' */
  monitor?: string;
  /** Save only when `monitor` improves on the best value so far; otherwise after every epoch. @defaultValue false */
  saveBestOnly?: boolean;
  /** Whether smaller (`'min'`) or larger (`'max'`) is better; `'auto'` decides from the name. @defaultValue 'auto' */
  mode?: MonitorMode;
  /** Save only the weights, as JSON, rather than the whole model. @defaultValue false */
  saveWeightsOnly?: boolean;
  /**
   * With the whole model, also save the optimizer state, the random generators and the number
   * of epochs completed, so that `loadCheckpoint` and `fit(x, y, { initialEpoch: epoch, seed })`
   * resume exactly (Keras's ModelCheckpoint saves the optimizer too unless `saveWeightsOnly`).
   * Ignored with `saveWeightsOnly`. @defaultValue true
   */
  includeOptimizer?: boolean;
  /**
   * Save (or, with `saveBestOnly`, consider saving) only after every `period`-th epoch: epochs
   * `period`, `2·period`, … counted from 1 as in the file names, Keras 2's `period`. (Keras 3's
   * `save_freq` counts batches instead.) @defaultValue 1
   */
  period?: number;
}

/** The JSON a weights-only checkpoint holds: every weight in `getWeights()` order. */
export interface WeightsFile {
  format: 'layerwise-weights';
  weights: { shape: number[]; dtype: string; values: unknown }[];
}

/**
 * Saves the model after every `period`-th epoch, or with `saveBestOnly` only after those
 * epochs whose `monitor` value beats the best so far (strictly: `v < best` in mode `'min'`,
 * `v > best` in `'max'`, Keras's rule). Unless `saveWeightsOnly`, the model saves itself through
 * `save(path, { includeOptimizer, epoch })`, where `epoch` is the number of epochs completed
 * (for a Sequential: an atomic save of a directory with `model.json` and the weights, loadable by
 * `loadModel`, and by `loadCheckpoint` to resume); otherwise the weights are written as JSON
 * ({@link WeightsFile}: shape, dtype and nested values of each `getWeights()` tensor), which
 * `setWeights` can take back, creating missing folders. That file too is replaced atomically
 * (a temporary file, flushed, renamed over it), so a crash never leaves a truncated checkpoint.
 *
 * @throws ConfigError for bad options, a monitor that is not logged, an unknown placeholder, or outside Node (it writes files).
 * @throws StateError when the model can neither `save` nor `getWeights`.
 * @example
 * ```ts
 * new ModelCheckpoint({ filepath: 'checkpoints/best.json', monitor: 'val_accuracy', saveBestOnly: true, saveWeightsOnly: true });
 * // Every 10 epochs, resumable: loadCheckpoint('checkpoints/epoch-20') gives { model, epoch: 20 }.
 * new ModelCheckpoint({ filepath: 'checkpoints/epoch-{epoch}', period: 10 });
 * ```
 */
export class ModelCheckpoint implements Callback {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['filepath', 'monitor', 'saveBestOnly', 'mode', 'saveWeightsOnly', 'includeOptimizer', 'period'];

  /** The path template. */
  readonly filepath: string;
  /** The watched name. */
  readonly monitor: string;
  /** Whether only improvements are saved. */
  readonly saveBestOnly: boolean;
  /** The resolved direction of improvement. */
  readonly mode: 'min' | 'max';
  /** Whether only weights are saved. */
  readonly saveWeightsOnly: boolean;
  /** Whether a whole-model save includes the optimizer state and the epoch. */
  readonly includeOptimizer: boolean;
  /** Saves happen after epochs whose number (from 1) is a multiple of this. */
  readonly period: number;

  /** The best monitored value so far (±Infinity before the first save). */
  best: number;
  /** The paths written, in order. */
  readonly saved: string[] = [];

  private model: CallbackModel | null = null;

  constructor(options: ModelCheckpointOptions) {
    assertNode('ModelCheckpoint', 'in a browser, keep the best weights with a LambdaCallback and model.toJSON()');
    const {
      filepath, monitor = 'val_loss', saveBestOnly = false, mode = 'auto', saveWeightsOnly = false, includeOptimizer = true, period = 1,
    } = optionsObject(options ?? undefined, 'ModelCheckpoint', classOptionKeys(new.target)); // null: no options
    if (typeof filepath !== 'string' || filepath.length === 0) {
      throw new ConfigError(`ModelCheckpoint: filepath must be a non-empty string, got ${describeValue(filepath)}`);
    }
    this.filepath = filepath;
    this.monitor = checkMonitorName('ModelCheckpoint', monitor);
    this.saveBestOnly = checkBoolean('ModelCheckpoint', 'saveBestOnly', saveBestOnly);
    this.mode = resolveMode('ModelCheckpoint', this.monitor, mode);
    this.saveWeightsOnly = checkBoolean('ModelCheckpoint', 'saveWeightsOnly', saveWeightsOnly);
    this.includeOptimizer = checkBoolean('ModelCheckpoint', 'includeOptimizer', includeOptimizer);
    if (!Number.isInteger(period) || period < 1) {
      throw new ConfigError(`ModelCheckpoint: period must be a positive integer (epochs between saves), got ${describeValue(period)}`);
    }
    this.period = period;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  setModel(model: CallbackModel, params: TrainingParams): void {
    if (this.saveBestOnly) checkMonitorLogged('ModelCheckpoint', this.monitor, params);
    this.model = model;
  }

  async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    if ((epoch + 1) % this.period !== 0) return;
    if (this.saveBestOnly) {
      const current = readMonitored('ModelCheckpoint', this.monitor, logs);
      if (!(this.mode === 'min' ? current < this.best : current > this.best)) return;
      this.best = current;
    }
    await this.save(formatFilepath('ModelCheckpoint', this.filepath, epoch, logs), epoch + 1);
  }

  /** Saves to `path` after `completed` epochs. */
  private async save(path: string, completed: number): Promise<void> {
    const model = this.model;
    if (!model) throw new StateError('ModelCheckpoint: no model; fit calls setModel before training');
    if (!this.saveWeightsOnly && typeof model.save === 'function') {
      await model.save(path, this.includeOptimizer ? { includeOptimizer: true, epoch: completed } : {});
    } else {
      if (typeof model.getWeights !== 'function') throw new StateError('ModelCheckpoint: the model has neither save nor getWeights');
      await commitFile(path, JSON.stringify(weightsFile(model.getWeights())));
    }
    this.saved.push(path);
  }
}

/** The {@link WeightsFile} for `weights`. */
export function weightsFile(weights: readonly Tensor[]): WeightsFile {
  return { format: 'layerwise-weights', weights: weights.map((w) => ({ shape: w.shape.slice(), dtype: dtypeOf(w), values: toArray(w) })) };
}
