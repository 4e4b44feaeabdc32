/** The mean absolute percentage error loss. */
import { EPSILON } from './crossentropy-shared';
import { ElementwiseLoss } from './elementwise-loss';
import type { LossOptions } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The mean absolute percentage error (Keras's `MeanAbsolutePercentageError`), averaged over the
 * `C` outputs of each sample, then over the batch. With `ε = 1e-7` guarding a zero label:
 * `ℓ_i = (100/C) Σ_j |t_ij − p_ij| / max(|t_ij|, ε)`, `L = (1/N) Σ_i w_i · ℓ_i`.
 *
 * Gradient: `∂L/∂p_ij = (w_i/N) · (100/C) · sign(p_ij − t_ij) / max(|t_ij|, ε)` (0 where `p = t`).
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * new MeanAbsolutePercentageError().forward(tensor([[90, 210, 310]]), tensor([[100, 200, 300]])); // 6.1111
 * ```
 */
export class MeanAbsolutePercentageError extends ElementwiseLoss {
  static override readonly className: string = 'MeanAbsolutePercentageError';

  /** Rebuilds the loss from {@link Loss.getConfig} (its only option is `reduction`). */
  static fromConfig(config: LossOptions = {}): MeanAbsolutePercentageError {
    return new MeanAbsolutePercentageError(config);
  }

  protected term(p: number, t: number): number {
    return (100 * math.abs(t - p)) / math.max(math.abs(t), EPSILON);
  }

  // ∂/∂p [100·|t − p| / max(|t|, ε)] = 100·sign(p − t) / max(|t|, ε): the divisor does not depend on p.
  protected termGradient(p: number, t: number): number {
    return (100 * math.sign(p - t)) / math.max(math.abs(t), EPSILON);
  }
}
