/** The binary cross-entropy loss, on probabilities or on logits. */
import type { Tensor } from '../lib/tensor';
import { ElementwiseLoss } from './elementwise-loss';
import {
  clipProbability, isWithinClip, resolveSmoothedCrossentropyOptions, upperClip,
  type SmoothedCrossentropyConfig, type SmoothedCrossentropyOptions,
} from './crossentropy-shared';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * Binary cross-entropy, averaged over the `C` independent binary outputs of each sample
 * (Keras's `mean(..., axis=-1)`), then over the batch: `L = (1/N) Σ_i w_i · ℓ_i`.
 *
 * With `labelSmoothing: s`, every label is first squeezed towards 0.5, `t ← t · (1 − s) + s/2`
 * (Keras's `label_smoothing`); the formulas below then use the smoothed `t`.
 *
 * - Probabilities (default): with `p̃ = clip(p, ε, 1 − ε)`, `ε = 1e-7` (the upper bound `1 − ε` rounded to the dtype, as Keras: 0.99999988 in float32),
 *   `ℓ_i = −(1/C) Σ_j [t_ij · log p̃_ij + (1 − t_ij) · log(1 − p̃_ij)]`;
 *   gradient `∂L/∂p_ij = (w_i/N) · (1/C) · (p̃_ij − t_ij) / (p̃_ij · (1 − p̃_ij))` where `p`
 *   lies within the clip bounds, 0 where it is clipped.
 * - Logits (`fromLogits: true`), in the stable form that never exponentiates a positive number:
 *   `ℓ_i = (1/C) Σ_j [max(z_ij, 0) − z_ij · t_ij + log(1 + exp(−|z_ij|))]`;
 *   gradient `∂L/∂z_ij = (w_i/N) · (σ(z_ij) − t_ij) / C`.
 *
 * Shapes: yPred and yTrue are `[N, C]` with labels `t` in `[0, 1]`; the gradient is `[N, C]`.
 *
 * @throws ConfigError when `fromLogits` is not a boolean or `labelSmoothing` is not in `[0, 1]`.
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const bce = new BinaryCrossentropy({ fromLogits: true });
 * bce.forward(tensor([[0]]), tensor([[1]])); // log 2 ≈ 0.6931
 * ```
 */
export class BinaryCrossentropy extends ElementwiseLoss {
  static override readonly className: string = 'BinaryCrossentropy';
  static override readonly optionKeys: readonly string[] = ['fromLogits', 'labelSmoothing'];

  /** True when yPred holds logits. */
  readonly fromLogits: boolean;

  /** The label smoothing `s` in `[0, 1]`. */
  readonly labelSmoothing: number;

  /** `1 − s`: a label `t` is read as `t · labelKeep + labelShift`. */
  /** `1 − ε` in the dtype of the batch's predictions, set by each forward and backward. */
  private upper = upperClip('float64');
  private readonly labelKeep: number;
  /** `s/2`. */
  private readonly labelShift: number;

  constructor(options: SmoothedCrossentropyOptions = {}) {
    super(options);
    const config = resolveSmoothedCrossentropyOptions('BinaryCrossentropy', options);
    this.fromLogits = config.fromLogits;
    this.labelSmoothing = config.labelSmoothing;
    this.labelKeep = 1 - config.labelSmoothing;
    this.labelShift = config.labelSmoothing / 2;
  }

  /** `new BinaryCrossentropy(config)`. */
  static fromConfig(config: SmoothedCrossentropyOptions): BinaryCrossentropy {
    return new BinaryCrossentropy(config);
  }

  override getConfig(): SmoothedCrossentropyConfig {
    return { ...super.getConfig(), fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing };
  }

  protected override perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    this.upper = upperClip(yPred.dtype);
    super.perSample(yPred, yTrue, out);
  }

  protected override gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    this.upper = upperClip(yPred.dtype);
    return super.gradient(yPred, yTrue, scale, out);
  }

  // Logits: f = max(z, 0) − z·y + log(1 + e^{−|z|}), the stable form of −y·log σ(z) − (1−y)·log(1−σ(z)).
  // Probabilities: f = −[y·log p̃ + (1 − y)·log(1 − p̃)] with p̃ = clip(p, ε, 1 − ε).
  // Both read the smoothed label y = t·(1 − s) + s/2.
  protected term(p: number, t: number): number {
    const y = t * this.labelKeep + this.labelShift;
    if (this.fromLogits) return math.max(p, 0) - p * y + math.log1p(math.exp(-math.abs(p)));
    const q = clipProbability(p, this.upper);
    return -(y * math.log(q) + (1 - y) * math.log(1 - q));
  }

  // Logits: d/dz [max(z,0) − z·y + log(1 + e^{−|z|})] = σ(z) − y on both sides of 0
  //   (z > 0: 1 − y − σ(−z) = σ(z) − y; z < 0: −y + σ(z)).
  // Probabilities: d/dp̃ [−y·log p̃ − (1−y)·log(1−p̃)] = −y/p̃ + (1−y)/(1−p̃) = (p̃ − y)/(p̃(1−p̃)),
  //   times dp̃/dp = 1 inside [ε, 1−ε] and 0 where the clip is active (as TensorFlow's clip).
  // Label smoothing only replaces t by the constant y = t·(1 − s) + s/2, so the same formulas hold.
  protected termGradient(p: number, t: number): number {
    const y = t * this.labelKeep + this.labelShift;
    if (this.fromLogits) return sigmoid(p) - y;
    return isWithinClip(p, this.upper) ? (p - y) / (p * (1 - p)) : 0;
  }
}

/** `σ(z) = 1 / (1 + e^{−z})`, computed so that `exp` never overflows. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + math.exp(-z));
  const e = math.exp(z);
  return e / (1 + e);
}
