/** The categorical focal cross-entropy loss (Lin et al., 2017), on probabilities or on logits. */
import { DataError } from '../lib/errors';
import type { Tensor, TypedArray } from '../lib/tensor';
import { clipProbability, isWithinClip, probabilityRowSum, resolveSmoothedCrossentropyOptions } from './crossentropy-shared';
import { resolveAlpha, resolveGamma, type FocalConfig, type FocalOptions } from './focal-options';
import { Loss } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link CategoricalFocalCrossentropy}. */
export interface CategoricalFocalCrossentropyOptions extends FocalOptions {
  /** The class weight `α`: one number in `[0, 1]` for every class, or one per class. @defaultValue 0.25 */
  alpha?: number | number[];
}

/** The JSON form of {@link CategoricalFocalCrossentropyOptions}, defaults resolved. */
export interface CategoricalFocalCrossentropyConfig extends FocalConfig {
  alpha: number | number[];
}

/**
 * Categorical focal cross-entropy over `C` classes (Keras's `CategoricalFocalCrossentropy`),
 * averaged over the batch. With the smoothed labels `y = t·(1 − s) + s/C`, the probabilities
 * `q = p` (or `softmax(z)` for logits) normalized by their row sum `S = Σ_j q_j` and clipped,
 * `r_j = clip(q_j/S, ε, 1 − ε)`:
 * `ℓ_i = Σ_j α_j·(1 − r_j)^γ·(−y_j·log r_j)`, `L = (1/N) Σ_i w_i·ℓ_i`.
 *
 * Gradient: with `g_j = ∂ℓ/∂u_j = α_j·y_j·(γ·(1 − r_j)^(γ−1)·log r_j − (1 − r_j)^γ/r_j)` for
 * `u_j = q_j/S` inside the clip (0 where it is active), probabilities give
 * `∂ℓ/∂p_k = (g_k − Σ_j g_j·u_j)/S` and logits, through the softmax Jacobian,
 * `∂ℓ/∂z_k = u_k·(g_k − Σ_j g_j·u_j)`.
 *
 * Shapes: yPred and yTrue are `[N, C]` (yTrue one-hot or a distribution); the gradient is `[N, C]`.
 *
 * @throws ConfigError for a non-boolean `fromLogits`, `labelSmoothing` or `alpha` outside
 * `[0, 1]`, or a negative `gamma`.
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @throws DataError (from forward) when a per-class `alpha` does not have `C` entries, or a
 * row of probabilities does not have a positive sum.
 * @example
 * ```ts
 * const loss = new CategoricalFocalCrossentropy();
 * loss.forward(tensor([[0.05, 0.9, 0.05], [0.1, 0.85, 0.05]]), tensor([[0, 1, 0], [0, 0, 1]])); // (2.634e-4 + 0.6759)/2
 * ```
 */
export class CategoricalFocalCrossentropy extends Loss {
  static override readonly className: string = 'CategoricalFocalCrossentropy';
  static override readonly optionKeys: readonly string[] = ['fromLogits', 'labelSmoothing', 'gamma', 'alpha'];

  /** True when yPred holds logits. */
  readonly fromLogits: boolean;
  /** The label smoothing `s` in `[0, 1]`. */
  readonly labelSmoothing: number;
  /** The focusing exponent `γ`. */
  readonly gamma: number;
  /** The class weight(s) `α`. */
  readonly alpha: number | number[];

  private u = new Float64Array(0);
  private g = new Float64Array(0);
  private rowSum = 1;

  constructor(options: CategoricalFocalCrossentropyOptions = {}) {
    super(options);
    const config = resolveSmoothedCrossentropyOptions('CategoricalFocalCrossentropy', options);
    this.fromLogits = config.fromLogits;
    this.labelSmoothing = config.labelSmoothing;
    this.gamma = resolveGamma('CategoricalFocalCrossentropy', options.gamma);
    this.alpha = resolveAlpha('CategoricalFocalCrossentropy', options.alpha, true);
  }

