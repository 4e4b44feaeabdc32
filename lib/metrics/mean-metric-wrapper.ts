/** {@link MeanMetricWrapper}: a loss reported as a metric, its weighted mean over the samples seen. */
import { classOptionKeys, isInstance, optionsObject } from '../checks';
import { ConfigError } from '../errors';
import type { Tensor } from '../tensor';
import { Loss } from '../../losses/loss';
import { checkMetricName } from './confusion-metric';
import type { Metric } from './metric';

/** Options of {@link MeanMetricWrapper}. */
export interface MeanMetricWrapperOptions {
  /** The loss whose per-sample values are averaged; give it `reduction: 'mean_with_sample_weight'` for Keras's weighted mean. */
  loss: Loss;
  /** The key in logs and History. */
  name: string;
  /** `−1` reports the negated loss (the cosine similarity from its loss). @defaultValue 1 */
  sign?: 1 | -1;
}

/**
 * A batch-mean metric from a loss (Keras's `MeanMetricWrapper` around a loss function):
 * `compute` is `sign · loss.forward(yPred, yTrue, sampleWeight)`, the mean of the per-sample
 * losses over the batch, and the trainer's batch-size-weighted average of batch values is
 * then the mean over the epoch. This gives Keras's regression, probabilistic and hinge metrics
 * (`'mape'`, `'msle'`, `'cosine_similarity'`, `'logcosh'`, `'poisson'`, `'kld'`, `'hinge'`, …)
 * under their Keras names.
 *
 * Shapes: those of the loss, which checks them (its ShapeError names the loss).
 *
 * @throws ConfigError when `loss` is not a Loss, `name` is empty or `sign` is not ±1.
 * @example
 * ```ts
 * const mape = new MeanMetricWrapper({ loss: new MeanAbsolutePercentageError(), name: 'mape' });
 * mape.compute(tensor([[90, 210, 310]]), tensor([[100, 200, 300]])); // 6.1111
 * ```
 */
export class MeanMetricWrapper implements Metric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['loss', 'name', 'sign'];

  /** The registered class name. */
  static readonly className = 'MeanMetricWrapper';

  /** The key in logs and History. */
  readonly name: string;
  /** The wrapped loss. */
  readonly loss: Loss;
  /** `1`, or `−1` for a negated loss. */
  readonly sign: 1 | -1;

  constructor(options: MeanMetricWrapperOptions) {
    const { loss, name, sign = 1 } = optionsObject(options, 'MeanMetricWrapper', classOptionKeys(new.target));
    if (!isInstance(loss, Loss)) throw new ConfigError('MeanMetricWrapper: loss must be a Loss instance');
    if (sign !== 1 && sign !== -1) throw new ConfigError('MeanMetricWrapper: sign must be 1 or -1');
    this.loss = loss;
    this.name = checkMetricName('MeanMetricWrapper', name);
    this.sign = sign;
  }

  /** `sign ·` the loss's (weighted) mean over this batch. */
  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    return this.sign * this.loss.forward(yPred, yTrue, sampleWeight);
  }
}
