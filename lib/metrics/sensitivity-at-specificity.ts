/** {@link SensitivityAtSpecificity}: the best sensitivity (recall) at a given specificity. */
import { ThresholdCurveMetric, type ThresholdCurve, type ThresholdCurveOptions } from './threshold-curve-metric';

/**
 * The largest sensitivity over the thresholds at which the specificity is at least `specificity` (Keras's `SensitivityAtSpecificity`): at
 * each threshold `t_j` of {@link ThresholdCurveMetric} (`yPred > t_j` predicted positive),
 * with sensitivity `TP/(TP + FN)` and specificity `TN/(TN + FP)`; the result is `max { sensitivity_j : specificity_j ≥ specificity }`, 0 when none qualifies. A streaming metric.
 *
 * Shapes: yPred and yTrue equal, e.g. `[N, 1]` scores and 0/1 labels; with `classId`, `[N, C]`.
 *
 * @throws ConfigError when `specificity` is not in `[0, 1]` or another option is bad; ShapeError when the shapes differ.
 * @example
 * ```ts
 * model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy', metrics: [new SensitivityAtSpecificity(0.8)] });
 * ```
 */
export class SensitivityAtSpecificity extends ThresholdCurveMetric {
  /** The registered class name. */
  static readonly className = 'SensitivityAtSpecificity';

  /** @param specificity - the specificity to reach, in `[0, 1]`. */
  constructor(specificity: number, options: ThresholdCurveOptions = {}) {
    super('SensitivityAtSpecificity', 'specificity', specificity, options, 'sensitivityAtSpecificity');
  }

  protected curves(c: ThresholdCurve): { constrained: Float64Array; dependent: Float64Array } {
    return { constrained: ThresholdCurveMetric.ratio(c.tn, c.fp), dependent: ThresholdCurveMetric.ratio(c.tp, c.fn) };
  }
}
