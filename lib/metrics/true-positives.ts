/** {@link TruePositives}: the count of elements labelled positive and predicted positive. */
import { ConfusionMetric, type ConfusionCounts, type ThresholdMetricOptions } from './confusion-metric';

/**
 * The number of elements seen since the last reset that are labelled positive and predicted positive (`yTrue ≠ 0`, `yPred > threshold`): Keras's `TruePositives` with one
 * threshold. With `sampleWeight` each element counts its weight. A streaming metric: the
 * epoch value is the epoch's total count.
 *
 * Shapes: yPred and yTrue equal, any rank.
 *
 * @throws ConfigError for a non-finite threshold; ShapeError when the shapes differ.
 * @example
 * ```ts
 * new TruePositives().compute(tensor([[0.9], [0.2], [0.7], [0.1]]), tensor([[1], [1], [0], [0]])); // 1
 * ```
 */
export class TruePositives extends ConfusionMetric {
  /** The registered class name. */
  static readonly className = 'TruePositives';

  constructor(options: ThresholdMetricOptions = {}) {
    super('TruePositives', 'truePositives', options);
  }

  protected fromCounts(c: ConfusionCounts): number {
    return c.tp;
  }
}
