/** {@link Precision}: the fraction of predicted positives that are positive. */
import { ConfusionMetric, divideNoNaN, type ConfusionCounts, type ThresholdMetricOptions } from './confusion-metric';

/**
 * `precision = TP / (TP + FP)` over every element seen since the last reset (0 when nothing
 * was predicted positive), with `yPred > threshold` counted as a positive prediction and
 * `yTrue ≠ 0` as a positive label: Keras's `Precision`. A streaming metric: the epoch value
 * is computed from the epoch's total counts, not averaged over batches.
 *
 * Shapes: yPred and yTrue equal, e.g. `[N, 1]` probabilities and 0/1 labels.
 *
 * @throws ConfigError for a non-finite threshold; ShapeError when the shapes differ.
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['precision', new Precision({ threshold: 0.7, name: 'precision70' })] });
 * ```
 */
export class Precision extends ConfusionMetric {
  /** The registered class name. */
  static readonly className = 'Precision';

  constructor(options: ThresholdMetricOptions = {}) {
    super('Precision', 'precision', options);
  }

  protected fromCounts(c: ConfusionCounts): number {
    return divideNoNaN(c.tp, c.tp + c.fp);
  }
}
