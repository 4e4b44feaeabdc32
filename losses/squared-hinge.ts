/** The squared hinge loss: the hinge's margin violations, squared. */
import { HingeLabelLoss } from './hinge-label-loss';
import type { LossOptions } from './loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The squared hinge loss, averaged over the `C` outputs of each sample, then over the batch:
 * `ℓ_i = (1/C) Σ_j max(1 − y_ij · p_ij, 0)²`, `L = (1/N) Σ_i w_i · ℓ_i`, for labels `y = ±1`.
 * Binary labels are accepted as Keras does: when every label of the batch is 0 or 1, `y = 2t − 1`.
 *
 * Gradient: `∂L/∂yPred[i, j] = −(w_i/N) · 2 · y_ij · max(1 − y_ij · p_ij, 0) / C`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const loss = new SquaredHinge();
 * loss.forward(tensor([[0.5, -2]]), tensor([[1, 1]])); // (0.25 + 9) / 2 = 4.625
 * ```
 */
export class SquaredHinge extends HingeLabelLoss {
  static override readonly className: string = 'SquaredHinge';

  /** Rebuilds the loss from {@link Loss.getConfig} (its only option is `reduction`). */
  static fromConfig(config: LossOptions = {}): SquaredHinge {
    return new SquaredHinge(config);
  }

  protected term(p: number, t: number): number {
    const m = math.max(1 - this.signedLabel(t) * p, 0);
    return m * m;
  }

  // With m = max(1 − y·p, 0): ∂m²/∂p = 2m · ∂m/∂p = 2m · (−y) (where m = 0 the product is 0
  // anyway), so ∂f/∂p = −2·y·m.
  protected termGradient(p: number, t: number): number {
    const y = this.signedLabel(t);
    return -2 * y * math.max(1 - y * p, 0);
  }
}
