/** The hinge loss of maximum-margin classifiers. */
import { HingeLabelLoss } from './hinge-label-loss';
import type { LossOptions } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The hinge loss, averaged over the `C` outputs of each sample, then over the batch:
 * `ℓ_i = (1/C) Σ_j max(1 − y_ij · p_ij, 0)`, `L = (1/N) Σ_i w_i · ℓ_i`, for labels `y = ±1`.
 * Binary labels are accepted as Keras does: when every label of the batch is 0 or 1, `y = 2t − 1`.
 *
 * Gradient: `∂L/∂yPred[i, j] = −(w_i/N) · y_ij / C` where the margin `1 − y_ij · p_ij > 0`, and 0
 * elsewhere (including at the kink).
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const hinge = new Hinge();
 * hinge.forward(tensor([[0.5, -2]]), tensor([[1, 1]])); // labels ±1: (0.5 + 3) / 2 = 1.75
 * ```
 */
export class Hinge extends HingeLabelLoss {
  static override readonly className: string = 'Hinge';

  /** Rebuilds the loss from {@link Loss.getConfig} (its only option is `reduction`). */
  static fromConfig(config: LossOptions = {}): Hinge {
    return new Hinge(config);
  }

  protected term(p: number, t: number): number {
    return math.max(1 - this.signedLabel(t) * p, 0);
  }

  // ∂/∂p max(1 − y·p, 0) = −y where 1 − y·p > 0, else 0 (including at the kink).
  protected termGradient(p: number, t: number): number {
    const y = this.signedLabel(t);
    return 1 - y * p > 0 ? -y : 0;
  }
}
