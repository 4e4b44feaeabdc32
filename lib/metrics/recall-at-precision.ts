/** {@link RecallAtPrecision}: the best recall at a given precision. */
import { ThresholdCurveMetric, type ThresholdCurve, type ThresholdCurveOptions } from './threshold-curve-metric';

/**
 * The largest recall over the thresholds at which the precision is at least `precision` (Keras's `RecallAtPrecision`): at
 * each threshold `t_j` of {@link ThresholdCurveMetric} (`yPred > t_j` predicted positive),
 * with precision `TP/(TP + FP)` and recall `TP/(TP + FN)`; the result is `max { recall_j : precision_j ≥ precision }`, 0 when none qualifies. A streaming metric.
 *
 * Shapes: yPred and yTrue equal, e.g. `[N, 1]` scores and 0/1 labels; with `classId`, `[N, C]`.
 *
 * @throws ConfigError when `precision` is not in `[0, 1]` or another option is bad; ShapeError when the shapes differ.
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: [new RecallAtPrecision(0.8)] });
 * ```
 */
export class RecallAtPrecision extends ThresholdCurveMetric {
  /** The registered class name. */
  static readonly className = 'RecallAtPrecision';

  /** @param precision - the precision to reach, in `[0, 1]`. */
  constructor(precision: number, options: ThresholdCurveOptions = {}) {
    super('RecallAtPrecision', 'precision', precision, options, 'recallAtPrecision');
  }

  protected curves(c: ThresholdCurve): { constrained: Float64Array; dependent: Float64Array } {
    return { constrained: ThresholdCurveMetric.ratio(c.tp, c.fp), dependent: ThresholdCurveMetric.ratio(c.tp, c.fn) };
  }
}
