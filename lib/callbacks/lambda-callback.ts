/** {@link LambdaCallback}: a callback from plain functions. */
import { ConfigError } from '../errors';
import { describeValue } from '../../optimizers/check-options';
import type { Callback, Logs } from './callback';
import { classOptionKeys, optionsObject } from '../checks';

/** The hooks of a {@link LambdaCallback}; each is optional. */
export interface LambdaCallbackOptions {
  /** Called before training. */
  onTrainBegin?: (logs?: Logs) => void | Promise<void>;
  /** Called after training. */
  onTrainEnd?: (logs?: Logs) => void | Promise<void>;
  /** Called at the start of each epoch. */
  onEpochBegin?: (epoch: number, logs?: Logs) => void | Promise<void>;
  /** Called at the end of each epoch with the epoch's logs. */
  onEpochEnd?: (epoch: number, logs?: Logs) => void | Promise<void>;
  /** Called before each batch. */
  onBatchBegin?: (batch: number, logs?: Logs) => void | Promise<void>;
  /** Called after each batch with the batch's logs. */
  onBatchEnd?: (batch: number, logs?: Logs) => void | Promise<void>;
}

/**
 * A callback made of the functions given (Keras's `LambdaCallback`).
 *
 * @throws ConfigError for a key that is not a hook name (a typo would otherwise never run) or a
 * hook that is not a function.
 * @example
 * ```ts
 * const losses: number[] = [];
 * new LambdaCallback({ onEpochEnd: (epoch, logs) => { losses.push(logs?.loss ?? NaN); } });
 * ```
 */
export class LambdaCallback implements Callback {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['onTrainBegin', 'onTrainEnd', 'onEpochBegin', 'onEpochEnd', 'onBatchBegin', 'onBatchEnd'] satisfies (keyof LambdaCallbackOptions)[];

  /** See {@link LambdaCallbackOptions.onTrainBegin}. */
  readonly onTrainBegin?: Required<LambdaCallbackOptions>['onTrainBegin'];
  /** See {@link LambdaCallbackOptions.onTrainEnd}. */
  readonly onTrainEnd?: Required<LambdaCallbackOptions>['onTrainEnd'];
  /** See {@link LambdaCallbackOptions.onEpochBegin}. */
  readonly onEpochBegin?: Required<LambdaCallbackOptions>['onEpochBegin'];
  /** See {@link LambdaCallbackOptions.onEpochEnd}. */
  readonly onEpochEnd?: Required<LambdaCallbackOptions>['onEpochEnd'];
  /** See {@link LambdaCallbackOptions.onBatchBegin}. */
  readonly onBatchBegin?: Required<LambdaCallbackOptions>['onBatchBegin'];
  /** See {@link LambdaCallbackOptions.onBatchEnd}. */
  readonly onBatchEnd?: Required<LambdaCallbackOptions>['onBatchEnd'];

  constructor(options: LambdaCallbackOptions = {}) {
    options = optionsObject(options, 'LambdaCallback', classOptionKeys(new.target));
    for (const [key, value] of Object.entries(options)) {
      if (value !== undefined && typeof value !== 'function') {
        throw new ConfigError(`LambdaCallback: ${key} must be a function, got ${describeValue(value)}`);
      }
    }
    Object.assign(this, options);
  }
}
