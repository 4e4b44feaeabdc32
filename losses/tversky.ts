/** The Tversky loss: a Dice loss that weighs false positives and false negatives separately. */
import { formatValue } from '../lib/safe-format';
import { ConfigError } from '../lib/errors';
import { EPSILON } from './crossentropy-shared';
import { OverlapLoss, type OverlapConfig, type OverlapOptions, type OverlapSums } from './overlap-loss';

/** Options of {@link Tversky}. */
export interface TverskyOptions extends OverlapOptions {
  /** The weight `α` of the false positives `Σ (1 − t)·p`. @defaultValue 0.5 */
  alpha?: number;
  /** The weight `β` of the false negatives `Σ t·(1 − p)`. @defaultValue 0.5 */
  beta?: number;
}

/** The JSON form of {@link TverskyOptions}, defaults resolved. */
export interface TverskyConfig extends OverlapConfig {
  alpha: number;
  beta: number;
}

/**
 * The Tversky loss (Keras's `Tversky`; Salehi et al., 2017): with `I = Σ t·p`, the false
 * positives `FP = Σ (1 − t)·p = P − I` and false negatives `FN = Σ t·(1 − p) = T − I`, over the
 * whole batch (`axis: null`, the default) or over each sample's features (`axis: -1`), and
 * `ε = 1e-7`: `v = 1 − I/(I + α·FP + β·FN + ε)`; `α = β = ½` is the Dice loss (up to `ε`).
 *
 * Gradient: with `D = I + α·FP + β·FN + ε`, `∂D/∂p_k = t_k + α·(1 − t_k) − β·t_k` and
 * `∂v/∂p_k = −(t_k·D − I·∂D/∂p_k)/D²`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ConfigError when `alpha` or `beta` is not a finite number, or `axis` is neither null nor the features axis.
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * new Tversky({ alpha: 0.2, beta: 0.8 }).forward(tensor([[4, 1], [6, 1]]), tensor([[1, 2], [1, 2]])); // −0.9444
 * ```
 */
export class Tversky extends OverlapLoss {
  static override readonly className: string = 'Tversky';
  static override readonly optionKeys: readonly string[] = ['alpha', 'beta'];

  /** The weight of the false positives. */
  readonly alpha: number;
  /** The weight of the false negatives. */
  readonly beta: number;

  constructor(options: TverskyOptions = {}) {
    super(options, 'Tversky');
    for (const key of ['alpha', 'beta'] as const) {
      const v = options[key] ?? 0.5;
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new ConfigError(`Tversky: ${key} must be a finite number, got ${formatValue(v)}`);
    }
    this.alpha = options.alpha ?? 0.5;
    this.beta = options.beta ?? 0.5;
  }

  /** `new Tversky(config)`. */
  static fromConfig(config: TverskyOptions): Tversky {
    return new Tversky(config);
  }

  override getConfig(): TverskyConfig {
    return { ...super.getConfig(), alpha: this.alpha, beta: this.beta };
  }

  protected value(s: OverlapSums): number {
    return 1 - s.intersection / this.denominator(s);
  }

  // v = 1 − I/D: ∂v/∂p_k = −(∂I/∂p_k·D − I·∂D/∂p_k)/D², ∂I/∂p_k = t_k,
  // ∂D/∂p_k = t_k + α·∂FP/∂p_k + β·∂FN/∂p_k = t_k + α(1 − t_k) − β·t_k.
  protected slope(s: OverlapSums, t: number): number {
    const d = this.denominator(s);
    const dD = t + this.alpha * (1 - t) - this.beta * t;
    return -(t * d - s.intersection * dD) / (d * d);
  }

  /** `I + α·(P − I) + β·(T − I) + ε`. */
  private denominator(s: OverlapSums): number {
    const { intersection: i } = s;
    return i + this.alpha * (s.predictionSum - i) + this.beta * (s.labelSum - i) + EPSILON;
  }
}
