/** The categorical cross-entropy loss, on probabilities or on logits, with one-hot labels. */
import ndarray from 'ndarray';
import { logSumExpRows, softmaxRows } from '../lib/kernels/softmax';
import type { Tensor } from '../lib/tensor';
import { Loss } from './loss';
import {
  clipProbability, isWithinClip, probabilityRowSum, resolveSmoothedCrossentropyOptions,
  type SmoothedCrossentropyConfig, type SmoothedCrossentropyOptions,
} from './crossentropy-shared';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * Categorical cross-entropy over `C` classes, averaged over the batch:
 * `L = (1/N) Σ_i w_i · ℓ_i`, with `T_i = Σ_j t_ij` (1 for one-hot labels).
 *
 * With `labelSmoothing: s`, every label is first moved towards the uniform distribution,
 * `t ← t · (1 − s) + s/C` (Keras's `label_smoothing`); the formulas below then use the smoothed `t`.
 *
 * - Probabilities (default), as Keras: each row is first normalized by its sum
 *   `s_i = Σ_j p_ij`, then clipped: `r_ij = clip(p_ij / s_i, ε, 1 − ε)`, `ε = 1e-7`, and
 *   `ℓ_i = −Σ_j t_ij · log r_ij`. Gradient, with `u_ij = 1` where `p_ij / s_i` lies within the
 *   clip bounds and 0 elsewhere:
 *   `∂L/∂p_ik = (w_i/N) · (−t_ik · u_ik / p_ik + (Σ_j t_ij · u_ij) / s_i)`.
 *   For a one-hot row that already sums to 1 this is `(w_i/N) · (1 − t_ik / p_ik)`.
 * - Logits (`fromLogits: true`), through the log-sum-exp:
 *   `ℓ_i = T_i · logSumExp(z_i) − Σ_j t_ij · z_ij`; fused gradient
 *   `∂L/∂z_ik = (w_i/N) · (T_i · softmax(z_i)_k − t_ik)`, i.e. `(softmax(z) − y) · w_i/N`
 *   for one-hot labels. Finite for any finite logits.
 *
 * Shapes: yPred and yTrue are `[N, C]` (yTrue one-hot or a distribution); the gradient is `[N, C]`.
 *
 * @throws ConfigError when `fromLogits` is not a boolean or `labelSmoothing` is not in `[0, 1]`.
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @throws DataError (from forward, probabilities only) when a row of yPred does not have a
 * positive sum.
 * @example
 * ```ts
 * const cce = new CategoricalCrossentropy();
 * cce.forward(tensor([[0.5, 0.5]]), tensor([[1, 0]])); // −log 0.5 ≈ 0.6931
 * ```
 */
export class CategoricalCrossentropy extends Loss {
  static override readonly className: string = 'CategoricalCrossentropy';
  static override readonly optionKeys: readonly string[] = ['fromLogits', 'labelSmoothing'];

  /** True when yPred holds logits. */
  readonly fromLogits: boolean;

  /** The label smoothing `s` in `[0, 1]`. */
  readonly labelSmoothing: number;

  constructor(options: SmoothedCrossentropyOptions = {}) {
    super(options);
    const config = resolveSmoothedCrossentropyOptions('CategoricalCrossentropy', options);
    this.fromLogits = config.fromLogits;
    this.labelSmoothing = config.labelSmoothing;
  }

  /** `new CategoricalCrossentropy(config)`. */
  static fromConfig(config: SmoothedCrossentropyOptions): CategoricalCrossentropy {
    return new CategoricalCrossentropy(config);
  }

  override getConfig(): SmoothedCrossentropyConfig {
    return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing };
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data;
    const keep = 1 - this.labelSmoothing, shift = this.labelSmoothing / c;
    if (this.fromLogits) {
      logSumExpRows(ndarray(out, [n]), yPred);
      for (let i = 0, pp = yPred.offset, tp = yTrue.offset; i < n; i++) {
        let labelSum = 0;
        let dot = 0;
        for (let j = 0; j < c; j++) {
          const y = t[tp++] * keep + shift;
          labelSum += y;
          dot += y * p[pp++];
        }
        out[i] = labelSum * out[i] - dot;
      }
      return;
    }
    for (let i = 0, row = yPred.offset, tp = yTrue.offset; i < n; i++, row += c) {
      const s = probabilityRowSum('CategoricalCrossentropy', p, row, c, i);
      let sum = 0;
      for (let j = 0; j < c; j++) {
        const y = t[tp++] * keep + shift;
        if (y !== 0) sum -= y * math.log(clipProbability(p[row + j] / s));
      }
      out[i] = sum;
    }
  }

  // Logits: ℓ = T·lse(z) − Σ_j t_j z_j and ∂lse/∂z_k = softmax(z)_k, so ∂ℓ/∂z_k = T·softmax_k − t_k.
  // Probabilities: with s = Σ_j p_j, q_j = p_j/s, ℓ = −Σ_j t_j log clip(q_j):
  //   g_j = ∂ℓ/∂q_j = −t_j u_j / q_j (u_j = 1 inside the clip bounds, else 0: the clip passes no gradient),
  //   ∂q_j/∂p_k = δ_jk/s − p_j/s², so
  //   ∂ℓ/∂p_k = g_k/s − (1/s) Σ_j g_j q_j = −t_k u_k / p_k + (Σ_j t_j u_j) / s.
  // Label smoothing only replaces t by the constant t·(1 − s) + s/C, so the same formulas hold.
  // The base's scale_i = w_i/N completes ∂L/∂yPred.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data, g = out.data;
    const keep = 1 - this.labelSmoothing, shift = this.labelSmoothing / c;
    if (this.fromLogits) {
      softmaxRows(out, yPred);
      for (let i = 0, tp = yTrue.offset, gp = out.offset; i < n; i++) {
        let labelSum = 0;
        for (let j = 0; j < c; j++) labelSum += t[tp + j] * keep + shift;
        const k = scale[i];
        for (let j = 0; j < c; j++, gp++) g[gp] = k * (labelSum * g[gp] - (t[tp++] * keep + shift));
      }
      return out;
    }
    for (let i = 0, row = yPred.offset, trow = yTrue.offset, gp = out.offset; i < n; i++, row += c, trow += c) {
      const s = probabilityRowSum('CategoricalCrossentropy', p, row, c, i);
      let inside = 0;
      for (let j = 0; j < c; j++) if (isWithinClip(p[row + j] / s)) inside += t[trow + j] * keep + shift;
      const k = scale[i];
      const shared = inside / s;
      for (let j = 0; j < c; j++) {
        const pj = p[row + j];
        const y = t[trow + j] * keep + shift;
        g[gp++] = k * (y !== 0 && isWithinClip(pj / s) ? shared - y / pj : shared);
      }
    }
    return out;
  }
}

