/** {@link LearningRateScheduler}: set the learning rate from a function of the epoch. */
import { ConfigError } from '../errors';
import { describeValue } from '../../optimizers/check-options';
import type { Callback, CallbackModel, TrainingParams } from './callback';
import { numericRateOptimizer } from './optimizer-access';

/** A schedule by epoch: the learning rate for `epoch` (from 0) given the current rate `lr`. */
export type EpochSchedule = (epoch: number, lr: number) => number;

/**
 * At the start of each epoch, sets the optimizer's learning rate to `schedule(epoch, lr)`, where
 * `lr` is the current rate (Keras's `LearningRateScheduler`). For a rate that changes every
 * step rather than every epoch, give the optimizer a `LearningRateSchedule` instead.
 *
 * @throws ConfigError when `schedule` is not a function, returns something other than a finite
 * number `>= 0`, or the optimizer's rate is already a schedule.
 * @example
 * ```ts
 * // Keep the rate for 10 epochs, then decay it by e^-0.1 per epoch.
 * new LearningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * Math.exp(-0.1)));
 * ```
 */
export class LearningRateScheduler implements Callback {
  private model: CallbackModel | null = null;

  /** @param schedule - the rate for each epoch from the epoch and the current rate. */
  constructor(readonly schedule: EpochSchedule) {
    if (typeof schedule !== 'function') {
      throw new ConfigError(`LearningRateScheduler: schedule must be a function (epoch, lr) => lr, got ${describeValue(schedule)}`);
    }
  }

  setModel(model: CallbackModel, _params: TrainingParams): void {
    this.model = model;
  }

  /** Sets the optimizer's learning rate to `schedule(epoch, currentRate)`. */
  onEpochBegin(epoch: number): void {
    const optimizer = numericRateOptimizer('LearningRateScheduler', this.model);
    const lr = this.schedule(epoch, optimizer.learningRate);
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new ConfigError(`LearningRateScheduler: schedule(${epoch}, ${optimizer.learningRate}) must return a finite number >= 0, got ${describeValue(lr)}`);
    }
    optimizer.learningRate = lr;
  }
}
