/** {@link PearsonCorrelation}: the linear correlation of each sample's labels and predictions. */
import type { Tensor } from '../tensor';
import { RowMeanMetric, type RowMeanMetricOptions } from './row-mean-metric';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The batch mean of each sample's Pearson correlation over its `C` features (Keras's
 * `PearsonCorrelation`, axis −1): with `t̃ = (t − mean t)/std t` and `p̃` likewise (population
 * standard deviations), `r = mean(t̃ ⊙ p̃)`, in `[−1, 1]` (NaN for a constant row, as Keras).
 *
 * Shapes: yPred and yTrue equal, `[N, C]`.
 *
 * @throws ShapeError when the shapes differ.
 * @example
 * ```ts
 * new PearsonCorrelation().compute(tensor([[1, 2, 3]]), tensor([[2, 4, 7]])); // 0.9934
 * ```
 */
export class PearsonCorrelation extends RowMeanMetric {
  /** The registered class name. */
  static readonly className = 'PearsonCorrelation';

  constructor(options: RowMeanMetricOptions = {}) {
    super('PearsonCorrelation', 'pearsonCorrelation', options);
  }

  protected row(t: Tensor['data'], p: Tensor['data'], tp: number, pp: number, c: number): number {
    let mt = 0, mp = 0;
    for (let j = 0; j < c; j++) {
      mt += t[tp + j];
      mp += p[pp + j];
    }
    mt /= c;
    mp /= c;
    let vt = 0, vp = 0, cov = 0;
    for (let j = 0; j < c; j++) {
      const a = t[tp + j] - mt, b = p[pp + j] - mp;
      vt += a * a;
      vp += b * b;
      cov += a * b;
    }
    return cov / c / (math.sqrt(vt / c) * math.sqrt(vp / c));
  }
}