  /** `new CategoricalFocalCrossentropy(config)`. */
  static fromConfig(config: CategoricalFocalCrossentropyOptions): CategoricalFocalCrossentropy {
    return new CategoricalFocalCrossentropy(config);
  }

  override getConfig(): CategoricalFocalCrossentropyConfig {
    const alpha = Array.isArray(this.alpha) ? this.alpha.slice() : this.alpha;
    return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing, gamma: this.gamma, alpha };
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    for (let i = 0; i < n; i++) out[i] = this.row(yPred.data, yTrue.data, yPred.offset + i * c, yTrue.offset + i * c, c, i);
  }

  // ℓ depends on p through u = q/S (q = p, or softmax(z)). ∂u_j/∂p_k = δ_jk/S − u_j/S, so
  // ∂ℓ/∂p_k = (g_k − Σ_j g_j u_j)/S; for logits u = softmax(z) and ∂u_j/∂z_k = u_j(δ_jk − u_k), so
  // ∂ℓ/∂z_k = u_k(g_k − Σ_j g_j u_j). The base's scale_i = w_i/N completes ∂L/∂yPred.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const gd = out.data;
    for (let i = 0, gp = out.offset; i < n; i++, gp += c) {
      this.row(yPred.data, yTrue.data, yPred.offset + i * c, yTrue.offset + i * c, c, i);
      const { u, g } = this;
      let dot = 0;
      for (let j = 0; j < c; j++) dot += g[j] * u[j];
      const k = scale[i];
      for (let j = 0; j < c; j++) gd[gp + j] = k * (this.fromLogits ? u[j] * (g[j] - dot) : (g[j] - dot) / this.rowSum);
    }
    return out;
  }

  /**
   * The loss `ℓ` of one row; leaves `u = q/S` in `this.u`, `g = ∂ℓ/∂u` in `this.g` and `S` in
   * `this.rowSum` for the gradient.
   */
  private row(p: TypedArray, t: TypedArray, row: number, trow: number, c: number, i: number): number {
    if (this.u.length !== c) {
      this.u = new Float64Array(c);
      this.g = new Float64Array(c);
    }
    const { u, g } = this;
    if (Array.isArray(this.alpha) && this.alpha.length !== c) {
      throw new DataError(`${this.className}: alpha has ${this.alpha.length} entries, but yPred has ${c} classes`);
    }
    if (this.fromLogits) {
      let m = -Infinity;
      for (let j = 0; j < c; j++) if (p[row + j] > m) m = p[row + j];
      let sum = 0;
      for (let j = 0; j < c; j++) sum += (u[j] = math.exp(p[row + j] - m));
      for (let j = 0; j < c; j++) u[j] /= sum;
      this.rowSum = 1;
    } else {
      const s = probabilityRowSum(this.className, p, row, c, i);
      for (let j = 0; j < c; j++) u[j] = p[row + j] / s;
      this.rowSum = s;
    }
    const keep = 1 - this.labelSmoothing, shift = this.labelSmoothing / c, gamma = this.gamma;
    let loss = 0;
    for (let j = 0; j < c; j++) {
      const y = t[trow + j] * keep + shift;
      const alpha = Array.isArray(this.alpha) ? this.alpha[j] : this.alpha;
      const r = clipProbability(u[j]);
      const focal = math.pow(1 - r, gamma);
      loss -= alpha * focal * y * math.log(r);
      // d/dr [α(1 − r)^γ·(−y·log r)] = α·y·(γ(1 − r)^(γ−1)·log r − (1 − r)^γ/r); 1 − r ≥ ε, so no 0^(γ−1).
      g[j] = isWithinClip(u[j]) ? alpha * y * (gamma * math.pow(1 - r, gamma - 1) * math.log(r) - focal / r) : 0;
    }
    return loss;
  }
}
