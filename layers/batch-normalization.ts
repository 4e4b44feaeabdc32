/** {@link BatchNormalization}: normalizes each feature with batch statistics (Ioffe & Szegedy, 2015). */
import { formatJson } from '../lib/checks';
import { ConfigError } from '../lib/errors';
import {
  getInitializer, serializeInitializer,
  type Initializer, type InitializerIdentifier, type SerializedInitializer,
} from '../lib/initializers';
import type { DType, Shape, Tensor } from '../lib/tensor';
import { Layer, type LayerConfig, type NonTrainableWeight, type Param } from './layer';
import {
  declareAffineParams, resolveNormalization, serializeNormalization,
  type NormalizationConfig, type NormalizationOptions, type ResolvedNormalization,
} from './normalization-options';
import { featuresInputSpec } from './features-input';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link BatchNormalization}. */
export interface BatchNormalizationOptions extends NormalizationOptions {
  /** The weight of the old value in the moving averages, in `[0, 1]`. @defaultValue 0.99 */
  momentum?: number;
  /** How `moving_mean` starts. @defaultValue 'zeros' */
  movingMeanInitializer?: InitializerIdentifier;
  /** How `moving_variance` starts. @defaultValue 'ones' */
  movingVarianceInitializer?: InitializerIdentifier;
}

/** The JSON form of a {@link BatchNormalization}. */
export interface BatchNormalizationConfig extends LayerConfig, NormalizationConfig {
  momentum: number;
  movingMeanInitializer: string | SerializedInitializer;
  movingVarianceInitializer: string | SerializedInitializer;
}

/**
 * Normalizes each feature (the last axis) over the batch, then scales and shifts it:
 * `y = γ·(x − μ)/√(σ² + ε) + β`.
 *
 * - Training: `μ` and `σ²` are the batch mean and biased variance of each feature (over every
 *   axis but the last), and the moving averages are updated as Keras does:
 *   `moving = moving·momentum + batch·(1 − momentum)`.
 * - Inference: `μ` and `σ²` are `moving_mean` and `moving_variance`.
 * - A layer with `trainable = false` always uses the moving statistics and leaves them alone,
 *   even in training (Keras's behaviour for frozen BatchNormalization, as in fine-tuning).
 *
 * `γ` (`gamma`, from `scale`) and `β` (`beta`, from `center`) are `[features]` parameters;
 * `moving_mean` and `moving_variance` are non-trainable weights, saved after them in
 * TensorFlow.js order.
 *
 * Input: `[batch, …, features]`, rank ≥ 2. Output: the same shape.
 * @throws ConfigError for `momentum` outside `[0, 1]`, a non-positive `epsilon`, non-boolean
 * `center`/`scale`, or an unknown initializer.
 * @example
 * ```ts
 * const model = new Sequential([
 *   new Dense({ units: 64, inputShape: [20], useBias: false }),
 *   new BatchNormalization(),
 *   new ReLU(),
 * ]);
 * ```
 */
export class BatchNormalization extends Layer {
  static override readonly className: string = 'BatchNormalization';
  static override readonly optionKeys: readonly string[] = ['epsilon', 'center', 'scale', 'betaInitializer', 'gammaInitializer', 'momentum', 'movingMeanInitializer', 'movingVarianceInitializer'];

  /** The weight of the old value in the moving averages. */
  readonly momentum: number;
  /** `epsilon`, `center`, `scale` and the `γ`/`β` initializers. */
  readonly normalization: ResolvedNormalization;
  /** How `moving_mean` starts. */
  readonly movingMeanInitializer: Initializer;
  /** How `moving_variance` starts. */
  readonly movingVarianceInitializer: Initializer;

  private gamma: Param | null = null;
  private beta: Param | null = null;
  private movingMean: NonTrainableWeight | null = null;
  private movingVariance: NonTrainableWeight | null = null;
  /** Per-feature scratch in float64: the statistics used by the last forward and the sums of backward. */
  private mean = new Float64Array(0);
  private invStd = new Float64Array(0);
  private sumDOut = new Float64Array(0);
  private sumDOutXhat = new Float64Array(0);
  /** `x̂ = (x − μ)/√(σ² + ε)` from the last training forward. */
  private xhat: Tensor | null = null;
  /** Whether the last training forward used batch statistics (else the moving ones). */
  private usedBatchStatistics = false;

