/** The cosine similarity loss: the negative cosine of the angle between label and prediction. */
import { ConfigError } from '../lib/errors';
import type { Tensor } from '../lib/tensor';
import { EPSILON } from './crossentropy-shared';
import { Loss, type LossOptions } from './loss';
import { formatString, optionsObject } from '../lib/checks';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link CosineSimilarity}. */
export interface CosineSimilarityOptions extends LossOptions {
  /**
   * The features axis along which the vectors are compared: `-1` or, equivalently for `[N, C]`
   * predictions, `1`. @defaultValue -1
   */
  axis?: number;
}

/** The JSON form of {@link CosineSimilarityOptions}, defaults resolved. */
export interface CosineSimilarityConfig {
  [option: string]: unknown;
  axis: number;
}

/**
 * The negative cosine similarity of each sample's prediction and label vectors, averaged over
 * the batch (Keras's `CosineSimilarity`): minimizing it aligns the vectors. With
 * `x̂ = x / max(‖x‖, ε)`, `ε = 1e-7`:
 * `ℓ_i = −Σ_j t̂_ij · p̂_ij`, `L = (1/N) Σ_i w_i · ℓ_i`.
 * So `ℓ_i = −1` for parallel vectors, 0 for orthogonal ones (and when either vector is zero),
 * and 1 for opposite ones.
 *
 * Gradient, with `r_i = ‖p_i‖`: `∂L/∂p_i = −(w_i/N) · (t̂_i + ℓ_i · p̂_i) / r_i` where `r_i > ε`
 * (the component of `t̂_i` orthogonal to `p_i`, over `r_i`), and `−(w_i/N) · t̂_i / ε` where the
 * norm is floored at `ε`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ConfigError when `axis` is neither −1 nor 1.
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const cosine = new CosineSimilarity();
 * cosine.forward(tensor([[1, 0], [2, 2]]), tensor([[0, 1], [1, 1]])); // (0 + −1) / 2 = −0.5
 * ```
 */
export class CosineSimilarity extends Loss {
  static override readonly className: string = 'CosineSimilarity';
  static override readonly optionKeys: readonly string[] = ['axis'];

  /** The features axis, −1 or 1. */
  readonly axis: number;

  constructor(options: CosineSimilarityOptions = {}) {
    options = optionsObject(options, 'CosineSimilarity');
    super(options);
    const axis = options.axis ?? -1;
    if (axis !== -1 && axis !== 1) {
      throw new ConfigError(`CosineSimilarity: axis must be -1 or 1 (the features axis of [N, C] predictions), got ${formatString(axis)}`);
    }
    this.axis = axis;
  }

  /** `new CosineSimilarity(config)`. */
  static fromConfig(config: CosineSimilarityOptions): CosineSimilarity {
    return new CosineSimilarity(config);
  }

  override getConfig(): CosineSimilarityConfig {
    return { ...super.getConfig(), axis: this.axis };
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data;
    for (let i = 0, row = yPred.offset, trow = yTrue.offset; i < n; i++, row += c, trow += c) {
      let dot = 0, pp = 0, tt = 0;
      for (let j = 0; j < c; j++) {
        const a = p[row + j], b = t[trow + j];
        dot += a * b;
        pp += a * a;
        tt += b * b;
      }
      out[i] = -dot / (flooredNorm(pp) * flooredNorm(tt));
    }
  }

  // ℓ = −t̂·p̂ with p̂ = p/r, r = ‖p‖ > ε: ∂p̂_j/∂p_k = (δ_jk − p̂_j p̂_k)/r, so
  //   ∂ℓ/∂p_k = −(t̂_k − (t̂·p̂) p̂_k)/r = −(t̂_k + ℓ·p̂_k)/r.
  // Where the norm is floored, p̂ = p/ε is linear in p and ∂ℓ/∂p_k = −t̂_k/ε.
  // The base's scale_i = w_i/N completes ∂L/∂yPred.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data, g = out.data;
    for (let i = 0, row = yPred.offset, trow = yTrue.offset, gp = out.offset; i < n; i++, row += c, trow += c, gp += c) {
      let dot = 0, pp = 0, tt = 0;
      for (let j = 0; j < c; j++) {
        const a = p[row + j], b = t[trow + j];
        dot += a * b;
        pp += a * a;
        tt += b * b;
      }
      const r = flooredNorm(pp), s = flooredNorm(tt);
      const loss = -dot / (r * s);
      const k = scale[i];
      const isFloored = r === EPSILON;
      for (let j = 0; j < c; j++) {
        const tHat = t[trow + j] / s;
        g[gp + j] = isFloored ? (-k * tHat) / r : (-k * (tHat + (loss * p[row + j]) / r)) / r;
      }
    }
    return out;
  }
}

/** `max(√sumOfSquares, ε)`: a vector's norm, floored as Keras's `normalize` does. */
function flooredNorm(sumOfSquares: number): number {
  return math.max(math.sqrt(sumOfSquares), EPSILON);
}
