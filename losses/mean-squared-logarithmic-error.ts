/** The mean squared logarithmic error loss. */
import { EPSILON } from './crossentropy-shared';
import { ElementwiseLoss } from './elementwise-loss';
import type { LossOptions } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The mean squared logarithmic error (Keras's `MeanSquaredLogarithmicError`), averaged over the
 * `C` outputs of each sample, then over the batch. Values below `ε = 1e-7` are raised to `ε`:
 * `ℓ_i = (1/C) Σ_j (log(max(p_ij, ε) + 1) − log(max(t_ij, ε) + 1))²`, `L = (1/N) Σ_i w_i · ℓ_i`.
 *
 * Gradient: `∂L/∂p_ij = (w_i/N) · (2/C) · (log(p_ij + 1) − log(max(t_ij, ε) + 1)) / (p_ij + 1)` where
 * `p_ij > ε`, and 0 where the floor is active (it passes no gradient).
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * new MeanSquaredLogarithmicError().forward(tensor([[Math.E - 1]]), tensor([[0]])); // (1 − log(1 + 1e-7))² ≈ 1
 * ```
 */
export class MeanSquaredLogarithmicError extends ElementwiseLoss {
  static override readonly className: string = 'MeanSquaredLogarithmicError';

  /** Rebuilds the loss from {@link Loss.getConfig} (its only option is `reduction`). */
  static fromConfig(config: LossOptions = {}): MeanSquaredLogarithmicError {
    return new MeanSquaredLogarithmicError(config);
  }

  protected term(p: number, t: number): number {
    const d = math.log1p(math.max(p, EPSILON)) - math.log1p(math.max(t, EPSILON));
    return d * d;
  }

  // ∂/∂p (log(p + 1) − b)² = 2·(log(p + 1) − b)/(p + 1) for p > ε; max(p, ε) is constant below ε.
  protected termGradient(p: number, t: number): number {
    if (!(p > EPSILON)) return 0;
    return (2 * (math.log1p(p) - math.log1p(math.max(t, EPSILON)))) / (p + 1);
  }
}