  constructor(options: BatchNormalizationOptions = {}) {
    super(options);
    const { momentum = 0.99, movingMeanInitializer = 'zeros', movingVarianceInitializer = 'ones' } = options;
    if (typeof momentum !== 'number' || !(momentum >= 0 && momentum <= 1)) {
      throw new ConfigError(`BatchNormalization: momentum must be a number in [0, 1], got ${typeof momentum === 'number' ? String(momentum) : formatJson(momentum)}`);
    }
    this.momentum = momentum;
    this.normalization = resolveNormalization(options, 'BatchNormalization');
    this.movingMeanInitializer = getInitializer(movingMeanInitializer, 'BatchNormalization');
    this.movingVarianceInitializer = getInitializer(movingVarianceInitializer, 'BatchNormalization');
  }

  /** `new BatchNormalization(config)`: rebuilds a layer from {@link BatchNormalization.getConfig}. */
  static fromConfig(config: BatchNormalizationConfig): BatchNormalization {
    return new BatchNormalization(config);
  }

  /** Input: `[batch, …, features]`. Output: the same shape. */
  computeOutputShape(inputShape: Shape): Shape {
    featuresInputSpec(this, inputShape);
    return inputShape.slice();
  }

  override getConfig(): BatchNormalizationConfig {
    return {
      ...super.getConfig(),
      momentum: this.momentum,
      ...serializeNormalization(this.normalization),
      movingMeanInitializer: serializeInitializer(this.movingMeanInitializer),
      movingVarianceInitializer: serializeInitializer(this.movingVarianceInitializer),
    };
  }

  protected override inputSpec(inputShape: Shape): Shape {
    return featuresInputSpec(this, inputShape);
  }

  /** Declares `gamma` and `beta` as configured, then the non-trainable `moving_mean` and `moving_variance`, each `[features]`. */
  protected override createParams(inputShape: Shape, dtype: DType): void {
    void dtype;
    const features = inputShape[inputShape.length - 1];
    ({ gamma: this.gamma, beta: this.beta } = declareAffineParams(this.normalization, features, (n, s, i) => this.addWeight(n, s, i)));
    this.movingMean = this.addWeight('moving_mean', [features], this.movingMeanInitializer, { trainable: false });
    this.movingVariance = this.addWeight('moving_variance', [features], this.movingVarianceInitializer, { trainable: false });
  }

  /** The per-feature scratch arrays of the batch statistics. */
  protected override afterBuild(inputShape: Shape): void {
    const features = inputShape[inputShape.length - 1] as number;
    this.mean = new Float64Array(features);
    this.invStd = new Float64Array(features);
    this.sumDOut = new Float64Array(features);
    this.sumDOutXhat = new Float64Array(features);
  }

  /**
   * Fills `μ` and `1/√(σ² + ε)` (batch or moving statistics), updating the moving averages in
   * batch mode; then `Y = γ·x̂ + β`, caching `x̂` when training.
   */
  protected call(x: Tensor, training: boolean): Tensor {
    const features = this.mean.length;
    const rows = x.size / features;
    const isBatchMode = training && this.trainable;
    if (isBatchMode) this.batchStatistics(x, rows);
    else this.movingStatistics();
    const y = this.buffer('Y', x.shape);
    const xhat = training ? this.buffer('xhat', x.shape) : null;
    const xd = x.data, yd = y.data, hd = xhat ? xhat.data : null;
    const gd = this.gamma?.value.data, bd = this.beta?.value.data;
    const mean = this.mean, invStd = this.invStd;
    // Rows outer, features inner: x, y and x̂ are walked with stride 1.
    for (let i = 0, xp = x.offset, q = 0; i < rows; i++) {
      for (let c = 0; c < features; c++, xp++, q++) {
        const h = (xd[xp] - mean[c]) * invStd[c];
        if (hd) hd[q] = h;
        yd[q] = (gd ? gd[c] * h : h) + (bd ? bd[c] : 0);
      }
    }
    this.xhat = xhat;
    this.usedBatchStatistics = isBatchMode;
    return y;
  }

