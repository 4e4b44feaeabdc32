/** {@link Recall}: the fraction of positives predicted positive. */
import { ConfusionMetric, divideNoNaN, type ConfusionCounts, type ThresholdMetricOptions } from './confusion-metric';

/**
 * `recall = TP / (TP + FN)` over every element seen since the last reset (0 when there is no
 * positive label), with `yPred > threshold` counted as a positive prediction and `yTrue ≠ 0`
 * as a positive label: Keras's `Recall`. A streaming metric.
 *
 * Shapes: yPred and yTrue equal, e.g. `[N, 1]` probabilities and 0/1 labels.
 *
 * @throws ConfigError for a non-finite threshold; ShapeError when the shapes differ.
 * @example
 * ```ts
 * new Recall().compute(tensor([[0.9], [0.2], [0.7]]), tensor([[1], [1], [0]])); // 1 of 2 positives found: 0.5
 * ```
 */
export class Recall extends ConfusionMetric {
  /** The registered class name. */
  static readonly className = 'Recall';

  constructor(options: ThresholdMetricOptions = {}) {
    super('Recall', 'recall', options);
  }

  protected fromCounts(c: ConfusionCounts): number {
    return divideNoNaN(c.tp, c.tp + c.fn);
  }
}
