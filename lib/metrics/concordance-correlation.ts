/** {@link ConcordanceCorrelation}: Lin's concordance of each sample's labels and predictions. */
import type { Tensor } from '../tensor';
import { RowMeanMetric, type RowMeanMetricOptions } from './row-mean-metric';

/** Keras's `backend.epsilon()`, added to the denominator. */
const EPSILON = 1e-7;

/**
 * The batch mean of each sample's concordance correlation over its `C` features, exactly as
 * Keras 3's `concordance_correlation` (axis −1) computes it:
 * `mean_j 2·(t_j − mean p)·(p_j − mean p) / (var t + var p + (mean t − mean p)² + ε)`
 * (Keras centres the labels on the predictions' mean in the numerator; its test values rely
 * on that, so it is kept). Population variances.
 *
 * Shapes: yPred and yTrue equal, `[N, C]`.
 *
 * @throws ShapeError when the shapes differ.
 * @example
 * ```ts
 * new ConcordanceCorrelation().compute(tensor([[0.1, 0.9, 0.5]]), tensor([[0, 1, 0.5]])); // 0.9756
 * ```
 */
export class ConcordanceCorrelation extends RowMeanMetric {
  /** The registered class name. */
  static readonly className = 'ConcordanceCorrelation';

  constructor(options: RowMeanMetricOptions = {}) {
    super('ConcordanceCorrelation', 'concordanceCorrelation', options);
  }

  protected row(t: Tensor['data'], p: Tensor['data'], tp: number, pp: number, c: number): number {
    let mt = 0, mp = 0;
    for (let j = 0; j < c; j++) {
      mt += t[tp + j];
      mp += p[pp + j];
    }
    mt /= c;
    mp /= c;
    let vt = 0, vp = 0;
    for (let j = 0; j < c; j++) {
      vt += (t[tp + j] - mt) ** 2;
      vp += (p[pp + j] - mp) ** 2;
    }
    const norm = vt / c + vp / c + (mt - mp) ** 2 + EPSILON;
    let sum = 0;
    for (let j = 0; j < c; j++) sum += (2 * (t[tp + j] - mp) * (p[pp + j] - mp)) / norm;
    return sum / c;
  }
}
