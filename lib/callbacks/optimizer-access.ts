/** How learning-rate callbacks reach the optimizer's rate, with the errors they share. */
import { ConfigError, StateError } from '../errors';
import type { CallbackModel, CallbackOptimizer } from './callback';

/**
 * The model's optimizer with a fixed, numeric learning rate.
 * @throws StateError when the model has no optimizer (not compiled).
 * @throws ConfigError when the learning rate is a schedule, which these callbacks must not overwrite (Keras refuses too).
 */
export function numericRateOptimizer(owner: string, model: CallbackModel | null): CallbackOptimizer & { learningRate: number } {
  const optimizer = model?.optimizer;
  if (!optimizer) throw new StateError(`${owner}: the model has no optimizer; compile it first`);
  if (typeof optimizer.learningRate !== 'number') {
    throw new ConfigError(`${owner}: the optimizer's learningRate is a ${optimizer.learningRate.className} schedule; expected a number to adjust. Use a schedule or this callback, not both`);
  }
  return optimizer as CallbackOptimizer & { learningRate: number };
}
