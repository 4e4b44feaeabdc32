/**
 * The abstract {@link LearningRateSchedule}: a learning rate that depends on the optimizer's
 * step count, as Keras 3's `keras.optimizers.schedules.LearningRateSchedule`.
 */

import { formatValue } from '../../lib/checks';
import { DataError } from '../../lib/errors';

/** The JSON form of a schedule's options. */
export interface ScheduleConfig {
  [option: string]: unknown;
}

/** A schedule as saved inside an optimizer's config: `{ className: 'ExponentialDecay', config: {...} }`. */
export interface SerializedSchedule {
  className: string;
  config: ScheduleConfig;
}

/**
 * The base of every learning-rate schedule. An optimizer whose `learningRate` is a schedule uses
 * `η_t = schedule.valueAt(t)` for its step `t = 0, 1, 2, …` (its `iterations` before the step).
 * Schedules are pure functions of the step and hold no state.
 *
 * @example
 * ```ts
 * const optimizer = new SGD({ learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96 }) });
 * ```
 */
export abstract class LearningRateSchedule {
  /** The registered class name; every subclass sets its own. */
  static readonly className: string = 'LearningRateSchedule';

  /** The registered class name of this instance, e.g. `'ExponentialDecay'`. */
  get className(): string {
    return (this.constructor as unknown as { className: string }).className;
  }

  /**
   * The learning rate for optimizer step `step` (0 for the first step).
   * @throws DataError when `step` is not a number.
   */
  abstract valueAt(step: number): number;

  /** The options as plain JSON; `new Cls(getConfig())` rebuilds the schedule. */
  abstract getConfig(): ScheduleConfig;

  /**
   * Throws unless `step` is a number, so that `valueAt` never does arithmetic on a string, a
   * BigInt or an object (which would coerce, or throw a `TypeError`).
   * @throws DataError naming the schedule and the value.
   */
  protected checkStep(step: unknown): asserts step is number {
    if (typeof step !== 'number') throw new DataError(`${this.className}: step must be a number, got ${formatValue(step)}`);
  }

  /** `{ className, config }`, the form an optimizer's `getConfig()` stores. */
  serialize(): SerializedSchedule {
    return { className: this.className, config: this.getConfig() };
  }
}
