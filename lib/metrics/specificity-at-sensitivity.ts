/** {@link SpecificityAtSensitivity}: the best specificity at a given sensitivity (recall). */
import { ThresholdCurveMetric, type ThresholdCurve, type ThresholdCurveOptions } from './threshold-curve-metric';

/**
 * The largest specificity over the thresholds at which the sensitivity is at least `sensitivity` (Keras's `SpecificityAtSensitivity`): at
 * each threshold `t_j` of {@link ThresholdCurveMetric} (`yPred > t_j` predicted positive),
 * with sensitivity `TP/(TP + FN)` and specificity `TN/(TN + FP)`; the result is `max { specificity_j : sensitivity_j ≥ sensitivity }`, 0 when none qualifies. A streaming metric.
 *
 * Shapes: yPred and yTrue equal, e.g. `[N, 1]` scores and 0/1 labels; with `classId`, `[N, C]`.
 *
 * @throws ConfigError when `sensitivity` is not in `[0, 1]` or another option is bad; ShapeError when the shapes differ.
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: [new SpecificityAtSensitivity(0.8)] });
 * ```
 */
export class SpecificityAtSensitivity extends ThresholdCurveMetric {
  /** The registered class name. */
  static readonly className = 'SpecificityAtSensitivity';

  /** @param sensitivity - the sensitivity to reach, in `[0, 1]`. */
  constructor(sensitivity: number, options: ThresholdCurveOptions = {}) {
    super('SpecificityAtSensitivity', 'sensitivity', sensitivity, options, 'specificityAtSensitivity');
  }

  protected curves(c: ThresholdCurve): { constrained: Float64Array; dependent: Float64Array } {
    return { constrained: ThresholdCurveMetric.ratio(c.tp, c.fn), dependent: ThresholdCurveMetric.ratio(c.tn, c.fp) };
  }
}