  /**
   * With `g = dOut`, `M` rows per feature, `x̂ = (x − μ)·s`, `s = 1/√(σ² + ε)`, `y = γ·x̂ + β`:
   * - `∂L/∂β = Σ_i g_i` and `∂L/∂γ = Σ_i g_i·x̂_i` (sums over the rows of each feature).
   * - Moving statistics (inference mode, or a frozen layer): `μ`, `s` are constants, so
   *   `∂L/∂x_i = γ·s·g_i`.
   * - Batch statistics: `μ = (1/M)·Σ_k x_k` and `σ² = (1/M)·Σ_k (x_k − μ)²` depend on every row,
   *   with `∂μ/∂x_i = 1/M` and `∂σ²/∂x_i = 2(x_i − μ)/M` (the `Σ_k (x_k − μ)` term vanishes).
   *   With `ĝ_i = ∂L/∂x̂_i = γ·g_i`:
   *   `∂L/∂σ² = Σ_k ĝ_k·(x_k − μ)·(−½)·s³ = −(s²/2)·Σ_k ĝ_k·x̂_k`,
   *   `∂L/∂μ = −s·Σ_k ĝ_k` (its term through `σ²` is zero for the same reason), so
   *   `∂L/∂x_i = s·ĝ_i + ∂L/∂σ²·2(x_i − μ)/M + ∂L/∂μ/M`
   *   `        = (γ·s/M)·(M·g_i − Σ_k g_k − x̂_i·Σ_k g_k·x̂_k)`.
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    const features = this.mean.length;
    const rows = dOut.size / features;
    const hd = (this.xhat as Tensor).data, gd = dOut.data;
    const sum = this.sumDOut.fill(0), sumX = this.sumDOutXhat.fill(0);
    for (let i = 0, gp = dOut.offset, q = 0; i < rows; i++) {
      for (let c = 0; c < features; c++, gp++, q++) {
        sum[c] += gd[gp];
        sumX[c] += gd[gp] * hd[q];
      }
    }
    if (this.gamma) this.gamma.grad.data.set(sumX);
    if (this.beta) this.beta.grad.data.set(sum);
    if (!needDAPrev) return null;
    const dAPrev = this.buffer('dAPrev', dOut.shape);
    const dd = dAPrev.data, gamma = this.gamma?.value.data, invStd = this.invStd;
    const meanOf = this.usedBatchStatistics ? 1 / rows : 0;
    for (let i = 0, gp = dOut.offset, q = 0; i < rows; i++) {
      for (let c = 0; c < features; c++, gp++, q++) {
        const k = (gamma ? gamma[c] : 1) * invStd[c];
        dd[q] = k * (gd[gp] - meanOf * (sum[c] + hd[q] * sumX[c]));
      }
    }
    return dAPrev;
  }

  /** Batch mean and biased variance per feature (two passes, in float64), then the moving-average update. */
  private batchStatistics(x: Tensor, rows: number): void {
    const features = this.mean.length;
    const xd = x.data, mean = this.mean.fill(0), variance = this.invStd.fill(0);
    for (let i = 0, xp = x.offset; i < rows; i++) {
      for (let c = 0; c < features; c++, xp++) mean[c] += xd[xp];
    }
    for (let c = 0; c < features; c++) mean[c] /= rows;
    for (let i = 0, xp = x.offset; i < rows; i++) {
      for (let c = 0; c < features; c++, xp++) {
        const d = xd[xp] - mean[c];
        variance[c] += d * d;
      }
    }
    const m = this.momentum;
    const mm = (this.movingMean as NonTrainableWeight).value.data, mv = (this.movingVariance as NonTrainableWeight).value.data;
    for (let c = 0; c < features; c++) {
      variance[c] /= rows;
      mm[c] = mm[c] * m + mean[c] * (1 - m);
      mv[c] = mv[c] * m + variance[c] * (1 - m);
      this.invStd[c] = 1 / math.sqrt(variance[c] + this.normalization.epsilon);
    }
  }

  /** `μ = moving_mean`, `1/√(moving_variance + ε)`. */
  private movingStatistics(): void {
    const mm = (this.movingMean as NonTrainableWeight).value.data, mv = (this.movingVariance as NonTrainableWeight).value.data;
    for (let c = 0; c < this.mean.length; c++) {
      this.mean[c] = mm[c];
      this.invStd[c] = 1 / math.sqrt(mv[c] + this.normalization.epsilon);
    }
  }
}
