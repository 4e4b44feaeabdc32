/** The Poisson loss, for predicted rates of count data. */
import { EPSILON } from './crossentropy-shared';
import type { LossOptions } from './loss';
import { ElementwiseLoss } from './elementwise-loss';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * The Poisson negative log-likelihood up to a constant, for predicted rates `p ≥ 0` of observed
 * counts `t`, averaged over the `C` outputs of each sample, then over the batch:
 * `ℓ_i = (1/C) Σ_j (p_ij − t_ij · log(p_ij + ε))`, `ε = 1e-7`, `L = (1/N) Σ_i w_i · ℓ_i`.
 *
 * Gradient: `∂L/∂yPred[i, j] = (w_i/N) · (1 − t_ij / (p_ij + ε)) / C`.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`. Predictions at or below `−ε`
 * give NaN, as in Keras: end the model with an exponential or softplus.
 *
 * @throws ShapeError (from forward) when yTrue's shape differs from yPred's.
 * @example
 * ```ts
 * const poisson = new Poisson();
 * poisson.forward(tensor([[1, 2]]), tensor([[1, 0]])); // ((1 − 1·log 1) + 2) / 2 ≈ 1.5
 * ```
 */
export class Poisson extends ElementwiseLoss {
  static override readonly className: string = 'Poisson';

  /** Rebuilds the loss from {@link Loss.getConfig} (its only option is `reduction`). */
  static fromConfig(config: LossOptions = {}): Poisson {
    return new Poisson(config);
  }

  protected term(p: number, t: number): number {
    return p - t * math.log(p + EPSILON);
  }

  // ∂/∂p [p − t·log(p + ε)] = 1 − t/(p + ε).
  protected termGradient(p: number, t: number): number {
    return 1 - t / (p + EPSILON);
  }
}
