/** {@link PrecisionAtRecall}: the best precision at a given recall. */
import { ThresholdCurveMetric, type ThresholdCurve, type ThresholdCurveOptions } from './threshold-curve-metric';

/**
 * The largest precision over the thresholds at which the recall is at least `recall` (Keras's `PrecisionAtRecall`): at
 * each threshold `t_j` of {@link ThresholdCurveMetric} (`yPred > t_j` predicted positive),
 * with precision `TP/(TP + FP)` and recall `TP/(TP + FN)`; the result is `max { precision_j : recall_j ≥ recall }`, 0 when none qualifies. A streaming metric.
 *
 * Shapes: yPred and yTrue equal, e.g. `[N, 1]` scores and 0/1 labels; with `classId`, `[N, C]`.
 *
 * @throws ConfigError when `recall` is not in `[0, 1]` or another option is bad; ShapeError when the shapes differ.
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: [new PrecisionAtRecall(0.8)] });
 * ```
 */
export class PrecisionAtRecall extends ThresholdCurveMetric {
  /** The registered class name. */
  static readonly className = 'PrecisionAtRecall';

  /** @param recall - the recall to reach, in `[0, 1]`. */
  constructor(recall: number, options: ThresholdCurveOptions = {}) {
    super('PrecisionAtRecall', 'recall', recall, options, 'precisionAtRecall');
  }

  protected curves(c: ThresholdCurve): { constrained: Float64Array; dependent: Float64Array } {
    return { constrained: ThresholdCurveMetric.ratio(c.tp, c.fn), dependent: ThresholdCurveMetric.ratio(c.tp, c.fp) };
  }
}
