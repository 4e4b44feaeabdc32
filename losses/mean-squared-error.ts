/** The mean squared error loss. */
import type { LossOptions } from './loss';
import { ElementwiseLoss } from './elementwise-loss';

/**
 * The mean squared error, averaged over the `C` outputs of each sample as Keras does, then over
 * the batch: `ℓ_i = (1/C) Σ_j (yPred[i, j] − yTrue[i, j])²`, `L = (1/N) Σ_i w_i · ℓ_i`.
 *
 * Gradient: `∂L/∂yPred[i, j] = (w_i/N) · (2/C) · (yPred[i, j] − yTrue[i, j])`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const mse = new MeanSquaredError();
 * mse.forward(tensor([[1, 2]]), tensor([[0, 0]])); // (1 + 4) / 2 = 2.5
 * const dYPred = mse.backward();                    // [[1, 2]]
 * ```
 */
export class MeanSquaredError extends ElementwiseLoss {
  static override readonly className: string = 'MeanSquaredError';

  /** Rebuilds the loss from {@link Loss.getConfig} (its only option is `reduction`). */
  static fromConfig(config: LossOptions = {}): MeanSquaredError {
    return new MeanSquaredError(config);
  }

  protected term(p: number, t: number): number {
    const d = p - t;
    return d * d;
  }

  // ∂/∂p (p − t)² = 2 · (p − t).
  protected termGradient(p: number, t: number): number {
    return 2 * (p - t);
  }
}
