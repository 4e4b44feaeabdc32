/** {@link Swish}: `x·σ(x)`, also called SiLU. */
import type { LayerConfig } from '../layer';
import { InputDerivativeActivation } from './input-derivative-activation';
import { logistic } from './logistic';

/**
 * `y = x·σ(x)` element by element (Ramachandran et al., 2017; Elfwing et al. call it SiLU),
 * Keras's `'silu'`/`'swish'`. It is not monotonic (its minimum is near `x ≈ −1.28`), so
 * backward uses slopes cached from `x`.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new Swish().forward(tensor([[0, 1]])); // [[0, 0.7311]]
 * ```
 */
export class Swish extends InputDerivativeActivation {
  static override readonly className: string = 'Swish';

  /** `new Swish(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Swish {
    return new Swish(config);
  }

  /** `f(x) = x·σ(x)`. */
  protected activate(x: number): number {
    return x * logistic(x);
  }

  /** `f′(x) = σ(x) + x·σ(x)·(1 − σ(x)) = σ(x)·(1 + x·σ(−x))`, using `1 − σ(x) = σ(−x)` to avoid cancellation. */
  protected derivative(x: number): number {
    return logistic(x) * (1 + x * logistic(-x));
  }
}
