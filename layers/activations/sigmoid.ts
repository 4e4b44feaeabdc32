/** {@link Sigmoid}: the logistic function. */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `y = σ(x) = 1 / (1 + e^(−x))` element by element, in `(0, 1)`.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new Sigmoid().forward(tensor([[0]])); // [[0.5]]
 * ```
 */
export class Sigmoid extends ElementwiseActivation {
  static override readonly className: string = 'Sigmoid';

  /** `new Sigmoid(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Sigmoid {
    return new Sigmoid(config);
  }

  /** `f(x) = 1 / (1 + e^(−x))`; for very negative `x`, `e^(−x)` overflows to ∞ and `f` to 0, never NaN. */
  protected activate(x: number): number {
    return 1 / (1 + math.exp(-x));
  }

  /** `f′(x) = σ(x)·(1 − σ(x)) = y·(1 − y)`. */
  protected derivative(y: number): number {
    return y * (1 - y);
  }
}
