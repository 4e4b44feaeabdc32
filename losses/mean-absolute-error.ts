/** The mean absolute error loss. */
import type { LossOptions } from './loss';
import { ElementwiseLoss } from './elementwise-loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The mean absolute error, averaged over the `C` outputs of each sample as Keras does, then over
 * the batch: `ℓ_i = (1/C) Σ_j |yPred[i, j] − yTrue[i, j]|`, `L = (1/N) Σ_i w_i · ℓ_i`.
 *
 * Gradient: `∂L/∂yPred[i, j] = (w_i/N) · sign(yPred[i, j] − yTrue[i, j]) / C`, with `sign(0) = 0`
 * (the subgradient TensorFlow uses at the kink).
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const mae = new MeanAbsoluteError();
 * mae.forward(tensor([[1, -2]]), tensor([[0, 0]])); // (1 + 2) / 2 = 1.5
 * const dYPred = mae.backward();                     // [[0.5, −0.5]]
 * ```
 */
export class MeanAbsoluteError extends ElementwiseLoss {
  static override readonly className: string = 'MeanAbsoluteError';

  /** Rebuilds the loss from {@link Loss.getConfig} (its only option is `reduction`). */
  static fromConfig(config: LossOptions = {}): MeanAbsoluteError {
    return new MeanAbsoluteError(config);
  }

  protected term(p: number, t: number): number {
    return math.abs(p - t);
  }

  // ∂/∂p |p − t| = sign(p − t), taken as 0 where p = t.
  protected termGradient(p: number, t: number): number {
    return math.sign(p - t);
  }
}
