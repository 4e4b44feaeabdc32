/** The Kullback-Leibler divergence loss between label and predicted distributions. */
import type { Tensor } from '../lib/tensor';
import { EPSILON } from './crossentropy-shared';
import { Loss, type LossConfig } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** `clip(v, ε, 1)`, Keras's clipping of both arguments of the divergence. */
function clipUnit(v: number): number {
  return v < EPSILON ? EPSILON : v > 1 ? 1 : v;
}

/**
 * The Kullback-Leibler divergence `KL(yTrue ‖ yPred)`, summed over the `C` entries of each
 * sample (not averaged), then averaged over the batch. As Keras, both arguments are clipped to
 * `[ε, 1]`, `ε = 1e-7`, with `t̃ = clip(t, ε, 1)` and `p̃ = clip(p, ε, 1)`:
 * `ℓ_i = Σ_j t̃_ij · log(t̃_ij / p̃_ij)`, `L = (1/N) Σ_i w_i · ℓ_i`.
 *
 * Gradient: `∂L/∂yPred[i, j] = −(w_i/N) · t̃_ij / p_ij` where `ε ≤ p_ij ≤ 1`, and 0 where the clip
 * is active (it passes no gradient).
 *
 * Shapes: yPred and yTrue are `[N, C]`, rows of probabilities; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const kld = new KLDivergence();
 * kld.forward(tensor([[0.5, 0.5]]), tensor([[1, 0]])); // 1·log(1/0.5) + ε·log(ε/0.5) ≈ 0.6931
 * ```
 */
export class KLDivergence extends Loss {
  static override readonly className: string = 'KLDivergence';

  /** Rebuilds the loss from {@link Loss.getConfig} (it has no options). */
  static fromConfig(_config: LossConfig = {}): KLDivergence {
    return new KLDivergence();
  }

  protected perSample(yPred: Tensor, yTrue: Tensor, out: Float64Array): void {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data;
    let pp = yPred.offset, tp = yTrue.offset;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < c; j++) {
        const y = clipUnit(t[tp++]);
        sum += y * (math.log(y) - math.log(clipUnit(p[pp++])));
      }
      out[i] = sum;
    }
  }

  // ∂/∂p̃ [t̃·(log t̃ − log p̃)] = −t̃/p̃, times dp̃/dp = 1 inside [ε, 1] and 0 where the clip is
  // active. The base's scale_i = w_i/N completes ∂L/∂p_ij.
  protected gradient(yPred: Tensor, yTrue: Tensor, scale: Float64Array, out: Tensor): Tensor {
    const [n, c] = yPred.shape;
    const p = yPred.data, t = yTrue.data, g = out.data;
    let pp = yPred.offset, tp = yTrue.offset, gp = out.offset;
    for (let i = 0; i < n; i++) {
      const k = scale[i];
      for (let j = 0; j < c; j++) {
        const q = p[pp++];
        const y = clipUnit(t[tp++]);
        g[gp++] = q >= EPSILON && q <= 1 ? (-k * y) / q : 0;
      }
    }
    return out;
  }
}
