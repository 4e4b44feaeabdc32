/** The Kullback-Leibler divergence loss between label and predicted distributions. */
import { EPSILON } from './crossentropy-shared';
import type { LossOptions } from './loss';
import { ElementwiseLoss } from './elementwise-loss';

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
export class KLDivergence extends ElementwiseLoss {
  static override readonly className: string = 'KLDivergence';

  /** Rebuilds the loss from {@link Loss.getConfig} (its only option is `reduction`). */
  static fromConfig(config: LossOptions = {}): KLDivergence {
    return new KLDivergence(config);
  }

  /** Summed over the outputs, not averaged, as Keras's `kl_divergence`. */
  protected override readonly isMeanOverOutputs = false;

  protected term(p: number, t: number): number {
    const y = clipUnit(t);
    return y * (math.log(y) - math.log(clipUnit(p)));
  }

  // ∂/∂p̃ [t̃·(log t̃ − log p̃)] = −t̃/p̃, times dp̃/dp = 1 inside [ε, 1] and 0 where the clip is
  // active.
  protected termGradient(p: number, t: number): number {
    return p >= EPSILON && p <= 1 ? -clipUnit(t) / p : 0;
  }
}
