/** {@link Tanh}: the hyperbolic tangent. */
import type { LayerConfig } from '../layer';
import { ElementwiseActivation } from './elementwise-activation';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/**
 * `y = tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x))` element by element, in `(−1, 1)`.
 *
 * Input: `[batch, …]`. Output: the same shape.
 * @example
 * ```ts
 * new Tanh().forward(tensor([[0]])); // [[0]]
 * ```
 */
export class Tanh extends ElementwiseActivation {
  static override readonly className: string = 'Tanh';

  /** `new Tanh(config)`: rebuilds a layer from {@link Layer.getConfig}. */
  static fromConfig(config: LayerConfig): Tanh {
    return new Tanh(config);
  }

  /** `f(x) = tanh(x)`. */
  protected activate(x: number): number {
    return math.tanh(x);
  }

  /** `f′(x) = 1 − tanh²(x) = 1 − y²`. */
  protected derivative(y: number): number {
    return 1 - y * y;
  }
}
