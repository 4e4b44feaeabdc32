/** {@link ReduceLROnPlateau}: lower the learning rate when a monitored value stops improving. */
import { checkFraction, checkNonNegative } from '../../optimizers/check-options';
import type { Callback, CallbackModel, Logs, TrainingParams } from './callback';
import {
  checkMonitorLogged, checkMonitorName, checkNonNegativeInteger, readMonitored, resolveMode, type MonitorMode,
} from './monitored-value';
import { numericRateOptimizer } from './optimizer-access';
import { classOptionKeys, optionsObject } from '../checks';
import { messageWriter, VERBOSE_OPTION_KEYS, type VerboseOptions } from './verbose-messages';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link ReduceLROnPlateau}, with Keras's names and defaults. */
export interface ReduceLROnPlateauOptions extends VerboseOptions {
  /** The logged value to watch. @defaultValue 'val_loss' */
  monitor?: string;
  /** The rate is multiplied by this on a plateau; in `[0, 1)`. @defaultValue 0.1 */
  factor?: number;
  /** Epochs without improvement before the rate is reduced. @defaultValue 10 */
  patience?: number;
  /** Whether smaller (`'min'`) or larger (`'max'`) is better; `'auto'` decides from the name. @defaultValue 'auto' */
  mode?: MonitorMode;
  /** The least change that counts as an improvement. @defaultValue 1e-4 */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting again. @defaultValue 0 */
  cooldown?: number;
  /** The rate is never reduced below this. @defaultValue 0 */
  minLr?: number;
}

/**
 * Multiplies the optimizer's learning rate by `factor` when `monitor` has not improved for
 * `patience` epochs (Keras's `ReduceLROnPlateau`). After each epoch with value `v`:
 * 1. during a cooldown, the cooldown count drops by one and the waiting count is reset;
 * 2. `v` improves when `v < best − minDelta` (`'min'`) or `v > best + minDelta` (`'max'`);
 *    then `best = v` and the waiting count is reset;
 * 3. otherwise, outside a cooldown, the waiting count grows; when it reaches `patience` and
 *    `lr > minLr`, the rate becomes `max(lr · factor, minLr)`, a cooldown of `cooldown` epochs
 *    starts and the waiting count is reset.
 *
 * The optimizer's `learningRate` must be a number (a schedule already decides the rate).
 *
 * @throws ConfigError for bad options, a monitor that is not logged, or a schedule.
 * @example
 * ```ts
 * new ReduceLROnPlateau({ monitor: 'val_loss', factor: 0.5, patience: 3, minLr: 1e-5 });
 * ```
 */
export class ReduceLROnPlateau implements Callback {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['monitor', 'factor', 'patience', 'mode', 'minDelta', 'cooldown', 'minLr', ...VERBOSE_OPTION_KEYS];

  /** The watched name. */
  readonly monitor: string;
  /** The reduction factor, in `[0, 1)`. */
  readonly factor: number;
  /** Epochs without improvement before a reduction. */
  readonly patience: number;
  /** The resolved direction of improvement. */
  readonly mode: 'min' | 'max';
  /** The improvement margin. */
  readonly minDelta: number;
  /** Epochs of cooldown after a reduction. */
  readonly cooldown: number;
  /** The floor of the learning rate. */
  readonly minLr: number;

  /** Epochs since the last improvement (outside cooldowns). */
  wait = 0;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  /** The best value seen (±Infinity before the first epoch). */
  best: number;

  private model: CallbackModel | null = null;
  private readonly say: (line: string) => void;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    options = optionsObject(options, 'ReduceLROnPlateau', classOptionKeys(new.target));
    const { monitor = 'val_loss', factor = 0.1, patience = 10, mode = 'auto', minDelta = 1e-4, cooldown = 0, minLr = 0 } = options;
    this.monitor = checkMonitorName('ReduceLROnPlateau', monitor);
    this.factor = checkFraction('ReduceLROnPlateau', 'factor', factor);
    this.patience = checkNonNegativeInteger('ReduceLROnPlateau', 'patience', patience);
    this.mode = resolveMode('ReduceLROnPlateau', this.monitor, mode);
    this.minDelta = checkNonNegative('ReduceLROnPlateau', 'minDelta', minDelta);
    this.cooldown = checkNonNegativeInteger('ReduceLROnPlateau', 'cooldown', cooldown);
    this.minLr = checkNonNegative('ReduceLROnPlateau', 'minLr', minLr);
    this.say = messageWriter('ReduceLROnPlateau', options);
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  setModel(model: CallbackModel, params: TrainingParams): void {
    checkMonitorLogged('ReduceLROnPlateau', this.monitor, params);
    this.model = model;
  }

  /** Resets the patience and cooldown counters and the best value. */
  onTrainBegin(): void {
    this.wait = 0;
    this.cooldownCounter = 0;
    this.best = this.mode === 'min' ? Infinity : -Infinity;
  }

  /** With `verbose: 1`, a reduction prints Keras's line: `Epoch 5: ReduceLROnPlateau reducing learning rate to 0.05.` */
  onEpochEnd(epoch: number, logs?: Logs): void {
    const current = readMonitored('ReduceLROnPlateau', this.monitor, logs);
    const optimizer = numericRateOptimizer('ReduceLROnPlateau', this.model);
    if (this.cooldownCounter > 0) {
      this.cooldownCounter--;
      this.wait = 0;
    }
    const improved = this.mode === 'min' ? current < this.best - this.minDelta : current > this.best + this.minDelta;
    if (improved) {
      this.best = current;
      this.wait = 0;
      return;
    }
    if (this.cooldownCounter > 0) return;
    this.wait++;
    if (this.wait >= this.patience && optimizer.learningRate > this.minLr) {
      optimizer.learningRate = math.max(optimizer.learningRate * this.factor, this.minLr);
      this.say(`Epoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${optimizer.learningRate}.`);
      this.cooldownCounter = this.cooldown;
      this.wait = 0;
    }
  }
}
