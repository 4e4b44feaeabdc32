/** {@link LayerNormalization}: normalizes each sample over its features (Ba et al., 2016). */
import type { DType, Shape, Tensor } from '../lib/tensor';
import { featuresInputSpec } from './features-input';
import { Layer, type LayerConfig, type Param } from './layer';
import {
  declareAffineParams, resolveNormalization, serializeNormalization,
  type NormalizationConfig, type NormalizationOptions, type ResolvedNormalization,
} from './normalization-options';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link LayerNormalization}. */
export type LayerNormalizationOptions = NormalizationOptions;

/** The JSON form of a {@link LayerNormalization}. */
export interface LayerNormalizationConfig extends LayerConfig, NormalizationConfig {}

/**
 * Normalizes each row (the last axis of every sample) by its own mean and biased variance,
 * then scales and shifts each feature: `y = γ·(x − μ_row)/√(σ²_row + ε) + β`. The statistics
 * come from the sample itself, so training and inference compute the same thing and the
 * batch size does not matter. `γ` (`gamma`) and `β` (`beta`) are `[features]` parameters.
 *
 * Input: `[batch, …, features]`, rank ≥ 2. Output: the same shape.
 * @throws ConfigError for a non-positive `epsilon`, non-boolean `center`/`scale`, or an unknown initializer.
 * @example
 * ```ts
 * new LayerNormalization().forward(tensor([[1, 3]])); // [[-0.9995, 0.9995]] (ε = 1e-3)
 * ```
 */
export class LayerNormalization extends Layer {
  static override readonly optionKeys: readonly string[] = ['epsilon', 'center', 'scale', 'betaInitializer', 'gammaInitializer'];
  static override readonly className: string = 'LayerNormalization';

  /** `epsilon`, `center`, `scale` and the `γ`/`β` initializers. */
  readonly normalization: ResolvedNormalization;

  private gamma: Param | null = null;
  private beta: Param | null = null;
  private features = 0;
  /** `x̂` and the per-row `1/√(σ² + ε)` from the last training forward. */
  private cache: { xhat: Tensor; invStd: Tensor } | null = null;

  constructor(options: LayerNormalizationOptions = {}) {
    super(options);
    this.normalization = resolveNormalization(options, 'LayerNormalization');
  }

  /** `new LayerNormalization(config)`: rebuilds a layer from {@link LayerNormalization.getConfig}. */
  static fromConfig(config: LayerNormalizationConfig): LayerNormalization {
    return new LayerNormalization(config);
  }

  /** Input: `[batch, …, features]`. Output: the same shape. */
  computeOutputShape(inputShape: Shape): Shape {
    featuresInputSpec(this, inputShape);
    return inputShape.slice();
  }

  override getConfig(): LayerNormalizationConfig {
    return { ...super.getConfig(), ...serializeNormalization(this.normalization) };
  }

  protected override inputSpec(inputShape: Shape): Shape {
    return featuresInputSpec(this, inputShape);
  }

  /** Declares `gamma` and `beta` as configured, each `[features]`. */
  protected override createParams(inputShape: Shape, dtype: DType): void {
    void dtype;
    const features = inputShape[inputShape.length - 1];
    this.features = features as number;
    ({ gamma: this.gamma, beta: this.beta } = declareAffineParams(this.normalization, features, (n, s, i) => this.addWeight(n, s, i)));
  }

  /** Per row: mean and biased variance (two passes), `x̂`, then `Y = γ·x̂ + β`; caches `x̂` and `1/σ` when training. */
  protected call(x: Tensor, training: boolean): Tensor {
    const C = this.features;
    const rows = x.size / C;
    const y = this.buffer('Y', x.shape);
    const xhat = training ? this.buffer('xhat', x.shape) : null;
    const invStd = training ? this.buffer('invStd', [rows]) : null;
    const xd = x.data, yd = y.data, gd = this.gamma?.value.data, bd = this.beta?.value.data;
    const epsilon = this.normalization.epsilon;
    for (let i = 0, xp = x.offset, q = 0; i < rows; i++, xp += C, q += C) {
      let mean = 0;
      for (let c = 0; c < C; c++) mean += xd[xp + c];
      mean /= C;
      let variance = 0;
      for (let c = 0; c < C; c++) {
        const d = xd[xp + c] - mean;
        variance += d * d;
      }
      const s = 1 / math.sqrt(variance / C + epsilon);
      if (invStd) invStd.data[i] = s;
      for (let c = 0; c < C; c++) {
        const h = (xd[xp + c] - mean) * s;
        if (xhat) xhat.data[q + c] = h;
        yd[q + c] = (gd ? gd[c] * h : h) + (bd ? bd[c] : 0);
      }
    }
    this.cache = xhat && invStd ? { xhat, invStd } : null;
    return y;
  }

  /**
   * Per row, with `C` features, `x̂ = (x − μ)·s`, `s = 1/√(σ² + ε)`, `y = γ ⊙ x̂ + β`:
   * - `∂L/∂β_c = Σ_rows dOut_c` and `∂L/∂γ_c = Σ_rows dOut_c·x̂_c` (`γ`, `β` are shared by all rows);
   * - with `ĝ = γ ⊙ dOut` (`∂L/∂x̂`), the batch-norm derivation applied within the row (the
   *   row's `μ` and `σ²` depend on all its `C` entries) gives
   *   `∂L/∂x_c = (s/C)·(C·ĝ_c − Σ_k ĝ_k − x̂_c·Σ_k ĝ_k·x̂_k)`.
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    const C = this.features;
    const rows = dOut.size / C;
    const { xhat, invStd } = this.cache as { xhat: Tensor; invStd: Tensor };
    const gd = dOut.data, hd = xhat.data, gamma = this.gamma?.value.data;
    const dGamma = this.gamma?.grad.data, dBeta = this.beta?.grad.data;
    dGamma?.fill(0);
    dBeta?.fill(0);
    const dAPrev = needDAPrev ? this.buffer('dAPrev', dOut.shape) : null;
    for (let i = 0, gp = dOut.offset, q = 0; i < rows; i++, gp += C, q += C) {
      let sum = 0;
      let sumXhat = 0;
      for (let c = 0; c < C; c++) {
        const g = gd[gp + c];
        if (dGamma) dGamma[c] += g * hd[q + c];
        if (dBeta) dBeta[c] += g;
        const gh = gamma ? gamma[c] * g : g;
        sum += gh;
        sumXhat += gh * hd[q + c];
      }
      if (!dAPrev) continue;
      const s = invStd.data[i];
      for (let c = 0; c < C; c++) {
        const gh = gamma ? gamma[c] * gd[gp + c] : gd[gp + c];
        dAPrev.data[q + c] = s * (gh - (sum + hd[q + c] * sumXhat) / C);
      }
    }
    return dAPrev;
  }
}
