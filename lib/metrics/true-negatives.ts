/** {@link TrueNegatives}: the count of elements labelled negative and predicted negative. */
import { ConfusionMetric, type ConfusionCounts, type ThresholdMetricOptions } from './confusion-metric';

/**
 * The number of elements seen since the last reset that are labelled negative and predicted negative (`yTrue = 0`, `yPred ≤ threshold`): Keras's `TrueNegatives` with one
 * threshold. With `sampleWeight` each element counts its weight. A streaming metric: the
 * epoch value is the epoch's total count.
 *
 * Shapes: yPred and yTrue equal, any rank.
 *
 * @throws ConfigError for a non-finite threshold; ShapeError when the shapes differ.
 * @example
 * ```ts
 * new TrueNegatives().compute(tensor([[0.9], [0.2], [0.7], [0.1]]), tensor([[1], [1], [0], [0]])); // 1
 * ```
 */
export class TrueNegatives extends ConfusionMetric {
  /** The registered class name. */
  static readonly className = 'TrueNegatives';

  constructor(options: ThresholdMetricOptions = {}) {
    super('TrueNegatives', 'trueNegatives', options);
  }

  protected fromCounts(c: ConfusionCounts): number {
    return c.tn;
  }
}
