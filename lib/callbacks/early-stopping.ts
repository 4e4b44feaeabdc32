/** {@link EarlyStopping}: stop training when a monitored value stops improving. */
import { ConfigError, StateError } from '../errors';
import type { Tensor } from '../tensor';
import { checkBoolean, checkNonNegative, describeValue } from '../../optimizers/check-options';
import type { Callback, CallbackModel, Logs, TrainingParams } from './callback';
import {
  checkMonitorLogged, checkMonitorName, checkNonNegativeInteger, readMonitored, resolveMode, type MonitorMode,
} from './monitored-value';
import { classOptionKeys, optionsObject } from '../checks';
import { messageWriter, VERBOSE_OPTION_KEYS, type VerboseOptions } from './verbose-messages';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link EarlyStopping}, with Keras's names and defaults. */
export interface EarlyStoppingOptions extends VerboseOptions {
  /** The logged value to watch. @defaultValue 'val_loss' */
  monitor?: string;
  /** The least change that counts as an improvement (its absolute value is used). @defaultValue 0 */
  minDelta?: number;
  /** How many epochs without improvement to allow before stopping. @defaultValue 0 */
  patience?: number;
  /** Whether smaller (`'min'`) or larger (`'max'`) is better; `'auto'` decides from the name. @defaultValue 'auto' */
  mode?: MonitorMode;
  /** A value to beat: until an epoch beats it, the patience count is never reset. @defaultValue null */
  baseline?: number | null;
  /** At the end of training, put back the weights of the best epoch. @defaultValue false */
  restoreBestWeights?: boolean;
}

/**
 * Stops `fit` when `monitor` has not improved for `patience` epochs, as Keras 3's
 * `EarlyStopping` does. After each epoch with value `v`, with `best` the best value so far:
 * - `v` improves when `v + minDelta < best` (mode `'min'`) or `v − minDelta > best` (`'max'`):
 *   it must beat `best` by more than `minDelta`; the first value always improves;
 * - on improvement, `best = v` and the waiting count returns to 0, unless a `baseline` is set
 *   and `v` does not beat it too;
 * - otherwise the count grows by one, and once it reaches `patience` (from the second epoch on)
 *   the model's `stopTraining` is set.
 *
 * With `restoreBestWeights`, the weights after the best epoch are copied (`getWeights`) and
 * put back (`setWeights`) when training ends, whether it stopped early or ran out of epochs
 * (Keras 3's behaviour; TensorFlow.js throws on this option).
 *
 * @throws ConfigError for bad options, or when `monitor` is not among the logged names.
 * @example
 * ```ts
 * await model.fit(x, y, { epochs: 100, validationSplit: 0.2, callbacks: [new EarlyStopping({ patience: 5, restoreBestWeights: true })] });
 * ```
 */
export class EarlyStopping implements Callback {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['monitor', 'minDelta', 'patience', 'mode', 'baseline', 'restoreBestWeights', ...VERBOSE_OPTION_KEYS];

  /** The watched name. */
  readonly monitor: string;
  /** The improvement margin, `≥ 0`. */
  readonly minDelta: number;
  /** Epochs without improvement allowed. */
  readonly patience: number;
  /** The resolved direction of improvement. */
  readonly mode: 'min' | 'max';
  /** The value to beat, or `null`. */
  readonly baseline: number | null;
  /** Whether the best weights are restored at the end. */
  readonly restoreBestWeights: boolean;

  /** Epochs since the last improvement. */
  wait = 0;
  /** The best value seen, or `null` before the first epoch. */
  best: number | null = null;
  /** The epoch of the best value. */
  bestEpoch = 0;
  /** The epoch after which training was stopped, or 0 when it was not. */
  stoppedEpoch = 0;

  private model: CallbackModel | null = null;
  private bestWeights: Tensor[] | null = null;
  private readonly say: (line: string) => void;

  constructor(options: EarlyStoppingOptions = {}) {
    options = optionsObject(options, 'EarlyStopping', classOptionKeys(new.target));
    const { monitor = 'val_loss', minDelta = 0, patience = 0, mode = 'auto', baseline = null, restoreBestWeights = false } = options;
    this.monitor = checkMonitorName('EarlyStopping', monitor);
    this.minDelta = checkNonNegative('EarlyStopping', 'minDelta', typeof minDelta === 'number' ? math.abs(minDelta) : minDelta);
    this.patience = checkNonNegativeInteger('EarlyStopping', 'patience', patience);
    this.mode = resolveMode('EarlyStopping', this.monitor, mode);
    if (baseline !== null && (typeof baseline !== 'number' || !Number.isFinite(baseline))) {
      throw new ConfigError(`EarlyStopping: baseline must be a finite number or null, got ${describeValue(baseline)}`);
    }
    this.baseline = baseline;
    this.restoreBestWeights = checkBoolean('EarlyStopping', 'restoreBestWeights', restoreBestWeights);
    this.say = messageWriter('EarlyStopping', options);
  }

  setModel(model: CallbackModel, params: TrainingParams): void {
    checkMonitorLogged('EarlyStopping', this.monitor, params);
    this.model = model;
  }

  /** Resets the patience counter and the best value, so one instance can serve several fits. */
  onTrainBegin(): void {
    this.wait = 0;
    this.best = null;
    this.bestEpoch = 0;
    this.stoppedEpoch = 0;
    this.bestWeights = null;
  }

  onEpochEnd(epoch: number, logs?: Logs): void {
    const current = readMonitored('EarlyStopping', this.monitor, logs);
    const model = this.requireModel();
    // Until an improvement is recorded, the weights at hand are the best ones.
    if (this.restoreBestWeights && this.bestWeights === null) {
      this.bestWeights = this.weightsOf(model);
      this.bestEpoch = epoch;
    }
    this.wait++;
    if (this.isImprovement(current, this.best)) {
      this.best = current;
      this.bestEpoch = epoch;
      if (this.restoreBestWeights) this.bestWeights = this.weightsOf(model);
      if (this.baseline === null || this.isImprovement(current, this.baseline)) this.wait = 0;
      return;
    }
    if (this.wait >= this.patience && epoch > 0) {
      this.stoppedEpoch = epoch;
      model.stopTraining = true;
    }
  }

  /**
   * With `restoreBestWeights`, puts back the weights of the best epoch. With `verbose: 1` it says
   * so, and says when it stopped training, in Keras's words (epochs counted from 1):
   * `Restoring model weights from the end of the best epoch: 3.` and `Epoch 6: early stopping`.
   */
  onTrainEnd(): void {
    if (this.restoreBestWeights && this.bestWeights !== null) {
      const model = this.requireModel();
      if (typeof model.setWeights !== 'function') throw new StateError('EarlyStopping: restoreBestWeights needs a model with setWeights');
      this.say(`Restoring model weights from the end of the best epoch: ${this.bestEpoch + 1}.`);
      model.setWeights(this.bestWeights);
    }
    if (this.stoppedEpoch > 0) this.say(`Epoch ${this.stoppedEpoch + 1}: early stopping`);
  }

  private isImprovement(value: number, reference: number | null): boolean {
    if (reference === null) return true;
    return this.mode === 'min' ? value + this.minDelta < reference : value - this.minDelta > reference;
  }

  private weightsOf(model: CallbackModel): Tensor[] {
    if (typeof model.getWeights !== 'function') throw new StateError('EarlyStopping: restoreBestWeights needs a model with getWeights');
    return model.getWeights();
  }

  private requireModel(): CallbackModel {
    if (!this.model) throw new StateError('EarlyStopping: no model; fit calls setModel before training');
    return this.model;
  }
}
