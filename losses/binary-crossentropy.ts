/** The binary cross-entropy loss, on probabilities or on logits. */
import type { Tensor } from '../lib/tensor';
import { Loss } from './loss';
import {
  clipProbability, isWithinClip, resolveSmoothedCrossentropyOptions,
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
 * - Probabilities (default): with `p̃ = clip(p, ε, 1 − ε)`, `ε = 1e-7`,
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
export class BinaryCrossentropy extends Loss {
  static override readonly className: string = 'BinaryCrossentropy';

  /** True when yPred holds logits. */
  readonly fromLogits: boolean;

  /** The label smoothing `s` in `[0, 1]`. */
  readonly labelSmoothing: number;

  constructor(options: SmoothedCrossentropyOptions = {}) {
    super();
    const config = resolveSmoothedCrossentropyOptions('BinaryCrossentropy', options);
    this.fromLogits = config.fromLogits;
    this.labelSmoothing = config.labelSmoothing;
  }

  /** `new BinaryCrossentropy(config)`. */
  static fromConfig(config: SmoothedCrossentropyOptions): BinaryCrossentropy {
    return new BinaryCrossentropy(config);
  }

  override getConfig(): SmoothedCrossentropyConfig {
    return { fromLogits: this.fromLogits, labelSmoothing: this.labelSmoothing };
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data;
    const keep = 1 - this.labelSmoothing, shift = this.labelSmoothing / 2;
    let pp = yPred.offset, tp = yTrue.offset;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      if (this.fromLogits) {
        for (let j = 0; j < c; j++) {
          const z = p[pp++];
          sum += math.max(z, 0) - z * (t[tp++] * keep + shift) + math.log1p(math.exp(-math.abs(z)));
        }
      } else {
        for (let j = 0; j < c; j++) {
          const q = clipProbability(p[pp++]);
          const y = t[tp++] * keep + shift;
          sum -= y * math.log(q) + (1 - y) * math.log(1 - q);
        }
      }
      out[i] = sum / c;
    }
  }

  // Logits: d/dz [max(z,0) − z·t + log(1 + e^{−|z|})] = σ(z) − t on both sides of 0
  //   (z > 0: 1 − t − σ(−z) = σ(z) − t; z < 0: −t + σ(z)), so ∂ℓ_i/∂z_ij = (σ(z_ij) − t_ij)/C.
  // Probabilities: d/dp̃ [−t·log p̃ − (1−t)·log(1−p̃)] = −t/p̃ + (1−t)/(1−p̃) = (p̃ − t)/(p̃(1−p̃)),
  //   times dp̃/dp = 1 inside [ε, 1−ε] and 0 where the clip is active (as TensorFlow's clip).
  // Label smoothing only replaces t by the constant t·(1 − s) + s/2, so the same formulas hold.
  // The base's scale_i = w_i/N completes ∂L/∂yPred.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data, g = out.data;
    const keep = 1 - this.labelSmoothing, shift = this.labelSmoothing / 2;
    let pp = yPred.offset, tp = yTrue.offset, gp = out.offset;
    for (let i = 0; i < n; i++) {
      const k = scale[i] / c;
      if (this.fromLogits) {
        for (let j = 0; j < c; j++) g[gp++] = k * (sigmoid(p[pp++]) - (t[tp++] * keep + shift));
      } else {
        for (let j = 0; j < c; j++) {
          const q = p[pp++];
          const y = t[tp++] * keep + shift;
          g[gp++] = isWithinClip(q) ? (k * (q - y)) / (q * (1 - q)) : 0;
        }
      }
    }
    return out;
  }
}

/** `σ(z) = 1 / (1 + e^{−z})`, computed so that `exp` never overflows. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + math.exp(-z));
  const e = math.exp(z);
  return e / (1 + e);
}
