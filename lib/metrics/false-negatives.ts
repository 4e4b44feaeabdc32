/** {@link FalseNegatives}: the count of elements labelled positive but predicted negative. */
import { ConfusionMetric, type ConfusionCounts, type ThresholdMetricOptions } from './confusion-metric';

/**
 * The number of elements seen since the last reset that are labelled positive but predicted negative (`yTrue ≠ 0`, `yPred ≤ threshold`): Keras's `FalseNegatives` with one
 * threshold. With `sampleWeight` each element counts its weight. A streaming metric: the
 * epoch value is the epoch's total count.
 *
 * Shapes: yPred and yTrue equal, any rank.
 *
 * @throws ConfigError for a non-finite threshold; ShapeError when the shapes differ.
 * @example
 * ```ts
 * new FalseNegatives().compute(tensor([[0.9], [0.2], [0.7], [0.1]]), tensor([[1], [1], [0], [0]])); // 1
 * ```
 */
export class FalseNegatives extends ConfusionMetric {
  /** The registered class name. */
  static readonly className = 'FalseNegatives';

  constructor(options: ThresholdMetricOptions = {}) {
    super('FalseNegatives', 'falseNegatives', options);
  }

  protected fromCounts(c: ConfusionCounts): number {
    return c.fn;
  }
}
