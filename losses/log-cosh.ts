/** The log-cosh loss: like MSE/2 for small errors, like MAE for large ones. */
import type { LossOptions } from './loss';
import { ElementwiseLoss } from './elementwise-loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The logarithm of the hyperbolic cosine of the error `d = yPred − yTrue`, averaged over the `C`
 * outputs of each sample, then over the batch: `ℓ_i = (1/C) Σ_j log cosh(d_ij)`,
 * `L = (1/N) Σ_i w_i · ℓ_i`. It is computed as `|d| + log(1 + e^{−2|d|}) − log 2`, which never
 * overflows (`cosh` would beyond |d| ≈ 710).
 *
 * Gradient: `∂L/∂yPred[i, j] = (w_i/N) · tanh(d_ij) / C`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const logCosh = new LogCosh();
 * logCosh.forward(tensor([[1, 0]]), tensor([[0, 0]])); // (log cosh 1 + 0) / 2 ≈ 0.2169
 * ```
 */
export class LogCosh extends ElementwiseLoss {
  static override readonly className: string = 'LogCosh';

  /** Rebuilds the loss from {@link Loss.getConfig} (its only option is `reduction`). */
  static fromConfig(config: LossOptions = {}): LogCosh {
    return new LogCosh(config);
  }

  // cosh(d) = e^{|d|}(1 + e^{−2|d|})/2, so log cosh(d) = |d| + log(1 + e^{−2|d|}) − log 2.
  protected term(p: number, t: number): number {
    const a = math.abs(p - t);
    return a + math.log1p(math.exp(-2 * a)) - math.LN2;
  }

  // d/dd log cosh(d) = sinh(d)/cosh(d) = tanh(d), and ∂d/∂p = 1.
  protected termGradient(p: number, t: number): number {
    return math.tanh(p - t);
  }
}
